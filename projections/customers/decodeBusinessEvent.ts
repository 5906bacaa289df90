// Decoding for the business-side projections, through an event catalogue like command handlers
// use (upcasting, codec validation), over every context these projections read: customers and
// fleets, contracts, tickets, billing, and bookings, work orders and equipment for the dashboards.
// Registering the work-order and equipment codecs here lets the dashboard read those events as
// soon as they appear in the log, whoever writes them.
import type * as t from 'io-ts'
import { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { billingEventDefinitions } from '../../domain/billing/events.js'
import { bookingContextEventDefinitions } from '../../domain/booking/events.js'
import { contractEventDefinitions } from '../../domain/contract/events.js'
import { customerContextEventDefinitions } from '../../domain/customer/events.js'
import { equipmentEventDefinitions } from '../../domain/equipment/events.js'
import { ticketEventDefinitions } from '../../domain/helpdesk/events.js'
import type { EventsOf } from '../../domain/shared/eventDefinition.js'
import { workOrderEventDefinitions } from '../../domain/work-order/events.js'

const catalogue = new EventCatalogue([
  ...customerContextEventDefinitions,
  ...contractEventDefinitions,
  ...ticketEventDefinitions,
  ...billingEventDefinitions,
  ...bookingContextEventDefinitions,
  ...workOrderEventDefinitions,
  ...equipmentEventDefinitions,
])

/** The event typed by its context's codec record; a type outside it is refused, not misread. */
export function decodeBusinessEvent<C extends Record<string, t.Mixed>>(codecs: C, event: RecordedEvent): EventsOf<C> {
  if (!Object.hasOwn(codecs, event.type))
    throw new Error(`${event.type} at ${event.streamId}@${event.revision} is not an event this projection reads`)
  return catalogue.decode(event) as unknown as EventsOf<C>
}
