// Who may book, see and change a booking.
//   - customers book for themselves and see only their own bookings;
//   - fleet people (company account, fleet manager) book for their fleet and see its bookings;
//   - a point's people book for anyone at their point (on the phone, at the desk) and run its visits;
//   - head office does all of it everywhere.
// Booking needs an account: an anonymous visitor may search slots and nearby points, then
// registers (POST /auth/register, one step) to book, so every booking has someone to reach
// and a login to see, move or cancel it. (No booking codes for anonymous visitors: they would be
// a second, weaker way to act on a booking.)
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { tenantCanAccess } from '../../domain/access/tenant.js'
import type { BookingChannel, BookingCustomer } from '../../domain/booking/events.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { isStaffOf, tenantDenied } from '../serviceNetwork/pointAccess.js'
import type { BookingView } from './bookingView.js'

export interface CustomerInput {
  readonly customerId?: string
  readonly fleetId?: string
  readonly name?: string
  readonly phone?: string
  readonly email?: string
}

export type StaffChannel = Extract<BookingChannel, 'staff_phone' | 'staff_desk'>

/** Who a new booking is for and how it reached us, from who is asking. */
export function bookingParty(
  by: Principal,
  pointId: string,
  input: CustomerInput | undefined,
  staffChannel: StaffChannel | undefined,
): Either<DomainError, { customer: BookingCustomer; channel: BookingChannel; staff: boolean }> {
  const contact = { name: input?.name ?? null, phone: input?.phone ?? null, email: input?.email ?? null }
  const t = by.tenant
  if (t.scope === 'customer') {
    if ((input?.customerId !== undefined && input.customerId !== t.customerId) || input?.fleetId !== undefined)
      return left(domainError('forbidden', 'BOOKING_FOR_SOMEONE_ELSE', 'a customer books for himself'))
    if (staffChannel !== undefined)
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only staff choose a booking channel'))
    return right({
      customer: { customerId: t.customerId, fleetId: null, ...contact },
      channel: 'customer_online',
      staff: false,
    })
  }
  if (t.scope === 'fleet') {
    if ((input?.fleetId !== undefined && input.fleetId !== t.fleetId) || input?.customerId !== undefined)
      return left(domainError('forbidden', 'BOOKING_FOR_SOMEONE_ELSE', 'a fleet books for its own fleet'))
    if (staffChannel !== undefined)
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only staff choose a booking channel'))
    return right({
      customer: { customerId: null, fleetId: t.fleetId, ...contact },
      channel: 'fleet_manager',
      staff: false,
    })
  }
  if (!isStaffOf(by, pointId)) return left(tenantDenied())
  return right({
    customer: { customerId: input?.customerId ?? null, fleetId: input?.fleetId ?? null, ...contact },
    channel: staffChannel ?? 'staff_phone',
    staff: true,
  })
}

const ownership = (booking: BookingView) => ({
  pointId: booking.pointId,
  ...(booking.customer?.customerId ? { customerId: booking.customer.customerId } : {}),
  ...(booking.customer?.fleetId ? { fleetId: booking.customer.fleetId } : {}),
})

/** See, reschedule, cancel: the booking's customer or fleet, its point's people, head office. */
export function mayActOnBooking(by: Principal, booking: BookingView): DomainError | null {
  return tenantCanAccess(by.tenant, ownership(booking)) ? null : tenantDenied()
}

/** Check-in, completion, no-show: the point's people and head office. */
export function mayRunVisit(by: Principal, booking: BookingView): DomainError | null {
  if (by.tenant.scope !== 'network' && by.tenant.scope !== 'point')
    return domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only the service point’s staff run a visit')
  return isStaffOf(by, booking.pointId) ? null : tenantDenied()
}
