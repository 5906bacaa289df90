// A log of the whole platform written through its application services: the demo seed at a small
// scale (scripts/demo) books visits, registers every car with its tyres, stocks every point, runs
// work orders through every state of the board, records customers and fleets (one imported from a
// vehicle list), signs contracts, opens and resolves tickets and bills the months already over.
// It is what the projections of work orders, equipment, stock, customers, contracts, tickets and
// billing need to be exercised (the service-network history has none of their events). After the
// seed, staff turn the open ticket into a work order (both streams record the link).
import { isLeft } from 'fp-ts/lib/Either.js'
import { bookingPlatform } from '../../../../application/booking/bookingPlatform.js'
import { businessPlatform } from '../../../../application/customers/businessPlatform.js'
import type { RecordedEvent } from '../../../../application/ports/eventStore.js'
import { ReadModels } from '../../../../application/readModels/readModels.js'
import { repairPlatform } from '../../../../application/workOrders/repairPlatform.js'
import type { Principal } from '../../../../domain/access/principal.js'
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
      const network = bookingPlatform({ store: events, catalogue })
      await seedDemoPlatform(
        {
          // The seed's own scratch documents (credentials): not a read model under test.
          stores: { eventStore: events, documentStore: new MemoryDocumentStore() },
          catalogue,
          network,
        },
        { now: NOW, customers: 8, bookingsPerBayDay: 0.2, pastDays: 3, futureDays: 1, seed: 11 },
      )
      const log: RecordedEvent[] = []
      for await (const e of events.readAll()) log.push(e)
      const resolved = new Set(log.filter((e) => e.type === 'TicketResolved').map((e) => e.streamId))
      const open = log.find((e) => e.type === 'TicketOpened' && !resolved.has(e.streamId))
      const car = log.find((e) => e.type === 'EquipmentRegistered')
      if (!open || !car) throw new Error('the demo seed left no open ticket or no registered car')
      const repair = repairPlatform({ store: events, catalogue, reader: network.reader, codeSecret: 'history' })
      const business = businessPlatform({
        store: events,
        catalogue,
        readModels: new ReadModels(new MemoryDocumentStore()),
        networkCatalogue: () => network.reader.catalogue(),
        workOrders: repair.workOrders,
        log: () => undefined,
      })
      const hq = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal
      const converted = await business.tickets.openWorkOrder(
        hq,
        (open.data as { ticketId: string }).ticketId,
        { serviceCodes: ['SEASONAL_CHANGE'], equipmentId: (car.data as { equipmentId: string }).equipmentId },
        { correlationId: 'history-ticket', causationId: null, now: NOW.toISOString() },
      )
      if (isLeft(converted)) throw new Error(`ticket → work order: ${converted.left.code} ${converted.left.message}`)
    },
  }
}
