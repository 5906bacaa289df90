// The fleet dashboard end to end: vehicles with status and where they were last serviced (from
// bookings and work orders), what falls due (contract schedule, inspection dates, predicted tyre
// replacement), open tickets with their SLA state, spend per month/branch/vehicle against the
// contract, tyre state; head office's view across fleets; who may see it; and the read model built
// live equals the one rebuilt from the log.
import assert from 'node:assert/strict'
import { CUSTOMERS } from '../../../application/customers/customerViews.js'
import { FLEET_DASHBOARD } from '../../../application/customers/fleetDashboardViews.js'
import { ManualClock } from '../../../application/leases/clock.js'
import type { Document } from '../../../application/ports/documentStore.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { businessProjections } from '../../../projections/customers/businessProjections.js'
import type { Projection } from '../../../projections/projection.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { fixedPrice, terms } from '../contracts/support/terms.js'
import { type BusinessFixture, businessFixture, vehicleBody } from './support/businessFixture.js'
import {
  appendRepairEvents,
  handedOver,
  mileage,
  serviceDates,
  treadMeasured,
  tyreMounted,
  workOrderOpened,
} from './support/repairEvents.js'

/** JSON with object keys sorted: documents compare by content, not by the order fields were added. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  )
}

describe('fleet dashboard', () => {
  let f: BusinessFixture
  const v: string[] = []
  let bookingId: string
  before(async () => {
    f = await businessFixture()
    for (let i = 1; i <= 3; i++)
      v.push(
        (await f.call('fleet_f1').post('/fleets/f1/vehicles', vehicleBody(i, { branchId: i === 2 ? 'krk' : 'waw' })))
          .body.vehicle.equipmentId,
      )
    const contract = await f.call('head_office').post('/contracts', {
      contractId: 'k1',
      holder: { kind: 'fleet', fleetId: 'f1' },
      currency: 'PLN',
      timeZone: 'Europe/Warsaw',
      validFrom: '2026-10-01',
      validTo: null,
      terms: terms(
        [v[0] as string, v[1] as string],
        { TYRE_CHANGE: fixedPrice(9_000), INSPECTION: { kind: 'flat_monthly', monthlyFeeMinor: 50_000 } },
        {
          schedule: [
            {
              scheduleId: 's1',
              serviceCode: 'INSPECTION',
              equipmentIds: null,
              rule: { kind: 'every_months', months: 6, firstDue: '2026-12-10' },
            },
          ],
        },
      ),
    })
    assert.equal(contract.status, 201, JSON.stringify(contract.body))
    const booking = await f.call('fleet_manager_f1').post('/bookings', {
      pointId: 'p1',
      services: ['TYRE_CHANGE'],
      date: '2026-11-27',
      time: '10:00',
      vehicle: { plate: 'WA 10001', vehicleClass: 'passenger' },
    })
    assert.equal(booking.status, 201, JSON.stringify(booking.body))
    bookingId = booking.body.bookingId
    await appendRepairEvents(
      f.store,
      'workorder-wo-1',
      [workOrderOpened('wo-1', v[1] as string, 'WA10002', 'f1', '2026-11-26T07:00:00.000Z')],
      '2026-11-26T07:00:00.000Z',
    )
    await appendRepairEvents(
      f.store,
      `equipment-${v[2]}`,
      [
        mileage(v[2] as string, 10_000, '2026-01-10T10:00:00.000Z'),
        tyreMounted(v[2] as string, '2026-01-10T10:00:00.000Z'),
        mileage(v[2] as string, 25_000, '2026-06-10T10:00:00.000Z'),
        treadMeasured(v[2] as string, 6.0, 25_000, '2026-06-10T10:00:00.000Z'),
        mileage(v[2] as string, 40_000, '2026-11-10T10:00:00.000Z'),
        treadMeasured(v[2] as string, 4.0, 40_000, '2026-11-10T10:00:00.000Z'),
        serviceDates(v[2] as string, '2026-12-05'),
      ],
      '2026-11-10T10:00:00.000Z',
    )
    const ticket = await f
      .call('fleet_manager_f1')
      .post('/tickets', { subject: 'Noise', description: 'From the front', equipmentId: v[0], pointId: 'p1' })
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body))
    const billed = await f.call('employee_p1').post('/billing/orders/o1/invoice', {
      workDate: '2026-11-10',
      equipmentId: v[0],
      services: [{ code: 'TYRE_CHANGE', quantity: 1 }],
      labour: [],
      parts: [{ sku: 'VALVE-TR413', quantity: 4 }],
    })
    assert.equal(billed.status, 201, JSON.stringify(billed.body))
    await f.settle()
  })
  after(() => f.close())

  it('shows vehicles by status, what is due, open tickets with SLA, spend against the contract, tyres', async () => {
    const res = await f.call('fleet_manager_f1').get('/fleets/f1/dashboard')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    const d = res.body
    assert.equal(d.vehicles.inService, 3)
    assert.equal(d.vehicles.openOrders, 1)
    assert.deepEqual(Object.fromEntries(Object.entries(d.vehicles.byStatus).filter(([, n]) => n !== 0)), {
      booked: 1,
      in_workshop: 1,
      in_operation: 1,
    })
    assert.deepEqual(
      d.inWorkshop.map((x: { plate: string }) => x.plate),
      ['WA10002'],
    )
    assert.deepEqual(
      d.due.items.map((i: { kind: string; plate: string; dueDate: string }) => [i.kind, i.plate, i.dueDate]),
      [
        ['inspection', 'WA10003', '2026-12-05'],
        ['contract_service', 'WA10001', '2026-12-10'],
        ['contract_service', 'WA10002', '2026-12-10'],
        // 6 → 4 mm in 15,000 km over five months: the summer tyre's 3 mm mark in about six weeks
        ['tyre_replacement', 'WA10003', '2026-12-26'],
      ],
    )
    assert.equal(d.tickets.open, 1)
    assert.equal(d.tickets.items[0].sla.state, 'on_track')
    assert.deepEqual(d.spend.months, [
      {
        month: '2026-11',
        netMinor: 12_200,
        grossMinor: 15_006,
        contractNetMinor: 9_000,
        extraNetMinor: 3_200,
        byBranch: { waw: 12_200 },
        invoices: 1,
      },
    ])
    assert.equal(d.spend.contractMonthlyFeesMinor, 50_000)
    assert.deepEqual(d.spend.topVehicles, [{ equipmentId: v[0], plate: 'WA10001', spendTotalNetMinor: 12_200 }])
    const card = await f.call('fleet_f1').get(`/fleets/f1/dashboard/vehicles/${v[2]}`)
    assert.equal(card.status, 200)
    assert.equal(card.body.mileageKm, 40_000)
    assert.equal(card.body.tyres.length, 1)
    assert.equal(card.body.tyres[0].position, 'FL')
    assert.equal(card.body.tyres[0].depthMm, 4)
    assert.match(card.body.tyres[0].replaceBefore, /^20\d\d-\d\d-\d\d$/, 'a predicted replacement date')
  })

  it('last service from the booking (checked in, completed) and from the work order handed over', async () => {
    await f.advanceClock(24 * 3600) // the day of the visit
    assert.equal((await f.call('employee_p1').post(`/bookings/${bookingId}/check-in`)).status, 200)
    await f.settle()
    let vehicles = await f.call('fleet_f1').get('/fleets/f1/dashboard/vehicles?status=in_workshop')
    assert.deepEqual(vehicles.body.items.map((x: { plate: string }) => x.plate).sort(), ['WA10001', 'WA10002'])
    assert.equal((await f.call('employee_p1').post(`/bookings/${bookingId}/complete`)).status, 200)
    await appendRepairEvents(
      f.store,
      'workorder-wo-1',
      [handedOver('wo-1', '2026-11-27T12:00:00.000Z')],
      '2026-11-27T12:00:00.000Z',
    )
    await f.settle()
    vehicles = await f.call('fleet_f1').get('/fleets/f1/dashboard/vehicles')
    const byPlate = Object.fromEntries(vehicles.body.items.map((x: { plate: string }) => [x.plate, x]))
    assert.equal(byPlate.WA10001.status, 'in_operation')
    assert.deepEqual(
      { ...byPlate.WA10001.lastService, at: undefined },
      { pointId: 'p1', source: 'booking', ref: bookingId, at: undefined },
    )
    assert.deepEqual(byPlate.WA10002.lastService, {
      pointId: 'p1',
      at: '2026-11-27T12:00:00.000Z',
      source: 'work_order',
      ref: 'wo-1',
    })
    const d = (await f.call('fleet_f1').get('/fleets/f1/dashboard')).body
    assert.equal(d.vehicles.openOrders, 0)
    assert.equal(d.vehicles.byStatus.in_operation, 3)
  })

  it('a vehicle added after it was booked by plate takes over its bookings', async () => {
    const booking = await f.call('fleet_manager_f1').post('/bookings', {
      pointId: 'p1',
      services: ['TYRE_CHANGE'],
      date: '2026-11-30',
      time: '09:00',
      vehicle: { plate: 'WA 10009', vehicleClass: 'passenger' },
    })
    assert.equal(booking.status, 201, JSON.stringify(booking.body))
    const added = await f.call('fleet_f1').post('/fleets/f1/vehicles', vehicleBody(9, { branchId: 'krk' }))
    assert.equal(added.status, 201, JSON.stringify(added.body))
    await f.settle()
    const card = await f.call('fleet_f1').get(`/fleets/f1/dashboard/vehicles/${added.body.vehicle.equipmentId}`)
    assert.equal(card.body.status, 'booked')
    assert.deepEqual(
      card.body.openBookings.map((b: { bookingId: string }) => b.bookingId),
      [booking.body.bookingId],
    )
  })

  it('head office sees every fleet; the fleet’s people only theirs; others nothing', async () => {
    const network = await f.call('head_office').get('/fleet-dashboard')
    assert.equal(network.status, 200, JSON.stringify(network.body))
    const acme = network.body.fleets.find((x: { fleetId: string }) => x.fleetId === 'f1')
    assert.equal(acme.openTickets, 1)
    assert.equal(network.body.totals.vehicles, 4)
    assert.equal(network.body.spend.months[0].netMinor, 12_200)
    assert.equal((await f.call('fleet_f1').get('/fleet-dashboard')).status, 403)
    const other = await f.call('fleet_manager_f1').get('/fleets/f2/dashboard')
    assert.equal(other.status, 403)
    assert.equal(other.body.code, 'TENANT_ACCESS_DENIED')
    assert.equal((await f.call('customer').get('/fleets/f1/dashboard')).status, 403)
    assert.equal((await f.call('employee_p1').get('/fleets/f1/dashboard/vehicles')).status, 403)
    assert.equal((await f.call('head_office').get('/fleets/f1/dashboard')).status, 200)
  })

  it('every business read model rebuilt from the log equals the one built live (and the batch path the per-event one)', async () => {
    await f.settle()
    const rebuilt = async (projection: Projection) => {
      const documents = new MemoryDocumentStore()
      await rebuildProjection({ projection, events: f.store, documents, clock: new ManualClock(), retireDelayMs: 0 })
      return new ReadModels(documents)
    }
    for (const projection of businessProjections) {
      const variants = [await rebuilt(projection)]
      // The dashboard's applyBatch (a write-behind cache) must leave what apply() leaves event by event.
      if (projection.applyBatch) variants.push(await rebuilt({ ...projection, applyBatch: undefined } as Projection))
      for (const logical of projection.collections) {
        const dump = async (models: ReadModels) =>
          canonical(
            (await (await models.collection<Document>(projection.name, logical)).find({})).sort((a, b) =>
              a._id.localeCompare(b._id),
            ),
          )
        const live = await dump(f.readModels)
        for (const variant of variants) assert.equal(await dump(variant), live, `${projection.name}.${logical}`)
        if (projection.name === FLEET_DASHBOARD.projection && logical === FLEET_DASHBOARD.vehicles)
          assert.ok(live.length > 100)
        if (projection.name === CUSTOMERS.projection && logical === CUSTOMERS.customers) assert.match(live, /Kowalski/)
      }
    }
  })
})
