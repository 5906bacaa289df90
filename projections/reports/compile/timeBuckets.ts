// Time buckets in an IANA zone: an instant → its local hour, day, ISO week or month, as text that
// sorts in time order ('2026-03-02T14', '2026-03-02', '2026-W10', '2026-03'). A rebuild converts
// every event of the log, so the zone's offset is cached per quarter hour of UTC (offsets change
// on quarter-hour boundaries in every zone since 1970; a quarter whose ends disagree is not cached).

import { isoWeekOf } from '../../../application/queries/calendarWeeks.js'
import type { Bucket } from '../../../application/reports/reportDefinition.js'
import { isValidTimeZone, offsetMinutesAt } from '../../../domain/shared/localTime.js'

const QUARTER = 900_000
const MAX_CACHED = 200_000

export class UnknownTimeZone extends Error {
  constructor(readonly timeZone: string) {
    super(`unknown time zone ${JSON.stringify(timeZone)}`)
    this.name = 'UnknownTimeZone'
  }
}

class ZoneOffsets {
  private readonly byQuarter = new Map<number, number>()

  constructor(private readonly timeZone: string) {}

  /** The offset (ms) of the zone at an instant. */
  at(ms: number): number {
    const quarter = Math.floor(ms / QUARTER)
    const cached = this.byQuarter.get(quarter)
    if (cached !== undefined) return cached
    const start = quarter * QUARTER
    const first = offsetMinutesAt(this.timeZone, start)
    const last = offsetMinutesAt(this.timeZone, start + QUARTER - 1)
    if (first !== last) return offsetMinutesAt(this.timeZone, ms) * 60_000
    if (this.byQuarter.size >= MAX_CACHED) this.byQuarter.clear()
    this.byQuarter.set(quarter, first * 60_000)
    return first * 60_000
  }
}

const zones = new Map<string, ZoneOffsets>()
const weeks = new Map<string, string>()

function offsetsOf(timeZone: string): ZoneOffsets {
  let z = zones.get(timeZone)
  if (!z) {
    if (!isValidTimeZone(timeZone)) throw new UnknownTimeZone(timeZone)
    z = new ZoneOffsets(timeZone)
    zones.set(timeZone, z)
  }
  return z
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** The bucket of a timestamp (ISO-8601 text) in a zone; null when the value is no timestamp. */
export function bucketOf(value: unknown, bucket: Bucket, timeZone: string): string | null {
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) return null
  const local = new Date(ms + offsetsOf(timeZone).at(ms))
  const year = local.getUTCFullYear()
  const month = `${year}-${pad(local.getUTCMonth() + 1)}`
  if (bucket === 'month') return month
  const day = `${month}-${pad(local.getUTCDate())}`
  if (bucket === 'day') return day
  if (bucket === 'hour') return `${day}T${pad(local.getUTCHours())}`
  let week = weeks.get(day)
  if (week === undefined) {
    week = isoWeekOf(day)
    if (weeks.size >= MAX_CACHED) weeks.clear()
    weeks.set(day, week)
  }
  return week
}
