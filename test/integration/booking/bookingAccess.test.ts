// Each role trying what it must not do with bookings: refused with 401/403, nothing appended.
import assert from 'node:assert/strict'
import request from 'supertest'
import type { Cast } from '../api/support/testApi.js'
import { bookingBody, type NetworkFixture, networkFixture } from './support/networkFixture.js'

describe('who may book, see and run bookings', () => {
  let api: NetworkFixture
  let ofCustomer: string // c1's booking at p1
  let ofOther: string // a booking at p1 made on the phone for customer c2
  let ofFleet: string // fleet f1's booking at p1

  before(async () => {
    api = await networkFixture()
    const book = async (who: Cast, body: Record<string, unknown>) => {
      const res = await request(api.app).post('/bookings').set('Authorization', api.bearer(who)).send(bookingBody(body))
      assert.equal(res.status, 201, JSON.stringify(res.body))
      return res.body.bookingId as string
    }
    ofCustomer = await book('customer', { date: '2026-11-26', time: '11:00' })
    ofOther = await book('employee_p1', { customer: { customerId: 'c2' }, time: '11:00' })
    ofFleet = await book('fleet_manager_f1', {
      time: '12:00',
      vehicle: { plate: 'DW 55555', vehicleClass: 'passenger' },
    })
  })

  const send = (who: Cast | null, method: 'get' | 'post', path: string, body?: object) => {
    const r = request(api.app)[method](path)
    if (who) r.set('Authorization', api.bearer(who))
    return body ? r.send(body) : r
  }

  async function denied(
    who: Cast | null,
    method: 'get' | 'post',
    path: string,
    body: object | undefined,
    status: number,
    code: string,
  ) {
    const before = await api.eventCount()
    const res = await send(who, method, path, body)
    assert.equal(res.status, status, `${who} ${method} ${path}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.code, code, `${who} ${method} ${path}`)
    assert.equal(await api.eventCount(), before, `${who} ${method} ${path} appended nothing`)
  }

  it('anonymous visitors search slots and nearest points, but need an account to book or see a booking', async () => {
    const slots = await send(
      null,
      'get',
      '/points/p1/slots?date=2026-11-27&services=TYRE_CHANGE&vehicleClass=passenger',
    )
    assert.equal(slots.status, 200)
    assert.equal((await send(null, 'get', '/points/nearest?lat=51.1&lon=17.0')).status, 200)
    await denied(null, 'post', '/bookings', bookingBody(), 401, 'AUTHENTICATION_REQUIRED')
    await denied(null, 'get', `/bookings/${ofCustomer}`, undefined, 401, 'AUTHENTICATION_REQUIRED')
    await denied(null, 'post', `/bookings/${ofCustomer}/cancel`, {}, 401, 'AUTHENTICATION_REQUIRED')
  })

  it('a customer books only for himself, sees and changes only his own bookings, and runs no visits', async () => {
    await denied(
      'customer',
      'post',
      '/bookings',
      bookingBody({ customer: { customerId: 'c2' } }),
      403,
      'BOOKING_FOR_SOMEONE_ELSE',
    )
    await denied(
      'customer',
      'post',
      '/bookings',
      bookingBody({ customer: { fleetId: 'f1' } }),
      403,
      'BOOKING_FOR_SOMEONE_ELSE',
    )
    await denied('customer', 'post', '/bookings', bookingBody({ bayId: 'bay-2' }), 403, 'ROLE_NOT_ALLOWED')
    await denied('customer', 'post', '/bookings', bookingBody({ channel: 'staff_desk' }), 403, 'ROLE_NOT_ALLOWED')
    for (const other of [ofOther, ofFleet]) {
      await denied('customer', 'get', `/bookings/${other}`, undefined, 403, 'TENANT_ACCESS_DENIED')
      await denied('customer', 'post', `/bookings/${other}/cancel`, {}, 403, 'TENANT_ACCESS_DENIED')
      await denied(
        'customer',
        'post',
        `/bookings/${other}/reschedule`,
        { date: '2026-11-30', time: '10:00' },
        403,
        'TENANT_ACCESS_DENIED',
      )
    }
    await denied(
      'customer',
      'post',
      `/bookings/${ofCustomer}/reschedule`,
      { date: '2026-11-30', time: '10:00', bayId: 'bay-2' },
      403,
      'ROLE_NOT_ALLOWED',
    )
    for (const step of ['check-in', 'complete', 'no-show'])
      await denied('customer', 'post', `/bookings/${ofCustomer}/${step}`, undefined, 403, 'ROLE_NOT_ALLOWED')
    assert.equal((await send('customer', 'get', `/bookings/${ofCustomer}`)).status, 200)
  })

  it('fleet people book for their own fleet only and see only its bookings', async () => {
    for (const who of ['fleet_manager_f1', 'fleet_f1'] as const) {
      await denied(
        who,
        'post',
        '/bookings',
        bookingBody({ customer: { fleetId: 'f2' } }),
        403,
        'BOOKING_FOR_SOMEONE_ELSE',
      )
      await denied(
        who,
        'post',
        '/bookings',
        bookingBody({ customer: { customerId: 'c1' } }),
        403,
        'BOOKING_FOR_SOMEONE_ELSE',
      )
      await denied(who, 'get', `/bookings/${ofCustomer}`, undefined, 403, 'TENANT_ACCESS_DENIED')
      await denied(who, 'post', `/bookings/${ofCustomer}/cancel`, {}, 403, 'TENANT_ACCESS_DENIED')
      await denied(who, 'post', `/bookings/${ofFleet}/check-in`, undefined, 403, 'ROLE_NOT_ALLOWED')
      assert.equal((await send(who, 'get', `/bookings/${ofFleet}`)).status, 200)
    }
  })

  it('another point’s staff neither book here nor see, change or run this point’s bookings', async () => {
    for (const who of ['employee_p2', 'manager_p2'] as const) {
      await denied(
        who,
        'post',
        '/bookings',
        bookingBody({ customer: { name: 'X', phone: '+48 600 000 000' } }),
        403,
        'TENANT_ACCESS_DENIED',
      )
      await denied(who, 'get', `/bookings/${ofCustomer}`, undefined, 403, 'TENANT_ACCESS_DENIED')
      await denied(who, 'post', `/bookings/${ofCustomer}/cancel`, {}, 403, 'TENANT_ACCESS_DENIED')
      await denied(
        who,
        'post',
        `/bookings/${ofCustomer}/reschedule`,
        { date: '2026-11-30', time: '10:00' },
        403,
        'TENANT_ACCESS_DENIED',
      )
      for (const step of ['check-in', 'complete', 'no-show'])
        await denied(who, 'post', `/bookings/${ofCustomer}/${step}`, undefined, 403, 'TENANT_ACCESS_DENIED')
    }
  })

  it('the point’s own staff and head office see and run the point’s bookings', async () => {
    for (const who of ['employee_p1', 'manager_p1', 'point_p1', 'head_office'] as const)
      for (const id of [ofCustomer, ofOther, ofFleet])
        assert.equal((await send(who, 'get', `/bookings/${id}`)).status, 200, who)
    const checkedIn = await send('point_p1', 'post', `/bookings/${ofCustomer}/check-in`)
    assert.equal(checkedIn.status, 200, JSON.stringify(checkedIn.body))
    assert.equal((await send('head_office', 'post', `/bookings/${ofCustomer}/complete`)).status, 200)
    await denied('head_office', 'get', '/bookings/no-such-booking', undefined, 404, 'BOOKING_NOT_FOUND')
  })
})
