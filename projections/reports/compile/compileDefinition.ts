// A checked report definition compiled into an engine Projection: it runs, rebuilds blue/green
// and reports lag like any other. Deterministic in the events alone: buckets come from event
// timestamps and zones, never from the clock.
//
// apply() is applyBatch() of one event, so the two cannot disagree. A batch is folded in event
// order into the documents it touches (loaded once, written once): floating-point sums come out
// bit for bit the same whatever the batch sizes, which is what lets a rebuild equal the live run.
import type { Collection } from '../../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { type NormalDefinition, reportProjectionName } from '../../../application/reports/reportDefinition.js'
import {
  type AvgValue,
  type DistinctValueDoc,
  distinctIdOf,
  type KeyValue,
  type MeasureValue,
  REPORT_COLLECTIONS,
  type ReportRowDoc,
  rowIdOf,
  type StreamFactsDoc,
} from '../../../application/reports/reportRows.js'
import type { Projection, ProjectionView } from '../../projection.js'
import { compileGetter, type EventContext, type Getter } from './eventContext.js'
import { compileFilter, type Predicate } from './filterMatcher.js'
import { bucketOf } from './timeBuckets.js'

/** How the compiled projection reads an event's data (upcast to the current schema version). */
export interface EventDataReader {
  dataOf(event: RecordedEvent): unknown
}

export const rawData: EventDataReader = { dataOf: (event) => event.data }

export interface CompileOptions {
  /** The projection version: the registered definition's version (built-ins: the code's). */
  readonly version: number
  readonly reader?: EventDataReader
}

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const
/** $in lists stay well under every store's limit on bound parameters. */
const ID_CHUNK = 500

interface CompiledMeasure {
  readonly name: string
  readonly op: NormalDefinition['measures'][number]['op']
  readonly filter: Predicate | null
  readonly value: Getter
}

function toKeyValue(value: unknown): KeyValue {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  return JSON.stringify(value)
}

function compileKey(key: NormalDefinition['groupBy'][number]): Getter {
  const get = compileGetter(key.path)
  if (!key.bucket) return (ctx) => toKeyValue(get(ctx))
  const bucket = key.bucket
  if (key.timeZone !== null) {
    const zone = key.timeZone
    return (ctx) => bucketOf(get(ctx), bucket, zone)
  }
  const zoneOf = compileGetter(key.timeZonePath ?? '')
  return (ctx) => {
    const zone = zoneOf(ctx)
    // An event without a zone cannot be placed in a local bucket; one with a bad zone stops the projection.
    return typeof zone === 'string' ? bucketOf(get(ctx), bucket, zone) : null
  }
}

function compileMeasure(m: NormalDefinition['measures'][number]): CompiledMeasure {
  let value: Getter = () => undefined
  if (m.path !== null) value = compileGetter(m.path)
  else if (m.duration !== null) {
    const from = compileGetter(m.duration.from)
    const to = compileGetter(m.duration.to)
    const unit = UNIT_MS[m.duration.unit]
    value = (ctx) => {
      const a = from(ctx)
      const b = to(ctx)
      if (typeof a !== 'string' || typeof b !== 'string') return undefined
      const ms = Date.parse(b) - Date.parse(a)
      return Number.isNaN(ms) ? undefined : ms / unit
    }
  }
  return { name: m.name, op: m.op, filter: m.filter ? compileFilter(m.filter) : null, value }
}

function initialValue(op: CompiledMeasure['op']): MeasureValue {
  switch (op) {
    case 'avg':
      return { sum: 0, count: 0 }
    case 'min':
    case 'max':
      return null
    default:
      return 0
  }
}

/** A distinct count's value as stored: scalars as they are, anything else as its JSON. */
function distinctValue(value: unknown): KeyValue | undefined {
  if (value === undefined || value === null) return undefined
  const v = toKeyValue(value)
  return v === null ? undefined : v
}

