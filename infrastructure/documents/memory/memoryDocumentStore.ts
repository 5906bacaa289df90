// In-memory DocumentStore for unit tests of projections and query services. Filters run on
// mingo (an independent implementation of MongoDB's query language); validation, sort,
// projection, updates and upserts use the shared modules the SQLite adapter uses, so the
// three adapters agree (mingo's updater silently ignores what MongoDB rejects, e.g. $inc on
// a string: see shared/updateApply.ts).
//
// Known differences from MongoDB, inherited from mingo's matcher (the contract suite lists
// them as this adapter's known deviations):
// - {'a.b': null} does not match an array `a` whose object elements lack `b`;
// - {a: {$in: [[1, 2]]}} does not match a: [1, 2] (whole-array membership);
// - {a: {$gte: null}} / {$lte: null} do not match a missing `a`;
// - equality with an object ignores field order.
//
// Transactions: copy-on-write snapshot of the collection maps, restored when fn throws;
// stored documents are never mutated in place, so the snapshot is cheap.
import { Query } from 'mingo'
import {
  type Collection,
  type Document,
  type DocumentStore,
  DuplicateKey,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Update,
  type UpdateResult,
} from '../../../application/ports/documentStore.js'
import { validateCollectionName } from '../shared/collectionNames.js'
import { cloneJson, toStoredDocument } from '../shared/jsonDocument.js'
import { applyProjection } from '../shared/projection.js'
import { validateFilter, validateFindOptions, validateIndexSpec, validateUpdate } from '../shared/queryValidation.js'
import { sortDocuments, valueAtPath } from '../shared/sortDocuments.js'
import { CollectionAlreadyExists, CollectionNotFound, DocumentStoreClosed } from '../shared/storeErrors.js'
import { TransactionGate } from '../shared/transactionGate.js'
import { applyUpdate } from '../shared/updateApply.js'
import { replacementDocument, upsertSeed } from '../shared/upsertSeed.js'

interface IndexState {
  name: string
  keys: string[][]
  unique: boolean
}

/** Immutable-by-convention: writes build a new Map, so a snapshot is a shallow copy. */
interface CollectionState {
  docs: Map<string, Document>
  indexes: IndexState[]
}

type State = Map<string, CollectionState>

/** MongoDB counts a missing field as null in a unique index; arrays are compared whole here. */
function uniqueKey(doc: Document, keys: readonly string[][]): string {
  return JSON.stringify(keys.map((k) => valueAtPath(doc, k) ?? null))
}

function assertUnique(name: string, state: CollectionState): void {
  for (const index of state.indexes) {
    if (!index.unique) continue
    const seen = new Set<string>()
    for (const doc of state.docs.values()) {
      const key = uniqueKey(doc, index.keys)
      if (seen.has(key)) throw new DuplicateKey(name, `${index.name}: ${key}`)
      seen.add(key)
    }
  }
}

export class MemoryDocumentStore implements DocumentStore {
  private state: State = new Map()
  private readonly gate = new TransactionGate()
  private closed = false

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new MemoryCollection<T>(this, validateCollectionName(name))
  }

  /** @internal Runs an operation against the current state, serialised with transactions. */
  run<R>(operation: (state: State) => R): Promise<R> {
    return this.gate.run(() => {
      if (this.closed) throw new DocumentStoreClosed()
      return operation(this.state)
    })
  }

  async transaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    if (this.closed) throw new DocumentStoreClosed()
    let snapshot: State = this.state
    return this.gate.transaction(
      {
        begin: () => {
          snapshot = new Map(this.state)
        },
        commit: () => {},
        rollback: () => {
          this.state = snapshot
        },
      },
      () => fn(this),
    )
  }

  async listCollections(): Promise<string[]> {
    return this.run((state) => [...state.keys()].sort())
  }

  async dropCollection(name: string): Promise<void> {
    validateCollectionName(name)
    return this.run((state) => {
      state.delete(name)
    })
  }

  async renameCollection(from: string, to: string): Promise<void> {
    validateCollectionName(from)
    validateCollectionName(to)
    return this.run((state) => {
      const source = state.get(from)
      if (source === undefined) throw new CollectionNotFound(from)
      if (state.has(to)) throw new CollectionAlreadyExists(to)
      state.delete(from)
      state.set(to, source)
    })
  }

  async ping(): Promise<void> {
    return this.run(() => {})
  }

  async close(): Promise<void> {
    this.closed = true
  }
}

class MemoryCollection<T extends Document> implements Collection<T> {
  constructor(
    private readonly store: MemoryDocumentStore,
    readonly name: string,
  ) {}

