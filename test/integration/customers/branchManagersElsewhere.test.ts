// Branch-restricted fleet managers beyond vehicles, tickets, orders and invoices
// (branchManagers.test.ts): bookings, contracts, due services and visit proposals, over HTTP. A
// manager appointed for branch `waw` of fleet f1 books, sees, moves and cancels only bookings for
// plates of his branch's vehicles; sees only contracts covering one of them (and their due services
// for his vehicles only); sees what is due and proposes visits only for them, and sees and answers
// only their proposals. Everything of branch `krk` is 403 BRANCH_ACCESS_DENIED, nothing written;
// the company account does it all. (Reports: reportsByBranch in test/integration/reports.)
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import { CustomerReader } from '../../../application/customers/customerReader.js'
import { FleetBranchScope } from '../../../application/customers/fleetBranchScope.js'
import { FleetEquipmentPolicy } from '../../../application/customers/fleetEquipmentPolicy.js'
import { DEFAULT_DUE_SERVICE_RULES } from '../../../domain/due-service/dueItems.js'
import { dueServiceEventDefinitions } from '../../../domain/due-service/events.js'
import { visitProposalEventDefinitions } from '../../../domain/visit-proposal/events.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { dueServiceApi } from '../../../infrastructure/dueServices/dueServiceApi.js'
import { fixedPrice, terms } from '../contracts/support/terms.js'
import { type BusinessFixture, businessFixture, vehicleBody } from './support/businessFixture.js'

