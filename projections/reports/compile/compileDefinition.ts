// A checked report definition compiled into an engine Projection: it runs, rebuilds blue/green
// and reports lag like any other. Deterministic in the events alone: buckets come from event
// timestamps and zones, never from the clock.
//
// apply() is applyBatch() of one event, so the two cannot disagree. A batch is folded in event
// order into the documents it touches (loaded once, written once): floating-point sums come out
// bit for bit the same whatever the batch sizes, which is what lets a rebuild equal the live run.
import type { Collection, Document } from '../../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import {
  type Bucket,
  type NormalDefinition,
  reportProjectionName,
  rowsCollection,
} from '../../../application/reports/reportDefinition.js'
import { rollUpBucket } from '../../../application/reports/reportQuery.js'
import {
  type AvgValue,
  type DistinctValueDoc,
  distinctIdOf,
  distinctRowRef,
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
  readonly storage: NormalDefinition['measures'][number]['storage']
  readonly filter: Predicate | null
  readonly value: Getter
}

/** A level of rows: the finest (rollTo null) or a stored roll-up. */
interface Level {
  readonly collection: string
  readonly rollTo: Bucket | null
}

interface Target {
  readonly level: number
  readonly rowId: string
  readonly key: readonly KeyValue[]
}

interface Touch {
  readonly targets: readonly Target[]
  /**
   * Per measure, what this event adds: SKIP when its filter leaves the event out, else the value
   * (count: true; distinct: the value as stored; others: the number). Worked out once per event,
   * however many roll-up levels it is folded into.
   */
  readonly values: readonly unknown[]
}

const SKIP = Symbol('skip')

/** What one batch has seen of distinct values. */
interface BatchState {
  /** Distinct documents that exist or were added (storage: documents). */
  readonly counted: Set<string>
  readonly added: DistinctValueDoc[]
  /** Per row and measure, the values held (storage: row), as JSON. */
  readonly sets: Map<string, Set<string>>
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
  return { name: m.name, op: m.op, storage: m.storage, filter: m.filter ? compileFilter(m.filter) : null, value }
}

