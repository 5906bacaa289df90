// What a query needs to know about a report: its keys (which are time buckets), its measures
// (how each rolls up) and which keys, if any, hold the service point, fleet or customer that owns a row.
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
  /** The key holding a fleet id (a fleet's people see their fleet's rows); absent: none. */
  readonly scopeFleetKey?: string | null
  /** The key holding a customer id (a customer sees his own rows); absent: none. */
  readonly scopeCustomerKey?: string | null
  /**
   * The key holding a fleet's branch id: a fleet manager appointed for some branches sees only those
   * branches' rows (customers/fleetBranchScope.ts); absent: such a manager may not read the report.
   */
  readonly scopeBranchKey?: string | null
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
    scopeFleetKey: normal.scopeFleetKey,
    scopeCustomerKey: normal.scopeCustomerKey,
  }
}
