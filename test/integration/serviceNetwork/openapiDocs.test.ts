// The service-network and booking routes document themselves in /openapi.json: access, bodies, answers.
import assert from 'node:assert/strict'
import request from 'supertest'
import { networkFixture } from '../booking/support/networkFixture.js'

describe('service network and booking in /openapi.json', () => {
  it('lists every route with its access rule, body schema and problem answers', async () => {
    const api = await networkFixture()
    const doc = (await request(api.app).get('/openapi.json')).body
    const op = (path: string, method: string) => doc.paths[path]?.[method]
    for (const [path, method] of [
      ['/points', 'post'],
      ['/points/{pointId}', 'put'],
      ['/points/{pointId}/opening-hours/exceptions/{date}', 'delete'],
      ['/points/{pointId}/bays/{bayId}', 'put'],
      ['/points/{pointId}/shifts', 'post'],
      ['/catalogue/services/{code}', 'put'],
      ['/catalogue/goods/{sku}/retire', 'post'],
      ['/points/nearest', 'get'],
      ['/points/{pointId}/slots', 'get'],
      ['/bookings', 'post'],
      ['/bookings/{bookingId}/reschedule', 'post'],
      ['/bookings/{bookingId}/no-show', 'post'],
    ])
      assert.ok(op(path as string, method as string), `${method} ${path}`)
    assert.deepEqual(op('/points/nearest', 'get').security, [])
    assert.deepEqual(op('/points/{pointId}/slots', 'get').security, [])
    const slotQuery = op('/points/{pointId}/slots', 'get').parameters.filter((p: { in: string }) => p.in === 'query')
    assert.deepEqual(
      slotQuery.filter((p: { required: boolean }) => p.required).map((p: { name: string }) => p.name),
      ['date', 'services', 'vehicleClass'],
    )
    assert.ok(slotQuery.some((p: { name: string }) => p.name === 'desiredStart'))
    assert.match(op('/points', 'post').description, /Roles: head_office\./)
    assert.match(op('/bookings/{bookingId}/check-in', 'post').description, /service_point_employee/)
    const booking = op('/bookings', 'post')
    assert.ok(booking.requestBody.content['application/json'].schema.properties.vehicle)
    assert.match(booking.responses['409'].description, /alternatives/)
    assert.ok(booking.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key'))
    assert.match(op('/points/{pointId}/slots', 'get').description, /desiredStart/)
  })
})
