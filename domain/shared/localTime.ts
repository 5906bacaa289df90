// Calendar arithmetic in a service point's IANA time zone, without a clock.
// Intl.DateTimeFormat is pure (same input, same output): it only reads the time-zone database
// shipped with Node, so the domain may use it. Instants are epoch milliseconds inside the domain
// and UTC ISO-8601 strings at its edges; local dates are 'YYYY-MM-DD' strings, local times are
// minutes since local midnight (0..1440).

export type LocalDate = string
/** Epoch milliseconds (UTC). */
export type Instant = number

export const MINUTE = 60_000
export const DAY_MINUTES = 1440

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const HH_MM = /^(\d{2}):(\d{2})$/
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/

export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** 'HH:MM' → minutes since midnight; '24:00' is allowed (the end of the day). null when malformed. */
export function parseLocalTime(value: string): number | null {
  const m = HH_MM.exec(value)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null
  return h * 60 + min
}

export function formatLocalTime(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60)
  const m = minuteOfDay % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

/** A UTC ISO-8601 instant ('…Z') → epoch ms, or null. Offsets other than Z are refused at the edges. */
export function parseInstant(value: string): Instant | null {
  if (!ISO_INSTANT.test(value)) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

export function formatInstant(ms: Instant): string {
  return new Date(ms).toISOString()
}

function dateParts(date: LocalDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))]
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = dateParts(date)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ya, ma, da] = dateParts(a)
  const [yb, mb, db] = dateParts(b)
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000)
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
export const WEEKDAYS: ReadonlyArray<Weekday> = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const BY_UTC_DAY: ReadonlyArray<Weekday> = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

export function weekdayOf(date: LocalDate): Weekday {
  const [y, m, d] = dateParts(date)
  return BY_UTC_DAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] as Weekday
}

// One formatter per zone: building one costs far more than using it, and slot search converts often.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** True for a zone name the time-zone database knows (e.g. 'Europe/Warsaw'). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0) return false
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

interface WallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
}

function wallClockAt(timeZone: string, ms: Instant): WallClock {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute')
      out[p.type] = Number(p.value)
    else if (p.type === 'second') out.second = Number(p.value)
  }
  return out
}

/** The zone's offset from UTC at an instant, in minutes (Warsaw: 60 in winter, 120 in summer). */
export function offsetMinutesAt(timeZone: string, ms: Instant): number {
  const w = wallClockAt(timeZone, ms)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE)
}

/** The local date and minute of day of an instant. */
export function toLocal(timeZone: string, ms: Instant): { date: LocalDate; minuteOfDay: number } {
  const w = wallClockAt(timeZone, ms)
  const date = `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`
  return { date, minuteOfDay: w.hour * 60 + w.minute }
}

/**
 * A local date and minute of day → the instant, resolved like Temporal's 'compatible':
 * a wall-clock time that happens twice (autumn fold) gives the earlier instant; one that does not
 * exist (spring gap, e.g. 02:30 on the last Sunday of March in Warsaw) is moved forward by the gap
 * (→ 03:30). minuteOfDay may be 1440 (the next local midnight). Assumes at most one offset change
 * within ±24 h, true of every real zone.
 */
export function localToInstant(timeZone: string, date: LocalDate, minuteOfDay: number): Instant {
  // Remembered: a pure function of its arguments, asked the same few days' bounds and opening
  // times over and over by slot search and the day schedule guard, and each answer costs four
  // Intl conversions (about a tenth of the demo seed's CPU before this memo).
  const key = `${timeZone}|${date}|${minuteOfDay}`
  const known = instants.get(key)
  if (known !== undefined) return known
  if (instants.size >= MAX_REMEMBERED_INSTANTS) instants.clear()
  const instant = resolveLocal(timeZone, date, minuteOfDay)
  instants.set(key, instant)
  return instant
}

const MAX_REMEMBERED_INSTANTS = 100_000
const instants = new Map<string, Instant>()

function resolveLocal(timeZone: string, date: LocalDate, minuteOfDay: number): Instant {
  const [y, m, d] = dateParts(date)
  const naive = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE
  const before = offsetMinutesAt(timeZone, naive - 86_400_000)
  const after = offsetMinutesAt(timeZone, naive + 86_400_000)
  const withBefore = naive - before * MINUTE
  const withAfter = naive - after * MINUTE
  const beforeFits = offsetMinutesAt(timeZone, withBefore) === before
  const afterFits = offsetMinutesAt(timeZone, withAfter) === after
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter)
  if (beforeFits) return withBefore
  if (afterFits) return withAfter
  return withBefore // in the gap: the offset before the change puts it after the jump
}

/** The instants of a local date's midnight and the next one (23, 24 or 25 hours apart). */
export function localDayBounds(timeZone: string, date: LocalDate): { start: Instant; end: Instant } {
  return { start: localToInstant(timeZone, date, 0), end: localToInstant(timeZone, addDays(date, 1), 0) }
}
