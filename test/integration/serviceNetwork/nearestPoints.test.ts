import assert from 'node:assert/strict'
import request from 'supertest'
import { bookingBody, type NetworkFixture, networkFixture, pointInput } from '../booking/support/networkFixture.js'

describe('nearest service points', () => {
  let api: NetworkFixture
  before(async () => {
    api = await networkFixture()
    // Warszawa: passenger cars only, no run-flat, rims up to 18".
    const { managerId: _m, ...waw } = pointInput('waw-1', 'Warszawa', 52.2297, 21.0122, null)
    const created = await request(api.app)
      .post('/points')
      .set('Authorization', api.bearer('head_office'))
      .send({
        ...waw,
        address: { ...waw.address, postalCode: '00-001' },
        bays: [{ bayId: 'b1', name: 'B1', capabilities: { features: ['passenger', 'balancing'], rimMaxInches: 18 } }],
      })
    assert.equal(created.status, 201, JSON.stringify(created.body))
  })
  const nearest = (query: Record<string, string | number>) => request(api.app).get('/points/nearest').query(query)
  const ids = (res: { body: { points: Array<{ pointId: string }> } }) => res.body.points.map((p) => p.pointId)

  it('by position: nearest first, with distances', async () => {
    const res = await nearest({ lat: 50.06, lon: 19.94 }) // Kraków, Rynek
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(ids(res), ['p2', 'p1', 'waw-1'])
    assert.ok(res.body.points[0].distanceKm < 1)
    assert.equal(res.body.points[0].name, 'Opony Kraków')
    assert.equal(res.body.origin.source, 'location')
  })

  it('by registration plate: from the centre of the region its prefix encodes', async () => {
    const krakow = await nearest({ plate: 'KR 12345' })
    assert.equal(krakow.status, 200, JSON.stringify(krakow.body))
    assert.equal(krakow.body.origin.source, 'plate')
    assert.equal(krakow.body.origin.region.level, 'district')
    assert.equal(ids(krakow)[0], 'p2')
    assert.equal(ids(await nearest({ plate: 'WA 1234X' }))[0], 'waw-1')
    assert.equal(ids(await nearest({ plate: 'DW 12345' }))[0], 'p1')
  })

  it('filters by capabilities and distance', async () => {
    // Warszawa has no run-flat bay; Kraków is nearer than Wrocław.
    assert.deepEqual(ids(await nearest({ lat: 52.23, lon: 21.01, features: 'run_flat' })), ['p2', 'p1'])
    assert.deepEqual(ids(await nearest({ lat: 52.23, lon: 21.01, rimInches: 20 })), ['p2', 'p1'])
    assert.deepEqual(ids(await nearest({ lat: 51.11, lon: 17.03, maxDistanceKm: 50 })), ['p1'])
    assert.deepEqual(ids(await nearest({ lat: 51.11, lon: 17.03, limit: 2 })), ['p1', 'p2'])
  })

  it('the point of the car’s last visit comes first', async () => {
    // A car from Kraków serviced in Wrocław.
    const booked = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('customer'))
      .send(
        bookingBody({ date: '2026-11-26', time: '11:00', vehicle: { plate: 'KR 99999', vehicleClass: 'passenger' } }),
      )
    assert.equal(booked.status, 201, JSON.stringify(booked.body))
    const checkIn = await request(api.app)
      .post(`/bookings/${booked.body.bookingId}/check-in`)
      .set('Authorization', api.bearer('employee_p1'))
    assert.equal(checkIn.status, 200)
    const res = await nearest({ plate: 'kr 99999' })
    assert.deepEqual(ids(res), ['p1', 'p2', 'waw-1'])
    assert.equal(res.body.points[0].lastService, true)
    // Unless it lacks what the visit needs.
    assert.equal(ids(await nearest({ plate: 'KR 99999', rimInches: 24 })).length, 0)
  })

  it('refuses a search without a position or plate, half a position and an invalid plate', async () => {
    assert.equal((await nearest({})).body.code, 'NEAREST_POINTS_INVALID')
    assert.equal((await nearest({ lat: 50 })).body.code, 'NEAREST_POINTS_INVALID')
    assert.equal((await nearest({ lat: 95, lon: 10 })).status, 422)
    assert.equal((await nearest({ lat: 'north', lon: 10 })).status, 400)
    const plate = await nearest({ plate: 'H1 23456' })
    assert.equal(plate.status, 422)
    assert.equal(plate.body.code, 'INVALID_REGISTRATION_PLATE')
  })
})
