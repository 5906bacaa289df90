// A batch's write-behind view for the dashboard projection's applyBatch: documents are read from
// the store once per batch, changed in memory by the same handlers `apply` runs, and written once
// at the end. A fleet's import touches 5,000 vehicles and a vehicle's tyre history a dozen times
// in one batch; per-event reads and writes of the same documents were the rebuild's whole cost.
//
// Only what the dashboard handlers use is supported (lookups by _id, $set/$inc by dotted path,
// whole-document writes); anything else throws, and the engine re-runs the batch event by event
// through `apply`, which stays the definition.
import {
  type Collection,
  type Document,
  DuplicateKey,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Update,
  type UpdateResult,
} from '../../application/ports/documentStore.js'
import type { ProjectionView } from '../projection.js'

class Unsupported extends Error {
  constructor(what: string) {
    super(`batch view: ${what} is not supported; the engine re-runs the batch event by event`)
  }
}

function idOf(filter: Filter | undefined): string {
  if (!filter || Object.keys(filter).length !== 1 || typeof filter._id !== 'string')
    throw new Unsupported(`filter ${JSON.stringify(filter)}`)
  return filter._id
}

/** Applies $set and $inc with dotted paths to a copy (objects along the path are copied too). */
function applyUpdate<T extends Document>(doc: T, update: Update): T {
  const keys = Object.keys(update)
  if (keys.some((k) => k !== '$set' && k !== '$inc')) throw new Unsupported(`update ${keys.join(', ')}`)
  const next: Record<string, unknown> = { ...doc }
  const at = (path: string, change: (current: unknown) => unknown) => {
    const parts = path.split('.')
    let container = next
    for (const part of parts.slice(0, -1)) {
      const child = container[part]
      const copy: Record<string, unknown> =
        child !== null && typeof child === 'object' && !Array.isArray(child)
          ? { ...(child as Record<string, unknown>) }
          : {}
      container[part] = copy
      container = copy
    }
    const last = parts.at(-1) as string
    container[last] = change(container[last])
  }
  for (const [path, value] of Object.entries(update.$set ?? {})) at(path, () => value)
  for (const [path, value] of Object.entries(update.$inc ?? {}))
    at(path, (current) => {
      if (current !== undefined && typeof current !== 'number') throw new Unsupported(`$inc on a ${typeof current}`)
      return ((current as number | undefined) ?? 0) + value
    })
  return next as T
}

class CachedCollection<T extends Document> implements Collection<T> {
  private readonly docs = new Map<string, T | null>()
  private readonly dirty = new Set<string>()

  constructor(private readonly inner: Collection<T>) {}

  get name(): string {
    return this.inner.name
  }

  private async load(id: string): Promise<T | null> {
    if (!this.docs.has(id)) this.docs.set(id, await this.inner.findOne({ _id: id }))
    return this.docs.get(id) ?? null
  }

  private put(id: string, doc: T | null): void {
    this.docs.set(id, doc)
    this.dirty.add(id)
  }

  async findOne(filter?: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null> {
    if (options && Object.keys(options).length > 0) throw new Unsupported('find options')
    return this.load(idOf(filter))
  }

  async replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult> {
    const id = idOf(filter)
    const current = await this.load(id)
    if (!current && !options?.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null }
    this.put(id, { ...doc, _id: id })
    return { matchedCount: current ? 1 : 0, modifiedCount: current ? 1 : 0, upsertedId: current ? null : id }
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult> {
    const id = idOf(filter)
    const current = await this.load(id)
    if (!current) {
      if (!options?.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null }
      this.put(id, applyUpdate({ _id: id } as T, update))
      return { matchedCount: 0, modifiedCount: 0, upsertedId: id }
    }
    this.put(id, applyUpdate(current, update))
    return { matchedCount: 1, modifiedCount: 1, upsertedId: null }
  }

  async insertOne(doc: T): Promise<void> {
    if (await this.load(doc._id)) throw new DuplicateKey(this.inner.name, doc._id)
    this.put(doc._id, doc)
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    const id = idOf(filter)
    const current = await this.load(id)
    if (!current) return { deletedCount: 0 }
    this.put(id, null)
    return { deletedCount: 1 }
  }

  async flush(): Promise<void> {
    for (const id of this.dirty) {
      const doc = this.docs.get(id) ?? null
      if (doc === null) await this.inner.deleteOne({ _id: id })
      else await this.inner.replaceOne({ _id: id }, doc, { upsert: true })
    }
    this.dirty.clear()
  }

  find(): Promise<T[]> {
    throw new Unsupported('find')
  }
  count(): Promise<number> {
    throw new Unsupported('count')
  }
  insertMany(): Promise<void> {
    throw new Unsupported('insertMany')
  }
  updateMany(): Promise<UpdateResult> {
    throw new Unsupported('updateMany')
  }
  deleteMany(): Promise<{ deletedCount: number }> {
    throw new Unsupported('deleteMany')
  }
  createIndex(_spec: IndexSpec): Promise<void> {
    throw new Unsupported('createIndex')
  }
}

export class BatchCacheView implements ProjectionView {
  private readonly collections = new Map<string, CachedCollection<Document>>()

  constructor(private readonly inner: ProjectionView) {}

  collection(logicalName: string): Collection {
    let c = this.collections.get(logicalName)
    if (!c) {
      c = new CachedCollection(this.inner.collection(logicalName))
      this.collections.set(logicalName, c)
    }
    return c
  }

  /** Writes every document the batch changed, once. */
  async flush(): Promise<void> {
    for (const c of this.collections.values()) await c.flush()
  }
}
