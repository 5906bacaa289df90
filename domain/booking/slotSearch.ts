// Slot search: the free start times of a point's day for one kind of visit, each with the bay and
// staff member that would take it; and, for a desired time that is taken, the nearest free slots
// before and after it, crossing into neighbouring days when the day itself has too few.
//
// Pure and synchronous: the application loads the point, its staff schedule and the reservations
// of the dates in `slotSearchDates(date, maxDaysAway)` and passes them in. A date whose reservations
// were not loaded (`reservationsOn` answers undefined) is skipped and reported in `unloadedDates`.
//
// Grid: slots start on local wall-clock times that are multiples of `gridMinutes` after local
// midnight (08:00, 08:15, …), at or after `now`. On the DST days a wall-clock time that does not
// exist (spring) is skipped and one that happens twice (autumn) is offered once, at its first
// occurrence; durations are real elapsed minutes, so a visit across the change ends when it should.
// A zone whose offset changes by a non-multiple of the grid would shift the grid after the change;
// real zones change by whole or half hours.
//
// Speed: each day is a handful of sorted interval lists (opening, per-bay busy, per-staff available
// and busy); a grid point costs a binary search per bay and staff member tried. No per-minute arrays.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { CapabilityRequirement, StaffSkill } from '../service-network/capabilities.js'
import { type DomainError, domainError } from '../shared/decider.js'
import {
  addDays,
  formatInstant,
  formatLocalTime,
  isLocalDate,
  type LocalDate,
  MINUTE,
  parseInstant,
  toLocal,
} from '../shared/localTime.js'
import type { FieldProblem } from '../shared/validation.js'
import { assign, assignmentAt, type DayCapacity, dayCapacity, type Reservation } from './dayCapacity.js'
import { localClock, type PointCalendar, resolveDay, type StaffRoster } from './dayResources.js'

export interface SlotSearchQuery {
  readonly point: PointCalendar
  readonly staff: StaffRoster
  /** The reservations held on a date (a day schedule's state), or undefined when not loaded. */
  readonly reservationsOn: (date: LocalDate) => ReadonlyArray<Reservation> | undefined
  /** The point's local date searched. */
  readonly date: LocalDate
  readonly durationMinutes: number
  readonly requirement: CapabilityRequirement
  readonly skills: ReadonlyArray<StaffSkill>
  /** UTC ISO-8601; nothing starting earlier is offered. */
  readonly now: string
  /** UTC ISO-8601 on `date`: answer whether it is free, and the nearest alternatives when not. */
  readonly desiredStart?: string | null
  /** Minutes between slot starts (default 15). */
  readonly gridMinutes?: number
  /** How many alternatives before and after a taken desired time (default 3). */
  readonly alternatives?: number
  /** How many days from `date` alternatives may be looked for, each way (default 14). */
  readonly maxDaysAway?: number
  /** A booking being rescheduled: its own reservation does not block. */
  readonly ignoreBookingId?: string | null
}

export interface Slot {
  /** UTC ISO-8601. */
  readonly start: string
  readonly end: string
  /** Local date and wall-clock start in the point's zone. */
  readonly date: LocalDate
  readonly localTime: string
  readonly bayId: string
  readonly staffId: string
}

export interface DesiredAnswer {
  readonly start: string
  readonly free: boolean
  /** The slot when free. */
  readonly slot: Slot | null
  /** When not free: why (a stable code: SLOT_TAKEN, OUTSIDE_OPENING_HOURS, STAFF_BUSY, START_IN_PAST…). */
  readonly reason: string | null
  /** When not free: the nearest free slots before it, in time order (the last is the nearest). */
  readonly before: ReadonlyArray<Slot>
  /** When not free: the nearest free slots after it, in time order (the first is the nearest). */
  readonly after: ReadonlyArray<Slot>
}

export interface SlotSearchResult {
  readonly pointId: string
  readonly date: LocalDate
  readonly timeZone: string
  readonly durationMinutes: number
  readonly gridMinutes: number
  /** Every free grid start of `date`, in time order. */
  readonly slots: ReadonlyArray<Slot>
  readonly desired: DesiredAnswer | null
  /** Dates alternatives would have been looked for on but whose reservations were not loaded. */
  readonly unloadedDates: ReadonlyArray<LocalDate>
}

