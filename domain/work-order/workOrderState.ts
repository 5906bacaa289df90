// The state of a work order as its events build it (the decider's fold, and what pure queries such
// as isOverdue and labourSummary read).
import type { Actor } from '../shared/actor.js'
import { AppendList } from '../shared/appendList.js'
import type { FileRef } from '../shared/fileRef.js'
import type {
  Checklist,
  ChecklistItemResult,
  EstimateLine,
  IntakeProtocol,
  OrderCustomer,
  OrderEquipment,
  RecordedProblem,
  Signature,
  WorkOrderEvent,
  WorkOrderStatus,
} from './events.js'

export type LineDecisionState = 'pending' | 'approved' | 'declined'

export interface EstimateLineState {
  readonly line: EstimateLine
  readonly decision: LineDecisionState
  readonly decidedInRevision: number | null
  readonly reason: string | null
  /** A recommendation `<workOrderId>:<lineId>` was raised for it (it was declined once). */
  readonly recommendationRaised: boolean
}

export interface LabourEntry {
  readonly technicianId: string
  readonly lineId: string | null
  readonly startedAt: string
  readonly endedAt: string
  readonly minutes: number
  readonly automatic: boolean
}

export interface LogEntry {
  readonly entryId: string
  readonly author: Actor
  readonly text: string
  readonly photos: ReadonlyArray<FileRef>
  readonly visibleToCustomer: boolean
  readonly at: string
}

export interface WorkOrderState {
  readonly exists: boolean
  readonly workOrderId: string
  readonly pointId: string
  readonly equipment: OrderEquipment | null
  readonly customer: OrderCustomer | null
  readonly status: WorkOrderStatus
  readonly statusSince: string
  readonly customStatus: { readonly code: string; readonly label: string; readonly since: string } | null
  readonly openedAt: string
  readonly promisedAt: string | null
  readonly reworkOf: { readonly workOrderId: string; readonly reason: string } | null
  readonly reworkOrderIds: ReadonlyArray<string>
  /** The helpdesk ticket the order was opened from. */
  readonly ticketId: string | null
  readonly trackingCodeHash: string | null
  readonly intake: IntakeProtocol | null
  readonly signature: Signature | null
  readonly checklists: Readonly<
    Record<string, { readonly checklist: Checklist; readonly results: Readonly<Record<string, ChecklistItemResult>> }>
  >
  readonly problems: Readonly<Record<string, RecordedProblem>>
  /** In the order they were added. */
  readonly lines: ReadonlyArray<EstimateLineState>
  readonly estimatePhotos: ReadonlyArray<FileRef>
  /** 1 for the first estimate; each reopening adds one. */
  readonly revision: number
  /** The link currently valid for approval (null before sending and after reopening). */
  readonly access: { readonly codeHash: string; readonly expiresAt: string; readonly revision: number } | null
  readonly technicians: Readonly<Record<string, { readonly name: string; readonly assignedAt: string }>>
  readonly clocks: Readonly<Record<string, { readonly lineId: string | null; readonly since: string }>>
  /** Appended to, like the log (an entry per clock-out). */
  readonly labour: AppendList<LabourEntry>
  /** Appended to in place of copying (an order may collect thousands of entries; see shared/appendList.ts). */
  readonly log: AppendList<LogEntry>
  readonly external: { readonly repairerId: string; readonly repairerName: string; readonly sentAt: string } | null
  readonly closedAt: string | null
}

export const initialWorkOrderState: WorkOrderState = {
  exists: false,
  workOrderId: '',
  pointId: '',
  equipment: null,
  customer: null,
  status: 'intake',
  statusSince: '',
  customStatus: null,
  openedAt: '',
  promisedAt: null,
  reworkOf: null,
  reworkOrderIds: [],
  ticketId: null,
  trackingCodeHash: null,
  intake: null,
  signature: null,
  checklists: {},
  problems: {},
  lines: [],
  estimatePhotos: [],
  revision: 1,
  access: null,
  technicians: {},
  clocks: {},
  labour: AppendList.empty(),
  log: AppendList.empty(),
  external: null,
  closedAt: null,
}

