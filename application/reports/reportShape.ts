// What a query needs to know about a report: its keys (which are time buckets), its measures
// (how each rolls up) and which key, if any, holds the service point that owns a row.
import { type Bucket, type MeasureOp, type NormalDefinition, reportProjectionName } from './reportDefinition.js'

export interface ReportShape {
  readonly report: string
  readonly projection: string
  readonly version: number
  readonly title: string
  readonly description: string
  readonly builtIn: boolean
  readonly keys: ReadonlyArray<{
    readonly name: string
    readonly bucket: Bucket | null
    /** Coarser periods stored beside the bucket's own rows. */
    readonly rollups?: readonly Bucket[]
  }>
  readonly measures: ReadonlyArray<{ readonly name: string; readonly op: MeasureOp }>
  readonly scopePointKey: string | null
}

export function shapeOf(normal: NormalDefinition, version: number, builtIn: boolean): ReportShape {
  return {
    report: normal.name,
    projection: reportProjectionName(normal.name),
    version,
    title: normal.title,
    description: normal.description,
    builtIn,
    keys: normal.groupBy.map((k) => ({ name: k.name, bucket: k.bucket, rollups: k.rollups })),
    measures: normal.measures.map((m) => ({ name: m.name, op: m.op })),
    scopePointKey: normal.scopePointKey,
  }
}
