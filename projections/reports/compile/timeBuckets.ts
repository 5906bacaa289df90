// Time buckets in an IANA zone: an instant → its local hour, day, ISO week or month, as text that
// sorts in time order ('2026-03-02T14', '2026-03-02', '2026-W10', '2026-03'). A rebuild converts
// every event of the log, so the zone's offset is cached per UTC day when it is the same at both
// ends of the day; on the few days a zone changes its offset, each instant is converted exactly.

import { isoWeekOf } from '../../../application/queries/calendarWeeks.js'
import type { Bucket } from '../../../application/reports/reportDefinition.js'
import { isValidTimeZone, offsetMinutesAt } from '../../../domain/shared/localTime.js'

const DAY = 86_400_000
const MAX_CACHED = 200_000
/** A day whose offset changes within it. */
const MIXED = Number.NaN

export class UnknownTimeZone extends Error {
  constructor(readonly timeZone: string) {
    super(`unknown time zone ${JSON.stringify(timeZone)}`)
    this.name = 'UnknownTimeZone'
  }
}

class ZoneOffsets {
  private readonly byDay = new Map<number, number>()

  constructor(private readonly timeZone: string) {}

  /** The offset (ms) of the zone at an instant. */
  at(ms: number): number {
    const day = Math.floor(ms / DAY)
    let offset = this.byDay.get(day)
    if (offset === undefined) {
      const first = offsetMinutesAt(this.timeZone, day * DAY)
      const last = offsetMinutesAt(this.timeZone, day * DAY + DAY - 1)
      offset = first === last ? first * 60_000 : MIXED
      if (this.byDay.size >= MAX_CACHED) this.byDay.clear()
      this.byDay.set(day, offset)
    }
    return Number.isNaN(offset) ? offsetMinutesAt(this.timeZone, ms) * 60_000 : offset
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
