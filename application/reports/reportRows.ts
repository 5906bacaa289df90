// The documents a declarative report's projection writes (projections/reports/compile) and its
// queries read (reportQuery.ts): one row per group, measures kept in a form that can be rolled up
// (an average as sum and count, a distinct count beside its values).
import type { Document } from '../ports/documentStore.js'

export const REPORT_COLLECTIONS = {
  /** One document per group: keys and measures. */
  rows: 'rows',
  /** Per event stream, the values remembered from its earlier events. */
  streams: 'streams',
  /** One document per (row, distinct measure, value): what a distinct count with storage: documents counted. */
  distinct: 'distinct',
} as const

export type KeyValue = string | number | boolean | null

export interface AvgValue {
  sum: number
  count: number
}

/**
 * count, sum and distinct kept as documents: a number; distinct kept in the row: its values (the
 * count is their number); avg: sum and count; min and max: null until a value came.
 */
export type MeasureValue = number | AvgValue | KeyValue[] | null

export interface ReportRowDoc extends Document {
  /** JSON of the key values in groupBy order. */
  _id: string
  k: Record<string, KeyValue>
  m: Record<string, MeasureValue>
}

export interface StreamFactsDoc extends Document {
  /** The stream id. */
  _id: string
  r: Record<string, unknown>
}

export interface DistinctValueDoc extends Document {
  /** JSON of [row reference, measure, value]. */
  _id: string
  /** distinctRowRef of the row. */
  row: string
  m: string
  v: unknown
}

export const rowIdOf = (key: readonly KeyValue[]): string => JSON.stringify(key)
/** A row as distinct documents name it: its collection (rows, or a roll-up's) and id. */
export const distinctRowRef = (collection: string, rowId: string): string => `${collection}:${rowId}`
export const distinctIdOf = (rowRef: string, measure: string, value: unknown): string =>
  JSON.stringify([rowRef, measure, value])