async function findByIds<T extends { _id: string }>(collection: Collection, ids: readonly string[]): Promise<T[]> {
  const found: T[] = []
  for (let i = 0; i < ids.length; i += ID_CHUNK)
    found.push(...((await collection.find({ _id: { $in: ids.slice(i, i + ID_CHUNK) } })) as unknown as T[]))
  return found
}

interface Touch {
  readonly rowId: string
  readonly key: readonly KeyValue[]
  readonly ctx: EventContext
}

export function compileDefinition(normal: NormalDefinition, options: CompileOptions): Projection {
  const reader = options.reader ?? rawData
  const measured = new Set(normal.events)
  const filter = normal.filter ? compileFilter(normal.filter) : null
  const keyNames = normal.groupBy.map((k) => k.name)
  const keys = normal.groupBy.map(compileKey)
  const measures = normal.measures.map(compileMeasure)
  const distinct = measures.filter((m) => m.op === 'distinct')
  const rememberBy = new Map<string, Array<{ name: string; get: Getter }>>()
  for (const r of normal.remember)
    for (const type of r.from) {
      const list = rememberBy.get(type) ?? []
      list.push({ name: r.name, get: compileGetter(r.path) })
      rememberBy.set(type, list)
    }
  const remembers = rememberBy.size > 0
  const collections: string[] = [REPORT_COLLECTIONS.rows]
  if (remembers) collections.push(REPORT_COLLECTIONS.streams)
  if (distinct.length > 0) collections.push(REPORT_COLLECTIONS.distinct)
  const bucketKey = normal.groupBy.find((k) => k.bucket !== null)
  const rowIndexes = keyNames.map((name) => ({ keys: { [`k.${name}`]: 1 as const } }))
  if (normal.scopePointKey && bucketKey)
    rowIndexes.push({ keys: { [`k.${normal.scopePointKey}`]: 1, [`k.${bucketKey.name}`]: 1 } })

  function newRow(rowId: string, key: readonly KeyValue[]): ReportRowDoc {
    const k: Record<string, KeyValue> = {}
    keyNames.forEach((name, i) => {
      k[name] = key[i] ?? null
    })
    const m: Record<string, MeasureValue> = {}
    for (const measure of measures) m[measure.name] = initialValue(measure.op)
    return { _id: rowId, k, m }
  }

  /** Folds one event into its row, exactly as a single apply() would. */
  function fold(row: ReportRowDoc, ctx: EventContext, counted: Set<string>, added: DistinctValueDoc[]): void {
    for (const measure of measures) {
      if (measure.filter && !measure.filter(ctx)) continue
      const m = row.m
      if (measure.op === 'count') {
        m[measure.name] = (m[measure.name] as number) + 1
        continue
      }
      const value = measure.value(ctx)
      if (measure.op === 'distinct') {
        const v = distinctValue(value)
        if (v === undefined) continue
        const id = distinctIdOf(row._id, measure.name, v)
        if (counted.has(id)) continue
        counted.add(id)
        added.push({ _id: id, row: row._id, m: measure.name, v })
        m[measure.name] = (m[measure.name] as number) + 1
        continue
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) continue
      const current = m[measure.name] ?? null
      switch (measure.op) {
        case 'sum':
          m[measure.name] = (current as number) + value
          break
        case 'avg': {
          const avg = current as AvgValue
          avg.sum += value
          avg.count += 1
          break
        }
        case 'min':
          if (current === null || value < (current as number)) m[measure.name] = value
          break
        case 'max':
          if (current === null || value > (current as number)) m[measure.name] = value
          break
      }
    }
  }

  async function applyBatch(events: readonly RecordedEvent[], view: ProjectionView): Promise<void> {
    const rows = view.collection(REPORT_COLLECTIONS.rows)
    // 1. Remembered values of the streams in the batch, then each event's context in order.
    const facts = new Map<string, Record<string, unknown>>()
    const changedFacts = new Set<string>()
    const knownFacts = new Set<string>()
    const streams = remembers ? view.collection(REPORT_COLLECTIONS.streams) : null
    if (streams) {
      const ids = [...new Set(events.map((e) => e.streamId))]
      for (const doc of await findByIds<StreamFactsDoc>(streams, ids)) {
        facts.set(doc._id, doc.r)
        knownFacts.add(doc._id)
      }
    }
    const touches: Touch[] = []
    for (const event of events) {
      let remembered = facts.get(event.streamId) ?? {}
      const ctx0: EventContext = {
        type: event.type,
        streamId: event.streamId,
        data: reader.dataOf(event),
        metadata: event.metadata,
        remembered,
      }
      const toRemember = rememberBy.get(event.type)
      let ctx = ctx0
      if (toRemember) {
        // Copied, not changed in place: contexts of earlier events keep what they saw.
        remembered = { ...remembered }
        for (const r of toRemember) {
          const value = r.get(ctx0)
          remembered[r.name] = value === undefined ? null : value
        }
        facts.set(event.streamId, remembered)
        changedFacts.add(event.streamId)
        ctx = { ...ctx0, remembered }
      }
      if (!measured.has(event.type) || (filter && !filter(ctx))) continue
      const key = keys.map((k) => k(ctx) as KeyValue)
      touches.push({ rowId: rowIdOf(key), key, ctx })
    }

    // 2. The rows (and distinct values) the batch touches, loaded once.
    const cache = new Map<string, ReportRowDoc>()
    const existing = new Set<string>()
    const rowIds = [...new Set(touches.map((t) => t.rowId))]
    for (const doc of await findByIds<ReportRowDoc>(rows, rowIds)) {
      cache.set(doc._id, doc)
      existing.add(doc._id)
    }
    const counted = new Set<string>()
    const distinctDocs = distinct.length > 0 ? view.collection(REPORT_COLLECTIONS.distinct) : null
    if (distinctDocs) {
      const candidates = new Set<string>()
      for (const t of touches)
        for (const m of distinct) {
          const v = distinctValue(m.value(t.ctx))
          if (v !== undefined) candidates.add(distinctIdOf(t.rowId, m.name, v))
        }
      for (const doc of await findByIds<DistinctValueDoc>(distinctDocs, [...candidates])) counted.add(doc._id)
    }

    // 3. Fold in event order, then write each touched document once.
    const added: DistinctValueDoc[] = []
    for (const t of touches) {
      let row = cache.get(t.rowId)
      if (!row) {
        row = newRow(t.rowId, t.key)
        cache.set(t.rowId, row)
      }
      fold(row, t.ctx, counted, added)
    }
    const inserted: ReportRowDoc[] = []
    for (const [id, row] of cache) {
      if (existing.has(id)) await rows.replaceOne({ _id: id }, row)
      else inserted.push(row)
    }
    if (inserted.length > 0) await rows.insertMany(inserted)
    if (distinctDocs && added.length > 0) await distinctDocs.insertMany(added)
    if (streams) {
      const fresh: StreamFactsDoc[] = []
      for (const id of changedFacts) {
        const doc: StreamFactsDoc = { _id: id, r: facts.get(id) ?? {} }
        if (knownFacts.has(id)) await streams.replaceOne({ _id: id }, doc)
        else fresh.push(doc)
      }
      if (fresh.length > 0) await streams.insertMany(fresh)
    }
  }

  return {
    name: reportProjectionName(normal.name),
    version: options.version,
    types: [...new Set([...normal.events, ...rememberBy.keys()])],
    collections,
    indexes: {
      [REPORT_COLLECTIONS.rows]: rowIndexes,
      ...(distinct.length > 0 ? { [REPORT_COLLECTIONS.distinct]: [{ keys: { row: 1, m: 1 } }] } : {}),
    },
    apply: (event, view) => applyBatch([event], view),
    applyBatch,
  }
}
