// Calendar months ('YYYY-MM') and month arithmetic on local dates, for billing periods and
// "every N months" service schedules. Pure string/UTC-date arithmetic: no time zone is involved
// because local dates already are the point's or contract's calendar.
import { daysBetween, isLocalDate, type LocalDate } from './localTime.js'

export type YearMonth = string

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export const isYearMonth = (value: string): boolean => YEAR_MONTH.test(value)

export const monthOf = (date: LocalDate): YearMonth => date.slice(0, 7)

export const firstDayOf = (month: YearMonth): LocalDate => `${month}-01`

export function daysInMonth(month: YearMonth): number {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

export const lastDayOf = (month: YearMonth): LocalDate => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`

export function addMonthsToMonth(month: YearMonth, months: number): YearMonth {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * date + n months, the day clamped to the target month's length: 31 Jan + 1 month = 28/29 Feb.
 * Clamping (not rolling over into March) is what people mean by "a month later".
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const month = addMonthsToMonth(monthOf(date), months)
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month))
  return `${month}-${String(day).padStart(2, '0')}`
}

/** True for 'MM-DD' that exists in every year (29 Feb does not): checked against a common year. */
export function isMonthDay(value: string): boolean {
  return /^\d{2}-\d{2}$/.test(value) && isLocalDate(`2001-${value}`)
}

/** The number of days from a to b inclusive (0 when b < a). */
export function daysInclusive(from: LocalDate, to: LocalDate): number {
  return Math.max(0, daysBetween(from, to) + 1)
}

/** The later of two local dates ('YYYY-MM-DD' strings order as dates). */
export const laterDate = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? b : a)

/** The earlier of two inclusive ends of a period, null meaning open-ended. */
export const earlierEnd = (a: LocalDate | null, b: LocalDate | null): LocalDate | null =>
  a === null ? b : b === null || a < b ? a : b
