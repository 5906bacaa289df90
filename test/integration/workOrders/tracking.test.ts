// The public pages: wrong codes are recorded as events and lock the order after five within the
// hour (429 with Retry-After, nothing more recorded while locked), the lock ends by itself or by
// staff; unknown orders answer like wrong codes and record nothing; the estimate link expires.
// And the point's lists: the board by status and the overdue alerts, decided at the asking time.
import assert from 'node:assert/strict'
import { orderAccessStream } from '../../../application/workOrders/accessLock.js'
import { type RepairFixture, repairFixture } from './support/repairFixture.js'

describe('tracking by access code, and the point’s board and overdue alerts', () => {
  let fx: RepairFixture
  let workOrderId: string
  let trackingCode: string

  beforeEach(async () => {
    fx = await repairFixture()
    const opened = await fx.openOrder('employee_p1', {})
    workOrderId = opened.order.workOrderId
    trackingCode = opened.trackingCode
  })

  const track = (code: string | null, id = workOrderId) => {
    const r = fx.send(null, 'get', `/tracking/${id}`)
    return code === null ? r : r.set('X-Access-Code', code)
  }
  const accessEvents = async () => (await fx.events()).filter((e) => e.streamId === orderAccessStream(workOrderId))

  it('locks the order after five wrong codes, records each, and lets the right code in once the lock ends', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await track('WRONG-CODE-0000-0000')
      assert.equal(res.status, 403)
      assert.equal(res.body.code, 'ACCESS_CODE_INVALID')
    }
    const fifth = await track('WRONG-CODE-0000-0000')
    assert.equal(fifth.status, 429, JSON.stringify(fifth.body))
    assert.equal(fifth.body.code, 'ACCESS_LOCKED')
    assert.equal(fifth.headers['retry-after'], '1800')
    assert.deepEqual(
      (await accessEvents()).map((e) => e.type),
      [...Array(5).fill('OrderAccessCodeRejected'), 'OrderAccessLocked'],
    )
    // While locked even the right code waits, and nothing more is recorded.
    const right = await track(trackingCode)
    assert.equal(right.status, 429)
    assert.equal((await track('ANOTHER-WRONG-ONE')).status, 429)
    assert.equal((await accessEvents()).length, 6)
    fx.advanceClock(31 * 60)
    const after = await track(trackingCode)
    assert.equal(after.status, 200, JSON.stringify(after.body))
    assert.equal(after.body.status, 'intake')
  })

  it('staff lift a lock early; the lift is recorded with who did it', async () => {
    for (let i = 0; i < 5; i++) await track('NOPE')
    assert.equal((await track(trackingCode)).status, 429)
    const unlocked = await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/access/unlock`)
    assert.equal(unlocked.status, 200, JSON.stringify(unlocked.body))
    assert.equal((await track(trackingCode)).status, 200)
    const lift = (await accessEvents()).at(-1)
    assert.equal(lift?.type, 'OrderAccessUnlocked')
    assert.equal(lift?.metadata.actor.role, 'service_point_employee')
  })

  it('an unknown order answers like a wrong code and records nothing; a missing code is a 400', async () => {
    const before = await fx.eventCount()
    const res = await track(trackingCode, 'no-such-order')
    assert.equal(res.status, 403)
    assert.equal(res.body.code, 'ACCESS_CODE_INVALID')
    assert.equal(await fx.eventCount(), before)
    const none = await track(null)
    assert.equal(none.status, 400)
    assert.equal(none.body.code, 'ACCESS_CODE_REQUIRED')
    // The estimate's code does not open the status page, nor the other way round.
    await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/estimate/lines`, {
      kind: 'service',
      serviceCode: 'TYRE_CHANGE',
    })
    const sent = await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/estimate/send`, {})
    assert.equal((await track(sent.body.accessCode)).status, 403)
    const estimate = await fx.send(null, 'get', `/tracking/${workOrderId}/estimate`).set('X-Access-Code', trackingCode)
    assert.equal(estimate.status, 403)
  })

  it('the estimate link expires after a week', async () => {
    await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/estimate/lines`, {
      kind: 'service',
      serviceCode: 'TYRE_CHANGE',
    })
    const { accessCode } = (await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/estimate/send`, {})).body
    fx.advanceClock(8 * 86_400)
    const late = await fx.send(null, 'post', `/tracking/${workOrderId}/estimate/decisions`, {
      code: accessCode,
      revision: 1,
      decidedByName: 'Jan',
      decisions: [{ lineId: 'svc:TYRE_CHANGE:1', decision: 'approved' }],
    })
    assert.equal(late.status, 403, JSON.stringify(late.body))
    assert.equal(late.body.code, 'ACCESS_CODE_EXPIRED')
    const shown = await fx.send(null, 'get', `/tracking/${workOrderId}/estimate`).set('X-Access-Code', accessCode)
    assert.equal(shown.status, 200)
    assert.equal(shown.body.open, false, 'shown, but no longer open for answers')
  })

  it('a retried send (same Idempotency-Key) shows the same code, and appends nothing more', async () => {
    await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/estimate/lines`, {
      kind: 'service',
      serviceCode: 'TYRE_CHANGE',
    })
    const send = () =>
      fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/estimate/send`, {}).set('Idempotency-Key', 'send-1')
    const first = await send()
    const count = await fx.eventCount()
    const again = await send()
    assert.equal(again.status, 200)
    assert.equal(again.body.accessCode, first.body.accessCode)
    assert.equal(await fx.eventCount(), count)
    const ok = await fx
      .send(null, 'get', `/tracking/${workOrderId}/estimate`)
      .set('X-Access-Code', again.body.accessCode)
    assert.equal(ok.status, 200)
  })

  it('a retried opening (same Idempotency-Key) answers the same order and tracking code, appending nothing', async () => {
    const open = () =>
      fx
        .send('employee_p1', 'post', '/work-orders', {
          pointId: 'p1',
          equipmentId: 'car-c2',
          intake: { customerDescription: 'noise' },
          startDiagnosis: true,
        })
        .set('Idempotency-Key', 'open-1')
    const first = await open()
    assert.equal(first.status, 201, JSON.stringify(first.body))
    const count = await fx.eventCount()
    const again = await open()
    assert.equal(again.status, 201, JSON.stringify(again.body))
    assert.equal(again.body.order.workOrderId, first.body.order.workOrderId)
    assert.equal(again.body.trackingCode, first.body.trackingCode)
    assert.equal(await fx.eventCount(), count)
    assert.equal((await track(first.body.trackingCode, first.body.order.workOrderId)).status, 200)
  })

  it('the board lists open orders by status; overdue alerts are decided at the time of asking', async () => {
    const soon = (await fx.openOrder('employee_p1', { equipmentId: 'van-f1', promisedAt: '2026-11-26T08:10:00.000Z' }))
      .order
    const other = (await fx.openOrder('employee_p1', { equipmentId: 'car-c2', promisedAt: null, startDiagnosis: true }))
      .order
    await fx.refresh()
    const board = await fx.send('employee_p1', 'get', '/points/p1/work-orders/board')
    assert.equal(board.status, 200, JSON.stringify(board.body))
    const column = (status: string) =>
      board.body.columns
        .find((c: { status: string }) => c.status === status)
        .orders.map((o: { workOrderId: string }) => o.workOrderId)
    assert.deepEqual(column('intake'), [workOrderId, soon.workOrderId])
    assert.deepEqual(column('diagnosis'), [other.workOrderId])
    const none = await fx.send('employee_p1', 'get', '/points/p1/work-orders/overdue')
    assert.deepEqual(none.body.items, [])
    fx.advanceClock(50 * 60) // 40 minutes past the promised 08:10 (access tokens live an hour)
    const late = await fx.send('manager_p1', 'get', '/points/p1/work-orders/overdue')
    assert.equal(late.status, 200, JSON.stringify(late.body))
    assert.deepEqual(
      late.body.items.map((o: { workOrderId: string; overdueMinutes: number }) => [o.workOrderId, o.overdueMinutes]),
      [[soon.workOrderId, 40]],
    )
    // Promised later: no longer overdue once the read model has the new date.
    const moved = await fx.send('employee_p1', 'put', `/work-orders/${soon.workOrderId}/promised-date`, {
      promisedAt: '2026-11-27T15:00:00.000Z',
      reason: 'parts arrive tomorrow',
    })
    assert.equal(moved.status, 200, JSON.stringify(moved.body))
    await fx.refresh()
    assert.deepEqual((await fx.send('employee_p1', 'get', '/points/p1/work-orders/overdue')).body.items, [])
  })
})
