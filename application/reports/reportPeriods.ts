// The periods a scheduled report covers: a local day, an ISO week (Monday to Sunday) or a calendar
// month in the subscription's time zone, and when the e-mail for a period is due: 06:00 local on the
// day after it ends (DST handled by the zone database).
import { addDays, localToInstant, toLocal, WEEKDAYS, weekdayOf } from '../../domain/shared/localTime.js'
import { isoWeekOf } from '../queries/calendarWeeks.js'
import type { Cadence } from './reportEvents.js'

export interface ReportPeriod {
  /** `2026-11-25`, `2026-W48` or `2026-11`. */
  readonly key: string
  /** Local dates, inclusive. */
  readonly from: string
  readonly to: string
}

/** Minutes after local midnight a period's e-mail goes out (the day after it ends). */
export const SEND_AT_MINUTE = 6 * 60

export function periodContaining(cadence: Cadence, date: string): ReportPeriod {
  switch (cadence) {
    case 'daily':
      return { key: date, from: date, to: date }
    case 'weekly': {
      const monday = addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)))
      return { key: isoWeekOf(monday), from: monday, to: addDays(monday, 6) }
    }
    case 'monthly': {
      const first = `${date.slice(0, 7)}-01`
      const next = addDays(first, 32).slice(0, 7)
      return { key: date.slice(0, 7), from: first, to: addDays(`${next}-01`, -1) }
    }
  }
}

export const nextPeriod = (cadence: Cadence, period: ReportPeriod): ReportPeriod =>
  periodContaining(cadence, addDays(period.to, 1))

/** The period an instant falls in, in a zone. */
export function periodAt(cadence: Cadence, timeZone: string, instant: number): ReportPeriod {
  return periodContaining(cadence, toLocal(timeZone, instant).date)
}

/** When the e-mail for a period is due (epoch ms). */
export function sendTimeOf(period: ReportPeriod, timeZone: string): number {
  return localToInstant(timeZone, addDays(period.to, 1), SEND_AT_MINUTE)
}

/** The period with this key, or null when the key is no period of that cadence. */
export function periodOfKey(cadence: Cadence, key: string): ReportPeriod | null {
  const date =
    cadence === 'daily'
      ? key
      : cadence === 'monthly'
        ? `${key}-01`
        : /^\d{4}-W\d{2}$/.test(key)
          ? mondayOfIsoWeek(key)
          : null
  if (!date || !isCalendarDate(date)) return null
  const period = periodContaining(cadence, date)
  return period.key === key ? period : null
}

/** YYYY-MM-DD naming a day that exists (Date.parse takes 2026-02-30 for 2 March). */
function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false
  const ms = Date.parse(`${date}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date
}

function mondayOfIsoWeek(key: string): string {
  const year = Number(key.slice(0, 4))
  const week = Number(key.slice(6))
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`
  const monday1 = addDays(jan4, -WEEKDAYS.indexOf(weekdayOf(jan4)))
  return addDays(monday1, (week - 1) * 7)
}
