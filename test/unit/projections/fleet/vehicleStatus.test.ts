// The dashboard's vehicle status and the summary counts kept in step with it.
import assert from 'node:assert/strict'
import {
  emptyByStatus,
  FLEET_DASHBOARD,
  vehicleStatusOf,
} from '../../../../application/customers/fleetDashboardViews.js'
import type { Document } from '../../../../application/ports/documentStore.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { changeVehicle, emptyVehicle, SummaryDeltas } from '../../../../projections/fleet/vehicleDocs.js'
import type { ProjectionView } from '../../../../projections/projection.js'

const base = { ...emptyVehicle('e1', '2026-01-01T00:00:00.000Z'), fleetId: 'f1', inService: true }

describe('fleet dashboard: vehicle status', () => {
  it('precedence: removed, scrapped, irreparable, in workshop, booked, in operation', () => {
    assert.equal(vehicleStatusOf(base), 'in_operation')
    assert.equal(vehicleStatusOf({ ...base, openBookings: [{ bookingId: 'b', pointId: 'p', start: 's' }] }), 'booked')
    assert.equal(
      vehicleStatusOf({ ...base, openBookings: [{ bookingId: 'b', pointId: 'p', start: 's' }], checkedIn: ['b2'] }),
      'in_workshop',
    )
    assert.equal(vehicleStatusOf({ ...base, openOrders: ['wo'] }), 'in_workshop')
    assert.equal(vehicleStatusOf({ ...base, equipmentStatus: 'on_site' }), 'in_workshop')
    assert.equal(vehicleStatusOf({ ...base, openOrders: ['wo'], equipmentStatus: 'irreparable' }), 'irreparable')
    assert.equal(vehicleStatusOf({ ...base, equipmentStatus: 'scrapped' }), 'scrapped')
    assert.equal(vehicleStatusOf({ ...base, inService: false, equipmentStatus: 'scrapped' }), 'removed')
    assert.equal(vehicleStatusOf({ ...base, fleetId: null, inService: false, openOrders: ['wo'] }), 'in_workshop')
  })

  it('summary counts move with the vehicle: status, open orders, leaving the fleet', async () => {
    const store = new MemoryDocumentStore()
    const view: ProjectionView = { collection: (name) => store.collection<Document>(name) }
    await store
      .collection(FLEET_DASHBOARD.summaries)
      .insertOne({ _id: 'f1', vehicles: 0, byStatus: emptyByStatus(), openOrders: 0 })
    const step = async (change: Parameters<typeof changeVehicle>[4]) => {
      const deltas = new SummaryDeltas()
      await changeVehicle(view, deltas, 'e1', '2026-01-01T00:00:00.000Z', change)
      await deltas.flush(view, '2026-01-01T00:00:00.000Z')
      const s = (await store.collection(FLEET_DASHBOARD.summaries).findOne({ _id: 'f1' })) as unknown as {
        vehicles: number
        openOrders: number
        byStatus: Record<string, number>
      }
      return {
        vehicles: s.vehicles,
        openOrders: s.openOrders,
        nonZero: Object.fromEntries(Object.entries(s.byStatus).filter(([, n]) => n !== 0)),
      }
    }
    assert.deepEqual(await step((d) => ({ ...d, fleetId: 'f1', inService: true })), {
      vehicles: 1,
      openOrders: 0,
      nonZero: { in_operation: 1 },
    })
    assert.deepEqual(await step((d) => ({ ...d, openOrders: ['wo-1'] })), {
      vehicles: 1,
      openOrders: 1,
      nonZero: { in_workshop: 1 },
    })
    assert.deepEqual(await step((d) => ({ ...d, openOrders: [] })), {
      vehicles: 1,
      openOrders: 0,
      nonZero: { in_operation: 1 },
    })
    assert.deepEqual(await step((d) => ({ ...d, inService: false })), {
      vehicles: 0,
      openOrders: 0,
      nonZero: { removed: 1 },
    })
  })
})
