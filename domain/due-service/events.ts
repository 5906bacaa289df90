// Events of due services: stream `dueservice-<equipmentId>`. The reminder policy schedules a job per
// due item (application/dueServices); when one fires and the item is still due, the reminder is
// recorded here with the visit it proposes (or why none could be proposed), so the equipment's
// history shows what the customer was reminded of and when. The messages themselves are recorded
// by the notification dispatcher (NotificationSent/Failed/Withheld).
import * as t from 'io-ts'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { DUE_KINDS, type DueKind } from './dueItems.js'

export const dueServiceStream = (equipmentId: string): string => `dueservice-${equipmentId}`

export const DueKindCodec = t.keyof(Object.fromEntries(DUE_KINDS.map((k) => [k, null])) as Record<DueKind, null>)

/** Which due item: equipment, kind, which one of the kind, and the date it falls due. */
export const DueRef = t.type({ equipmentId: t.string, kind: DueKindCodec, ref: t.string, dueDate: t.string })
export type DueRef = t.TypeOf<typeof DueRef>

export const NoProposalReason = t.keyof({
  /** The kind asks for no visit (e.g. insurance end). */
  no_visit_needed: null,
  /** No plate to book with, or the vehicle's owner is unknown. */
  no_vehicle_details: null,
  /** No point found (none active, none near the plate's region). */
  no_point: null,
  /** The point's catalogue lacks the services, or no free slot within the search window. */
  no_free_slot: null,
  /** A visit was already proposed for this item. */
  already_proposed: null,
})
export type NoProposalReason = t.TypeOf<typeof NoProposalReason>

export const dueServiceEventCodecs = {
  DueServiceReminded: t.type({
    due: DueRef,
    /** The job that fired: `due-…`, derived from the due item (see dueReminderJobs.ts). */
    reminderId: t.string,
    proposalId: t.union([t.string, t.null]),
    noProposalReason: t.union([NoProposalReason, t.null]),
    at: t.string,
  }),
}
export type DueServiceEvent = EventsOf<typeof dueServiceEventCodecs>
export const dueServiceEventDefinitions = firstVersionDefinitions(dueServiceEventCodecs)
