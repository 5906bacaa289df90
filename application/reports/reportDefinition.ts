// The shape of a declarative report definition (what an analyst writes in YAML or JSON), as io-ts
// codecs. It lives in application/ because the definition events and the report queries need it;
// the language's parsing with line numbers, its checks against the event catalogue and its compiler
// to a projection are in projections/reports/definition.
//
// Every object is closed: an unknown key (a typo such as `groupby`) is an error, not silently
// ignored. No t.union is used: io-ts reports a failing union once per member, which reads badly.
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

export const BUCKETS = ['hour', 'day', 'week', 'month'] as const
export type Bucket = (typeof BUCKETS)[number]
export const OPS = ['count', 'sum', 'avg', 'min', 'max', 'distinct'] as const
export type MeasureOp = (typeof OPS)[number]
export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const
export type DurationUnit = (typeof DURATION_UNITS)[number]

const keyofList = <K extends string>(keys: readonly K[], name: string) =>
  t.keyof(Object.fromEntries(keys.map((k) => [k, null])) as Record<K, null>, name)

export const BucketCodec = keyofList(BUCKETS, 'bucket')
export const OpCodec = keyofList(OPS, 'op')
export const UnitCodec = keyofList(DURATION_UNITS, 'unit')
export const DISTINCT_STORAGE = ['row', 'documents'] as const
export type DistinctStorage = (typeof DISTINCT_STORAGE)[number]
export const StorageCodec = keyofList(DISTINCT_STORAGE, 'storage')

/** Report names end up in projection and collection names: `report-<name>`, at most 30 characters. */
export const REPORT_NAME = /^[a-z][A-Za-z0-9_-]{0,22}$/
/** Names of group keys, measures and remembered values: they become document fields and CSV columns. */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/

function pattern(regex: RegExp, name: string, rule: string): t.Type<string, string, unknown> {
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && regex.test(u),
    (u, c) =>
      typeof u === 'string' && regex.test(u) ? t.success(u) : t.failure(u, c, typeof u === 'string' ? rule : undefined),
    t.identity,
  )
}

export const ReportName = pattern(
  REPORT_NAME,
  'ReportName',
  'must start with a lower-case letter, then at most 22 letters, digits, _ or -',
)
export const FieldName = pattern(FIELD_NAME, 'FieldName', 'must be a letter, then at most 39 letters, digits or _')
const PositiveInt = new t.Type<number, number, unknown>(
  'PositiveInteger',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 1,
  (u, c) =>
    Number.isSafeInteger(u) && (u as number) >= 1 ? t.success(u as number) : t.failure(u, c, 'must be an integer ≥ 1'),
  t.identity,
)
const NonEmptyList = <C extends t.Mixed>(item: C) =>
  t.refinement(t.array(item), (xs) => xs.length > 0, `non-empty list of ${item.name}`)

/** A filter in the document store's Mongo subset; its operators and paths are checked by the language. */
export const FilterCodec = t.UnknownRecord

/** One string or a list of them (for `from:`). */
const OneOrMore = new t.Type<string[], string[], unknown>(
  'string or list of strings',
  (u): u is string[] => Array.isArray(u) && u.every((x) => typeof x === 'string'),
  (u, c) => {
    if (typeof u === 'string') return t.success([u])
    if (Array.isArray(u) && u.length > 0 && u.every((x) => typeof x === 'string')) return t.success(u as string[])
    return t.failure(u, c, 'must be an event type or a non-empty list of event types')
  },
  t.identity,
)

/**
 * An object with required and optional props and no others. Children are validated with the
 * caller's context, so error paths are the document's own (no intersection indexes in between).
 */
export function closed<R extends t.Props, O extends t.Props>(
  name: string,
  required: R,
  optional: O,
): t.Type<t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>, unknown, unknown> {
  const req = t.type(required)
  const opt = t.partial(optional)
  const known = new Set([...Object.keys(required), ...Object.keys(optional)])
  type A = t.TypeOf<typeof req> & t.TypeOf<typeof opt>
  return new t.Type<A, unknown, unknown>(
    name,
    (u): u is A => req.is(u) && opt.is(u),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u))
        return t.failure(u, c, 'must be a mapping (key: value)')
      const errors: t.Errors = []
      for (const key of Object.keys(u))
        if (!known.has(key))
          errors.push({
            value: (u as Record<string, unknown>)[key],
            context: [...c, { key, type: t.never, actual: (u as Record<string, unknown>)[key] }],
            message: `unknown key ${JSON.stringify(key)}; expected ${[...known].join(', ')}`,
          })
      const a = req.validate(u, c)
      const b = opt.validate(u, c)
      if (isLeft(a)) errors.push(...a.left)
      if (isLeft(b)) errors.push(...b.left)
      if (isLeft(a) || isLeft(b) || errors.length > 0) return t.failures(errors)
      // The decoded values (e.g. `from: X` became [X]), in declaration order.
      const out: Record<string, unknown> = {}
      const required_ = a.right as Record<string, unknown>
      const optional_ = b.right as Record<string, unknown>
      for (const key of Object.keys(required)) out[key] = required_[key]
      for (const key of Object.keys(optional)) if (optional_[key] !== undefined) out[key] = optional_[key]
      return t.success(out as A)
    },
    t.identity,
  )
}

export const DurationSpec = closed('duration', { from: t.string, to: t.string }, { unit: UnitCodec })
export type DurationSpec = t.TypeOf<typeof DurationSpec>

