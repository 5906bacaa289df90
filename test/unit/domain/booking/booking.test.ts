import assert from 'node:assert/strict'
import { bookingDecider } from '../../../../domain/booking/bookingDecider.js'
import type { BookingCommand } from '../../../../domain/booking/commands.js'
import type { BookingEvent } from '../../../../domain/booking/events.js'
import { scenario } from '../givenWhenThen.js'

const { given } = scenario(bookingDecider)
const bookingId = 'bk-1'
const slot = { bayId: 'bay-1', staffId: 'bartek', start: '2026-06-01T08:00:00.000Z', end: '2026-06-01T09:00:00.000Z' }
const request: Extract<BookingCommand, { kind: 'RequestBooking' }> = {
  kind: 'RequestBooking',
  bookingId,
  pointId: 'wro-1',
  timeZone: 'Europe/Warsaw',
  bookedBy: { actor: { id: 'cust-1', role: 'customer' }, channel: 'customer_online' },
  customer: { customerId: 'cust-1', fleetId: null, name: 'Jan Kowalski', phone: '+48 600 100 200', email: null },
  vehicle: { plate: 'dw 1ab23', plateCountry: 'PL', vehicleClass: 'passenger', wheels: 4, rimInches: 17 },
  services: [
    { code: 'TYRE-CHANGE', minutes: 40 },
    { code: 'BALANCING', minutes: 20 },
  ],
  goods: [{ sku: 'VALVE-TR414', quantity: 4, unitPrice: { amountMinor: 500, currency: 'PLN' } }],
  durationMinutes: 60,
  slot,
  note: null,
  confirm: true,
  now: '2026-05-20T09:00:00.000Z',
}
const requested: BookingEvent = {
  type: 'BookingRequested',
  data: {
    bookingId,
    pointId: 'wro-1',
    timeZone: 'Europe/Warsaw',
    bookedBy: request.bookedBy,
    customer: request.customer,
    vehicle: { ...request.vehicle, plate: 'DW1AB23' },
    services: [...request.services],
    goods: [...request.goods],
    durationMinutes: 60,
    slot,
    note: null,
  },
}
const confirmed: BookingEvent = { type: 'BookingConfirmed', data: { bookingId } }
const cancelled: BookingEvent = {
  type: 'BookingCancelled',
  data: { bookingId, reason: 'changed plans', cancelledAt: '2026-05-21T10:00:00.000Z' },
}
const checkedIn: BookingEvent = { type: 'BookingCheckedIn', data: { bookingId, at: '2026-06-01T07:55:00.000Z' } }
const completed: BookingEvent = { type: 'BookingCompleted', data: { bookingId, at: '2026-06-01T09:05:00.000Z' } }
const noShow: BookingEvent = { type: 'BookingMarkedNoShow', data: { bookingId, at: '2026-06-01T08:20:00.000Z' } }
const cancel: BookingCommand = {
  kind: 'CancelBooking',
  bookingId,
  reason: 'changed plans',
  now: '2026-05-21T10:00:00.000Z',
}

