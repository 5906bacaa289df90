// A customer rates the service of a finished order 1–6 stars through the status page, with the
// tracking code: once the vehicle is back with him, once per order (the same rating again is
// already so), recorded as ServiceRated on its own stream; a wrong code counts like on the page.
import assert from 'node:assert/strict'
import { orderAccessStream } from '../../../application/workOrders/accessLock.js'
import { serviceRatingStream } from '../../../application/workOrders/serviceRating.js'
import { type RepairFixture, repairFixture } from './support/repairFixture.js'

describe('rating a finished order through the status page', () => {
  let fx: RepairFixture
  let workOrderId: string
  let trackingCode: string

  beforeEach(async () => {
    fx = await repairFixture()
    const opened = await fx.openOrder('employee_p1', {})
    workOrderId = opened.order.workOrderId
    trackingCode = opened.trackingCode
  })

  const rate = (body: object) => fx.send(null, 'post', `/tracking/${workOrderId}/rating`, body)
  const streamEvents = async (stream: string) => (await fx.events()).filter((e) => e.streamId === stream)

  /** The estimate declined and the car returned unrepaired: the quickest way back to the customer. */
  async function handBack(): Promise<void> {
    const step = (path: string, body: object = {}) =>
      fx.send('employee_p1', 'post', `/work-orders/${workOrderId}${path}`, body)
    await step('/estimate/lines', { kind: 'service', serviceCode: 'TYRE_CHANGE' })
    await step('/estimate/send', {})
    await step('/estimate/decisions', {
      revision: 1,
      decidedByName: 'Jan',
      channel: 'in_person',
      decisions: [{ lineId: 'svc:TYRE_CHANGE:1', decision: 'declined' }],
    })
    const back = await step('/return-unrepaired', { reason: 'estimate rejected', receivedBy: 'Jan Kowalski' })
    assert.equal(back.body.order.status, 'returned_unrepaired', JSON.stringify(back.body))
  }

  it('refuses before the vehicle is back, then records 1–6 stars once and shows them on the page', async () => {
    const early = await rate({ code: trackingCode, stars: 5 })
    assert.equal(early.status, 409, JSON.stringify(early.body))
    assert.equal(early.body.code, 'WORK_ORDER_NOT_RATEABLE')
    assert.equal((await streamEvents(serviceRatingStream(workOrderId))).length, 0)

    await handBack()
    const rated = await rate({ code: trackingCode, stars: 5, comment: '  Szybko i uprzejmie  ' })
    assert.equal(rated.status, 200, JSON.stringify(rated.body))
    assert.equal(rated.body.status, 'returned_unrepaired')
    assert.deepEqual(
      { stars: rated.body.rating.stars, comment: rated.body.rating.comment },
      { stars: 5, comment: 'Szybko i uprzejmie' },
    )
    const events = await streamEvents(serviceRatingStream(workOrderId))
    assert.deepEqual(
      events.map((e) => [e.type, (e.data as { stars: number }).stars, (e.data as { pointId: string }).pointId]),
      [['ServiceRated', 5, 'p1']],
    )
    assert.equal(events[0]?.metadata.actor.role, 'customer')

    const page = await fx.send(null, 'get', `/tracking/${workOrderId}`).set('X-Access-Code', trackingCode)
    assert.equal(page.status, 200)
    assert.equal(page.body.rating.stars, 5)

    // The same rating again (a retried click) is already so; another one is refused.
    const again = await rate({ code: trackingCode, stars: 5, comment: 'Szybko i uprzejmie' })
    assert.equal(again.status, 200, JSON.stringify(again.body))
    const other = await rate({ code: trackingCode, stars: 2 })
    assert.equal(other.status, 409)
    assert.equal(other.body.code, 'WORK_ORDER_RATED')
    assert.equal((await streamEvents(serviceRatingStream(workOrderId))).length, 1)
  })

  it('checks the code like the status page (a wrong one is counted) and the stars and comment', async () => {
    await handBack()
    const wrong = await rate({ code: 'NOT-THE-CODE', stars: 6 })
    assert.equal(wrong.status, 403)
    assert.equal(wrong.body.code, 'ACCESS_CODE_INVALID')
    assert.deepEqual(
      (await streamEvents(orderAccessStream(workOrderId))).map((e) => e.type),
      ['OrderAccessCodeRejected'],
    )
    for (const stars of [0, 7, 4.5]) {
      const bad = await rate({ code: trackingCode, stars })
      assert.equal(bad.status, 422, `${stars}: ${JSON.stringify(bad.body)}`)
      assert.equal(bad.body.code, 'RATING_INVALID')
      assert.equal(bad.body.errors[0].path, 'stars')
    }
    const long = await rate({ code: trackingCode, stars: 3, comment: 'x'.repeat(1001) })
    assert.equal(long.status, 422)
    assert.equal(long.body.errors[0].path, 'comment')
    const malformed = await rate({ code: trackingCode, stars: 'five' })
    assert.equal(malformed.status, 400)
    assert.equal(malformed.body.code, 'VALIDATION_FAILED')
    assert.equal((await streamEvents(serviceRatingStream(workOrderId))).length, 0)
  })
})
