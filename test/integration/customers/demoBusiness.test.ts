// The demo seed's business side at a small scale: customer records, two fleets (one imported from
// a vehicle list), contracts, tickets and monthly invoices, written through the services; the
// dashboard built from that log shows the demo fleet with its cars, tyres and spend.
import assert from 'node:assert/strict'
import { bookingPlatform } from '../../../application/booking/bookingPlatform.js'
import { businessPlatform } from '../../../application/customers/businessPlatform.js'
import { ManualClock } from '../../../application/leases/clock.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import type { Principal } from '../../../domain/access/principal.js'
import { eventCatalogue } from '../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { businessProjections } from '../../../projections/customers/businessProjections.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { DEMO_FLEET } from '../../../scripts/demo/demoData.js'
import { seedDemoPlatform } from '../../../scripts/demo/seedPlatform.js'

const NOW = new Date('2026-11-26T10:00:00.000Z')

describe('demo seed: the business side', function () {
  this.timeout(30_000)

  it('records customers, fleets, contracts, tickets and invoices; the fleet dashboard shows them', async () => {
    const eventStore = new MemoryEventStore()
    const documentStore = new MemoryDocumentStore()
    const catalogue = eventCatalogue()
    const network = bookingPlatform({ store: eventStore, catalogue })
    const summary = await seedDemoPlatform(
      { stores: { eventStore, documentStore }, catalogue, network },
      { now: NOW, customers: 6, bookingsPerBayDay: 0.2, pastDays: 3, futureDays: 1 },
    )
    assert.ok(summary.business, 'seeded')
    const events: RecordedEvent[] = []
    for await (const e of eventStore.readAll()) events.push(e)
    const count = (type: string) => events.filter((e) => e.type === type).length
    assert.equal(count('CustomerRegistered'), summary.business.customers)
    assert.equal(count('FleetRegistered'), 2)
    assert.equal(count('FleetVehiclesImported'), 1)
    assert.equal(count('ContractSigned'), 2)
    assert.equal(count('TicketOpened'), 2)
    // Three months of two contracts: August to October billed, November not over yet.
    assert.equal(count('ContractMonthBilled'), 6)
    assert.equal(summary.business.invoices, 6)

    const documents = new MemoryDocumentStore()
    for (const projection of businessProjections)
      await rebuildProjection({ projection, events: eventStore, documents, clock: new ManualClock(), retireDelayMs: 0 })
    const business = businessPlatform({
      store: eventStore,
      catalogue,
      readModels: new ReadModels(documents),
      networkCatalogue: () => network.reader.catalogue(),
    })
    const hq = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal
    const dashboard = await business.dashboards.fleet(hq, DEMO_FLEET.fleetId, NOW.toISOString())
    assert.equal(dashboard._tag, 'Right', JSON.stringify(dashboard))
    if (dashboard._tag !== 'Right') return
    const d = dashboard.right
    assert.equal(d.vehicles.inService, summary.business.vehicles - 12)
    assert.equal(d.tickets.open, 1)
    assert.equal(d.spend.months.length, 3)
    assert.ok(d.spend.contractMonthlyFeesMinor > 0)
    const vehicles = await business.dashboards.vehicles(
      hq,
      DEMO_FLEET.fleetId,
      {},
      { limit: 200, offset: 0 },
      NOW.toISOString(),
    )
    assert.equal(vehicles._tag, 'Right')
    if (vehicles._tag === 'Right')
      assert.ok(
        vehicles.right.items.some((v) => v.minTreadMm !== null),
        'the registry’s tyres show on the fleet’s cars',
      )
  })
})
