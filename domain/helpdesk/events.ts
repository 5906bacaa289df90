// Events of the helpdesk context: stream `ticket-<ticketId>`. Each carries `at` (UTC ISO-8601):
// the SLA clock (slaClock.ts) is computed from these times alone, so it can be recomputed for any
// moment and by any process, with no timer as the source of truth.
import * as t from 'io-ts'
import { Priority, SlaTerms } from '../contract/sla.js'
import { Actor } from '../shared/actor.js'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'

export const TicketChannel = t.keyof({ customer_portal: null, email: null, phone: null, staff: null })
export type TicketChannel = t.TypeOf<typeof TicketChannel>

/** Who the ticket is for; staff may open internal tickets for neither. */
export const TicketRequester = t.type({
  customerId: t.union([t.string, t.null]),
  fleetId: t.union([t.string, t.null]),
})
export type TicketRequester = t.TypeOf<typeof TicketRequester>

export const MessageVisibility = t.keyof({ public: null, internal: null })
export type MessageVisibility = t.TypeOf<typeof MessageVisibility>

export const EscalationTarget = t.keyof({ reaction: null, resolution: null })
export type EscalationTarget = t.TypeOf<typeof EscalationTarget>
/** Escalation levels in order: the point's manager at breach, then head office. */
export const EscalationLevel = t.keyof({ point_manager: null, head_office: null })
export type EscalationLevel = t.TypeOf<typeof EscalationLevel>

const nullableString = t.union([t.string, t.null])
const byAt = { ticketId: t.string, by: Actor, at: t.string }

export const ticketEventCodecs = {
  TicketOpened: t.type({
    ticketId: t.string,
    openedBy: Actor,
    channel: TicketChannel,
    requester: TicketRequester,
    contractId: nullableString,
    /** The service point handling it: whose manager a breach escalates to. */
    pointId: nullableString,
    equipmentId: nullableString,
    subject: t.string,
    description: t.string,
    priority: Priority,
    /** The contract's SLA when the ticket was opened: the promise made then holds, whatever amendments follow. */
    sla: t.union([SlaTerms, t.null]),
    at: t.string,
  }),
  TicketPriorityChanged: t.type({ ...byAt, priority: Priority, reason: t.string }),
  TicketAssigned: t.type({ ...byAt, assigneeId: t.string, pointId: nullableString }),
  TicketUnassigned: t.type(byAt),
  TicketMessagePosted: t.type({
    ticketId: t.string,
    messageId: t.string,
    author: Actor,
    /** Staff (not the customer's side) wrote it: a public staff message is the SLA's reaction. */
    fromStaff: t.boolean,
    visibility: MessageVisibility,
    body: t.string,
    at: t.string,
  }),
  TicketWorkStarted: t.type(byAt),
  TicketWaitingForCustomer: t.type({ ...byAt, question: t.string }),
  TicketResumed: t.type({ ...byAt, trigger: t.keyof({ customer_reply: null, staff: null }) }),
  TicketResolved: t.type({ ...byAt, resolution: t.string }),
  TicketClosed: t.type(byAt),
  TicketReopened: t.type({ ...byAt, reason: t.string }),
  TicketTimeLogged: t.type({
    ...byAt,
    entryId: t.string,
    staffId: t.string,
    minutes: t.number,
    /** Billable time may be charged under the contract's support service (see contract/README.md). */
    billable: t.boolean,
    note: nullableString,
  }),
  TicketTimeEntryCancelled: t.type({ ...byAt, entryId: t.string, reason: t.string }),
  /** Everything the application needs to open the work order, without reading the ticket again. */
  TicketConvertedToWorkOrder: t.type({
    ...byAt,
    workOrderId: t.string,
    pointId: t.string,
    equipmentId: t.string,
    requester: TicketRequester,
    contractId: nullableString,
    serviceCodes: t.array(t.string),
    description: t.string,
    priority: Priority,
  }),
  TicketRated: t.type({ ...byAt, stars: t.number, comment: nullableString }),
  /** Recorded by the escalation policy once it has notified: the same escalation is never sent twice. */
  TicketEscalated: t.type({ ...byAt, target: EscalationTarget, level: EscalationLevel, pointId: nullableString }),
}
export type TicketEvent = EventsOf<typeof ticketEventCodecs>

export const ticketEventDefinitions = firstVersionDefinitions(ticketEventCodecs)
