// Bad booking input: a clear problem+json (status, code, detail naming the problem) and nothing appended.
import assert from 'node:assert/strict'
import request from 'supertest'
import { bookingBody, type NetworkFixture, networkFixture } from './support/networkFixture.js'

describe('bad booking input', () => {
  let api: NetworkFixture
  before(async () => {
    api = await networkFixture()
    // One booking to overlap with.
    const first = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('customer'))
      .send(bookingBody())
    assert.equal(first.status, 201, JSON.stringify(first.body))
  })

  async function refused(body: Record<string, unknown>, status: number, code: string, detail: RegExp) {
    const before = await api.eventCount()
    const res = await request(api.app).post('/bookings').set('Authorization', api.bearer('employee_p1')).send(body)
    assert.equal(res.status, status, JSON.stringify(res.body))
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
    assert.equal(res.body.code, code)
    assert.match(res.body.detail, detail)
    assert.equal(await api.eventCount(), before, 'nothing appended')
    return res.body
  }

  const caller = { customer: { name: 'Jan Kowalski', phone: '+48 600 100 200' } }

  it('an unknown point', async () => {
    await refused(bookingBody({ ...caller, pointId: 'nowhere' }), 403, 'TENANT_ACCESS_DENIED', /another service point/)
    const res = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('head_office'))
      .send(bookingBody({ ...caller, pointId: 'nowhere' }))
    assert.equal(res.status, 404)
    assert.equal(res.body.code, 'SERVICE_POINT_NOT_FOUND')
    assert.match(res.body.detail, /nowhere/)
  })

  it('an unknown service, and unknown goods', async () => {
    const body = await refused(
      bookingBody({ ...caller, services: ['TYRE_CHANGE', 'TEETH_WHITENING'] }),
      422,
      'UNKNOWN_SERVICE',
      /unknown service TEETH_WHITENING/,
    )
    assert.deepEqual(body.errors, [{ path: 'services[1]', message: 'unknown service TEETH_WHITENING' }])
    await refused(
      bookingBody({ ...caller, goods: [{ sku: 'NOPE', quantity: 1 }] }),
      422,
      'UNKNOWN_GOODS',
      /not in the catalogue/,
    )
  })

  it('a time outside opening hours, with the nearest times that are open', async () => {
    const body = await refused(
      bookingBody({ ...caller, time: '18:30' }),
      409,
      'OUTSIDE_OPENING_HOURS',
      /2026-11-27 18:30 cannot be booked/,
    )
    assert.equal(body.alternatives.reason, 'OUTSIDE_OPENING_HOURS')
    assert.deepEqual(
      body.alternatives.before.map((s: { localTime: string }) => s.localTime),
      ['14:30', '14:45', '15:00'],
    )
    assert.deepEqual(
      body.alternatives.after.map((s: { date: string; localTime: string }) => `${s.date} ${s.localTime}`),
      ['2026-11-28 09:00', '2026-11-28 09:15', '2026-11-28 09:30'],
    )
    // Sunday: closed all day.
    await refused(
      bookingBody({ ...caller, date: '2026-11-29', time: '10:00' }),
      409,
      'OUTSIDE_OPENING_HOURS',
      /opening hours/,
    )
  })

  it('a date in the past', async () => {
    const body = await refused(bookingBody({ ...caller, date: '2026-11-20' }), 422, 'START_IN_PAST', /in the past/)
    assert.deepEqual(body.errors, [{ path: 'time', message: 'is in the past' }])
    await refused(bookingBody({ ...caller, date: '2026-11-26', time: '08:30' }), 422, 'START_IN_PAST', /in the past/)
  })

  it('an overlapping booking, with the nearest free times (or the same time in another bay)', async () => {
    // The first booking (10:00–11:00) took bay-1; bay-1 at 10:30 is taken, bay-2 is not.
    const named = await refused(
      bookingBody({ ...caller, time: '10:30', bayId: 'bay-1' }),
      409,
      'SLOT_TAKEN',
      /bay-1 is taken/,
    )
    assert.equal(named.alternatives.sameTimeElsewhere.bayId, 'bay-2')
    // Fill bay-2 too: 10:30 now overlaps in both bays.
    const second = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('employee_p1'))
      .send(bookingBody(caller))
    assert.equal(second.status, 201)
    const body = await refused(
      bookingBody({ ...caller, time: '10:30' }),
      409,
      'SLOT_TAKEN',
      /10:30 cannot be booked: every suitable bay is taken/,
    )
    const times = (slots: Array<{ localTime: string }>) => slots.map((s) => s.localTime)
    assert.deepEqual(times(body.alternatives.before), ['08:30', '08:45', '09:00'])
    assert.deepEqual(times(body.alternatives.after), ['11:00', '11:15', '11:30'])
    assert.equal(body.alternatives.sameTimeElsewhere, null)
  })

  it('an impossible duration (longer than the point is ever open in one stretch)', async () => {
    await refused(
      bookingBody({ ...caller, services: ['FULL_RESTORATION'] }),
      422,
      'IMPOSSIBLE_DURATION',
      /600 min, longer than the point is ever open in one stretch \(480 min\)/,
    )
  })

  it('an invalid registration plate', async () => {
    const body = await refused(
      bookingBody({ ...caller, vehicle: { plate: 'XX 123', vehicleClass: 'passenger' } }),
      422,
      'INVALID_REGISTRATION_PLATE',
      /registration plate/,
    )
    assert.equal(body.errors[0].path, 'vehicle.plate')
    await refused(
      bookingBody({ ...caller, vehicle: { plate: 'ŁÓ 12345', vehicleClass: 'passenger' } }),
      422,
      'INVALID_REGISTRATION_PLATE',
      /letters A-Z/,
    )
  })

  it('a malformed body and malformed times', async () => {
    await refused({ pointId: 'p1' }, 400, 'VALIDATION_FAILED', /not valid/)
    await refused(bookingBody({ ...caller, time: '25:00' }), 422, 'TIME_INVALID', /HH:MM/)
    await refused(
      bookingBody({ ...caller, date: undefined, time: undefined, start: 'tomorrow' }),
      422,
      'TIME_INVALID',
      /ISO-8601/,
    )
    await refused(bookingBody({ ...caller, customer: undefined }), 422, 'BOOKING_INVALID', /invalid/)
  })

  it('slot search: unknown point, unknown service, impossible duration, a past date, an invalid plate for nearest points', async () => {
    const before = await api.eventCount()
    const search = (pointId: string, query: Record<string, string>) =>
      request(api.app)
        .get(`/points/${pointId}/slots`)
        .query({ date: '2026-11-27', services: 'TYRE_CHANGE', vehicleClass: 'passenger', ...query })
    assert.equal((await search('nowhere', {})).body.code, 'SERVICE_POINT_NOT_FOUND')
    assert.equal((await search('p1', { services: 'NOPE' })).body.code, 'UNKNOWN_SERVICE')
    assert.equal((await search('p1', { services: 'FULL_RESTORATION' })).body.code, 'IMPOSSIBLE_DURATION')
    const past = await search('p1', { date: '2026-11-01' })
    assert.equal(past.status, 422)
    assert.match(past.body.errors[0].message, /in the past/)
    assert.equal((await search('p1', { vehicleClass: 'bicycle' })).status, 400)
    const plate = await request(api.app).get('/points/nearest').query({ plate: 'QQ 12345' })
    assert.equal(plate.status, 422)
    assert.equal(plate.body.code, 'INVALID_REGISTRATION_PLATE')
    assert.equal(await api.eventCount(), before)
  })
})
