// The DOT date code: the last group of a tyre's DOT number tells the week and year it was made.
// Since 2000 it has four digits, WWYY ('0123' = week 1 of 2023). Before 2000 it had three, WWY, the
// last digit of the year (the 1990s were told apart by a triangle after the code, which nobody
// types in): such a tyre is at least a quarter of a century old, its exact year unknown, and it is
// recorded as `pre2000` rather than refused, so the shop can document it and advise replacement.
// Makers count weeks their own way; the ISO week is the approximation used for dates here.
import * as t from 'io-ts'
import type { LocalDate } from '../shared/localTime.js'

export const DotDate = t.type({
  /** As moulded: 3 or 4 digits. */
  code: t.string,
  week: t.number,
  /** Full year for 4-digit codes; null for pre-2000 codes. */
  year: t.union([t.number, t.null]),
  pre2000: t.boolean,
})
export type DotDate = t.TypeOf<typeof DotDate>

/** Monday of ISO week `week` of `year`, as a UTC date. */
export function isoWeekMonday(year: number, week: number): LocalDate {
  const jan4 = Date.UTC(year, 0, 4)
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7 // Monday = 0
  const monday = jan4 - jan4Weekday * 86_400_000 + (week - 1) * 7 * 86_400_000
  return new Date(monday).toISOString().slice(0, 10)
}

/** The first day of the production week (Monday), or null for pre-2000 codes. */
export function producedOn(dot: DotDate): LocalDate | null {
  return dot.year === null ? null : isoWeekMonday(dot.year, dot.week)
}

/**
 * Parses a DOT date code ('0123', '123'; a whole DOT number such as 'DOT XY 1A B2C 0123' gives its
 * last group). `today` (UTC 'YYYY-MM-DD' of the command's time) refuses tyres "made in the future".
 */
export function parseDotDate(
  raw: string,
  today: LocalDate,
): { ok: true; value: DotDate } | { ok: false; reason: string } {
  const groups = raw.trim().split(/\s+/)
  const code = groups[groups.length - 1] ?? ''
  if (!/^\d{3,4}$/.test(code)) return { ok: false, reason: 'must be the 4-digit week/year code (WWYY), e.g. 0123' }
  const week = Number(code.slice(0, 2))
  if (week < 1 || week > 53) return { ok: false, reason: 'week must be 01–53' }
  if (code.length === 3) return { ok: true, value: { code, week, year: null, pre2000: true } }
  const year = 2000 + Number(code.slice(2))
  if (isoWeekMonday(year, week) > today) return { ok: false, reason: `week ${week} of ${year} has not begun yet` }
  return { ok: true, value: { code, week, year, pre2000: false } }
}

/**
 * Age in whole-and-fractional years at `today`. Pre-2000 codes answer a lower bound (made in 1999
 * at the latest), which is all that matters for advice: such a tyre is far past any age limit.
 */
export function tyreAgeYears(dot: DotDate, today: LocalDate): number {
  const made = producedOn(dot) ?? '1999-12-27'
  return (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${made}T00:00:00Z`)) / (365.2425 * 86_400_000)
}
