// A work order as the application reads it: the domain's state, plus what the state forgets and
// readers need (the trail of statuses with times, when it became ready, the revision read). Folded
// from the order's stream through a StreamStateCache, so reads see every write made before them.
//
// Three shapes go out: the staff view (everything but the hashes of access codes: short codes are
// bearer secrets and their hashes must not leave the server), the owner's view (a customer's or
// fleet's own order: internal log entries left out), and the public tracking view (status and the
// customer-meant history only: no prices, no people, no notes staff keep for themselves).

import type { WorkOrderEvent, WorkOrderStatus } from '../../domain/work-order/events.js'
import { type LabourSummary, labourSummary } from '../../domain/work-order/labour.js'
import { overdueMinutes } from '../../domain/work-order/overdue.js'
import { evolveWorkOrder, initialWorkOrderState, type WorkOrderState } from '../../domain/work-order/workOrderState.js'
import type { DomainEvent } from '../eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../ports/eventStore.js'
import type { StreamFold } from '../serviceNetwork/streamStateCache.js'

export interface StatusStep {
  readonly status: WorkOrderStatus
  /** A point-defined status over the phase, when one was entered. */
  readonly customStatus: { readonly code: string; readonly label: string } | null
  readonly at: string
}

export interface OrderFold {
  readonly state: WorkOrderState
  readonly statusHistory: ReadonlyArray<StatusStep>
  readonly readyAt: string | null
  readonly estimateSentAt: string | null
  /**
   * The last estimate link sent, kept after the answer (the domain forgets it then): a customer who
   * opens the link again sees what he decided instead of being counted as guessing a code.
   */
  readonly lastEstimateLink: { readonly codeHash: string; readonly expiresAt: string; readonly revision: number } | null
  readonly lastEventAt: string | null
}

export const initialOrderFold: OrderFold = {
  state: initialWorkOrderState,
  statusHistory: [],
  readyAt: null,
  estimateSentAt: null,
  lastEstimateLink: null,
  lastEventAt: null,
}

/** When the event says it happened (the command's time), if it says so. */
function eventTime(event: WorkOrderEvent): string | null {
  if (event.type === 'WorkOrderOpened') return event.data.openedAt
  return 'at' in event.data && typeof event.data.at === 'string' ? event.data.at : null
}

export function evolveOrderFold(fold: OrderFold, event: WorkOrderEvent, occurredAt: string | null): OrderFold {
  const state = evolveWorkOrder(fold.state, event)
  const before = fold.state
  const custom = state.customStatus ? { code: state.customStatus.code, label: state.customStatus.label } : null
  const changed =
    !before.exists || before.status !== state.status || before.customStatus?.code !== state.customStatus?.code
  const at = eventTime(event) ?? occurredAt ?? state.statusSince
  return {
    state,
    statusHistory: changed
      ? [...fold.statusHistory, { status: state.status, customStatus: custom, at }]
      : fold.statusHistory,
    readyAt: event.type === 'WorkOrderReady' ? event.data.at : fold.readyAt,
    estimateSentAt: event.type === 'EstimateSent' ? event.data.at : fold.estimateSentAt,
    lastEstimateLink:
      event.type === 'EstimateSent'
        ? {
            codeHash: event.data.accessCodeHash,
            expiresAt: event.data.accessCodeExpiresAt,
            revision: event.data.revision,
          }
        : fold.lastEstimateLink,
    lastEventAt: occurredAt ?? fold.lastEventAt,
  }
}

export const orderFold: StreamFold<OrderFold> = {
  initialState: initialOrderFold,
  evolve: (fold: OrderFold, event: DomainEvent, recorded: RecordedEvent) =>
    evolveOrderFold(fold, event as WorkOrderEvent, recorded.metadata.occurredAt),
}