  private matching(state: State, filter: Filter | undefined): Document[] {
    validateFilter(filter)
    const docs = [...(state.get(this.name)?.docs.values() ?? [])]
    if (filter === undefined || Object.keys(filter).length === 0) return docs
    const query = new Query(filter, {})
    return docs.filter((d) => query.test(d))
  }

  /** Replaces the collection's documents after checking unique indexes; nothing changes on throw. */
  private commit(state: State, docs: Map<string, Document>): void {
    const next: CollectionState = { docs, indexes: state.get(this.name)?.indexes ?? [] }
    assertUnique(this.name, next)
    state.set(this.name, next)
  }

  private docsCopy(state: State): Map<string, Document> {
    return new Map(state.get(this.name)?.docs ?? [])
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    return this.store.run((state) => {
      const checked = validateFindOptions(options)
      const sorted = sortDocuments(this.matching(state, filter), checked.sort)
      const end = checked.limit === undefined ? undefined : checked.skip + checked.limit
      return sorted.slice(checked.skip, end).map((d) => cloneJson(applyProjection(d, checked.projection)) as T)
    })
  }

  async findOne(filter?: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 })
    return first ?? null
  }

  async count(filter?: Filter): Promise<number> {
    return this.store.run((state) => this.matching(state, filter).length)
  }

  async insertOne(doc: T): Promise<void> {
    return this.insertMany([doc])
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    return this.store.run((state) => {
      const stored = docs.map((d) => toStoredDocument(d, this.name))
      const next = this.docsCopy(state)
      for (const d of stored) {
        if (next.has(d._id)) throw new DuplicateKey(this.name, `_id: ${JSON.stringify(d._id)}`)
        next.set(d._id, d)
      }
      this.commit(state, next)
    })
  }

  async replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult> {
    return this.store.run((state) => {
      const [target] = this.matching(state, filter)
      if (target === undefined && !options?.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null }
      const replacement = toStoredDocument(replacementDocument(target?._id, filter, doc), this.name)
      const next = this.docsCopy(state)
      if (target === undefined && next.has(replacement._id)) {
        throw new DuplicateKey(this.name, `_id: ${JSON.stringify(replacement._id)}`)
      }
      next.set(replacement._id, replacement)
      this.commit(state, next)
      if (target === undefined) return { matchedCount: 0, modifiedCount: 0, upsertedId: replacement._id }
      const changed = JSON.stringify(target) !== JSON.stringify(replacement)
      return { matchedCount: 1, modifiedCount: changed ? 1 : 0, upsertedId: null }
    })
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult> {
    return this.update(filter, update, options?.upsert === true, false)
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    return this.update(filter, update, false, true)
  }

  private update(filter: Filter, update: Update, upsert: boolean, many: boolean): Promise<UpdateResult> {
    return this.store.run((state) => {
      const targets = validateUpdate(update)
      const matched = this.matching(state, filter)
      const next = this.docsCopy(state)
      if (matched.length === 0) {
        if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null }
        const inserted = toStoredDocument(applyUpdate(upsertSeed(filter), targets).doc, this.name)
        if (next.has(inserted._id)) throw new DuplicateKey(this.name, `_id: ${JSON.stringify(inserted._id)}`)
        next.set(inserted._id, inserted)
        this.commit(state, next)
        return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id }
      }
      let modifiedCount = 0
      for (const doc of many ? matched : matched.slice(0, 1)) {
        const result = applyUpdate(doc, targets)
        if (!result.changed) continue
        next.set(doc._id, toStoredDocument(result.doc, this.name))
        modifiedCount++
      }
      if (modifiedCount > 0) this.commit(state, next)
      return { matchedCount: many ? matched.length : 1, modifiedCount, upsertedId: null }
    })
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return this.delete(filter, false)
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return this.delete(filter, true)
  }

  private delete(filter: Filter, many: boolean): Promise<{ deletedCount: number }> {
    return this.store.run((state) => {
      const matched = this.matching(state, filter)
      const doomed = many ? matched : matched.slice(0, 1)
      if (doomed.length === 0) return { deletedCount: 0 }
      const next = this.docsCopy(state)
      for (const d of doomed) next.delete(d._id)
      this.commit(state, next)
      return { deletedCount: doomed.length }
    })
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    return this.store.run((state) => {
      const { name, keys } = validateIndexSpec(spec)
      const current = state.get(this.name) ?? { docs: new Map(), indexes: [] }
      if (current.indexes.some((i) => i.name === name)) return
      const next: CollectionState = {
        docs: current.docs,
        indexes: [...current.indexes, { name, keys: keys.map((k) => k.components), unique: spec.unique === true }],
      }
      assertUnique(this.name, next)
      state.set(this.name, next)
    })
  }
}
