// Opening hours: a weekly pattern, seasonal patterns over date ranges (e.g. extended hours during
// the spring and autumn tyre-change rush), and per-date exceptions (holidays, special hours).
// For a date the most specific rule wins: date exception > season covering the date > weekly.
// Times are local wall-clock 'HH:MM'; a day may have several ranges (a lunch break); a range
// never crosses midnight ('24:00' ends the day), so every visit lies within one local date.
import * as t from 'io-ts'
import { isLocalDate, type LocalDate, parseLocalTime, WEEKDAYS, type Weekday, weekdayOf } from '../shared/localTime.js'
import type { FieldProblem } from '../shared/validation.js'

export const TimeRange = t.type({ from: t.string, to: t.string })
export type TimeRange = t.TypeOf<typeof TimeRange>

export const WeeklyHours = t.type({
  mon: t.array(TimeRange),
  tue: t.array(TimeRange),
  wed: t.array(TimeRange),
  thu: t.array(TimeRange),
  fri: t.array(TimeRange),
  sat: t.array(TimeRange),
  sun: t.array(TimeRange),
})
export type WeeklyHours = t.TypeOf<typeof WeeklyHours>

/** Hours of one date replacing every other rule; no ranges = closed (e.g. a public holiday). */
export const DateException = t.type({ date: t.string, hours: t.array(TimeRange), note: t.union([t.string, t.null]) })
export type DateException = t.TypeOf<typeof DateException>

/** A weekly pattern in force from `from` to `to`, both inclusive. */
export const SeasonalHours = t.type({
  seasonId: t.string,
  from: t.string,
  to: t.string,
  weekly: WeeklyHours,
  note: t.union([t.string, t.null]),
})
export type SeasonalHours = t.TypeOf<typeof SeasonalHours>

export interface OpeningRules {
  readonly weeklyHours: WeeklyHours
  readonly seasons: ReadonlyArray<SeasonalHours>
  readonly exceptions: Readonly<Record<LocalDate, DateException>>
}

/** Local minutes of day [from, to) */
export interface LocalRange {
  readonly from: number
  readonly to: number
}

export const CLOSED_ALL_WEEK: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }

export function rangesProblems(ranges: ReadonlyArray<TimeRange>, path: string): FieldProblem[] {
  const problems: FieldProblem[] = []
  const parsed: LocalRange[] = []
  ranges.forEach((r, i) => {
    const from = parseLocalTime(r.from)
    const to = parseLocalTime(r.to)
    if (from === null || from === 1440) problems.push({ path: `${path}[${i}].from`, message: 'must be HH:MM' })
    if (to === null) problems.push({ path: `${path}[${i}].to`, message: 'must be HH:MM (24:00 ends the day)' })
    if (from !== null && to !== null) {
      if (to <= from) problems.push({ path: `${path}[${i}]`, message: 'must end after it starts' })
      else parsed.push({ from, to })
    }
  })
  const sorted = [...parsed].sort((a, b) => a.from - b.from)
  for (let i = 1; i < sorted.length; i++)
    if ((sorted[i] as LocalRange).from < (sorted[i - 1] as LocalRange).to)
      problems.push({ path, message: 'ranges must not overlap' })
  return problems
}

export function weeklyProblems(weekly: WeeklyHours, path: string): FieldProblem[] {
  return WEEKDAYS.flatMap((d) => rangesProblems(weekly[d], `${path}.${d}`))
}

export function dateProblems(date: string, path: string): FieldProblem[] {
  return isLocalDate(date) ? [] : [{ path, message: 'must be a date YYYY-MM-DD' }]
}

function toRanges(ranges: ReadonlyArray<TimeRange>): LocalRange[] {
  return ranges
    .map((r) => ({ from: parseLocalTime(r.from) ?? 0, to: parseLocalTime(r.to) ?? 0 }))
    .filter((r) => r.to > r.from)
    .sort((a, b) => a.from - b.from)
}

/** The opening ranges of a local date after exceptions and seasons. */
export function openingRangesOn(rules: OpeningRules, date: LocalDate): LocalRange[] {
  const exception = rules.exceptions[date]
  if (exception) return toRanges(exception.hours)
  const weekday: Weekday = weekdayOf(date)
  const season = rules.seasons.find((s) => s.from <= date && date <= s.to)
  return toRanges((season ? season.weekly : rules.weeklyHours)[weekday])
}

/** The longest single opening range anywhere in the rules, in minutes: no visit can be longer. */
export function longestOpeningRangeMinutes(rules: OpeningRules): number {
  const all: TimeRange[] = [
    ...WEEKDAYS.flatMap((d) => rules.weeklyHours[d]),
    ...rules.seasons.flatMap((s) => WEEKDAYS.flatMap((d) => s.weekly[d])),
    ...Object.values(rules.exceptions).flatMap((e) => e.hours),
  ]
  return Math.max(0, ...toRanges(all).map((r) => r.to - r.from))
}
