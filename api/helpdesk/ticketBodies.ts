// Request bodies and queries of the helpdesk routes.
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import { Priority } from '../../domain/contract/sla.js'
import { MessageVisibility, TicketChannel, TicketRequester } from '../../domain/helpdesk/events.js'
import { PagingQuery } from '../customers/queryFields.js'

export const OpenTicketBody = t.exact(
  t.intersection([
    t.type({ subject: t.string, description: t.string }),
    t.partial({
      priority: Priority,
      contractId: EntityId,
      pointId: EntityId,
      equipmentId: EntityId,
      requester: TicketRequester,
      channel: TicketChannel,
    }),
  ]),
)
export const MessageBody = t.exact(
  t.intersection([t.type({ body: t.string }), t.partial({ visibility: MessageVisibility, messageId: EntityId })]),
)
export const AssignBody = t.exact(
  t.intersection([t.type({ assigneeId: EntityId }), t.partial({ pointId: t.union([EntityId, t.null]) })]),
)
export const QuestionBody = t.exact(t.type({ question: t.string }))
export const ResolutionBody = t.exact(t.type({ resolution: t.string }))
export const ReasonBody = t.exact(t.type({ reason: t.string }))
export const PriorityBody = t.exact(t.type({ priority: Priority, reason: t.string }))
export const TimeEntryBody = t.exact(
  t.intersection([
    t.type({ minutes: t.number, billable: t.boolean }),
    t.partial({ staffId: EntityId, note: t.union([t.string, t.null]), entryId: EntityId }),
  ]),
)
export const ConvertBody = t.exact(
  t.intersection([
    t.type({ serviceCodes: t.array(t.string) }),
    t.partial({
      workOrderId: EntityId,
      pointId: t.union([EntityId, t.null]),
      equipmentId: t.union([EntityId, t.null]),
      description: t.union([t.string, t.null]),
      mileageKm: t.union([t.number, t.null]),
    }),
  ]),
)
export const RatingBody = t.exact(
  t.intersection([t.type({ stars: t.number }), t.partial({ comment: t.union([t.string, t.null]) })]),
)

export const TicketListQuery = t.exact(
  t.partial({
    status: t.keyof({ open: null, resolved: null, closed: null, all: null }),
    fleetId: EntityId,
    customerId: EntityId,
    pointId: EntityId,
    contractId: EntityId,
    ...PagingQuery,
  }),
)
