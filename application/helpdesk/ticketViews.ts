// Read-model names and documents of helpdesk tickets, the SLA summary lists and dashboards show,
// and the detailed view of one ticket.
import type { Priority, SlaTerms } from '../../domain/contract/sla.js'
import type { MessageVisibility, TicketChannel, TicketEvent, TicketRequester } from '../../domain/helpdesk/events.js'
import { type SlaStatus, slaClock } from '../../domain/helpdesk/slaClock.js'
import type { TicketStatus } from '../../domain/helpdesk/ticketDecider.js'
import type { Actor } from '../../domain/shared/actor.js'
import type { Document } from '../ports/documentStore.js'

export const TICKETS = { projection: 'tickets', tickets: 'tickets' } as const

export const OPEN_STATUSES: ReadonlyArray<TicketStatus> = ['open', 'in_progress', 'waiting_for_customer']

/** The events the SLA clock reads, stripped of texts: enough to recompute the clock for any moment. */
const CLOCK_EVENTS: ReadonlySet<TicketEvent['type']> = new Set([
  'TicketOpened',
  'TicketPriorityChanged',
  'TicketMessagePosted',
  'TicketWorkStarted',
  'TicketWaitingForCustomer',
  'TicketResumed',
  'TicketResolved',
  'TicketClosed',
  'TicketReopened',
  'TicketConvertedToWorkOrder',
  'TicketEscalated',
])

export function clockEvent(event: TicketEvent): TicketEvent | null {
  if (!CLOCK_EVENTS.has(event.type)) return null
  switch (event.type) {
    case 'TicketOpened':
      return { type: event.type, data: { ...event.data, subject: '', description: '', sla: null } }
    case 'TicketMessagePosted':
      return { type: event.type, data: { ...event.data, body: '' } }
    case 'TicketConvertedToWorkOrder':
      return { type: event.type, data: { ...event.data, description: '' } }
    default:
      return event
  }
}

export interface TicketDoc extends Document {
  _id: string
  ticketId: string
  status: TicketStatus
  open: boolean
  priority: Priority
  subject: string
  channel: TicketChannel
  requester: TicketRequester
  customerId: string | null
  fleetId: string | null
  contractId: string | null
  pointId: string | null
  equipmentId: string | null
  assigneeId: string | null
  workOrderId: string | null
  rating: { stars: number; comment: string | null } | null
  sla: SlaTerms | null
  /** The clock's events (texts stripped), to recompute the SLA state at query time. */
  clock: TicketEvent[]
  /** When the SLA answer next changes without an event, as of the last event; null: never. */
  slaNextCheckAt: string | null
  escalations: Array<{ target: string; level: string; at: string }>
  openedAt: string
  updatedAt: string
  resolvedAt: string | null
}

export type SlaState = 'none' | 'met' | 'on_track' | 'due_soon' | 'paused' | 'breached'

export interface SlaSummary {
  readonly state: SlaState
  readonly reactionDeadline: string | null
  readonly resolutionDeadline: string | null
  readonly breachedAt: string | null
  /** The highest escalation level due now: point_manager, then head_office. */
  readonly escalation: 'point_manager' | 'head_office' | null
}

/** "Due soon": less than this share of the target's time is left. */
const DUE_SOON_SHARE = 0.25

export function slaSummary(clock: ReadonlyArray<TicketEvent>, sla: SlaTerms | null, at: string): SlaSummary {
  const status: SlaStatus | null = slaClock(clock, sla, at)
  if (status === null)
    return { state: 'none', reactionDeadline: null, resolutionDeadline: null, breachedAt: null, escalation: null }
  const { reaction, resolution } = status
  const breachedAt =
    [reaction.breachedAt, resolution.breachedAt].filter((b): b is string => b !== null).sort()[0] ?? null
  const escalations = [reaction.escalation, resolution.escalation]
  const escalation = escalations.includes('head_office')
    ? 'head_office'
    : escalations.includes('point_manager')
      ? 'point_manager'
      : null
  const nowMs = Date.parse(at)
  const pending = [reaction, resolution].filter((c) => c.metAt === null)
  let state: SlaState
  if (reaction.breached || resolution.breached) state = 'breached'
  else if (pending.length === 0) state = 'met'
  else if (pending.every((c) => c.paused)) state = 'paused'
  else
    state = pending.some((c) => !c.paused && Date.parse(c.deadline) - nowMs < c.targetMinutes * 60_000 * DUE_SOON_SHARE)
      ? 'due_soon'
      : 'on_track'
  return {
    state,
    reactionDeadline: reaction.metAt === null ? reaction.deadline : null,
    resolutionDeadline: resolution.metAt === null ? resolution.deadline : null,
    breachedAt,
    escalation,
  }
}

export interface TicketListItem {
  readonly ticketId: string
  readonly status: TicketStatus
  readonly priority: Priority
  readonly subject: string
  readonly requester: TicketRequester
  readonly contractId: string | null
  readonly pointId: string | null
  readonly equipmentId: string | null
  readonly assigneeId: string | null
  readonly openedAt: string
  readonly updatedAt: string
  readonly sla: SlaSummary
}

export function ticketListItem(doc: TicketDoc, at: string): TicketListItem {
  return {
    ticketId: doc.ticketId,
    status: doc.status,
    priority: doc.priority,
    subject: doc.subject,
    requester: doc.requester,
    contractId: doc.contractId,
    pointId: doc.pointId,
    equipmentId: doc.equipmentId,
    assigneeId: doc.assigneeId,
    openedAt: doc.openedAt,
    updatedAt: doc.updatedAt,
    sla: slaSummary(doc.clock, doc.sla, at),
  }
}

export interface TicketMessageView {
  readonly messageId: string
  readonly author: Actor
  readonly fromStaff: boolean
  readonly visibility: MessageVisibility
  readonly body: string
  readonly at: string
}

export interface TicketView extends TicketListItem {
  readonly channel: TicketChannel
  readonly description: string
  readonly messages: ReadonlyArray<TicketMessageView>
  /** Staff only: every time entry (cancelled ones marked), and the billable/non-billable sums. */
  readonly time: {
    readonly entries: ReadonlyArray<{
      readonly entryId: string
      readonly staffId: string
      readonly minutes: number
      readonly billable: boolean
      readonly cancelled: boolean
    }>
    readonly billableMinutes: number
    readonly nonBillableMinutes: number
  } | null
  readonly workOrderId: string | null
  readonly rating: { readonly stars: number; readonly comment: string | null } | null
  readonly escalations: ReadonlyArray<{ readonly target: string; readonly level: string; readonly at: string }>
  /** The full SLA clock now (deadlines, pauses, escalations due), or null without an SLA. */
  readonly slaClock: SlaStatus | null
}
