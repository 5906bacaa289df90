// A log of the whole platform written through its application services: the demo seed at a small
// scale (scripts/demo) books visits, registers every car with its tyres, stocks every point, runs
// work orders through every state of the board, records customers and fleets (one imported from a
// vehicle list), signs contracts, opens and resolves tickets and bills the months already over.
// It is what the projections of work orders, equipment, stock, customers, contracts, tickets and
// billing need to be exercised (the service-network history has none of their events).
import { bookingPlatform } from '../../../../application/booking/bookingPlatform.js'
import { eventCatalogue } from '../../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../../infrastructure/event-store/memory/memoryEventStore.js'
import { seedDemoPlatform } from '../../../../scripts/demo/seedPlatform.js'

const NOW = new Date('2026-11-26T10:00:00.000Z')

export interface PlatformHistory {
  readonly events: MemoryEventStore
  /** Writes the whole history (about a second or two on a quiet machine). */
  readonly write: () => Promise<void>
}

export function platformHistory(): PlatformHistory {
  const events = new MemoryEventStore()
  const catalogue = eventCatalogue()
  return {
    events,
    async write() {
      await seedDemoPlatform(
        {
          // The seed's own scratch documents (credentials): not a read model under test.
          stores: { eventStore: events, documentStore: new MemoryDocumentStore() },
          catalogue,
          network: bookingPlatform({ store: events, catalogue }),
        },
        { now: NOW, customers: 8, bookingsPerBayDay: 0.2, pastDays: 3, futureDays: 1, seed: 11 },
      )
    },
  }
}