export const DEFAULT_GRID_MINUTES = 15
export const DEFAULT_ALTERNATIVES = 3
export const DEFAULT_MAX_DAYS_AWAY = 14

/** The dates whose reservations a search of `date` may need: load these and pass them in. */
export function slotSearchDates(date: LocalDate, maxDaysAway = DEFAULT_MAX_DAYS_AWAY): LocalDate[] {
  return Array.from({ length: 2 * maxDaysAway + 1 }, (_, i) => addDays(date, i - maxDaysAway))
}

const invalid = (problems: FieldProblem[]): Either<DomainError, never> =>
  left(domainError('invalid', 'SLOT_SEARCH_INVALID', 'the slot search is invalid', problems))

export function searchSlots(query: SlotSearchQuery): Either<DomainError, SlotSearchResult> {
  const grid = query.gridMinutes ?? DEFAULT_GRID_MINUTES
  const wanted = query.alternatives ?? DEFAULT_ALTERNATIVES
  const maxDaysAway = query.maxDaysAway ?? DEFAULT_MAX_DAYS_AWAY
  const duration = query.durationMinutes
  const now = parseInstant(query.now)
  const desired = query.desiredStart ? parseInstant(query.desiredStart) : null
  const tz = query.point.timeZone

  const problems: FieldProblem[] = []
  if (!isLocalDate(query.date)) problems.push({ path: 'date', message: 'must be a date YYYY-MM-DD' })
  if (!Number.isInteger(duration) || duration <= 0 || duration > 1440)
    problems.push({ path: 'durationMinutes', message: 'must be whole minutes between 1 and 1440' })
  if (!Number.isInteger(grid) || grid < 1 || grid > 240)
    problems.push({ path: 'gridMinutes', message: 'must be whole minutes between 1 and 240' })
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 50)
    problems.push({ path: 'alternatives', message: 'must be between 0 and 50' })
  if (!Number.isInteger(maxDaysAway) || maxDaysAway < 0 || maxDaysAway > 92)
    problems.push({ path: 'maxDaysAway', message: 'must be between 0 and 92 days' })
  if (now === null) problems.push({ path: 'now', message: 'must be a UTC ISO-8601 instant' })
  if (query.desiredStart && desired === null)
    problems.push({ path: 'desiredStart', message: 'must be a UTC ISO-8601 instant' })
  if (problems.length > 0 || now === null) return invalid(problems)
  if (desired !== null && toLocal(tz, desired).date !== query.date)
    return invalid([{ path: 'desiredStart', message: `is not on ${query.date} in ${tz}` }])
  if (query.point.status === 'none')
    return left(domainError('not_found', 'SERVICE_POINT_NOT_FOUND', 'no such service point'))
  if (query.point.status === 'inactive')
    return left(domainError('conflict', 'SERVICE_POINT_INACTIVE', 'the service point takes no bookings'))
  const today = toLocal(tz, now).date
  if (query.date < today) return invalid([{ path: 'date', message: `is in the past (today is ${today} in ${tz})` }])

  const unloaded: LocalDate[] = []
  const capacities = new Map<LocalDate, DayCapacity | null>()
  const capacityOn = (date: LocalDate): DayCapacity | null => {
    if (capacities.has(date)) return capacities.get(date) ?? null
    const reservations = query.reservationsOn(date)
    if (reservations === undefined) unloaded.push(date)
    // The guard keeps every reservation inside its own local date (opening ranges never cross
    // midnight), but a visit spilling past midnight from the day before must still block: cheap to
    // include, and it keeps the search safe whatever was recorded.
    const spill = reservations === undefined ? [] : (query.reservationsOn(addDays(date, -1)) ?? [])
    const capacity =
      reservations === undefined
        ? null
        : dayCapacity(
            resolveDay(query.point, query.staff, date),
            spill.length > 0 ? [...spill, ...reservations] : reservations,
            query.requirement,
            query.skills,
            query.ignoreBookingId ?? undefined,
          )
    capacities.set(date, capacity)
    return capacity
  }
  const slotsCache = new Map<LocalDate, Slot[]>()
  const slotsOn = (date: LocalDate): Slot[] => {
    const cached = slotsCache.get(date)
    if (cached) return cached
    const capacity = capacityOn(date)
    const slots = capacity ? freeSlots(capacity, duration, grid, now) : []
    slotsCache.set(date, slots)
    return slots
  }

  const slots = slotsOn(query.date)
  let answer: DesiredAnswer | null = null
  if (desired !== null) {
    const end = desired + duration * MINUTE
    const capacity = capacityOn(query.date)
    const verdict =
      desired < now
        ? left(domainError('invalid', 'START_IN_PAST', 'in the past'))
        : capacity
          ? assign(capacity, desired, end, { bayId: null, staffId: null })
          : left(domainError('conflict', 'DAY_NOT_LOADED', 'the day was not loaded'))
    if (!isLeft(verdict)) {
      const local = toLocal(tz, desired)
      const slot: Slot = {
        start: formatInstant(desired),
        end: formatInstant(end),
        date: local.date,
        localTime: formatLocalTime(local.minuteOfDay),
        ...verdict.right,
      }
      answer = { start: slot.start, free: true, slot, reason: null, before: [], after: [] }
    } else {
      const lastDay = addDays(query.date, maxDaysAway)
      const firstDay = [addDays(query.date, -maxDaysAway), today].sort()[1] as LocalDate
      const before: Slot[] = []
      for (let date = query.date; before.length < wanted && date >= firstDay; date = addDays(date, -1)) {
        const day = slotsOn(date)
        for (let i = day.length - 1; i >= 0 && before.length < wanted; i--) {
          const s = day[i] as Slot
          if (Date.parse(s.start) < desired) before.push(s)
        }
      }
      const after: Slot[] = []
      for (let date = query.date; after.length < wanted && date <= lastDay; date = addDays(date, 1)) {
        for (const s of slotsOn(date)) {
          if (after.length >= wanted) break
          if (Date.parse(s.start) > desired) after.push(s)
        }
      }
      answer = {
        start: formatInstant(desired),
        free: false,
        slot: null,
        reason: verdict.left.code,
        before: before.reverse(),
        after,
      }
    }
  }
  return right({
    pointId: query.point.pointId,
    date: query.date,
    timeZone: tz,
    durationMinutes: duration,
    gridMinutes: grid,
    slots,
    desired: answer,
    unloadedDates: unloaded,
  })
}

