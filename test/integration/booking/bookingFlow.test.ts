import assert from 'node:assert/strict'
import request from 'supertest'
import { bookingBody, type NetworkFixture, networkFixture } from './support/networkFixture.js'

describe('booking a visit over HTTP', () => {
  let api: NetworkFixture
  beforeEach(async () => {
    api = await networkFixture()
  })

  it('searches slots with a computed duration and books one with goods attached', async () => {
    const search = await request(api.app)
      .get('/points/p1/slots')
      .query({ date: '2026-11-27', services: 'TYRE_CHANGE,BALANCING', vehicleClass: 'suv', time: '10:00' })
    assert.equal(search.status, 200, JSON.stringify(search.body))
    assert.equal(search.body.durationMinutes, 105) // 75 for an SUV + 30
    assert.equal(search.body.desired.free, true)
    assert.equal(search.body.slots[0].localTime, '08:00')

    const booked = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('customer'))
      .send(
        bookingBody({
          services: ['TYRE_CHANGE', 'BALANCING'],
          vehicle: { plate: 'dw 12345', vehicleClass: 'suv', rimInches: 18 },
          goods: [{ sku: 'VALVE-TR413', quantity: 4 }],
        }),
      )
    assert.equal(booked.status, 201, JSON.stringify(booked.body))
    assert.equal(booked.body.status, 'confirmed')
    assert.equal(booked.body.durationMinutes, 105)
    assert.equal(booked.body.localTime, '10:00')
    assert.equal(booked.body.vehicle.plate, 'DW12345')
    assert.deepEqual(booked.body.goods, [
      { sku: 'VALVE-TR413', quantity: 4, unitPrice: { amountMinor: 800, currency: 'PLN' } },
    ])
    assert.deepEqual(booked.body.bookedBy, {
      actor: { id: api.accounts.customer.accountId, role: 'customer' },
      channel: 'customer_online',
    })
    assert.equal(booked.body.customer.customerId, 'c1')

    const fetched = await request(api.app)
      .get(`/bookings/${booked.body.bookingId}`)
      .set('Authorization', api.bearer('customer'))
    assert.equal(fetched.status, 200)
    assert.deepEqual(fetched.body, booked.body)
  })

  it('records who booked: a fleet manager for his fleet, staff on the phone for a caller', async () => {
    const fleet = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('fleet_manager_f1'))
      .send(bookingBody({ vehicle: { plate: 'DW 4321A', vehicleClass: 'suv' }, customer: { name: 'Jan (driver)' } }))
    assert.equal(fleet.status, 201, JSON.stringify(fleet.body))
    assert.equal(fleet.body.bookedBy.channel, 'fleet_manager')
    assert.equal(fleet.body.customer.fleetId, 'f1')
    assert.equal(fleet.body.durationMinutes, 75)

    const phone = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('employee_p1'))
      .send(bookingBody({ time: '12:00', customer: { name: 'Pani Zofia', phone: '+48 600 100 200' }, bayId: 'bay-2' }))
    assert.equal(phone.status, 201, JSON.stringify(phone.body))
    assert.equal(phone.body.bookedBy.channel, 'staff_phone')
    assert.equal(phone.body.bookedBy.actor.role, 'service_point_employee')
    assert.equal(phone.body.slot.bayId, 'bay-2')
  })

  it('reschedules within the day and to another day, and cancelling frees the slot at once', async () => {
    const book = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('customer'))
      .send(bookingBody())
    assert.equal(book.status, 201)
    const id = book.body.bookingId
    const moved = await request(api.app)
      .post(`/bookings/${id}/reschedule`)
      .set('Authorization', api.bearer('customer'))
      .send({ date: '2026-11-27', time: '13:00' })
    assert.equal(moved.status, 200, JSON.stringify(moved.body))
    assert.equal(moved.body.localTime, '13:00')
    assert.equal(moved.body.rescheduleCount, 1)
    const nextWeek = await request(api.app)
      .post(`/bookings/${id}/reschedule`)
      .set('Authorization', api.bearer('customer'))
      .send({ date: '2026-12-01', time: '09:00', reason: 'away on Friday' })
    assert.equal(nextWeek.status, 200, JSON.stringify(nextWeek.body))
    assert.equal(nextWeek.body.date, '2026-12-01')

    // Both bays at 09:00 on 1 December: ours and one more; a third booking is refused, then cancelling makes room.
    const other = await request(api.app)
      .post('/bookings')
      .set('Authorization', api.bearer('employee_p1'))
      .send(bookingBody({ date: '2026-12-01', time: '09:00', customer: { name: 'X', phone: '+48 600 000 000' } }))
    assert.equal(other.status, 201, JSON.stringify(other.body))
    const third = () =>
      request(api.app)
        .post('/bookings')
        .set('Authorization', api.bearer('employee_p1'))
        .send(bookingBody({ date: '2026-12-01', time: '09:00', customer: { name: 'Y', phone: '+48 600 000 001' } }))
    const refused = await third()
    assert.equal(refused.status, 409, JSON.stringify(refused.body))
    assert.equal(refused.body.code, 'SLOT_TAKEN')
    const cancelled = await request(api.app)
      .post(`/bookings/${id}/cancel`)
      .set('Authorization', api.bearer('customer'))
      .send({ reason: 'changed my mind' })
    assert.equal(cancelled.status, 200)
    assert.equal(cancelled.body.status, 'cancelled')
    assert.equal((await third()).status, 201)
  })

  it('staff check in and complete a visit on its day; a no-show after the start frees the rest of the slot', async () => {
    const today = (time: string, plate: string) =>
      request(api.app)
        .post('/bookings')
        .set('Authorization', api.bearer('customer'))
        .send(bookingBody({ date: '2026-11-26', time, vehicle: { plate, vehicleClass: 'passenger' } }))
    const visit = await today('11:00', 'DW 11111')
    const absent = await today('09:15', 'DW 22222')
    assert.equal(visit.status, 201, JSON.stringify(visit.body))
    assert.equal(absent.status, 201)
    const staff = (path: string) => request(api.app).post(path).set('Authorization', api.bearer('employee_p1'))
    assert.equal((await staff(`/bookings/${visit.body.bookingId}/complete`)).body.code, 'BOOKING_NOT_CHECKED_IN')
    const checkedIn = await staff(`/bookings/${visit.body.bookingId}/check-in`)
    assert.equal(checkedIn.status, 200, JSON.stringify(checkedIn.body))
    const completed = await staff(`/bookings/${visit.body.bookingId}/complete`)
    assert.equal(completed.body.status, 'completed')

    assert.equal((await staff(`/bookings/${absent.body.bookingId}/no-show`)).body.code, 'NO_SHOW_BEFORE_START')
    api.advanceClock(20 * 60) // 09:20 in Warsaw
    const noShow = await staff(`/bookings/${absent.body.bookingId}/no-show`)
    assert.equal(noShow.status, 200, JSON.stringify(noShow.body))
    const released = (await api.events()).filter((e) => e.type === 'SlotReleased')
    assert.deepEqual(
      released.map((e) => (e.data as { reason: string }).reason),
      ['no_show'],
    )
  })
})