function initialValue(measure: CompiledMeasure): MeasureValue {
  switch (measure.op) {
    case 'distinct':
      return measure.storage === 'row' ? [] : 0
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

/**
 * Writes a batch's documents: the ones that existed are deleted and all inserted again, two
 * statements' worth of work instead of one replace per document (a rebuild spends its time here).
 */
async function writeAll(
  collection: Collection,
  docs: readonly Document[],
  existed: ReadonlySet<string>,
): Promise<void> {
  const old = docs.filter((d) => existed.has(d._id)).map((d) => d._id)
  for (let i = 0; i < old.length; i += ID_CHUNK)
    await collection.deleteMany({ _id: { $in: old.slice(i, i + ID_CHUNK) } })
  if (docs.length > 0) await collection.insertMany(docs)
}

/** A distinct value as a set member: text as itself (tagged), anything else as its JSON. */
function setKey(value: KeyValue): string {
  return typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`
}

async function findByIds<T extends { _id: string }>(collection: Collection, ids: readonly string[]): Promise<T[]> {
  const found: T[] = []
  for (let i = 0; i < ids.length; i += ID_CHUNK)
    found.push(...((await collection.find({ _id: { $in: ids.slice(i, i + ID_CHUNK) } })) as unknown as T[]))
  return found
}

export function compileDefinition(normal: NormalDefinition, options: CompileOptions): Projection {
  const reader = options.reader ?? rawData
  const measured = new Set(normal.events)
  const filter = normal.filter ? compileFilter(normal.filter) : null
  const keyNames = normal.groupBy.map((k) => k.name)
  const keys = normal.groupBy.map(compileKey)
  const measures = normal.measures.map(compileMeasure)
  const distinctDocs = measures.flatMap((measure, i) =>
    measure.op === 'distinct' && measure.storage === 'documents' ? [{ measure, i }] : [],
  )
  const rememberBy = new Map<string, Array<{ name: string; get: Getter }>>()
  for (const r of normal.remember)
    for (const type of r.from) {
      const list = rememberBy.get(type) ?? []
      list.push({ name: r.name, get: compileGetter(r.path) })
      rememberBy.set(type, list)
    }
  const remembers = rememberBy.size > 0
  // The finest rows, then one collection per stored roll-up of the (one) bucket key that has them.
  const rolled = normal.groupBy.findIndex((k) => k.rollups.length > 0)
  const rolledKey = rolled >= 0 ? (normal.groupBy[rolled] as NormalDefinition['groupBy'][number]) : null
  const levels: Level[] = [
    { collection: rowsCollection(null), rollTo: null },
    ...(rolledKey?.rollups ?? []).map((period) => ({ collection: rowsCollection(period), rollTo: period })),
  ]
  const collections: string[] = levels.map((l) => l.collection)
  if (remembers) collections.push(REPORT_COLLECTIONS.streams)
  if (distinctDocs.length > 0) collections.push(REPORT_COLLECTIONS.distinct)
  const bucketKey = normal.groupBy.find((k) => k.bucket !== null)
  // One index per key for filters; a point's own rows by period through (point, bucket), which
  // also serves filters on the point alone (so the point gets no index of its own). Every index
  // costs each write of a rebuild.
  const compound = normal.scopePointKey && bucketKey ? normal.scopePointKey : null
  const rowIndexes: Array<{ keys: Record<string, 1> }> = keyNames
    .filter((name) => name !== compound)
    .map((name) => ({ keys: { [`k.${name}`]: 1 } }))
  if (compound && bucketKey) rowIndexes.push({ keys: { [`k.${compound}`]: 1, [`k.${bucketKey.name}`]: 1 } })
  const indexes: Record<string, Array<{ keys: Record<string, 1> }>> = {}
  for (const level of levels) indexes[level.collection] = rowIndexes
  if (distinctDocs.length > 0) indexes[REPORT_COLLECTIONS.distinct] = [{ keys: { row: 1, m: 1 } }]

  // The same few days are rolled up again and again (an ISO week is some date arithmetic).
  const rolledUp = new Map<string, KeyValue>()
  function coarser(value: KeyValue, to: Bucket): KeyValue {
    if (typeof value !== 'string' || !rolledKey?.bucket) return value
    const id = `${to}|${value}`
    let out = rolledUp.get(id)
    if (out === undefined) {
      out = rollUpBucket(value, rolledKey.bucket, to)
      if (rolledUp.size >= 100_000) rolledUp.clear()
      rolledUp.set(id, out)
    }
    return out
  }

  /** The key of each level for an event's finest key: the rolled bucket coarsened, the rest as is. */
  function targetsOf(key: readonly KeyValue[]): Target[] {
    return levels.map((level, i) => {
      const k =
        level.rollTo && rolledKey?.bucket
          ? key.map((v, j) => (j === rolled ? coarser(v, level.rollTo as Bucket) : v))
          : key
      return { level: i, rowId: rowIdOf(k), key: k }
    })
  }

  function newRow(rowId: string, key: readonly KeyValue[]): ReportRowDoc {
    const k: Record<string, KeyValue> = {}
    keyNames.forEach((name, i) => {
      k[name] = key[i] ?? null
    })
    const m: Record<string, MeasureValue> = {}
    for (const measure of measures) m[measure.name] = initialValue(measure)
    return { _id: rowId, k, m }
  }

  /** What one event adds to each measure (see Touch.values). */
  function valuesOf(ctx: EventContext): unknown[] {
    return measures.map((measure) => {
      if (measure.filter && !measure.filter(ctx)) return SKIP
      if (measure.op === 'count') return true
      const value = measure.value(ctx)
      if (measure.op === 'distinct') return distinctValue(value) ?? SKIP
      return typeof value === 'number' && Number.isFinite(value) ? value : SKIP
    })
  }

  /** Folds one event into one row, exactly as a single apply() would. */
  function fold(row: ReportRowDoc, ref: string, touch: Touch, batch: BatchState): void {
    const m = row.m
    // Indexed, not entries(): this runs for every event and level of a rebuild.
    for (let i = 0; i < measures.length; i++) {
      const measure = measures[i] as CompiledMeasure
      const value = touch.values[i]
      if (value === SKIP) continue
      if (measure.op === 'count') {
        m[measure.name] = (m[measure.name] as number) + 1
        continue
      }
      if (measure.op === 'distinct') {
        const v = value as KeyValue
        if (measure.storage === 'row') {
          const values = m[measure.name] as KeyValue[]
          const seen = batch.sets.get(`${ref}\u0000${measure.name}`) ?? new Set(values.map(setKey))
          batch.sets.set(`${ref}\u0000${measure.name}`, seen)
          const text = setKey(v)
          if (seen.has(text)) continue
          seen.add(text)
          values.push(v)
          continue
        }
        const id = distinctIdOf(ref, measure.name, v)
        if (batch.counted.has(id)) continue
        batch.counted.add(id)
        batch.added.push({ _id: id, row: ref, m: measure.name, v })
        m[measure.name] = (m[measure.name] as number) + 1
        continue
      }
      if (typeof value !== 'number') continue
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
      touches.push({ targets: targetsOf(keys.map((k) => k(ctx) as KeyValue)), values: valuesOf(ctx) })
    }

    // 2. The rows (and distinct documents) the batch touches, loaded once per level.
    const caches = levels.map(() => new Map<string, ReportRowDoc>())
    const existing = levels.map(() => new Set<string>())
    for (const [i, level] of levels.entries()) {
      const ids = [...new Set(touches.map((t) => (t.targets[i] as Target).rowId))]
      for (const doc of await findByIds<ReportRowDoc>(view.collection(level.collection), ids)) {
        caches[i]?.set(doc._id, doc)
        existing[i]?.add(doc._id)
      }
    }
    const batch: BatchState = { counted: new Set(), added: [], sets: new Map() }
    const distinctCollection = distinctDocs.length > 0 ? view.collection(REPORT_COLLECTIONS.distinct) : null
    if (distinctCollection) {
      const candidates = new Set<string>()
      for (const t of touches)
        for (const target of t.targets)
          for (const { measure, i } of distinctDocs) {
            const v = t.values[i]
            const ref = distinctRowRef((levels[target.level] as Level).collection, target.rowId)
            if (v !== SKIP) candidates.add(distinctIdOf(ref, measure.name, v))
          }
      for (const doc of await findByIds<DistinctValueDoc>(distinctCollection, [...candidates]))
        batch.counted.add(doc._id)
    }

    // 3. Fold in event order, then write each touched document once.
    for (const t of touches)
      for (const target of t.targets) {
        const cache = caches[target.level] as Map<string, ReportRowDoc>
        let row = cache.get(target.rowId)
        if (!row) {
          row = newRow(target.rowId, target.key)
          cache.set(target.rowId, row)
        }
        fold(row, distinctRowRef((levels[target.level] as Level).collection, target.rowId), t, batch)
      }
    for (const [i, level] of levels.entries())
      await writeAll(view.collection(level.collection), [...(caches[i]?.values() ?? [])], existing[i] ?? new Set())
    if (distinctCollection && batch.added.length > 0) await distinctCollection.insertMany(batch.added)
    if (streams)
      await writeAll(
        streams,
        [...changedFacts].map((id): StreamFactsDoc => ({ _id: id, r: facts.get(id) ?? {} })),
        knownFacts,
      )
  }

  return {
    name: reportProjectionName(normal.name),
    version: options.version,
    types: [...new Set([...normal.events, ...rememberBy.keys()])],
    collections,
    indexes,
    apply: (event, view) => applyBatch([event], view),
    applyBatch,
  }
}