/** The order as staff see it. */
/** `revision` is the estimate's (what an answer names); `streamRevision` the order stream's last event. */
export function staffView(fold: OrderFold, streamRevision: number, now: string) {
  const { trackingCodeHash: _tracking, access, ...state } = fold.state
  return {
    ...state,
    log: state.log.toArray(),
    streamRevision,
    estimateLink: access ? { revision: access.revision, expiresAt: access.expiresAt } : null,
    statusHistory: fold.statusHistory,
    readyAt: fold.readyAt,
    overdueMinutes: overdueMinutes(fold.state, now),
    labour: labourSummary(fold.state, now) as LabourSummary,
  }
}
export type WorkOrderStaffView = ReturnType<typeof staffView>

/** A customer's or fleet's own order: what staff see, less their internal log and labour clock. */
export function ownerView(fold: OrderFold, streamRevision: number, now: string) {
  const {
    labour: _labour,
    clocks: _clocks,
    technicians: _technicians,
    log,
    ...rest
  } = staffView(fold, streamRevision, now)
  return {
    ...rest,
    log: log
      .filter((e) => e.visibleToCustomer)
      .map((e) => ({ entryId: e.entryId, text: e.text, photos: e.photos, at: e.at })),
  }
}
export type WorkOrderOwnerView = ReturnType<typeof ownerView>

const STATUS_TEXT: Readonly<Record<WorkOrderStatus, { pl: string; en: string }>> = {
  intake: { pl: 'Przyjęty do serwisu', en: 'Received' },
  diagnosis: { pl: 'Diagnoza', en: 'Being inspected' },
  estimate: { pl: 'Kosztorys czeka na akceptację', en: 'Estimate awaiting your decision' },
  approved: { pl: 'Kosztorys zaakceptowany', en: 'Estimate approved' },
  partially_approved: { pl: 'Kosztorys zaakceptowany częściowo', en: 'Estimate partly approved' },
  rejected: { pl: 'Kosztorys odrzucony', en: 'Estimate declined' },
  in_repair: { pl: 'W naprawie', en: 'In repair' },
  // The customer learns the item is being repaired elsewhere, not where (the partner is ours to name).
  at_external_repairer: { pl: 'W naprawie u partnera', en: 'In repair at a partner workshop' },
  ready: { pl: 'Gotowy do odbioru', en: 'Ready for pickup' },
  handed_over: { pl: 'Wydany', en: 'Handed over' },
  returned_unrepaired: { pl: 'Zwrócony bez naprawy', en: 'Returned unrepaired' },
  irreparable: { pl: 'Nie do naprawy', en: 'Beyond repair' },
  cancelled: { pl: 'Anulowany', en: 'Cancelled' },
}

export const statusText = (status: WorkOrderStatus): { pl: string; en: string } => STATUS_TEXT[status]

export interface TrackingEntry {
  readonly at: string
  readonly kind: 'status' | 'note'
  readonly status: WorkOrderStatus | null
  readonly text: { readonly pl: string; readonly en: string }
}

/** The public status page: status and the history meant for the customer, nothing else. */
export function trackingView(fold: OrderFold) {
  const s = fold.state
  const entries: TrackingEntry[] = [
    ...fold.statusHistory.map((step) => ({
      at: step.at,
      kind: 'status' as const,
      status: step.status,
      text: step.customStatus ? { pl: step.customStatus.label, en: step.customStatus.label } : statusText(step.status),
    })),
    ...s.log
      .filter((e) => e.visibleToCustomer)
      .map((e) => ({ at: e.at, kind: 'note' as const, status: null, text: { pl: e.text, en: e.text } })),
  ].sort((a, b) => a.at.localeCompare(b.at))
  return {
    workOrderId: s.workOrderId,
    pointId: s.pointId,
    equipment: s.equipment ? { label: s.equipment.label, kind: s.equipment.kind } : null,
    status: s.status,
    statusText: s.customStatus ? { pl: s.customStatus.label, en: s.customStatus.label } : statusText(s.status),
    openedAt: s.openedAt,
    promisedAt: s.promisedAt,
    readyAt: fold.readyAt,
    closedAt: s.closedAt,
    /** An estimate waits for the customer's answer (the link with its own code was sent). */
    estimateAwaitingDecision: s.status === 'estimate',
    history: entries,
  }
}
export type TrackingView = ReturnType<typeof trackingView>