/** The state as a document keeps it (read models): plain JSON, the log and labour as arrays. */
export type StoredWorkOrderState = Omit<WorkOrderState, 'log' | 'labour'> & {
  readonly log: ReadonlyArray<LogEntry>
  readonly labour: ReadonlyArray<LabourEntry>
}

export const storedWorkOrderState = (state: WorkOrderState): StoredWorkOrderState => ({
  ...state,
  log: state.log.toArray(),
  labour: state.labour.toArray(),
})

export const workOrderStateOf = (stored: StoredWorkOrderState): WorkOrderState => ({
  ...stored,
  log: AppendList.of(stored.log),
  labour: AppendList.of(stored.labour),
})

const moveTo = (state: WorkOrderState, status: WorkOrderStatus, at: string): WorkOrderState => ({
  ...state,
  status,
  statusSince: at,
})
const close = (state: WorkOrderState, status: WorkOrderStatus, at: string): WorkOrderState => ({
  ...moveTo(state, status, at),
  customStatus: null,
  closedAt: at,
})

function mapLines(
  state: WorkOrderState,
  change: (l: EstimateLineState) => EstimateLineState,
): ReadonlyArray<EstimateLineState> {
  return state.lines.map(change)
}

export function evolveWorkOrder(state: WorkOrderState, event: WorkOrderEvent): WorkOrderState {
  switch (event.type) {
    case 'WorkOrderOpened': {
      const d = event.data
      return {
        ...initialWorkOrderState,
        exists: true,
        workOrderId: d.workOrderId,
        pointId: d.pointId,
        equipment: d.equipment,
        customer: d.customer,
        status: 'intake',
        statusSince: d.openedAt,
        openedAt: d.openedAt,
        promisedAt: d.promisedAt,
        reworkOf: d.reworkOf,
        trackingCodeHash: d.trackingCodeHash,
        intake: d.intake,
      }
    }
    case 'IntakeProtocolSigned':
      return { ...state, signature: event.data.signature }
    case 'DiagnosisStarted':
      return moveTo(state, 'diagnosis', event.data.at)
    case 'ChecklistAssigned':
      return {
        ...state,
        checklists: {
          ...state.checklists,
          [event.data.checklist.checklistId]: { checklist: event.data.checklist, results: {} },
        },
      }
    case 'ChecklistResultsRecorded': {
      const entry = state.checklists[event.data.checklistId]
      if (!entry) return state
      const results = { ...entry.results }
      for (const r of event.data.results) results[r.itemId] = r
      return { ...state, checklists: { ...state.checklists, [event.data.checklistId]: { ...entry, results } } }
    }
    case 'ProblemRecorded':
      return { ...state, problems: { ...state.problems, [event.data.problem.problemId]: event.data.problem } }
    case 'ProblemWithdrawn': {
      const problems = { ...state.problems }
      delete problems[event.data.problemId]
      return { ...state, problems }
    }
    case 'EstimateLineAdded':
      return {
        ...state,
        lines: [
          ...state.lines,
          {
            line: event.data.line,
            decision: 'pending',
            decidedInRevision: null,
            reason: null,
            recommendationRaised: false,
          },
        ],
      }
    case 'EstimateLineChanged':
      return {
        ...state,
        lines: mapLines(state, (l) =>
          l.line.lineId === event.data.line.lineId
            ? { ...l, line: event.data.line, decision: 'pending', decidedInRevision: null, reason: null }
            : l,
        ),
      }
    case 'EstimateLineRemoved':
      return { ...state, lines: state.lines.filter((l) => l.line.lineId !== event.data.lineId) }
    case 'EstimatePhotosAttached':
      return { ...state, estimatePhotos: [...state.estimatePhotos, ...event.data.photos] }
    case 'EstimateSent':
      return {
        ...moveTo(state, 'estimate', event.data.at),
        access: {
          codeHash: event.data.accessCodeHash,
          expiresAt: event.data.accessCodeExpiresAt,
          revision: event.data.revision,
        },
      }
    case 'EstimateLinesDecided': {
      const byLine = new Map(event.data.decisions.map((d) => [d.lineId, d]))
      return {
        ...state,
        lines: mapLines(state, (l) => {
          const d = byLine.get(l.line.lineId)
          return d ? { ...l, decision: d.decision, decidedInRevision: event.data.revision, reason: d.reason } : l
        }),
      }
    }
    case 'EstimateDecided':
      return { ...moveTo(state, event.data.outcome, event.data.at), access: null }
    case 'RecommendationsRaised': {
      const raised = new Set(event.data.recommendations.map((r) => r.lineId))
      return {
        ...state,
        lines: mapLines(state, (l) => (raised.has(l.line.lineId) ? { ...l, recommendationRaised: true } : l)),
      }
    }
    case 'EstimateReopened':
      // Declined lines are offered again with the revised estimate (the customer may decline them
      // again); approved ones stay approved unless changed.
      return {
        ...moveTo(state, 'diagnosis', event.data.at),
        revision: event.data.revision,
        access: null,
        lines: mapLines(state, (l) =>
          l.decision === 'declined' ? { ...l, decision: 'pending', decidedInRevision: null, reason: null } : l,
        ),
      }
    case 'RepairStarted':
      return moveTo(state, 'in_repair', event.data.at)
    case 'SentToExternalRepairer':
      return {
        ...moveTo(state, 'at_external_repairer', event.data.at),
        external: { repairerId: event.data.repairerId, repairerName: event.data.repairerName, sentAt: event.data.at },
      }
    case 'ReturnedFromExternalRepairer':
      return { ...moveTo(state, 'in_repair', event.data.at), external: null }
    case 'WorkOrderReady':
      return moveTo(state, 'ready', event.data.at)
    case 'WorkOrderHandedOver':
      return close(state, 'handed_over', event.data.at)
    case 'WorkOrderReturnedUnrepaired':
      return close(state, 'returned_unrepaired', event.data.at)
    case 'WorkOrderDeclaredIrreparable':
      return close(state, 'irreparable', event.data.at)
    case 'WorkOrderCancelled':
      return close(state, 'cancelled', event.data.at)
    case 'CustomStatusEntered':
      return { ...state, customStatus: { code: event.data.code, label: event.data.label, since: event.data.at } }
    case 'CustomStatusLeft':
      return { ...state, customStatus: null }
    case 'TechnicianAssigned':
      return {
        ...state,
        technicians: {
          ...state.technicians,
          [event.data.technicianId]: { name: event.data.name, assignedAt: event.data.at },
        },
      }
    case 'TechnicianUnassigned': {
      const technicians = { ...state.technicians }
      delete technicians[event.data.technicianId]
      return { ...state, technicians }
    }
    case 'TechnicianLogEntryAdded': {
      const { workOrderId: _, ...entry } = event.data
      return { ...state, log: state.log.append(entry) }
    }
    case 'LabourClockedIn':
      return {
        ...state,
        clocks: { ...state.clocks, [event.data.technicianId]: { lineId: event.data.lineId, since: event.data.at } },
      }
    case 'LabourClockedOut': {
      const clocks = { ...state.clocks }
      delete clocks[event.data.technicianId]
      const d = event.data
      return {
        ...state,
        clocks,
        labour: state.labour.append({
          technicianId: d.technicianId,
          lineId: d.lineId,
          startedAt: d.startedAt,
          endedAt: d.at,
          minutes: d.minutes,
          automatic: d.automatic,
        }),
      }
    }
    case 'PromisedDateSet':
      return { ...state, promisedAt: event.data.promisedAt }
    case 'ReworkOrderLinked':
      return { ...state, reworkOrderIds: [...state.reworkOrderIds, event.data.reworkOrderId] }
    case 'WorkOrderTicketLinked':
      return { ...state, ticketId: event.data.ticketId }
  }
}
