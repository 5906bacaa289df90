// The day schedule: the capacity guard of one point's local day (stream
// `schedule-<pointId>-<YYYY-MM-DD>`). It holds every reservation of that day, and a reservation is
// decided here, against all of them. The application appends what it decides with the revision it
// read, so of two concurrent Reserves for the last free bay exactly one is appended; the loser
// re-reads, decides again, and is refused (SLOT_TAKEN), never over-booked.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { formatInstant, isLocalDate, MINUTE, parseInstant } from '../shared/localTime.js'
import { type FieldProblem, validId } from '../shared/validation.js'
import type { DayScheduleCommand } from './commands.js'
import { assign, dayCapacity, type Reservation } from './dayCapacity.js'
import { localDateOf } from './dayResources.js'
import type { DayScheduleEvent } from './events.js'

export const dayScheduleStream = (pointId: string, date: string): string => `schedule-${pointId}-${date}`

export interface DayScheduleState {
  readonly pointId: string | null
  readonly date: string | null
  /** Reservations currently held, in the order they were made. */
  readonly reservations: ReadonlyArray<Reservation>
}

export const initialDayScheduleState: DayScheduleState = { pointId: null, date: null, reservations: [] }

type Decision = Either<DomainError, ReadonlyArray<DayScheduleEvent>>
const invalid = (code: string, message: string, problems: FieldProblem[]): Decision =>
  left(domainError('invalid', code, message, problems))

function decide(command: DayScheduleCommand, state: DayScheduleState): Decision {
  const problems = [...validId(command.pointId, 'pointId'), ...validId(command.bookingId, 'bookingId')]
  if (!isLocalDate(command.date)) problems.push({ path: 'date', message: 'must be a date YYYY-MM-DD' })
  if (problems.length > 0) return invalid('RESERVATION_INVALID', 'the reservation is invalid', problems)
  if (
    (state.pointId !== null && state.pointId !== command.pointId) ||
    (state.date !== null && state.date !== command.date)
  )
    return left(domainError('conflict', 'DAY_SCHEDULE_MISMATCH', 'this day schedule belongs to another point or date'))
  const { pointId, date, bookingId } = command
  const held = state.reservations.find((r) => r.bookingId === bookingId)

  if (command.kind === 'Release')
    // Releasing what is not held is a no-op: a retried cancel must not fail.
    return right(held ? [{ type: 'SlotReleased', data: { pointId, date, bookingId, reason: command.reason } }] : [])

  const { day } = command
  const start = parseInstant(command.start)
  const now = parseInstant(command.now)
  const checks: FieldProblem[] = []
  if (start === null) checks.push({ path: 'start', message: 'must be a UTC ISO-8601 instant' })
  if (now === null) checks.push({ path: 'now', message: 'must be a UTC ISO-8601 instant' })
  if (!Number.isInteger(command.durationMinutes) || command.durationMinutes <= 0)
    checks.push({ path: 'durationMinutes', message: 'must be a positive whole number of minutes' })
  if (day.pointId !== pointId || day.date !== date)
    checks.push({ path: 'day', message: `must describe ${pointId} on ${date}` })
  if (checks.length > 0 || start === null || now === null)
    return invalid('RESERVATION_INVALID', 'the reservation is invalid', checks)
  if (localDateOf(day.timeZone, start) !== date)
    return invalid('START_NOT_ON_DATE', `the visit must start on ${date} in ${day.timeZone}`, [
      { path: 'start', message: `is not on ${date} local time` },
    ])
  if (start < now)
    return invalid('START_IN_PAST', 'the visit cannot start in the past', [
      { path: 'start', message: 'is in the past' },
    ])

  const end = start + command.durationMinutes * MINUTE
  const startIso = formatInstant(start)
  const endIso = formatInstant(end)
  // A retried Reserve that already holds this very slot answers with nothing to do.
  if (
    held &&
    held.start === startIso &&
    held.end === endIso &&
    (command.bayId === null || command.bayId === held.bayId) &&
    (command.staffId === null || command.staffId === held.staffId)
  )
    return right([])

  // A booking already holding a slot this day moves: its own slot does not block it, and the
  // release and the new reservation are one decision (one append), so it never holds two or none.
  const capacity = dayCapacity(day, state.reservations, command.requirement, command.skills, bookingId)
  const chosen = assign(capacity, start, end, { bayId: command.bayId, staffId: command.staffId })
  if (isLeft(chosen)) return chosen
  const reserved: DayScheduleEvent = {
    type: 'SlotReserved',
    data: { pointId, date, bookingId, ...chosen.right, start: startIso, end: endIso },
  }
  return right(
    held ? [{ type: 'SlotReleased', data: { pointId, date, bookingId, reason: 'rescheduled' } }, reserved] : [reserved],
  )
}

function evolve(state: DayScheduleState, event: DayScheduleEvent): DayScheduleState {
  const { pointId, date, bookingId } = event.data
  switch (event.type) {
    case 'SlotReserved': {
      const { bayId, staffId, start, end } = event.data
      return {
        pointId,
        date,
        reservations: [
          ...state.reservations.filter((r) => r.bookingId !== bookingId),
          { bookingId, bayId, staffId, start, end },
        ],
      }
    }
    case 'SlotReleased':
      return { pointId, date, reservations: state.reservations.filter((r) => r.bookingId !== bookingId) }
  }
}

export const dayScheduleDecider: Decider<DayScheduleCommand, DayScheduleState, DayScheduleEvent> = {
  initialState: initialDayScheduleState,
  decide,
  evolve,
}