describe('branch-restricted fleet managers: bookings, contracts, due services', function () {
  this.timeout(30_000)
  let f: BusinessFixture
  const cars: Record<'waw' | 'krk', string> = { waw: '', krk: '' }
  const bookings: Record<'waw' | 'krk', string> = { waw: '', krk: '' }
  let krkProposal = ''
  let krkDue = {}
  const manager = () => f.call('fleet_manager_f1')

  async function refused(request: PromiseLike<{ status: number; body: { code?: string } }>) {
    const before = await f.eventCount()
    const res = await request
    assert.equal(res.status, 403, JSON.stringify(res.body))
    assert.equal(res.body.code, 'BRANCH_ACCESS_DENIED')
    assert.equal(await f.eventCount(), before, 'nothing written')
  }

  const contract = (contractId: string, car: string) =>
    f.call('head_office').post('/contracts', {
      contractId,
      holder: { kind: 'fleet', fleetId: 'f1' },
      currency: 'PLN',
      timeZone: 'Europe/Warsaw',
      validFrom: '2026-10-01',
      validTo: null,
      terms: terms(
        [car],
        { TYRE_CHANGE: fixedPrice(9_000) },
        {
          schedule: [
            {
              scheduleId: 's1',
              serviceCode: 'TYRE_CHANGE',
              equipmentIds: null,
              rule: { kind: 'every_months', months: 6, firstDue: '2026-12-10' },
            },
          ],
        },
      ),
    })

  const book = (who: 'fleet_f1' | 'fleet_manager_f1', plate: string, time: string) =>
    f.call(who).post('/bookings', {
      pointId: 'p1',
      services: ['TYRE_CHANGE'],
      date: '2026-11-27',
      time,
      vehicle: { plate, vehicleClass: 'passenger' },
    })

  before(async () => {
    f = await businessFixture({
      moreEvents: [...visitProposalEventDefinitions, ...dueServiceEventDefinitions],
      modules: ({ network, store, catalogue }) => [
        dueServiceApi({
          events: store,
          documents: new MemoryDocumentStore(),
          catalogue,
          network,
          tokenSecret: 'branch-test',
          // The fixture's point offers no INSPECTION: inspections book a tyre change here.
          rules: {
            ...DEFAULT_DUE_SERVICE_RULES,
            visitServices: { ...DEFAULT_DUE_SERVICE_RULES.visitServices, inspection: ['TYRE_CHANGE'] },
          },
          fleetBranches: new FleetBranchScope(new CustomerReader(store, catalogue)),
        }).module,
      ],
    })
    for (const [n, branchId] of [
      [1, 'waw'],
      [3, 'krk'],
    ] as const) {
      const res = await f.call('fleet_f1').post('/fleets/f1/vehicles', vehicleBody(n, { branchId }))
      assert.equal(res.status, 201, JSON.stringify(res.body))
      cars[branchId] = res.body.vehicle.equipmentId
    }
    // The fleet's vehicles in the equipment registry, by the fleet-equipment policy.
    const policy = new FleetEquipmentPolicy({ store: f.store, catalogue: f.catalogue, log: () => undefined })
    for await (const recorded of f.store.readAll()) await policy.react(recorded)
    for (const [id, branch] of [
      ['kw', 'waw'],
      ['kk', 'krk'],
    ] as const) {
      const signed = await contract(id, cars[branch])
      assert.equal(signed.status, 201, JSON.stringify(signed.body))
    }
    for (const [branch, plate, time] of [
      ['waw', 'WA 10001', '10:00'],
      ['krk', 'WA 10003', '12:00'],
    ] as const) {
      const booked = await book('fleet_f1', plate, time)
      assert.equal(booked.status, 201, JSON.stringify(booked.body))
      bookings[branch] = booked.body.bookingId
    }
    // Inspections due on both cars (the equipment's own dates).
    for (const car of [cars.waw, cars.krk]) {
      const dated = await f.repair.equipment.change(
        f.boss,
        car,
        { kind: 'SetServiceDates', nextInspectionOn: '2026-12-15' },
        f.at,
      )
      assert.ok(isRight(dated), JSON.stringify(dated))
    }
    const dueKrk = await f.call('fleet_f1').get(`/due-services/equipment/${cars.krk}`)
    assert.equal(dueKrk.status, 200, JSON.stringify(dueKrk.body))
    const item = dueKrk.body.items[0]
    assert.ok(item, JSON.stringify(dueKrk.body))
    krkDue = { kind: item.kind, ref: item.ref, dueDate: item.dueDate, pointId: 'p1' }
    const proposed = await f.call('fleet_f1').post(`/due-services/equipment/${cars.krk}/proposals`, krkDue)
    if (proposed.status === 201) krkProposal = proposed.body.proposal.proposalId
    else assert.fail(`${proposed.status} ${JSON.stringify(proposed.body)}`)
    const res = await f.call('fleet_f1').post('/fleets/f1/managers', {
      managerId: f.principal('fleet_manager_f1').id,
      name: 'Marta Zając',
      contacts: { email: 'marta@acme.example' },
      branchIds: ['waw'],
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    await f.settle()
  })
  after(() => f.close())

  it('bookings: only for his branch’s plates; another branch’s booking cannot be seen, moved or cancelled', async () => {
    await refused(book('fleet_manager_f1', 'WA 10003', '14:00'))
    await refused(book('fleet_manager_f1', 'WA 99999', '14:00'))
    const own = await book('fleet_manager_f1', 'WA 10001', '14:00')
    assert.equal(own.status, 201, JSON.stringify(own.body))
    await refused(manager().get(`/bookings/${bookings.krk}`))
    await refused(manager().post(`/bookings/${bookings.krk}/reschedule`, { date: '2026-11-27', time: '15:00' }))
    await refused(manager().post(`/bookings/${bookings.krk}/cancel`, { reason: 'not needed' }))
    assert.equal((await manager().get(`/bookings/${bookings.waw}`)).status, 200)
    const cancelled = await manager().post(`/bookings/${bookings.waw}/cancel`, { reason: 'not needed' })
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body))
    // The company account still reaches every branch's booking.
    assert.equal((await f.call('fleet_f1').get(`/bookings/${bookings.krk}`)).status, 200)
  })

  it('contracts: only those covering his branch’s vehicles, and their due services for his vehicles', async () => {
    const list = await manager().get('/contracts')
    assert.equal(list.status, 200, JSON.stringify(list.body))
    assert.deepEqual(
      list.body.items.map((c: { contractId: string }) => c.contractId),
      ['kw'],
    )
    assert.equal(list.body.total, 1)
    assert.equal((await f.call('fleet_f1').get('/contracts')).body.total, 2)
    assert.equal((await manager().get('/contracts/kw')).status, 200)
    await refused(manager().get('/contracts/kk'))
    await refused(manager().get('/contracts/kk/due-services?from=2026-11-01&to=2027-06-30'))
    const due = await manager().get('/contracts/kw/due-services?from=2026-11-01&to=2027-06-30')
    assert.equal(due.status, 200, JSON.stringify(due.body))
    assert.ok(due.body.length > 0)
    assert.ok(due.body.every((d: { equipmentId: string }) => d.equipmentId === cars.waw))
  })

  it('due services and proposals: only his branch’s vehicles', async () => {
    await refused(manager().get(`/due-services/equipment/${cars.krk}`))
    await refused(manager().post(`/due-services/equipment/${cars.krk}/proposals`, krkDue))
    const own = await manager().get(`/due-services/equipment/${cars.waw}`)
    assert.equal(own.status, 200, JSON.stringify(own.body))
    assert.equal((await f.call('fleet_f1').get(`/due-services/equipment/${cars.krk}`)).status, 200)
    assert.ok(krkProposal, 'the company account proposed a visit for the krk car')
    await refused(manager().get(`/visit-proposals/${krkProposal}`))
    await refused(manager().get(`/visit-proposals/${krkProposal}/slots?date=2026-12-01`))
    await refused(manager().post(`/visit-proposals/${krkProposal}/accept`, {}))
    assert.equal((await f.call('fleet_f1').get(`/visit-proposals/${krkProposal}`)).status, 200)
  })
})
