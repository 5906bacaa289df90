// Projections read events the way command handlers do: through the event catalogue, which upcasts
// older schema versions and validates with the io-ts codec. A malformed event then fails its batch
// (and the engine names it) instead of writing a broken document.

import type * as t from 'io-ts'
import { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { bookingContextEventDefinitions } from '../../domain/booking/events.js'
import { serviceNetworkEventDefinitions } from '../../domain/service-network/events.js'
import type { EventsOf } from '../../domain/shared/eventDefinition.js'

const catalogue = new EventCatalogue([...serviceNetworkEventDefinitions, ...bookingContextEventDefinitions])

/**
 * The decoded event, typed by the codec record of its context. The projection's `types` list keeps
 * other types away; one that slips through is refused here rather than misread.
 */
export function decodeEvent<C extends Record<string, t.Mixed>>(codecs: C, event: RecordedEvent): EventsOf<C> {
  if (!Object.hasOwn(codecs, event.type))
    throw new Error(`${event.type} at ${event.streamId}@${event.revision} is not an event this projection reads`)
  // The catalogue decoded data with the codec registered for event.type, which is codecs[event.type].
  return catalogue.decode(event) as unknown as EventsOf<C>
}
