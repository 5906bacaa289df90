// Quiet hours for SMS: a text message arriving at night wakes people, so one due inside the
// point's quiet hours waits until they end (e-mail is not held back: it does not ring).
// Local times are the service point's, in its IANA zone, so DST days are handled by the zone.
import { addDays, localToInstant, parseLocalTime, toLocal } from '../../domain/shared/localTime.js'

export interface QuietHours {
  /** Local 'HH:MM' the quiet starts at (e.g. '21:00'). */
  readonly start: string
  /** Local 'HH:MM' it ends at (e.g. '08:00'); earlier than start means it spans midnight. */
  readonly end: string
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' }

export function parseQuietHours(value: string): QuietHours {
  const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(value.trim())
  if (!match || parseLocalTime(match[1]!) === null || parseLocalTime(match[2]!) === null)
    throw new Error(`quiet hours must look like 21:00-08:00, got ${JSON.stringify(value)}`)
  return { start: match[1]!, end: match[2]! }
}

/** The instant (epoch ms) the quiet hours around `now` end, or null when `now` is not inside them. */
export function quietUntil(now: number, timeZone: string, quiet: QuietHours): number | null {
  const start = parseLocalTime(quiet.start)
  const end = parseLocalTime(quiet.end)
  if (start === null || end === null) throw new Error(`invalid quiet hours ${quiet.start}-${quiet.end}`)
  if (start === end) return null
  const local = toLocal(timeZone, now)
  const m = local.minuteOfDay
  if (start < end) return m >= start && m < end ? localToInstant(timeZone, local.date, end) : null
  if (m >= start) return localToInstant(timeZone, addDays(local.date, 1), end)
  if (m < end) return localToInstant(timeZone, local.date, end)
  return null
}
