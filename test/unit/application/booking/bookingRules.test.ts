// Who a booking is for (from who asks), and how a wanted time becomes an instant at the point.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { bookingParty, mayActOnBooking, mayRunVisit } from '../../../../application/booking/bookingAccess.js'
import { resolveStart } from '../../../../application/booking/bookingService.js'
import { type BookingView, noBooking } from '../../../../application/booking/bookingView.js'
import type { Principal } from '../../../../domain/access/principal.js'

const who = (role: Principal['role'], tenant: Record<string, string>): Principal =>
  ({ id: `${role}-1`, role, tenant }) as unknown as Principal
const customer = who('customer', { scope: 'customer', customerId: 'c1' })
const fleet = who('fleet_manager', { scope: 'fleet', fleetId: 'f1' })
const employee = who('service_point_employee', { scope: 'point', pointId: 'p1' })
const otherEmployee = who('service_point_employee', { scope: 'point', pointId: 'p2' })
const hq = who('head_office', { scope: 'network' })

describe('bookingParty', () => {
  it('a customer books for himself online; contact details are his to add', () => {
    const party = bookingParty(customer, 'p1', { name: 'Jan', phone: '+48 600 000 000' }, undefined)
    assert.ok(isRight(party))
    assert.deepEqual(party.right, {
      customer: { customerId: 'c1', fleetId: null, name: 'Jan', phone: '+48 600 000 000', email: null },
      channel: 'customer_online',
      staff: false,
    })
    assert.equal(isLeft(bookingParty(customer, 'p1', { customerId: 'c1' }, undefined)), false)
    for (const input of [{ customerId: 'c2' }, { fleetId: 'f1' }])
      assert.equal(
        (bookingParty(customer, 'p1', input, undefined) as { left: { code: string } }).left.code,
        'BOOKING_FOR_SOMEONE_ELSE',
      )
  })

  it('a fleet books for its fleet, never for a named customer', () => {
    const party = bookingParty(fleet, 'p1', undefined, undefined)
    assert.ok(isRight(party))
    assert.deepEqual([party.right.customer.fleetId, party.right.channel], ['f1', 'fleet_manager'])
    assert.ok(isLeft(bookingParty(fleet, 'p1', { customerId: 'c1' }, undefined)))
    assert.ok(isLeft(bookingParty(fleet, 'p1', undefined, 'staff_desk')))
  })

  it('staff book for anyone at their own point, on the phone unless they say at the desk; head office anywhere', () => {
    const desk = bookingParty(employee, 'p1', { customerId: 'c9' }, 'staff_desk')
    assert.ok(isRight(desk))
    assert.deepEqual([desk.right.customer.customerId, desk.right.channel, desk.right.staff], ['c9', 'staff_desk', true])
    assert.equal(
      (bookingParty(employee, 'p2', undefined, undefined) as { left: { code: string } }).left.code,
      'TENANT_ACCESS_DENIED',
    )
    assert.ok(isRight(bookingParty(hq, 'p2', { name: 'X', phone: '+48 600 000 000' }, undefined)))
  })
})

describe('acting on a booking', () => {
  const booking: BookingView = {
    ...noBooking,
    bookingId: 'b1',
    status: 'confirmed',
    pointId: 'p1',
    customer: { customerId: 'c1', fleetId: null, name: null, phone: null, email: null },
  }
  it('its customer, its point’s people and head office; not another customer, fleet or point', () => {
    assert.equal(mayActOnBooking(customer, booking), null)
    assert.equal(mayActOnBooking(employee, booking), null)
    assert.equal(mayActOnBooking(hq, booking), null)
    assert.equal(mayActOnBooking(fleet, booking)?.code, 'TENANT_ACCESS_DENIED')
    assert.equal(mayActOnBooking(otherEmployee, booking)?.code, 'TENANT_ACCESS_DENIED')
    assert.equal(
      mayActOnBooking(who('customer', { scope: 'customer', customerId: 'c2' }), booking)?.code,
      'TENANT_ACCESS_DENIED',
    )
  })
  it('only the point’s people and head office run the visit', () => {
    assert.equal(mayRunVisit(employee, booking), null)
    assert.equal(mayRunVisit(hq, booking), null)
    assert.equal(mayRunVisit(customer, booking)?.code, 'ROLE_NOT_ALLOWED')
    assert.equal(mayRunVisit(otherEmployee, booking)?.code, 'TENANT_ACCESS_DENIED')
  })
})

describe('resolveStart', () => {
  const tz = 'Europe/Warsaw'
  it('a local date and time at the point, or a UTC instant', () => {
    assert.deepEqual(resolveStart(tz, { date: '2026-06-01', time: '10:00' }), {
      _tag: 'Right',
      right: { start: Date.parse('2026-06-01T08:00:00Z'), date: '2026-06-01' },
    })
    // 23:30 UTC on 31 May is already 1 June in Warsaw.
    const late = resolveStart(tz, { start: '2026-05-31T23:30:00Z' })
    assert.ok(isRight(late))
    assert.equal(late.right.date, '2026-06-01')
  })
  it('refuses a wall-clock time the spring change skips, both forms at once, and malformed input', () => {
    const gap = resolveStart(tz, { date: '2026-03-29', time: '02:30' })
    assert.ok(isLeft(gap))
    assert.match(gap.left.message, /clock change/)
    for (const wanted of [
      { start: '2026-06-01T08:00:00Z', date: '2026-06-01', time: '10:00' },
      { date: '2026-06-01' },
      { date: '2026-02-30', time: '10:00' },
      { date: '2026-06-01', time: '24:00' },
      { start: '2026-06-01 10:00' },
    ])
      assert.equal(
        (resolveStart(tz, wanted) as { left: { code: string } }).left.code,
        'TIME_INVALID',
        JSON.stringify(wanted),
      )
  })
})
