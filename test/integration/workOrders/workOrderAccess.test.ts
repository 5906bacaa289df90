// Each role trying what it must not do with orders, equipment and stock: refused with 401/403 and
// a problem+json code, nothing appended. And what each may do: a customer sees his own order
// (without the internal log) and answers its estimate from his account.
import assert from 'node:assert/strict'
import type { Cast } from '../api/support/testApi.js'
import { type RepairFixture, repairFixture } from './support/repairFixture.js'

describe('who may see and run work orders, equipment and stock', () => {
  let fx: RepairFixture
  let ofC1: string // c1's car at p1
  let ofC2: string // c2's car at p1
  let ofFleet: string // f1's van at p2

  before(async () => {
    fx = await repairFixture()
    ofC1 = (await fx.openOrder('employee_p1', {})).order.workOrderId
    ofC2 = (await fx.openOrder('employee_p1', { equipmentId: 'car-c2' })).order.workOrderId
    ofFleet = (await fx.openOrder('employee_p2', { pointId: 'p2', equipmentId: 'van-f1' })).order.workOrderId
    const log = await fx.send('employee_p1', 'post', `/work-orders/${ofC1}/log`, {
      text: 'Internal: customer argued about the price',
    })
    assert.equal(log.status, 200)
    await fx.refresh()
  })

  async function denied(
    who: Cast | null,
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    body: object | undefined,
    status: number,
    code: string,
  ) {
    const before = await fx.eventCount()
    const res = await fx.send(who, method, path, body)
    assert.equal(res.status, status, `${who} ${method} ${path}: ${JSON.stringify(res.body)}`)
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
    assert.equal(res.body.code, code, `${who} ${method} ${path}`)
    assert.equal(await fx.eventCount(), before, `${who} ${method} ${path} appended nothing`)
  }

  it('anonymous callers need an account for everything but the tracking pages', async () => {
    await denied(null, 'get', `/work-orders/${ofC1}`, undefined, 401, 'AUTHENTICATION_REQUIRED')
    await denied(null, 'post', '/work-orders', {}, 401, 'AUTHENTICATION_REQUIRED')
    await denied(null, 'get', '/equipment/car-c1', undefined, 401, 'AUTHENTICATION_REQUIRED')
    await denied(null, 'get', '/points/p1/stock', undefined, 401, 'AUTHENTICATION_REQUIRED')
  })

  it('a customer sees his own order, without the internal log, and nobody else’s', async () => {
    const own = await fx.send('customer', 'get', `/work-orders/${ofC1}`)
    assert.equal(own.status, 200, JSON.stringify(own.body))
    assert.equal(own.body.workOrderId, ofC1)
    assert.deepEqual(own.body.log, [], 'the internal note is not shown to the customer')
    assert.equal(own.body.technicians, undefined)
    await denied('customer', 'get', `/work-orders/${ofC2}`, undefined, 403, 'TENANT_ACCESS_DENIED')
    await denied('customer', 'get', `/work-orders/${ofFleet}`, undefined, 403, 'TENANT_ACCESS_DENIED')
    const list = await fx.send('customer', 'get', '/work-orders')
    assert.deepEqual(
      list.body.items.map((o: { workOrderId: string }) => o.workOrderId),
      [ofC1],
    )
    // Even asking for another customer's orders finds only his own scope.
    const sneaky = await fx.send('customer', 'get', '/work-orders?customerId=c2')
    assert.deepEqual(sneaky.body.items, [])
  })

  it('a customer runs no steps of an order, not even on his own', async () => {
    await denied('customer', 'post', `/work-orders/${ofC1}/cancel`, { reason: 'x' }, 403, 'ROLE_NOT_ALLOWED')
    await denied('customer', 'post', `/work-orders/${ofC1}/diagnosis`, undefined, 403, 'ROLE_NOT_ALLOWED')
    await denied(
      'customer',
      'post',
      '/work-orders',
      { pointId: 'p1', equipmentId: 'car-c1', intake: { customerDescription: 'x' } },
      403,
      'ROLE_NOT_ALLOWED',
    )
  })

  it('a fleet’s people see the fleet’s orders only', async () => {
    const own = await fx.send('fleet_manager_f1', 'get', `/work-orders/${ofFleet}`)
    assert.equal(own.status, 200)
    await denied('fleet_manager_f1', 'get', `/work-orders/${ofC1}`, undefined, 403, 'TENANT_ACCESS_DENIED')
    const list = await fx.send('fleet_f1', 'get', '/work-orders')
    assert.deepEqual(
      list.body.items.map((o: { workOrderId: string }) => o.workOrderId),
      [ofFleet],
    )
  })

  it('a point’s employee cannot see or touch another point’s orders, board or stock', async () => {
    await denied('employee_p2', 'get', `/work-orders/${ofC1}`, undefined, 403, 'TENANT_ACCESS_DENIED')
    for (const [path, body] of [
      ['/diagnosis', undefined],
      ['/cancel', { reason: 'not ours' }],
      ['/log', { text: 'hello' }],
      ['/estimate/lines', { kind: 'service', serviceCode: 'TYRE_CHANGE' }],
      ['/estimate/send', {}],
      ['/technicians', { technicianId: 'p2-anna' }],
      ['/access/unlock', undefined],
    ] as const)
      await denied('employee_p2', 'post', `/work-orders/${ofC1}${path}`, body, 403, 'TENANT_ACCESS_DENIED')
    await denied(
      'employee_p2',
      'post',
      '/work-orders',
      { pointId: 'p1', equipmentId: 'car-c1', intake: { customerDescription: 'x' } },
      403,
      'TENANT_ACCESS_DENIED',
    )
    await denied('employee_p2', 'get', '/points/p1/work-orders/board', undefined, 403, 'TENANT_ACCESS_DENIED')
    await denied('employee_p2', 'get', '/points/p1/work-orders/overdue', undefined, 403, 'TENANT_ACCESS_DENIED')
    await denied('employee_p2', 'get', '/points/p1/stock', undefined, 403, 'TENANT_ACCESS_DENIED')
    await denied(
      'manager_p2',
      'post',
      '/points/p1/stock/receipts',
      { lines: [{ sku: 'VALVE', quantity: 1 }] },
      403,
      'TENANT_ACCESS_DENIED',
    )
    const list = await fx.send('employee_p2', 'get', '/work-orders?pointId=p1')
    assert.deepEqual(list.body.items, [], 'the list never leaves the caller’s point')
    // Its own point's order is fine.
    assert.equal((await fx.send('employee_p2', 'get', `/work-orders/${ofFleet}`)).status, 200)
    assert.equal((await fx.send('head_office', 'get', `/work-orders/${ofFleet}`)).status, 200)
  })

  it('deliveries, counts and minimum levels are the manager’s; employees hand parts out', async () => {
    await denied(
      'employee_p1',
      'post',
      '/points/p1/stock/receipts',
      { lines: [{ sku: 'VALVE', quantity: 1 }] },
      403,
      'ROLE_NOT_ALLOWED',
    )
    await denied('employee_p1', 'put', '/points/p1/stock/minimums/VALVE', { minimum: 5 }, 403, 'ROLE_NOT_ALLOWED')
    await denied('customer', 'get', '/points/p1/stock', undefined, 403, 'ROLE_NOT_ALLOWED')
    const set = await fx.send('manager_p1', 'put', '/points/p1/stock/minimums/VALVE', { minimum: 5 })
    assert.equal(set.status, 200, JSON.stringify(set.body))
  })

  it('customers and fleets see and register only their own equipment, and record no tyres', async () => {
    await denied('customer', 'get', '/equipment/car-c2', undefined, 403, 'TENANT_ACCESS_DENIED')
    await denied('fleet_manager_f1', 'get', '/equipment/car-c1', undefined, 403, 'TENANT_ACCESS_DENIED')
    const search = await fx.send('customer', 'get', '/equipment')
    assert.deepEqual(
      search.body.items.map((i: { equipmentId: string }) => i.equipmentId),
      ['car-c1'],
    )
    await denied(
      'customer',
      'post',
      '/equipment',
      {
        typeCode: 'passenger_car',
        make: 'Fiat',
        registration: { plate: 'DW 77777' },
        owner: { kind: 'customer', customerId: 'c2' },
      },
      403,
      'EQUIPMENT_FOR_SOMEONE_ELSE',
    )
    await denied(
      'customer',
      'post',
      '/equipment/car-c1/tyres',
      { position: 'FL', brand: 'Dębica', size: '205/55R16', season: 'winter' },
      403,
      'ROLE_NOT_ALLOWED',
    )
    await denied('customer', 'post', '/equipment/car-c1/status', { to: 'scrapped' }, 403, 'ROLE_NOT_ALLOWED')
    const own = await fx.send('customer', 'post', '/equipment', {
      typeCode: 'passenger_car',
      make: 'Fiat',
      model: 'Panda',
      registration: { plate: 'DW 77777' },
    })
    assert.equal(own.status, 201, JSON.stringify(own.body))
    assert.deepEqual(own.body.owner, { kind: 'customer', customerId: 'c1' })
    const dates = await fx.send('customer', 'put', `/equipment/${own.body.equipmentId}/service-dates`, {
      nextInspectionOn: '2027-05-01',
    })
    assert.equal(dates.status, 200, JSON.stringify(dates.body))
  })

  it('a customer answers his own order’s estimate from his account (portal), not another’s', async () => {
    const add = await fx.send('employee_p1', 'post', `/work-orders/${ofC1}/estimate/lines`, {
      kind: 'service',
      serviceCode: 'TYRE_CHANGE',
    })
    assert.equal(add.status, 200)
    for (const id of [ofC1, ofC2]) {
      await fx.send('employee_p1', 'post', `/work-orders/${id}/estimate/lines`, {
        kind: 'service',
        serviceCode: 'BALANCING',
      })
      const sent = await fx.send('employee_p1', 'post', `/work-orders/${id}/estimate/send`, {})
      assert.equal(sent.status, 200, JSON.stringify(sent.body))
    }
    const decision = {
      revision: 1,
      decidedByName: 'Jan Kowalski',
      decisions: [{ lineId: 'svc:BALANCING:1', decision: 'approved' }],
    }
    await denied('customer', 'post', `/work-orders/${ofC2}/estimate/decisions`, decision, 403, 'TENANT_ACCESS_DENIED')
    await denied(
      'customer',
      'post',
      `/work-orders/${ofC1}/estimate/decisions`,
      { ...decision, channel: 'phone' },
      403,
      'ROLE_NOT_ALLOWED',
    )
    const own = await fx.send('customer', 'post', `/work-orders/${ofC1}/estimate/decisions`, decision)
    assert.equal(own.status, 200, JSON.stringify(own.body))
    const decided = (await fx.events()).filter((e) => e.type === 'EstimateLinesDecided').at(-1)
    assert.equal((decided?.data as { channel?: string } | undefined)?.channel, 'portal')
  })
})
