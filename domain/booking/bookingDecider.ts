// The booking aggregate (stream `booking-<bookingId>`): one visit's lifecycle.
//
//   requested ─confirm─▶ confirmed ─┬─▶ checked_in ─▶ completed
//       │                  ▲  │     ├─▶ no_show (only once the start time has passed)
//       └──────────────────┴──┴─────┴─▶ cancelled
//   reschedule: requested or confirmed → same status at the new slot
//
// A rescheduled booking keeps its status ('requested' or 'confirmed'): rescheduling is something that
// happened to it (BookingRescheduled, counted in `rescheduleCount`), not a state it waits in.
// The slot itself is guarded by the day schedule; this aggregate records the visit and its outcome.
// Illegal transitions are 'conflict' errors with stable codes named after the state that forbids them.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { validatePlate } from '../service-network/plateRegions.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { isValidTimeZone, MINUTE, parseInstant, toLocal } from '../shared/localTime.js'
import { moneyProblems } from '../shared/money.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { BookingCommand } from './commands.js'
import type { BookedSlot, BookingEvent } from './events.js'

export const bookingStream = (bookingId: string): string => `booking-${bookingId}`

export type BookingStatus = 'none' | 'requested' | 'confirmed' | 'cancelled' | 'checked_in' | 'completed' | 'no_show'

export interface BookingState {
  readonly status: BookingStatus
  readonly bookingId: string
  readonly pointId: string
  readonly timeZone: string
  readonly durationMinutes: number
  readonly slot: BookedSlot | null
  readonly rescheduleCount: number
}

export const initialBookingState: BookingState = {
  status: 'none',
  bookingId: '',
  pointId: '',
  timeZone: 'UTC',
  durationMinutes: 0,
  slot: null,
  rescheduleCount: 0,
}

type Decision = Either<DomainError, ReadonlyArray<BookingEvent>>

const ALREADY: Record<Exclude<BookingStatus, 'none' | 'requested'>, [string, string]> = {
  confirmed: ['BOOKING_ALREADY_CONFIRMED', 'the booking is already confirmed'],
  cancelled: ['BOOKING_ALREADY_CANCELLED', 'the booking is cancelled'],
  checked_in: ['BOOKING_ALREADY_CHECKED_IN', 'the customer has already checked in'],
  completed: ['BOOKING_ALREADY_COMPLETED', 'the visit is completed'],
  no_show: ['BOOKING_ALREADY_NO_SHOW', 'the booking was marked as a no-show'],
}

/** Refuses unless the booking is in one of `allowed`, with a code naming the state it is in. */
function requireStatus(state: BookingState, allowed: ReadonlyArray<BookingStatus>): DomainError | null {
  if (allowed.includes(state.status)) return null
  if (state.status === 'none') return domainError('not_found', 'BOOKING_NOT_FOUND', 'no such booking')
  if (state.status === 'requested')
    return domainError('conflict', 'BOOKING_NOT_CONFIRMED', 'the booking is still waiting for confirmation')
  const [code, message] = ALREADY[state.status]
  return domainError('conflict', code, message)
}

function slotProblems(slot: BookedSlot, durationMinutes: number, now: number | null, path: string): FieldProblem[] {
  const p: FieldProblem[] = [...validId(slot.bayId, `${path}.bayId`), ...validId(slot.staffId, `${path}.staffId`)]
  const start = parseInstant(slot.start)
  const end = parseInstant(slot.end)
  if (start === null) p.push({ path: `${path}.start`, message: 'must be a UTC ISO-8601 instant' })
  if (end === null) p.push({ path: `${path}.end`, message: 'must be a UTC ISO-8601 instant' })
  if (start !== null && end !== null && end - start !== durationMinutes * MINUTE)
    p.push({ path: `${path}.end`, message: `must be ${durationMinutes} minutes after the start` })
  if (start !== null && now !== null && start < now) p.push({ path: `${path}.start`, message: 'is in the past' })
  return p
}

const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'BOOKING_INVALID', 'the booking is invalid', problems))

