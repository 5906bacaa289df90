// A point's stock over HTTP: deliveries, minimum levels and the low-stock list (read model and
// live fold agree), counts, parts handed out and returned, reservations released when an order is
// cancelled (the policy), and retried requests booked once.
import assert from 'node:assert/strict'
import { type RepairFixture, repairFixture } from '../workOrders/support/repairFixture.js'

describe('stock per point', () => {
  let fx: RepairFixture

  before(async () => {
    fx = await repairFixture()
  })

  const post = (who: Parameters<RepairFixture['send']>[0], path: string, body: object) =>
    fx.send(who, 'post', `/points/p1/stock${path}`, body)
  const live = async () =>
    Object.fromEntries(
      (await fx.send('employee_p1', 'get', '/points/p1/stock?live=true')).body.items.map(
        (i: { sku: string; onHand: number; reserved: number }) => [i.sku, [i.onHand, i.reserved]],
      ),
    )

  it('minimum levels make the low-stock list, worst first; the read model agrees with the stream', async () => {
    for (const [sku, minimum] of [
      ['VALVE', 30],
      ['TYRE-205', 8],
      ['TPMS', 2],
    ] as const) {
      const res = await fx.send('manager_p1', 'put', `/points/p1/stock/minimums/${sku}`, { minimum })
      assert.equal(res.status, 200, JSON.stringify(res.body))
    }
    await fx.refresh()
    const low = await fx.send('employee_p1', 'get', '/points/p1/stock/low')
    assert.equal(low.status, 200, JSON.stringify(low.body))
    assert.deepEqual(
      low.body.items.map((i: { sku: string; shortBy: number }) => [i.sku, i.shortBy]),
      [
        ['VALVE', 10],
        ['TYRE-205', 4],
        ['TPMS', 2],
      ],
    )
    const levels = (await fx.send('employee_p1', 'get', '/points/p1/stock')).body.items
    assert.deepEqual(
      Object.fromEntries(
        levels.map((i: { sku: string; onHand: number; reserved: number }) => [i.sku, [i.onHand, i.reserved]]),
      ),
      await live(),
    )
  })

  it('a delivery booked twice with the same key is booked once; a count books the difference', async () => {
    const delivery = () =>
      post('manager_p1', '/receipts', {
        lines: [{ sku: 'VALVE', quantity: 15, unitCost: { amountMinor: 300, currency: 'PLN' } }],
        supplier: 'Hurtownia',
        documentRef: 'FV/2026/11/123',
      }).set('Idempotency-Key', 'delivery-2')
    assert.equal((await delivery()).status, 200)
    assert.equal((await delivery()).status, 200)
    assert.deepEqual((await live()).VALVE, [35, 0])
    const count = await post('manager_p1', '/adjustments', { sku: 'VALVE', countedQuantity: 33, reason: 'stocktake' })
    assert.equal(count.status, 200, JSON.stringify(count.body))
    const adjusted = (await fx.events())
      .filter((e) => e.type === 'StockAdjusted')
      .map((e) => (e.data as { delta: number }).delta)
    assert.deepEqual(adjusted, [-2])
    await fx.refresh()
    const low = (await fx.send('employee_p1', 'get', '/points/p1/stock/low')).body.items
    assert.ok(!low.some((i: { sku: string }) => i.sku === 'VALVE'), 'back above its minimum')
  })

  it('parts held for an order are released when the order is cancelled', async () => {
    const order = (await fx.openOrder('employee_p1', {})).order.workOrderId
    const held = await post('employee_p1', '/reservations', {
      workOrderId: order,
      lines: [{ sku: 'TYRE-205', quantity: 2 }],
    })
    assert.equal(held.status, 200, JSON.stringify(held.body))
    assert.deepEqual(held.body.heldByOrder, [{ sku: 'TYRE-205', quantity: 2 }])
    assert.deepEqual((await live())['TYRE-205'], [4, 2])
    const cancelled = await fx.send('employee_p1', 'post', `/work-orders/${order}/cancel`, {
      reason: 'customer changed his mind',
    })
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body))
    assert.ok(
      cancelled.body.policies.some(
        (p: { policy: string; outcome: string }) => p.policy === 'release-parts' && p.outcome === 'applied',
      ),
    )
    assert.deepEqual((await live())['TYRE-205'], [4, 0])
    const released = (await fx.events()).filter((e) => e.type === 'StockReservationReleased').at(-1)
    assert.equal((released?.data as { reason?: string } | undefined)?.reason, 'order_cancelled')
  })

  it('parts handed to a technician and returned unused', async () => {
    const out = await post('employee_p1', '/issues', { technicianId: 'p1-jan', lines: [{ sku: 'VALVE', quantity: 4 }] })
    assert.equal(out.status, 200, JSON.stringify(out.body))
    const back = await post('employee_p1', '/returns', {
      technicianId: 'p1-jan',
      lines: [{ sku: 'VALVE', quantity: 1 }],
    })
    assert.equal(back.status, 200, JSON.stringify(back.body))
    const tooMany = await post('employee_p1', '/returns', {
      technicianId: 'p1-jan',
      lines: [{ sku: 'VALVE', quantity: 9 }],
    })
    assert.equal(tooMany.status, 409)
    assert.equal(tooMany.body.code, 'RETURN_EXCEEDS_ISSUED')
    assert.deepEqual((await live()).VALVE, [30, 0])
  })
})
