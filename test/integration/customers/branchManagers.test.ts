// Branch-restricted fleet managers over HTTP (and through the repair side's services): a manager
// appointed for branch `waw` of fleet f1 sees and changes only that branch's vehicles, and only
// their dashboard rows, tickets, work orders and invoices; everything of branch `krk` is
// BRANCH_ACCESS_DENIED (403) with nothing written. The company account and head office still see
// the whole fleet; appointed for the whole fleet (branchIds null), the same manager does too.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import request from 'supertest'
import { CustomerReader } from '../../../application/customers/customerReader.js'
import { FleetBranchScope } from '../../../application/customers/fleetBranchScope.js'
import { ManualClock } from '../../../application/leases/clock.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { WorkOrderQueries } from '../../../application/workOrders/workOrderQueries.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { workOrdersProjection } from '../../../projections/workOrders/workOrdersProjection.js'
import { type BusinessFixture, businessFixture, vehicleBody } from './support/businessFixture.js'

describe('branch-restricted fleet managers', function () {
  this.timeout(30_000)
  let f: BusinessFixture
  const waw: string[] = []
  const krk: string[] = []
  const tickets: Record<'waw' | 'krk', string> = { waw: '', krk: '' }
  const orders: Record<'waw' | 'krk', string> = { waw: '', krk: '' }
  const invoices: Record<'waw' | 'krk', string> = { waw: '', krk: '' }
  const manager = () => f.call('fleet_manager_f1')

  const appoint = async (branchIds: string[] | null) => {
    const res = await f.call('fleet_f1').post('/fleets/f1/managers', {
      managerId: f.principal('fleet_manager_f1').id,
      name: 'Marta Zając',
      contacts: { email: 'marta@acme.example' },
      branchIds,
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
  }

  async function refused(
    request: PromiseLike<{ status: number; body: { code?: string } }>,
    code = 'BRANCH_ACCESS_DENIED',
  ) {
    const before = await f.eventCount()
    const res = await request
    assert.equal(res.status, 403, JSON.stringify(res.body))
    assert.equal(res.body.code, code)
    assert.equal(await f.eventCount(), before, 'nothing written')
  }

  before(async () => {
    f = await businessFixture()
    const boss = f.principal('head_office')
    const at = () => ({ correlationId: 'setup', causationId: null, now: f.now() })
    for (const [n, branchId, list] of [
      [1, 'waw', waw],
      [2, 'waw', waw],
      [3, 'krk', krk],
    ] as const) {
      const res = await f.call('fleet_f1').post('/fleets/f1/vehicles', vehicleBody(n, { branchId }))
      assert.equal(res.status, 201, JSON.stringify(res.body))
      const equipmentId = res.body.vehicle.equipmentId as string
      list.push(equipmentId)
      // In the equipment registry under the same id, so work orders can be opened for it.
      const registered = await f.repair.equipment.register(
        boss,
        {
          equipmentId,
          typeCode: 'passenger_car',
          make: 'Volkswagen',
          model: 'Golf',
          registration: { plate: `WA ${10000 + n}`, country: 'PL' },
          owner: { kind: 'fleet', fleetId: 'f1' },
        },
        at(),
      )
      assert.ok(isRight(registered), JSON.stringify(registered))
    }
    // A ticket, a work order and an invoice about one car of each branch.
    for (const [branch, car] of [
      ['waw', waw[0]],
      ['krk', krk[0]],
    ] as const) {
      const ticket = await f.call('fleet_f1').post('/tickets', {
        subject: `Noise (${branch})`,
        description: 'Humming from the front.',
        equipmentId: car,
        pointId: 'p1',
      })
      assert.equal(ticket.status, 201, JSON.stringify(ticket.body))
      tickets[branch] = ticket.body.ticketId
      const order = await f.repair.workOrders.open(
        boss,
        { pointId: 'p1', equipmentId: car as string, intake: { customerDescription: 'Tyre change' } },
        at(),
      )
      assert.ok(isRight(order), JSON.stringify(order))
      orders[branch] = order.right.order.workOrderId
      const billed = await f.call('employee_p1').post(`/billing/orders/${orders[branch]}/invoice`, {
        workDate: '2026-11-20',
        equipmentId: car,
        services: [{ code: 'TYRE_CHANGE', quantity: 1 }],
        labour: [],
        parts: [],
        buyer: { customerId: null, fleetId: 'f1' },
      })
      assert.equal(billed.status, 201, JSON.stringify(billed.body))
      invoices[branch] = billed.body.invoice.invoiceId
    }
    await appoint(['waw'])
    await f.settle()
  })
  after(() => f.close())

  it('vehicles: lists only his branch; another branch’s vehicle cannot be changed, moved into, or added', async () => {
    const list = await manager().get('/fleets/f1/vehicles')
    assert.equal(list.status, 200, JSON.stringify(list.body))
    assert.deepEqual(list.body.items.map((v: { equipmentId: string }) => v.equipmentId).sort(), [...waw].sort())
    assert.equal(list.body.total, 2)
    await refused(manager().get('/fleets/f1/vehicles?branchId=krk'))
    await refused(manager().put(`/fleets/f1/vehicles/${krk[0]}`, vehicleBody(3, { make: 'Skoda' })))
    await refused(manager().post(`/fleets/f1/vehicles/${krk[0]}/remove`, { reason: 'sold' }))
    await refused(manager().post(`/fleets/f1/vehicles/${waw[1]}/branch`, { branchId: 'krk' }))
    await refused(manager().post('/fleets/f1/vehicles', vehicleBody(7, { branchId: 'krk' })))
    await refused(manager().post('/fleets/f1/vehicles', vehicleBody(8, { branchId: null })))
    // His own branch: as before.
    const added = await manager().post('/fleets/f1/vehicles', vehicleBody(9, { branchId: 'waw' }))
    assert.equal(added.status, 201, JSON.stringify(added.body))
    waw.push(added.body.vehicle.equipmentId)
    const corrected = await manager().put(`/fleets/f1/vehicles/${waw[0]}`, vehicleBody(1, { model: 'Golf Variant' }))
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body))
    // The company account still sees the whole fleet.
    assert.equal((await f.call('fleet_f1').get('/fleets/f1/vehicles')).body.total, 4)
    await f.settle()
  })

  it('import: a file with a row outside his branches is refused whole; one of his branch only imports', async () => {
    const upload = (csv: string) =>
      request(f.app)
        .post('/fleets/f1/vehicle-imports?fileName=flota.csv')
        .set('Authorization', f.bearer('fleet_manager_f1'))
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(Buffer.from(csv, 'utf8'))
    const header = 'plate;vin;make;model;year;branch\r\n'
    await refused(
      upload(
        `${header}WA 61111;WVWZZZ1JZ3W061111;Ford;Focus;2022;waw\r\nKR 62222;WVWZZZ1JZ3W062222;Ford;Focus;2022;krk\r\n`,
      ),
    )
    await refused(upload(`${header}WA 63333;WVWZZZ1JZ3W063333;Ford;Focus;2022;\r\n`))
    const ok = await upload(`${header}WA 64444;WVWZZZ1JZ3W064444;Ford;Focus;2022;waw\r\n`)
    assert.equal(ok.status, 201, JSON.stringify(ok.body))
    assert.equal(ok.body.imported, 1)
    waw.push(...(ok.body.equipmentIds as string[]))
    await f.settle()
  })

  it('dashboard: his branch’s figures and rows only; another branch’s vehicle is refused', async () => {
    const mine = await manager().get('/fleets/f1/dashboard')
    assert.equal(mine.status, 200, JSON.stringify(mine.body))
    assert.deepEqual(mine.body.scope, { branchIds: ['waw'] })
    assert.deepEqual(Object.keys(mine.body.fleet.branches), ['waw'])
    assert.equal(mine.body.vehicles.inService, 4)
    assert.equal(mine.body.vehicles.openOrders, 1)
    assert.deepEqual(
      mine.body.tickets.items.map((t: { ticketId: string }) => t.ticketId),
      [tickets.waw],
    )
    const company = await f.call('fleet_f1').get('/fleets/f1/dashboard')
    assert.equal(company.body.scope, null)
    assert.equal(company.body.vehicles.inService, 5)
    assert.equal(company.body.vehicles.openOrders, 2)
    assert.equal(company.body.tickets.open, 2)
    const rows = await manager().get('/fleets/f1/dashboard/vehicles')
    assert.equal(rows.status, 200, JSON.stringify(rows.body))
    assert.deepEqual(rows.body.items.map((v: { equipmentId: string }) => v.equipmentId).sort(), [...waw].sort())
    await refused(manager().get('/fleets/f1/dashboard/vehicles?branchId=krk'))
    assert.equal((await manager().get(`/fleets/f1/dashboard/vehicles/${waw[0]}`)).status, 200)
    await refused(manager().get(`/fleets/f1/dashboard/vehicles/${krk[0]}`))
  })

  it('tickets: his branch’s vehicles’ tickets only; none opened about another branch’s car or about no car', async () => {
    const list = await manager().get('/tickets?status=all')
    assert.equal(list.status, 200, JSON.stringify(list.body))
    assert.deepEqual(
      list.body.items.map((t: { ticketId: string }) => t.ticketId),
      [tickets.waw],
    )
    assert.equal((await manager().get(`/tickets/${tickets.waw}`)).status, 200)
    await refused(manager().get(`/tickets/${tickets.krk}`))
    await refused(manager().post(`/tickets/${tickets.krk}/messages`, { body: 'Any news?' }))
    await refused(manager().post('/tickets', { subject: 'x', description: 'y', equipmentId: krk[0], pointId: 'p1' }))
    await refused(manager().post('/tickets', { subject: 'x', description: 'about nothing' }))
    assert.equal((await f.call('fleet_f1').get('/tickets?status=all')).body.total, 2)
  })

  it('invoices: his branch’s vehicles’ invoices only', async () => {
    const list = await manager().get('/billing/invoices')
    assert.equal(list.status, 200, JSON.stringify(list.body))
    assert.deepEqual(
      list.body.items.map((i: { invoiceId: string }) => i.invoiceId),
      [invoices.waw],
    )
    assert.equal((await manager().get(`/billing/invoices/${invoices.waw}`)).status, 200)
    await refused(manager().get(`/billing/invoices/${invoices.krk}`))
    assert.equal((await f.call('fleet_f1').get('/billing/invoices')).body.total, 2)
  })

  it('work orders: his branch’s vehicles’ orders only (service and list)', async () => {
    const me = f.principal('fleet_manager_f1')
    const own = await f.repair.workOrders.get(me, orders.waw, f.now())
    assert.ok(isRight(own), JSON.stringify(own))
    const other = await f.repair.workOrders.get(me, orders.krk, f.now())
    assert.ok(isLeft(other))
    assert.equal(other.left.code, 'BRANCH_ACCESS_DENIED')
    // Answering an estimate: refused for the other branch before anything else is looked at; for
    // his own branch the order's state answers (no estimate sent yet).
    const answer = { revision: 1, decisions: [{ lineId: 'l1', decision: 'approved' as const }], decidedByName: 'Marta' }
    const foreign = await f.repair.workOrders.decide(me, orders.krk, answer, {
      correlationId: 'd',
      causationId: null,
      now: f.now(),
    })
    assert.ok(isLeft(foreign))
    assert.equal(foreign.left.code, 'BRANCH_ACCESS_DENIED')
    const ownAnswer = await f.repair.workOrders.decide(me, orders.waw, answer, {
      correlationId: 'd',
      causationId: null,
      now: f.now(),
    })
    assert.ok(isLeft(ownAnswer))
    assert.equal(ownAnswer.left.code, 'ESTIMATE_NOT_SENT')
    // The list of the work-order read model, built from this log.
    const documents = new MemoryDocumentStore()
    await rebuildProjection({
      projection: workOrdersProjection,
      events: f.store,
      documents,
      clock: new ManualClock(),
      retireDelayMs: 0,
    })
    const queries = new WorkOrderQueries(
      new ReadModels(documents),
      new FleetBranchScope(new CustomerReader(f.store, f.catalogue)),
    )
    const mine = await queries.list(me, {}, { limit: 50, offset: 0 })
    assert.deepEqual(
      mine.items.map((o) => o.workOrderId),
      [orders.waw],
    )
    assert.equal((await queries.list(f.principal('fleet_f1'), {}, { limit: 50, offset: 0 })).total, 2)
  })

  it('appointed again for the whole fleet, he sees every branch', async () => {
    const dismissed = await f.call('fleet_f1').delete(`/fleets/f1/managers/${f.principal('fleet_manager_f1').id}`)
    assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body))
    await appoint(null)
    assert.equal((await manager().get('/fleets/f1/vehicles')).body.total, 5)
    assert.equal((await manager().get(`/tickets/${tickets.krk}`)).status, 200)
    assert.equal((await manager().get(`/billing/invoices/${invoices.krk}`)).status, 200)
    await f.settle()
    assert.equal((await manager().get('/fleets/f1/dashboard')).body.scope, null)
  })
})