/** Every free grid start of one day, in time order. */
function freeSlots(capacity: DayCapacity, duration: number, grid: number, now: number): Slot[] {
  const { day } = capacity
  if (day.opening.length === 0 || !capacity.bays.some((b) => b.capable) || !capacity.staff.some((s) => s.qualified))
    return []
  const clock = localClock(day.timeZone, day.date)
  const out: Slot[] = []
  let lastStart = Number.NEGATIVE_INFINITY
  // On a regular day the local opening ranges are exactly the open wall-clock times. On a DST day a
  // range may end at a time that does not exist (02:15 on the last Sunday of March ends at 03:15),
  // so every grid time of the day is tried and the opening intervals (instants) decide.
  const ranges = clock.regular ? day.localOpening : [{ from: 0, to: 1440 }]
  for (const range of ranges) {
    for (let m = Math.ceil(range.from / grid) * grid; m < range.to; m += grid) {
      const start = clock.at(m)
      // Skip a wall-clock time the spring change skips (it maps onto a later, real one) and never
      // offer one instant twice.
      if (start <= lastStart) continue
      if (!clock.regular && toLocal(day.timeZone, start).minuteOfDay !== m) continue
      if (start < now) continue
      const end = start + duration * MINUTE
      const assignment = assignmentAt(capacity, start, end)
      if (assignment === null) continue
      lastStart = start
      out.push({
        start: formatInstant(start),
        end: formatInstant(end),
        date: day.date,
        localTime: formatLocalTime(m),
        ...assignment,
      })
    }
  }
  return out
}
