// The days both runs book on. The API takes `now` from the system clock (no way to fix it), and
// check-in is allowed only on the visit's day, after which nothing may start in the past: so the
// point gets a fixed-offset time zone (Etc/GMT±N, IANA) in which it is early morning when the
// test starts. Then today still has a whole opening day ahead, whatever the hour the suite runs
// at, and both runs (a minute apart) see the same local dates.
import { addDays, type LocalDate } from '../../../domain/shared/localTime.js'

export interface CalendarDays {
  readonly timeZone: string
  readonly today: LocalDate
  readonly tomorrow: LocalDate
  /** A closed day (an opening-hours exception): no shifts, nothing bookable. */
  readonly closedDay: LocalDate
  /** today … today + 6. */
  readonly week: readonly LocalDate[]
}

/** Local time at `now` will be 07:xx. */
const LOCAL_HOUR = 7

export function calendarDays(now: Date): CalendarDays {
  let offset = LOCAL_HOUR - now.getUTCHours()
  if (offset < -12) offset += 24 // IANA's fixed zones run from UTC-12 to UTC+14
  // POSIX sign convention: Etc/GMT-3 is three hours ahead of UTC.
  const timeZone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
  const today = new Date(now.getTime() + offset * 3_600_000).toISOString().slice(0, 10)
  const week = [0, 1, 2, 3, 4, 5, 6].map((d) => addDays(today, d))
  return { timeZone, today, tomorrow: addDays(today, 1), closedDay: addDays(today, 3), week }
}
