// A query over a report's rows: which rows (filters on its keys, a date range on its time
// bucket), how grouped (keys kept, the bucket rolled up to a coarser period), which columns, in
// which order. The same shape is what a user saves as his own variant of a report.
import * as t from 'io-ts'
import { isoWeekOf } from '../queries/calendarWeeks.js'
import { BUCKETS, type Bucket, closed, FieldName } from './reportDefinition.js'
import type { KeyValue } from './reportRows.js'

export const PERIODS = [...BUCKETS, 'total'] as const
export type Period = (typeof PERIODS)[number]
export const PeriodCodec = t.keyof(Object.fromEntries(PERIODS.map((p) => [p, null])) as Record<Period, null>, 'period')

const LocalDateText = new t.Type<string, string, unknown>(
  'YYYY-MM-DD',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(u) && !Number.isNaN(Date.parse(u))
      ? t.success(u)
      : t.failure(u, c, 'must be a date YYYY-MM-DD'),
  t.identity,
)
const KeyValueCodec = t.union([t.string, t.number, t.boolean, t.null])
export const SortCodec = closed('sort', { column: FieldName }, { desc: t.boolean })

export const ReportQuery = closed(
  'report query',
  {},
  {
    period: PeriodCodec,
    from: LocalDateText,
    to: LocalDateText,
    groupBy: t.array(FieldName),
    columns: t.array(FieldName),
    filters: t.record(t.string, t.array(KeyValueCodec)),
    sort: t.array(SortCodec),
  },
)
export type ReportQuery = t.TypeOf<typeof ReportQuery>

/** How fine each bucket is; a bucket rolls up into any coarser one it nests in. */
const ROLLS_INTO: Readonly<Record<Bucket, readonly Period[]>> = {
  hour: ['hour', 'day', 'week', 'month', 'total'],
  day: ['day', 'week', 'month', 'total'],
  week: ['week', 'total'], // ISO weeks straddle months
  month: ['month', 'total'],
}

export function canRollUp(from: Bucket, to: Period): boolean {
  return ROLLS_INTO[from].includes(to)
}

/** A stored bucket value seen at a coarser period ('2026-03-02' → '2026-W10' or '2026-03'). */
export function rollUpBucket(value: KeyValue, from: Bucket, to: Bucket): KeyValue {
  if (typeof value !== 'string' || from === to) return value
  const day = value.slice(0, 10)
  switch (to) {
    case 'day':
      return day
    case 'week':
      return isoWeekOf(day)
    case 'month':
      return value.slice(0, 7)
    default:
      return value
  }
}

/** A local date as the first/last bucket of the stored kind, for a range filter on stored keys. */
export function dateBound(date: string, bucket: Bucket, end: 'from' | 'to'): string {
  switch (bucket) {
    case 'hour':
      return `${date}T${end === 'from' ? '00' : '23'}`
    case 'day':
      return date
    case 'week':
      return isoWeekOf(date)
    case 'month':
      return date.slice(0, 7)
  }
}
