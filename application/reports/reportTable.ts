// Runs a ReportQuery over a report's rows: filters and the date range go to the document store
// (indexed key fields), grouping and roll-up happen here. Measures roll up the way they were
// stored for: counts and sums add, averages add their sums and counts, minima and maxima compare,
// and distinct counts union the values they counted (read only when rows are actually merged).
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { Collection, Filter } from '../ports/documentStore.js'
import type { Bucket, MeasureOp } from './reportDefinition.js'
import { canRollUp, dateBound, type Period, type ReportQuery, rollUpBucket } from './reportQuery.js'
import type { AvgValue, DistinctValueDoc, KeyValue, MeasureValue, ReportRowDoc } from './reportRows.js'
import type { ReportShape } from './reportShape.js'

export type Cell = KeyValue

export interface ReportColumn {
  readonly name: string
  readonly kind: 'key' | 'measure'
  /** For a time bucket key: its period as shown (after roll-up). */
  readonly bucket?: Bucket
  readonly op?: MeasureOp
}

export interface ReportTable {
  readonly report: string
  readonly title: string
  readonly version: number
  readonly period: Period | null
  readonly columns: readonly ReportColumn[]
  readonly rows: ReadonlyArray<Record<string, Cell>>
  readonly total: number
  readonly limit: number
  readonly offset: number
}

export interface TableSources {
  readonly rows: Collection<ReportRowDoc>
  /** Needed only when distinct counts are rolled up. */
  readonly distinct: () => Promise<Collection<DistinctValueDoc>>
}

/** Roles that see a scoped report's rows of their own point (head office sees every row). */
export const POINT_REPORT_ROLES = ['service_point', 'service_point_manager'] as const

const ID_CHUNK = 500

const invalid = (path: string, message: string): DomainError =>
  domainError('invalid', 'INVALID_REPORT_QUERY', message, [{ path, message }])

interface Plan {
  readonly filter: Filter
  readonly bucketKey: { readonly name: string; readonly bucket: Bucket } | null
  readonly period: Period | null
  /** Keys kept, in the report's order, with their output column names. */
  readonly keys: ReadonlyArray<{ readonly name: string; readonly column: string; readonly rollTo: Bucket | null }>
  readonly measures: ReadonlyArray<{ readonly name: string; readonly op: MeasureOp }>
}

/** Checks the query against the report and the viewer's scope; the store filter and output plan. */
export function planQuery(shape: ReportShape, query: ReportQuery, viewer: Principal): Either<DomainError, Plan> {
  const keyNames = shape.keys.map((k) => k.name)
  const filter: Record<string, unknown> = {}
  const scoped = shape.scopePointKey
  if (viewer.role !== 'head_office') {
    const tenant = viewer.tenant
    if (!(POINT_REPORT_ROLES as readonly string[]).includes(viewer.role) || tenant.scope !== 'point')
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', `a ${viewer.role} may not see reports`))
    if (!scoped) return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', `${shape.report} is a head-office report`))
    const asked = query.filters?.[scoped]
    if (asked && !asked.every((v) => v === tenant.pointId))
      return left(domainError('forbidden', 'TENANT_ACCESS_DENIED', 'these rows belong to another service point'))
    filter[`k.${scoped}`] = tenant.pointId
  }
  for (const [key, values] of Object.entries(query.filters ?? {})) {
    if (!keyNames.includes(key))
      return left(invalid(`filters.${key}`, `${shape.report} has no key ${key}; its keys are ${keyNames.join(', ')}`))
    if (key === scoped && filter[`k.${key}`] !== undefined) continue
    filter[`k.${key}`] = values.length === 1 ? values[0] : { $in: values }
  }
  const bucketKey = shape.keys.find((k) => k.bucket !== null) as { name: string; bucket: Bucket } | undefined
  if ((query.from || query.to) && !bucketKey)
    return left(invalid('from', `${shape.report} has no time bucket to take a date range on`))
  if (bucketKey && (query.from || query.to)) {
    const range: Record<string, string> = {}
    if (query.from) range.$gte = dateBound(query.from, bucketKey.bucket, 'from')
    if (query.to) range.$lte = dateBound(query.to, bucketKey.bucket, 'to')
    if (query.from && query.to && query.to < query.from) return left(invalid('to', 'to is before from'))
    filter[`k.${bucketKey.name}`] = range
  }
  const period = query.period ?? bucketKey?.bucket ?? null
  if (query.period && !bucketKey) return left(invalid('period', `${shape.report} has no time bucket to roll up`))
  if (bucketKey && period && !canRollUp(bucketKey.bucket, period))
    return left(
      invalid('period', `${shape.report} counts per ${bucketKey.bucket}, which does not roll up into ${period}`),
    )
  const kept = query.groupBy ?? keyNames
  for (const [i, name] of kept.entries())
    if (!keyNames.includes(name))
      return left(invalid(`groupBy.${i}`, `${shape.report} has no key ${name}; its keys are ${keyNames.join(', ')}`))
  const keys = shape.keys
    .filter((k) => kept.includes(k.name) && !(k.bucket && period === 'total'))
    .map((k) => {
      const rollTo = k.bucket && period && period !== 'total' && period !== k.bucket ? (period as Bucket) : null
      const column = rollTo && !keyNames.includes(rollTo) ? rollTo : k.name
      return { name: k.name, column, rollTo }
    })
  const measureNames = shape.measures.map((m) => m.name)
  const chosen = query.columns ?? measureNames
  for (const [i, name] of chosen.entries())
    if (!measureNames.includes(name) && !keyNames.includes(name))
      return left(
        invalid(`columns.${i}`, `${shape.report} has no measure ${name}; its measures are ${measureNames.join(', ')}`),
      )
  // In the order asked for: columns are how the user wants to read the table.
  const measures = chosen.flatMap((name) => shape.measures.filter((m) => m.name === name))
  return right({ filter, bucketKey: bucketKey ?? null, period, keys, measures })
}