const nowOf = (value: string): number | null => parseInstant(value)
const badNow = (): Decision => invalid([{ path: 'now', message: 'must be a UTC ISO-8601 instant' }])

function decide(command: BookingCommand, state: BookingState): Decision {
  const bookingId = command.bookingId
  switch (command.kind) {
    case 'RequestBooking': {
      if (state.status !== 'none')
        return left(domainError('conflict', 'BOOKING_ALREADY_EXISTS', `booking ${bookingId} exists`))
      const now = nowOf(command.now)
      const { vehicle, customer } = command
      const problems: FieldProblem[] = [
        ...validId(bookingId, 'bookingId'),
        ...validId(command.pointId, 'pointId'),
        ...(isValidTimeZone(command.timeZone) ? [] : [{ path: 'timeZone', message: 'must be an IANA time zone' }]),
        ...(now === null ? [{ path: 'now', message: 'must be a UTC ISO-8601 instant' }] : []),
        ...slotProblems(command.slot, command.durationMinutes, now, 'slot'),
      ]
      if (customer.customerId === null && customer.fleetId === null && (customer.name ?? '').trim() === '')
        problems.push({ path: 'customer', message: 'needs a customer id, a fleet id or at least a name' })
      if (
        customer.phone === null &&
        customer.email === null &&
        customer.customerId === null &&
        customer.fleetId === null
      )
        problems.push({ path: 'customer', message: 'needs a phone or e-mail to reach an anonymous customer' })
      if (command.bookedBy.channel === 'fleet_manager' && customer.fleetId === null)
        problems.push({ path: 'customer.fleetId', message: 'a fleet manager books for a fleet' })
      let plate = vehicle.plate
      if (vehicle.plateCountry === 'PL') {
        const checked = validatePlate(vehicle.plate)
        if (isLeft(checked)) problems.push({ path: 'vehicle.plate', message: checked.left })
        else plate = checked.right
      } else {
        plate = vehicle.plate.replace(/[\s-]/g, '').toUpperCase()
        if (!/^[A-Z]{1,3}$/.test(vehicle.plateCountry))
          problems.push({ path: 'vehicle.plateCountry', message: 'must be a country code such as PL, RO, UA' })
        if (!/^[A-Z0-9]{2,12}$/.test(plate))
          problems.push({ path: 'vehicle.plate', message: 'must be 2-12 letters and digits' })
      }
      if (!(Number.isInteger(vehicle.wheels) && vehicle.wheels >= 1 && vehicle.wheels <= 12))
        problems.push({ path: 'vehicle.wheels', message: 'must be between 1 and 12' })
      if (command.services.length === 0) problems.push({ path: 'services', message: 'choose at least one service' })
      const total = command.services.reduce((sum, s) => sum + s.minutes, 0)
      if (!Number.isInteger(command.durationMinutes) || command.durationMinutes <= 0)
        problems.push({ path: 'durationMinutes', message: 'must be a positive whole number of minutes' })
      else if (command.services.length > 0 && total !== command.durationMinutes)
        problems.push({ path: 'durationMinutes', message: `must be the sum of the services' minutes (${total})` })
      command.goods.forEach((g, i) => {
        problems.push(...nonBlank(g.sku, `goods[${i}].sku`, 64), ...moneyProblems(g.unitPrice, `goods[${i}].unitPrice`))
        if (!(Number.isInteger(g.quantity) && g.quantity >= 1 && g.quantity <= 100))
          problems.push({ path: `goods[${i}].quantity`, message: 'must be a whole number between 1 and 100' })
      })
      if (problems.length > 0) return invalid(problems)
      const requested: BookingEvent = {
        type: 'BookingRequested',
        data: {
          bookingId,
          pointId: command.pointId,
          timeZone: command.timeZone,
          bookedBy: command.bookedBy,
          customer,
          vehicle: { ...vehicle, plate },
          services: [...command.services],
          goods: [...command.goods],
          durationMinutes: command.durationMinutes,
          slot: command.slot,
          note: command.note,
        },
      }
      return right(command.confirm ? [requested, { type: 'BookingConfirmed', data: { bookingId } }] : [requested])
    }
    case 'ConfirmBooking': {
      if (state.status === 'confirmed') return right([]) // confirming twice changes nothing
      const refused = requireStatus(state, ['requested'])
      return refused ? left(refused) : right([{ type: 'BookingConfirmed', data: { bookingId } }])
    }
    case 'RescheduleBooking': {
      const refused = requireStatus(state, ['requested', 'confirmed'])
      if (refused) return left(refused)
      const now = nowOf(command.now)
      if (now === null) return badNow()
      const problems = slotProblems(command.slot, state.durationMinutes, now, 'slot')
      if (problems.length > 0) return invalid(problems)
      const from = state.slot as BookedSlot
      if (JSON.stringify(from) === JSON.stringify(command.slot)) return right([])
      return right([
        { type: 'BookingRescheduled', data: { bookingId, from, to: command.slot, reason: command.reason } },
      ])
    }
    case 'CancelBooking': {
      const refused = requireStatus(state, ['requested', 'confirmed'])
      if (refused) return left(refused)
      if (nowOf(command.now) === null) return badNow()
      const reason = command.reason.trim()
      if (reason === '') return invalid([{ path: 'reason', message: 'must not be blank' }])
      return right([{ type: 'BookingCancelled', data: { bookingId, reason, cancelledAt: command.now } }])
    }
    case 'CheckInBooking': {
      const refused = requireStatus(state, ['requested', 'confirmed'])
      if (refused) return left(refused)
      const now = nowOf(command.now)
      if (now === null) return badNow()
      const visitDay = toLocal(state.timeZone, parseInstant((state.slot as BookedSlot).start) ?? 0).date
      if (toLocal(state.timeZone, now).date !== visitDay)
        return left(domainError('conflict', 'CHECK_IN_NOT_ON_BOOKING_DAY', `check-in is only possible on ${visitDay}`))
      return right([{ type: 'BookingCheckedIn', data: { bookingId, at: command.now } }])
    }
    case 'CompleteBooking': {
      if (state.status === 'requested' || state.status === 'confirmed')
        return left(domainError('conflict', 'BOOKING_NOT_CHECKED_IN', 'the customer has not checked in'))
      const refused = requireStatus(state, ['checked_in'])
      if (refused) return left(refused)
      if (nowOf(command.now) === null) return badNow()
      return right([{ type: 'BookingCompleted', data: { bookingId, at: command.now } }])
    }
    case 'MarkNoShow': {
      const refused = requireStatus(state, ['requested', 'confirmed'])
      if (refused) return left(refused)
      const now = nowOf(command.now)
      if (now === null) return badNow()
      if (now < (parseInstant((state.slot as BookedSlot).start) ?? 0))
        return left(
          domainError('conflict', 'NO_SHOW_BEFORE_START', 'a booking can be a no-show only after its start time'),
        )
      return right([{ type: 'BookingMarkedNoShow', data: { bookingId, at: command.now } }])
    }
  }
}

function evolve(state: BookingState, event: BookingEvent): BookingState {
  switch (event.type) {
    case 'BookingRequested':
      return {
        ...state,
        status: 'requested',
        bookingId: event.data.bookingId,
        pointId: event.data.pointId,
        timeZone: event.data.timeZone,
        durationMinutes: event.data.durationMinutes,
        slot: event.data.slot,
      }
    case 'BookingConfirmed':
      return { ...state, status: 'confirmed' }
    case 'BookingRescheduled':
      return { ...state, slot: event.data.to, rescheduleCount: state.rescheduleCount + 1 }
    case 'BookingCancelled':
      return { ...state, status: 'cancelled' }
    case 'BookingCheckedIn':
      return { ...state, status: 'checked_in' }
    case 'BookingCompleted':
      return { ...state, status: 'completed' }
    case 'BookingMarkedNoShow':
      return { ...state, status: 'no_show' }
  }
}

export const bookingDecider: Decider<BookingCommand, BookingState, BookingEvent> = {
  initialState: initialBookingState,
  decide,
  evolve,
}
