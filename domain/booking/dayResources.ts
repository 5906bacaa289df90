// One local day of one point, resolved to UTC instants: when it is open, its bays, and when each
// staff member is available (shifts minus absences). Both the capacity guard (Reserve) and slot
// search decide on this shape; the application builds it with `resolveDay` from the point's and
// the staff schedule's states and passes it in, so the deciders stay free of I/O.

import type { Capabilities, StaffSkill } from '../service-network/capabilities.js'
import type { Bay } from '../service-network/events.js'
import { type LocalRange, type OpeningRules, openingRangesOn } from '../service-network/openingHours.js'
import type { ServicePointState } from '../service-network/servicePointDecider.js'
import { parseLocalDateTime, type StaffScheduleState } from '../service-network/staffScheduleDecider.js'
import { type Interval, normalize, subtract } from '../shared/intervals.js'
import {
  addDays,
  type Instant,
  type LocalDate,
  localToInstant,
  MINUTE,
  offsetMinutesAt,
  parseLocalTime,
  toLocal,
} from '../shared/localTime.js'

export interface BayResource {
  readonly bayId: string
  readonly capabilities: Capabilities
}

export interface StaffAvailability {
  readonly staffId: string
  readonly skills: ReadonlyArray<StaffSkill>
  /** Normalized UTC intervals (epoch ms) on shift and not absent. */
  readonly available: ReadonlyArray<Interval>
}

export interface DayResources {
  readonly pointId: string
  readonly date: LocalDate
  readonly timeZone: string
  /** Normalized UTC intervals (epoch ms) the point is open. */
  readonly opening: ReadonlyArray<Interval>
  /** Local opening ranges (minutes of day), for laying the slot grid on wall-clock times. */
  readonly localOpening: ReadonlyArray<LocalRange>
  readonly bays: ReadonlyArray<BayResource>
  readonly staff: ReadonlyArray<StaffAvailability>
}

/** The parts of a service point's state a day needs. */
export type PointCalendar = Pick<ServicePointState, 'pointId' | 'status' | 'timeZone'> &
  OpeningRules & { readonly bays: ReadonlyArray<Bay> }

/** The parts of a staff schedule's state a day needs. */
export type StaffRoster = Pick<StaffScheduleState, 'members' | 'shiftsByDate' | 'absences'>

export interface LocalClock {
  /** Minute of the local day (0..1440) → instant. */
  readonly at: (minuteOfDay: number) => Instant
  /** True when the day has no offset change: every minute of day exists exactly once. */
  readonly regular: boolean
}

/**
 * A local clock for one date. On the ~363 days without an offset change it is plain arithmetic;
 * on the two DST days it asks the time-zone database for every conversion.
 */
export function localClock(timeZone: string, date: LocalDate): LocalClock {
  const midnight = localToInstant(timeZone, date, 0)
  const nextMidnight = localToInstant(timeZone, addDays(date, 1), 0)
  const regular =
    nextMidnight - midnight === 1440 * MINUTE &&
    offsetMinutesAt(timeZone, midnight) === offsetMinutesAt(timeZone, nextMidnight - MINUTE)
  return regular
    ? { at: (m) => midnight + m * MINUTE, regular }
    : { at: (m) => localToInstant(timeZone, date, m), regular }
}

export function resolveDay(point: PointCalendar, roster: StaffRoster, date: LocalDate): DayResources {
  const tz = point.timeZone
  const clock = localClock(tz, date).at
  const localOpening = point.status === 'active' ? openingRangesOn(point, date) : []
  const opening = normalize(localOpening.map((r) => ({ start: clock(r.from), end: clock(r.to) })))

  const shiftsByStaff = new Map<string, Interval[]>()
  for (const shift of roster.shiftsByDate[date] ?? []) {
    const member = roster.members[shift.staffId]
    if (!member || (member.leftOn !== null && date >= member.leftOn)) continue
    const from = parseLocalTime(shift.hours.from)
    const to = parseLocalTime(shift.hours.to)
    if (from === null || to === null) continue
    const list = shiftsByStaff.get(shift.staffId) ?? []
    list.push({ start: clock(from), end: clock(to) })
    shiftsByStaff.set(shift.staffId, list)
  }
  const dayStart = clock(0)
  const dayEnd = localToInstant(tz, addDays(date, 1), 0)
  const dayMidnight = `${date}T00:00`
  const nextDayMidnight = `${addDays(date, 1)}T00:00`
  const staff: StaffAvailability[] = []
  for (const [staffId, shifts] of shiftsByStaff) {
    // Local date-times compare as strings: only absences touching this date are converted.
    const absent = normalize(
      roster.absences
        .filter((a) => a.staffId === staffId && a.from < nextDayMidnight && a.to > dayMidnight)
        .map((a) => ({ start: localDateTimeToInstant(tz, a.from), end: localDateTimeToInstant(tz, a.to) }))
        .filter((i) => i.start < dayEnd && i.end > dayStart),
    )
    const available = subtract(normalize(shifts), absent)
    const member = roster.members[staffId]
    if (member && available.length > 0) staff.push({ staffId, skills: member.skills, available })
  }
  staff.sort((a, b) => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0))
  return {
    pointId: point.pointId,
    date,
    timeZone: tz,
    opening,
    localOpening,
    bays: point.bays.map((b) => ({ bayId: b.bayId, capabilities: b.capabilities })),
    staff,
  }
}

function localDateTimeToInstant(timeZone: string, value: string): Instant {
  const parsed = parseLocalDateTime(value)
  return parsed ? localToInstant(timeZone, parsed.date, parsed.minuteOfDay) : Number.NaN
}

/** The local date an instant falls on in the day's zone (a reservation belongs to its start's date). */
export function localDateOf(timeZone: string, instant: Instant): LocalDate {
  return toLocal(timeZone, instant).date
}