describe('booking', () => {
  it('a customer books online: requested and confirmed at once, plate normalised, who booked recorded', () => {
    const state = given([]).when(request).then([requested, confirmed])
    assert.equal(state.status, 'confirmed')
    given([])
      .when({ ...request, confirm: false })
      .then([requested])
  })

  it('refuses bad input with field paths: plate, past start, duration not matching services or slot', () => {
    const error = given([])
      .when({
        ...request,
        vehicle: { ...request.vehicle, plate: 'HPA 1234' },
        durationMinutes: 50,
        slot: { ...slot, start: '2026-05-01T08:00:00.000Z' },
        goods: [{ sku: 'X', quantity: 0, unitPrice: { amountMinor: -1, currency: 'PLN' } }],
      })
      .thenError('BOOKING_INVALID', 'invalid')
    const paths = (error.fields ?? []).map((f) => f.path)
    for (const p of [
      'vehicle.plate',
      'durationMinutes',
      'slot.start',
      'slot.end',
      'goods[0].quantity',
      'goods[0].unitPrice.amountMinor',
    ])
      assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`)
  })

  it('a fleet manager books for a fleet; a foreign plate is accepted by its own country', () => {
    given([])
      .when({ ...request, bookedBy: { actor: { id: 'fm-1', role: 'fleet_manager' }, channel: 'fleet_manager' } })
      .thenError('BOOKING_INVALID')
    const events = given([])
      .when({ ...request, vehicle: { ...request.vehicle, plate: 'B 123 ABC', plateCountry: 'RO' } })
      .events()
    assert.equal(events[0]?.type === 'BookingRequested' && events[0].data.vehicle.plate, 'B123ABC')
  })

  it('confirm, reschedule, cancel', () => {
    given([requested]).when({ kind: 'ConfirmBooking', bookingId }).then([confirmed])
    given([requested, confirmed]).when({ kind: 'ConfirmBooking', bookingId }).then([])
    const to = { ...slot, start: '2026-06-02T10:00:00.000Z', end: '2026-06-02T11:00:00.000Z' }
    const state = given([requested, confirmed])
      .when({
        kind: 'RescheduleBooking',
        bookingId,
        slot: to,
        reason: 'customer asked',
        now: '2026-05-21T10:00:00.000Z',
      })
      .then([{ type: 'BookingRescheduled', data: { bookingId, from: slot, to, reason: 'customer asked' } }])
    assert.equal(state.status, 'confirmed')
    assert.equal(state.rescheduleCount, 1)
    given([requested, confirmed])
      .when({
        kind: 'RescheduleBooking',
        bookingId,
        slot: { ...to, end: '2026-06-02T12:00:00.000Z' },
        reason: null,
        now: '2026-05-21T10:00:00.000Z',
      })
      .thenError('BOOKING_INVALID')
    given([requested, confirmed]).when(cancel).then([cancelled])
  })

  it('illegal transitions are conflicts with stable codes', () => {
    given([requested, confirmed, cancelled]).when(cancel).thenError('BOOKING_ALREADY_CANCELLED', 'conflict')
    given([requested, confirmed, cancelled])
      .when({ kind: 'CheckInBooking', bookingId, now: '2026-06-01T07:55:00.000Z' })
      .thenError('BOOKING_ALREADY_CANCELLED')
    given([requested, confirmed, checkedIn]).when(cancel).thenError('BOOKING_ALREADY_CHECKED_IN', 'conflict')
    given([requested, confirmed, checkedIn, completed]).when(cancel).thenError('BOOKING_ALREADY_COMPLETED')
    given([requested, confirmed, noShow]).when(cancel).thenError('BOOKING_ALREADY_NO_SHOW')
    given([requested, confirmed])
      .when({ kind: 'CompleteBooking', bookingId, now: '2026-06-01T09:00:00.000Z' })
      .thenError('BOOKING_NOT_CHECKED_IN', 'conflict')
    given([requested, confirmed, cancelled])
      .when({ kind: 'ConfirmBooking', bookingId })
      .thenError('BOOKING_ALREADY_CANCELLED')
    given([]).when(cancel).thenError('BOOKING_NOT_FOUND', 'not_found')
    given([requested]).when(request).thenError('BOOKING_ALREADY_EXISTS', 'conflict')
  })

  it('check-in only on the day of the visit (local date), then complete', () => {
    given([requested, confirmed])
      .when({ kind: 'CheckInBooking', bookingId, now: '2026-05-31T21:59:00.000Z' }) // 23:59 on 31 May in Warsaw
      .thenError('CHECK_IN_NOT_ON_BOOKING_DAY', 'conflict')
    given([requested, confirmed])
      .when({ kind: 'CheckInBooking', bookingId, now: '2026-05-31T22:01:00.000Z' }) // 00:01 on 1 June in Warsaw
      .then([{ type: 'BookingCheckedIn', data: { bookingId, at: '2026-05-31T22:01:00.000Z' } }])
    given([requested, confirmed, checkedIn])
      .when({ kind: 'CompleteBooking', bookingId, now: '2026-06-01T09:05:00.000Z' })
      .then([completed])
  })

  it('no-show only after the start time', () => {
    given([requested, confirmed])
      .when({ kind: 'MarkNoShow', bookingId, now: '2026-06-01T07:59:00.000Z' })
      .thenError('NO_SHOW_BEFORE_START', 'conflict')
    given([requested, confirmed])
      .when({ kind: 'MarkNoShow', bookingId, now: '2026-06-01T08:20:00.000Z' })
      .then([noShow])
    given([requested, confirmed, checkedIn])
      .when({ kind: 'MarkNoShow', bookingId, now: '2026-06-01T08:20:00.000Z' })
      .thenError('BOOKING_ALREADY_CHECKED_IN')
  })
})
