// ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday) over local dates: a
// point's week is its local dates Monday..Sunday, whatever its zone's offset does in between.
import { addDays, isLocalDate, type LocalDate, WEEKDAYS, weekdayOf } from '../../domain/shared/localTime.js'

const ISO_WEEK = /^(\d{4})-W(\d{2})$/

/** The Monday of the week holding date. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)))
}

/** 'YYYY-Www' of a local date. */
export function isoWeekOf(date: LocalDate): string {
  const thursday = addDays(mondayOf(date), 3)
  const year = thursday.slice(0, 4)
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3)
  const week = Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/**
 * The Monday of an ISO week given as 'YYYY-Www', or of the week holding a date 'YYYY-MM-DD';
 * null when it is neither (or week 53 of a year that has 52).
 */
export function weekStart(week: string): LocalDate | null {
  if (isLocalDate(week)) return mondayOf(week)
  const m = ISO_WEEK.exec(week)
  if (!m) return null
  const n = Number(m[2])
  if (n < 1 || n > 53) return null
  const monday = addDays(mondayOf(`${m[1]}-01-04`), (n - 1) * 7)
  return isoWeekOf(monday) === week ? monday : null
}
