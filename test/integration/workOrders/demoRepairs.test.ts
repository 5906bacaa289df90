// The demo seed's repair side on memory stores at a small scale: every demo car is in the registry
// with four tyres and tread readings (so it has a wear prediction), every point has stock, and the
// work orders stand in the states a point's board shows, all made through the services.
import assert from 'node:assert/strict'
import { bookingPlatform } from '../../../application/booking/bookingPlatform.js'
import { ManualClock } from '../../../application/leases/clock.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { repairQueries } from '../../../application/workOrders/repairQueries.js'
import type { Principal } from '../../../domain/access/principal.js'
import { eventCatalogue } from '../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { equipmentRegistryProjection } from '../../../projections/workOrders/equipmentRegistryProjection.js'
import { stockLevelsProjection } from '../../../projections/workOrders/stockLevelsProjection.js'
import { workOrdersProjection } from '../../../projections/workOrders/workOrdersProjection.js'
import { seedDemoPlatform } from '../../../scripts/demo/seedPlatform.js'

const NOW = new Date('2026-11-26T10:00:00.000Z')
const HQ = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal

describe('demo seed: equipment, stock and work orders', function () {
  this.timeout(30_000)

  it('registers every car with its tyres and readings, stocks every point, and leaves orders in every state', async () => {
    const eventStore = new MemoryEventStore()
    const documentStore = new MemoryDocumentStore()
    const catalogue = eventCatalogue()
    const summary = await seedDemoPlatform(
      { stores: { eventStore, documentStore }, catalogue, network: bookingPlatform({ store: eventStore, catalogue }) },
      { now: NOW, customers: 8, bookingsPerBayDay: 0.2, pastDays: 3, futureDays: 1 },
    )
    assert.ok(summary.repair)
    const plates = new Set(summary.cars.map((c) => c.plate))
    assert.equal(summary.repair.equipment, plates.size)
    assert.equal(summary.repair.tyres, 4 * plates.size)
    for (const projection of [workOrdersProjection, equipmentRegistryProjection, stockLevelsProjection])
      await rebuildProjection({
        projection,
        events: eventStore,
        documents: documentStore,
        clock: new ManualClock(),
        retireDelayMs: 0,
      })
    const queries = repairQueries(new ReadModels(documentStore))

    const registry = await queries.equipment.search(HQ, {}, { limit: 200, offset: 0 })
    assert.equal(registry.total, plates.size)
    for (const item of registry.items) {
      assert.equal(item.tyres.length, 4, item.plate ?? '')
      assert.ok(item.lastMileageKm !== null)
    }
    assert.ok(
      registry.items.some((i) => i.tyreAdvice.replaceBefore !== null),
      'some wear is predicted',
    )

    const orders = await queries.workOrders.list(HQ, {}, { limit: 50, offset: 0 })
    const states = new Set(orders.items.map((o) => o.customStatus?.code ?? o.status))
    for (const status of [
      'intake',
      'diagnosis',
      'estimate',
      'waiting_for_parts',
      'in_repair',
      'ready',
      'handed_over',
      'returned_unrepaired',
      'cancelled',
    ])
      assert.ok(states.has(status), `${status} in ${[...states].join(', ')}`)
    assert.ok(
      orders.items.some((o) => o.reworkOf !== null),
      'a comeback order',
    )
    const overdue = orders.items.find((o) => o.status === 'in_repair' && o.customStatus === null)
    assert.ok(overdue)
    const late = await queries.workOrders.overdue(HQ, overdue.pointId, NOW.toISOString())
    assert.ok(late._tag === 'Right' && late.right.items.some((o) => o.workOrderId === overdue.workOrderId))

    const low = await queries.stock.low(HQ, overdue.pointId)
    assert.ok(low._tag === 'Right')
    const recommendations = registry.items.reduce((n, i) => n + i.openRecommendations, 0)
    assert.ok(recommendations > 0, 'declined lines stay on the cars')
  })
})