type Acc = number | AvgValue | null

interface Group {
  readonly key: KeyValue[]
  readonly acc: Acc[]
  readonly rowIds: string[]
}

function addInto(op: MeasureOp, acc: Acc, value: MeasureValue | undefined): Acc {
  if (value === undefined || value === null) return acc
  switch (op) {
    case 'count':
    case 'sum':
    case 'distinct':
      return (acc as number) + (value as number)
    case 'avg': {
      const a = acc as AvgValue
      const v = value as AvgValue
      return { sum: a.sum + v.sum, count: a.count + v.count }
    }
    case 'min':
      return acc === null || (value as number) < (acc as number) ? value : acc
    case 'max':
      return acc === null || (value as number) > (acc as number) ? value : acc
  }
}

function startAcc(op: MeasureOp): Acc {
  return op === 'avg' ? { sum: 0, count: 0 } : op === 'min' || op === 'max' ? null : 0
}

function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : 1
}

export interface Paging {
  readonly limit: number
  readonly offset: number
}

export async function runQuery(
  shape: ReportShape,
  plan: Plan,
  query: ReportQuery,
  sources: TableSources,
  paging: Paging,
): Promise<Either<DomainError, ReportTable>> {
  const docs = await sources.rows.find(plan.filter, { sort: { _id: 1 } })
  const groups = new Map<string, Group>()
  for (const doc of docs) {
    const key = plan.keys.map((k) => {
      const value = doc.k[k.name] ?? null
      return k.rollTo && plan.bucketKey ? rollUpBucket(value, plan.bucketKey.bucket, k.rollTo) : value
    })
    const id = JSON.stringify(key)
    let group = groups.get(id)
    if (!group) {
      group = { key, acc: plan.measures.map((m) => startAcc(m.op)), rowIds: [] }
      groups.set(id, group)
    }
    group.rowIds.push(doc._id)
    plan.measures.forEach((m, i) => {
      group.acc[i] = addInto(m.op, group.acc[i] ?? null, doc.m[m.name])
    })
  }
  await recountDistinct(plan, groups, sources)

  const columns: ReportColumn[] = [
    ...plan.keys.map((k) => {
      const bucket = k.rollTo ?? shape.keys.find((s) => s.name === k.name)?.bucket ?? null
      return bucket ? { name: k.column, kind: 'key' as const, bucket } : { name: k.column, kind: 'key' as const }
    }),
    ...plan.measures.map((m) => ({ name: m.name, kind: 'measure' as const, op: m.op })),
  ]
  let rows: Array<Record<string, Cell>> = [...groups.values()].map((g) => {
    const row: Record<string, Cell> = {}
    plan.keys.forEach((k, i) => {
      row[k.column] = g.key[i] ?? null
    })
    plan.measures.forEach((m, i) => {
      const acc = g.acc[i] ?? null
      row[m.name] =
        m.op === 'avg'
          ? (acc as AvgValue).count > 0
            ? (acc as AvgValue).sum / (acc as AvgValue).count
            : null
          : (acc as number | null)
    })
    return row
  })
  const names = columns.map((c) => c.name)
  const sort =
    query.sort ??
    names.filter((_, i) => (columns[i] as ReportColumn).kind === 'key').map((column) => ({ column, desc: false }))
  for (const [i, s] of sort.entries())
    if (!names.includes(s.column))
      return left(invalid(`sort.${i}`, `no column ${s.column} in this result; columns are ${names.join(', ')}`))
  rows = rows.sort((a, b) => {
    for (const s of sort) {
      const c = compareCells(a[s.column] ?? null, b[s.column] ?? null)
      if (c !== 0) return s.desc ? -c : c
    }
    return 0
  })
  return right({
    report: shape.report,
    title: shape.title,
    version: shape.version,
    period: plan.period,
    columns,
    rows: rows.slice(paging.offset, paging.offset + paging.limit),
    total: rows.length,
    limit: paging.limit,
    offset: paging.offset,
  })
}

/** A distinct count over merged rows is the size of the union of their values, not the sum. */
async function recountDistinct(plan: Plan, groups: Map<string, Group>, sources: TableSources): Promise<void> {
  const distinct = plan.measures
    .map((m, i) => ({ name: m.name, i }))
    .filter((m) => plan.measures[m.i]?.op === 'distinct')
  const merged = [...groups.values()].filter((g) => g.rowIds.length > 1)
  if (distinct.length === 0 || merged.length === 0) return
  const collection = await sources.distinct()
  const values = new Map<string, Set<string>>()
  const rowIds = merged.flatMap((g) => g.rowIds)
  for (let i = 0; i < rowIds.length; i += ID_CHUNK)
    for (const doc of await collection.find({
      row: { $in: rowIds.slice(i, i + ID_CHUNK) },
      m: { $in: distinct.map((d) => d.name) },
    })) {
      const id = `${doc.row}\u0000${doc.m}`
      const set = values.get(id) ?? new Set<string>()
      set.add(JSON.stringify(doc.v))
      values.set(id, set)
    }
  for (const group of merged)
    for (const d of distinct) {
      const union = new Set<string>()
      for (const row of group.rowIds) for (const v of values.get(`${row}\u0000${d.name}`) ?? []) union.add(v)
      group.acc[d.i] = union.size
    }
}