export const RememberSpec = closed('remember', { name: FieldName, from: OneOrMore, path: t.string }, {})
export type RememberSpec = t.TypeOf<typeof RememberSpec>

export const GroupKeySpec = closed(
  'groupBy key',
  {},
  {
    name: FieldName,
    path: t.string,
    bucket: BucketCodec,
    timeZone: t.string,
    timeZonePath: t.string,
    /** Coarser periods kept ready as well (e.g. [month] beside days): queries for them read far fewer rows. */
    rollups: t.array(BucketCodec),
  },
)
export type GroupKeySpec = t.TypeOf<typeof GroupKeySpec>

export const MeasureSpec = closed(
  'measure',
  { name: FieldName, op: OpCodec },
  {
    path: t.string,
    duration: DurationSpec,
    filter: FilterCodec,
    /** distinct only: the values in the row (default; cheap, for modest numbers per row) or one document each. */
    storage: StorageCodec,
  },
)
export type MeasureSpec = t.TypeOf<typeof MeasureSpec>

/**
 * Which group key holds the tenant that owns a row: a point's staff see the rows of their point, a
 * fleet's manager and account those of their fleet, a customer his own. At least one is needed.
 */
export const ScopeSpec = closed('scope', {}, { pointId: FieldName, fleetId: FieldName, customerId: FieldName })
export type ScopeSpec = t.TypeOf<typeof ScopeSpec>
export const SCOPE_KINDS = ['pointId', 'fleetId', 'customerId'] as const
export type ScopeKind = (typeof SCOPE_KINDS)[number]

export const ReportDefinition = closed(
  'report definition',
  { name: ReportName, events: NonEmptyList(t.string), measures: NonEmptyList(MeasureSpec) },
  {
    version: PositiveInt,
    title: t.string,
    description: t.string,
    remember: t.array(RememberSpec),
    filter: FilterCodec,
    groupBy: t.array(GroupKeySpec),
    scope: ScopeSpec,
  },
)
export type ReportDefinition = t.TypeOf<typeof ReportDefinition>

// ── normal form: every default filled in, what the compiler and the queries work from ─────────

export interface GroupKey {
  readonly name: string
  readonly path: string
  readonly bucket: Bucket | null
  /** A fixed IANA zone, or null when the zone comes from timeZonePath (or there is no bucket). */
  readonly timeZone: string | null
  readonly timeZonePath: string | null
  /** Coarser periods also stored (a time bucket only). */
  readonly rollups: readonly Bucket[]
}

export interface Measure {
  readonly name: string
  readonly op: MeasureOp
  readonly path: string | null
  readonly duration: { readonly from: string; readonly to: string; readonly unit: DurationUnit } | null
  readonly filter: Readonly<Record<string, unknown>> | null
  /** distinct: where the counted values are kept; null for other measures. */
  readonly storage: DistinctStorage | null
}

export interface NormalDefinition {
  readonly name: string
  readonly title: string
  readonly description: string
  readonly events: readonly string[]
  readonly remember: ReadonlyArray<{ readonly name: string; readonly from: readonly string[]; readonly path: string }>
  readonly filter: Readonly<Record<string, unknown>> | null
  readonly groupBy: readonly GroupKey[]
  readonly measures: readonly Measure[]
  /** The group key holding a service point id: a point's staff see only their own rows. */
  readonly scopePointKey: string | null
  /** The group key holding a fleet id: a fleet's manager and account see only their fleet's rows. */
  readonly scopeFleetKey: string | null
  /** The group key holding a customer id: a customer sees only his own rows. */
  readonly scopeCustomerKey: string | null
}

export const DEFAULT_BUCKET_PATH = 'metadata.occurredAt'

/** The last segment of a path, as a default name (`data.pointId` → `pointId`). */
export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1)
}

export function normalise(d: ReportDefinition): NormalDefinition {
  return {
    name: d.name,
    title: d.title ?? d.name,
    description: d.description ?? '',
    events: [...d.events],
    remember: (d.remember ?? []).map((r) => ({ name: r.name, from: [...r.from], path: r.path })),
    filter: d.filter ?? null,
    groupBy: (d.groupBy ?? []).map((g) => {
      const path = g.path ?? (g.bucket ? DEFAULT_BUCKET_PATH : '')
      return {
        name: g.name ?? (g.bucket ? g.bucket : lastSegment(path)),
        path,
        bucket: g.bucket ?? null,
        timeZone: g.timeZone ?? null,
        timeZonePath: g.timeZonePath ?? null,
        rollups: [...new Set(g.rollups ?? [])],
      }
    }),
    measures: d.measures.map((m) => ({
      name: m.name,
      op: m.op,
      path: m.path ?? null,
      duration: m.duration ? { from: m.duration.from, to: m.duration.to, unit: m.duration.unit ?? 'minutes' } : null,
      filter: m.filter ?? null,
      storage: m.op === 'distinct' ? (m.storage ?? 'row') : null,
    })),
    scopePointKey: d.scope?.pointId ?? null,
    scopeFleetKey: d.scope?.fleetId ?? null,
    scopeCustomerKey: d.scope?.customerId ?? null,
  }
}

/** The projection that holds a report's rows. */
export const reportProjectionName = (report: string): string => `report-${report}`

/** The collection of a report's rows: the finest ones, or those of a stored roll-up period. */
export const rowsCollection = (rollup: Bucket | null): string => (rollup ? `rows_${rollup}` : 'rows')
