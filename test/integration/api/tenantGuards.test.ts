// How another context's router is guarded by role and tenant: this module stands in for one.
import assert from 'node:assert/strict'
import request from 'supertest'
import type { ApiModule } from '../../../api/apiKit.js'
import { assertCanAccess, tenantFromPath } from '../../../api/auth/tenantAccess.js'
import { ProblemError } from '../../../api/problem.js'
import { principalOf } from '../../../api/requestContext.js'
import { type Cast, testApi } from './support/testApi.js'

// A stand-in for a read model: one booking at point p1 by customer c1 of fleet f1.
const bookings: Record<string, { pointId: string; customerId: string; fleetId?: string }> = {
  b1: { pointId: 'p1', customerId: 'c1', fleetId: 'f1' },
  b2: { pointId: 'p2', customerId: 'c2' },
}

const pointsModule: ApiModule = (kit) =>
  kit.router('/points', 'service network').get(
    '/:pointId/schedule',
    {
      summary: 'A point’s schedule',
      access: ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'],
      // the owner is in the path: check it before the handler runs
      guards: [tenantFromPath({ pointId: 'pointId' })],
      response: { status: 200, description: 'the schedule' },
    },
    (req, res) => {
      res.json({ pointId: req.params.pointId, days: [] })
    },
  )

const bookingsModule: ApiModule = (kit) =>
  kit.router('/bookings', 'booking').get(
    '/:bookingId',
    {
      summary: 'One booking',
      access: 'authenticated',
      response: { status: 200, description: 'the booking' },
      problems: { 404: 'no such booking' },
    },
    (req, res) => {
      const booking = bookings[req.params.bookingId]
      if (!booking) throw new ProblemError({ status: 404, code: 'BOOKING_NOT_FOUND', detail: 'no such booking' })
      // the owner is in the data: load, then check
      assertCanAccess(principalOf(req), booking)
      res.json(booking)
    },
  )

describe('role and tenant guards on another context’s routes', () => {
  it('a point’s schedule: its staff and head office; not another point’s staff, not fleets or customers', async () => {
    const api = await testApi({ modules: [pointsModule] })
    const cases: Array<[Cast, string, number]> = [
      ['head_office', 'p1', 200],
      ['head_office', 'p2', 200],
      ['point_p1', 'p1', 200],
      ['manager_p1', 'p1', 200],
      ['employee_p1', 'p1', 200],
      ['employee_p1', 'p2', 403],
      ['manager_p2', 'p1', 403],
      ['fleet_manager_f1', 'p1', 403],
      ['customer', 'p1', 403],
    ]
    for (const [who, point, status] of cases) {
      const res = await request(api.app).get(`/points/${point}/schedule`).set('Authorization', api.bearer(who))
      assert.equal(res.status, status, `${who} → ${point}`)
      if (status === 403) assert.ok(['ROLE_NOT_ALLOWED', 'TENANT_ACCESS_DENIED'].includes(res.body.code))
    }
    assert.equal((await request(api.app).get('/points/p1/schedule')).status, 401)
  })

  it('a booking: its point, its fleet, its customer and head office', async () => {
    const api = await testApi({ modules: [bookingsModule] })
    const cases: Array<[Cast, string, number]> = [
      ['head_office', 'b1', 200],
      ['employee_p1', 'b1', 200],
      ['fleet_manager_f1', 'b1', 200],
      ['customer', 'b1', 200], // customer c1
      ['employee_p2', 'b1', 403],
      ['customer', 'b2', 403],
      ['fleet_f1', 'b2', 403],
      ['employee_p2', 'b2', 200],
      ['head_office', 'b9', 404],
    ]
    for (const [who, booking, status] of cases) {
      const res = await request(api.app).get(`/bookings/${booking}`).set('Authorization', api.bearer(who))
      assert.equal(res.status, status, `${who} → ${booking}`)
    }
  })
})
