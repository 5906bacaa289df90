// Arithmetic on an SLA clock: which instants count (every minute, or business hours in a time zone
// without holidays), adding clock minutes to an instant, and clock minutes between two instants —
// both minus pauses (a ticket waiting for the customer, a resolved ticket). Instants are epoch ms.
// Business hours follow the wall clock of the zone, so a day of DST change has its real length.
import { type Interval, normalize, subtract } from '../shared/intervals.js'
import {
  addDays,
  DAY_MINUTES,
  type Instant,
  type LocalDate,
  localToInstant,
  MINUTE,
  parseLocalTime,
  toLocal,
  weekdayOf,
} from '../shared/localTime.js'
import type { SlaClock } from './sla.js'

const DAY_MS = DAY_MINUTES * MINUTE
/** How far ahead working time is looked for before giving up: validated calendars never get there. */
const HORIZON_DAYS = 3660
const WINDOW_DAYS = 7

/** The instants in [from, to) that count on the clock, as sorted disjoint intervals. */
export function workingIntervals(clock: SlaClock, from: Instant, to: Instant): Interval[] {
  if (to <= from) return []
  if (clock.kind === 'calendar_hours') return [{ start: from, end: to }]
  const holidays = new Set(clock.holidays)
  const out: Interval[] = []
  const last: LocalDate = toLocal(clock.timeZone, to).date
  for (let date = toLocal(clock.timeZone, from).date; date <= last; date = addDays(date, 1)) {
    if (holidays.has(date)) continue
    for (const range of clock.weeklyHours[weekdayOf(date)]) {
      const start = Math.max(from, localToInstant(clock.timeZone, date, parseLocalTime(range.from) ?? 0))
      const end = Math.min(to, localToInstant(clock.timeZone, date, parseLocalTime(range.to) ?? 0))
      if (end > start) out.push({ start, end })
    }
  }
  return normalize(out)
}

/**
 * The instant at which `minutes` clock minutes have passed since `start`, not counting `pauses`.
 * When the last minute ends exactly at the close of business, that closing instant is the answer
 * (not the next morning).
 */
export function addWorkingMinutes(
  clock: SlaClock,
  start: Instant,
  minutes: number,
  pauses: ReadonlyArray<Interval>,
): Instant {
  const stops = normalize(pauses)
  let remaining = minutes * MINUTE
  for (let windowStart = start; windowStart < start + HORIZON_DAYS * DAY_MS; windowStart += WINDOW_DAYS * DAY_MS) {
    const windowEnd = windowStart + WINDOW_DAYS * DAY_MS
    for (const i of subtract(workingIntervals(clock, windowStart, windowEnd), stops)) {
      if (remaining <= i.end - i.start) return i.start + remaining
      remaining -= i.end - i.start
    }
  }
  return start + HORIZON_DAYS * DAY_MS
}

/** Clock minutes (fractional) in [from, to) not counting `pauses`. */
export function workingMinutesBetween(
  clock: SlaClock,
  from: Instant,
  to: Instant,
  pauses: ReadonlyArray<Interval>,
): number {
  const counted = subtract(workingIntervals(clock, from, to), normalize(pauses))
  return counted.reduce((sum, i) => sum + (i.end - i.start), 0) / MINUTE
}
