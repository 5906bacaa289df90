// The stand-in's storage engine: committed collections plus multi-document transactions with
// snapshot isolation, in one process.
//
// - Committed state is a map of namespace -> CollectionData. A transaction's snapshot is a
//   shallow copy of that map with every collection "pinned"; a writer that finds a collection
//   pinned copies it first (copy-on-write), so snapshots never change under their readers.
// - A transaction writes into its own overlay (per namespace: _id key -> new document or null
//   for deleted) and only touches committed state when it commits, all in one synchronous step:
//   an aborted transaction leaves nothing, a committed one appears at once.
// - Conflicts follow MongoDB's first-writer-wins rule. Every write takes "locks" on the keys it
//   touches (the document's _id, each unique index entry of its old and new versions, and the
//   collection itself when the transaction creates it). A transaction that meets a key locked by
//   another open transaction, or written by anyone after its snapshot, fails at once with
//   WriteConflict (code 112, TransientTransactionError), which the driver's callers retry.
//   A write outside any transaction that meets a locked key waits until that transaction ends,
//   as the server does for single-document writes.
import { type Document, UUID } from 'bson'
import { CommandError, writeConflict } from './errors.js'
import { keyString, valuesAtPath } from './values.js'

export interface IndexDef {
  readonly name: string
  readonly key: ReadonlyArray<readonly [string, 1 | -1]>
  readonly unique: boolean
  /** As listIndexes shows it. */
  readonly spec: Document
}

export const ID_INDEX: IndexDef = {
  name: '_id_',
  key: [['_id', 1]],
  unique: true,
  spec: { v: 2, key: { _id: 1 }, name: '_id_' },
}

export class CollectionData {
  /** Open snapshots that hold this very object: while > 0 it must not be changed in place. */
  pins = 0
  constructor(
    readonly uuid: UUID,
    readonly docs: Map<string, Document>,
    readonly indexes: IndexDef[],
  ) {}

  static empty(): CollectionData {
    return new CollectionData(new UUID(), new Map(), [ID_INDEX])
  }

  clone(): CollectionData {
    return new CollectionData(this.uuid, new Map(this.docs), [...this.indexes])
  }
}

/** What a command reads: one collection as its caller sees it (committed, or a transaction's view). */
export interface CollectionView {
  readonly exists: boolean
  readonly uuid: UUID | null
  readonly indexes: readonly IndexDef[]
  get(key: string): Document | undefined
  /** In natural (insertion) order. */
  docs(): Iterable<Document>
}

/** Where a command reads and writes: the committed state directly, or a transaction. */
export interface StorageContext {
  readonly transaction: Transaction | null
  view(ns: string): CollectionView
  /**
   * Writes one document: `old` undefined inserts, `next` null deletes. Throws DuplicateKey or
   * WriteConflict; returns a promise (outside transactions only) when an open transaction
   * holds the document: wait for it, then read again and retry.
   */
  write(ns: string, key: string, old: Document | undefined, next: Document | null): Promise<void> | null
  /** Adds indexes (creating the collection); returns how many indexes there were before and after. */
  createIndexes(ns: string, defs: readonly IndexDef[]): { before: number; after: number; createdCollection: boolean }
}

export function idKey(id: unknown): string {
  return keyString(id)
}

/** The keys one unique index holds for a document: one per array element, missing counts as null. */
function indexEntries(index: IndexDef, doc: Document): Array<{ key: string; value: Document }> {
  let tuples: Array<Array<[string, unknown]>> = [[]]
  for (const [path] of index.key) {
    const reached = valuesAtPath(doc, path)
    const values: unknown[] = []
    for (const v of reached) {
      if (Array.isArray(v)) values.push(...(v.length === 0 ? [undefined] : v))
      else values.push(v)
    }
    if (values.length === 0) values.push(null)
    tuples = tuples.flatMap((t) => values.map((v) => [...t, [path, v ?? null] as [string, unknown]]))
  }
  return tuples.map((t) => ({ key: t.map(([, v]) => keyString(v)).join('|'), value: Object.fromEntries(t) }))
}

export function duplicateKey(ns: string, index: IndexDef, keyValue: Document): CommandError {
  const shown = Object.entries(keyValue)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')
  return new CommandError(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: { ${shown} }`,
    { keyPattern: Object.fromEntries(index.key), keyValue },
  )
}

/** Refuses `next` if another document of `view` already holds one of its unique keys. */
function checkUnique(ns: string, view: CollectionView, key: string, next: Document): void {
  if (key !== idKey(next._id)) throw new Error('stand-in bug: document key does not match its _id')
  for (const index of view.indexes) {
    if (index.name === ID_INDEX.name || !index.unique) continue
    const mine = new Map(indexEntries(index, next).map((e) => [e.key, e.value]))
    for (const other of view.docs()) {
      if (idKey(other._id) === key) continue
      for (const e of indexEntries(index, other)) {
        const value = mine.get(e.key)
        if (value !== undefined) throw duplicateKey(ns, index, value)
      }
    }
  }
}

function lockKeys(ns: string, key: string, indexes: readonly IndexDef[], docs: Array<Document | undefined | null>) {
  const keys = [`d\u0000${ns}\u0000${key}`]
  for (const index of indexes) {
    if (!index.unique || index.name === ID_INDEX.name) continue
    for (const doc of docs)
      if (doc) for (const e of indexEntries(index, doc)) keys.push(`u\u0000${ns}\u0000${index.name}\u0000${e.key}`)
  }
  return keys
}

const collectionKey = (ns: string) => `c\u0000${ns}`

function committedView(data: CollectionData | undefined): CollectionView {
  return {
    exists: data !== undefined,
    uuid: data?.uuid ?? null,
    indexes: data?.indexes ?? [ID_INDEX],
    get: (key) => data?.docs.get(key),
    docs: () => data?.docs.values() ?? [],
  }
}

export class Engine {
  readonly namespaces = new Map<string, CollectionData>()
  /** Open transactions. */
  readonly open = new Set<Transaction>()
  /** Key -> the open transaction that wrote it. */
  private readonly locks = new Map<string, Transaction>()
  /** Key -> logical time of the last committed write, kept only while transactions are open. */
  private readonly lastWrite = new Map<string, number>()
  private clock = 0

  readonly autocommit: StorageContext = {
    transaction: null,
    view: (ns) => committedView(this.namespaces.get(ns)),
    write: (ns, key, old, next) => this.writeCommitted(ns, key, old, next),
    createIndexes: (ns, defs) => {
      const existed = this.namespaces.has(ns)
      const before = this.namespaces.get(ns)?.indexes.length ?? 0
      const data = this.mutable(ns)
      for (const def of defs) {
        if (def.unique) {
          // Building a unique index over documents that already collide fails like an insert would.
          const seen = new Map<string, Document>()
          for (const doc of data.docs.values())
            for (const e of indexEntries(def, doc)) {
              if (seen.has(e.key)) throw duplicateKey(ns, def, e.value)
              seen.set(e.key, doc)
            }
        }
      }
      data.indexes.push(...defs)
      this.stamp([collectionKey(ns)])
      return { before: existed ? before : 1, after: data.indexes.length, createdCollection: !existed }
    },
  }

  begin(): Transaction {
    const snapshot = new Map(this.namespaces)
    for (const data of snapshot.values()) data.pins++
    const txn = new Transaction(this, snapshot, this.clock)
    this.open.add(txn)
    return txn
  }

  /** The committed collection, safe to change in place (copied first if a snapshot holds it). */
  mutable(ns: string): CollectionData {
    let data = this.namespaces.get(ns)
    if (!data) {
      data = CollectionData.empty()
      this.namespaces.set(ns, data)
      this.stamp([collectionKey(ns)])
    } else if (data.pins > 0) {
      data = data.clone()
      this.namespaces.set(ns, data)
    }
    return data
  }

  /** A DDL change (drop, rename): transactions whose snapshot predates it may no longer write there. */
  replaced(ns: string): void {
    this.stamp([collectionKey(ns)])
  }

  /** Open transactions that wrote to `ns`: DDL waits for them, as the server's collection lock does. */
  writersOf(ns: string): Transaction[] {
    return [...this.open].filter((t) => t.touches(ns))
  }

  holder(keys: readonly string[], except?: Transaction): Transaction | undefined {
    for (const k of keys) {
      const owner = this.locks.get(k)
      if (owner && owner !== except) return owner
    }
    return undefined
  }

  writtenSince(keys: readonly string[], time: number): boolean {
    return keys.some((k) => (this.lastWrite.get(k) ?? 0) > time)
  }

  lock(keys: readonly string[], txn: Transaction): void {
    for (const k of keys) this.locks.set(k, txn)
  }

  private stamp(keys: readonly string[]): void {
    if (this.open.size === 0) return // nobody holds an older snapshot
    this.clock++
    for (const k of keys) this.lastWrite.set(k, this.clock)
  }

  private writeCommitted(
    ns: string,
    key: string,
    old: Document | undefined,
    next: Document | null,
  ): Promise<void> | null {
    const current = this.namespaces.get(ns)
    const indexes = current?.indexes ?? [ID_INDEX]
    const keys = lockKeys(ns, key, indexes, [old, next])
    keys.push(collectionKey(ns))
    const blocker = this.holder(keys)
    if (blocker) return blocker.ended
    if (next) checkUnique(ns, committedView(current), key, next)
    const data = this.mutable(ns)
    if (next) data.docs.set(key, next)
    else data.docs.delete(key)
    this.stamp(keys)
    return null
  }

  /** Applies a transaction's overlay to committed state: one synchronous step. */
  commit(txn: Transaction): void {
    for (const [ns, overlay] of txn.overlays) {
      let data = this.namespaces.get(ns)
      if (!data) {
        data = new CollectionData(overlay.uuid, new Map(), [...overlay.indexes])
        this.namespaces.set(ns, data)
      } else data = this.mutable(ns)
      if (overlay.created)
        for (const def of overlay.indexes) if (!data.indexes.some((i) => i.name === def.name)) data.indexes.push(def)
      for (const [key, doc] of overlay.changes) {
        if (doc) data.docs.set(key, doc)
        else data.docs.delete(key)
      }
    }
    this.stamp([...txn.locked])
    this.finish(txn)
  }

  finish(txn: Transaction): void {
    for (const k of txn.locked) if (this.locks.get(k) === txn) this.locks.delete(k)
    for (const data of txn.snapshot.values()) data.pins--
    this.open.delete(txn)
    if (this.open.size === 0) this.lastWrite.clear()
  }
}

interface Overlay {
  readonly base: CollectionData | undefined
  /** The transaction created the collection (an insert into a collection its snapshot lacks). */
  created: boolean
  uuid: UUID
  indexes: IndexDef[]
  readonly changes: Map<string, Document | null>
}

export type TransactionState = 'active' | 'committed' | 'aborted'

export class Transaction implements StorageContext {
  readonly overlays = new Map<string, Overlay>()
  readonly locked = new Set<string>()
  state: TransactionState = 'active'
  readonly ended: Promise<void>
  private resolveEnded: () => void = () => {}
  readonly startedAt = Date.now()

  constructor(
    private readonly engine: Engine,
    readonly snapshot: Map<string, CollectionData>,
    readonly snapshotTime: number,
  ) {
    this.ended = new Promise((resolve) => {
      this.resolveEnded = resolve
    })
  }

  get transaction(): Transaction {
    return this
  }

  touches(ns: string): boolean {
    return this.overlays.has(ns)
  }

  view(ns: string): CollectionView {
    const overlay = this.overlays.get(ns)
    const base = overlay?.base ?? this.snapshot.get(ns)
    if (!overlay) return committedView(base)
    const changes = overlay.changes
    return {
      exists: base !== undefined || overlay.created,
      uuid: base?.uuid ?? overlay.uuid,
      indexes: base?.indexes ?? overlay.indexes,
      get: (key) => (changes.has(key) ? (changes.get(key) ?? undefined) : base?.docs.get(key)),
      *docs() {
        if (base)
          for (const [key, doc] of base.docs) {
            if (!changes.has(key)) yield doc
            else {
              const changed = changes.get(key)
              if (changed) yield changed
            }
          }
        for (const [key, doc] of changes) if (doc && !base?.docs.has(key)) yield doc
      },
    }
  }

  private overlay(ns: string): Overlay {
    let overlay = this.overlays.get(ns)
    if (!overlay) {
      const base = this.snapshot.get(ns)
      overlay = { base, created: false, uuid: base?.uuid ?? new UUID(), indexes: [ID_INDEX], changes: new Map() }
      if (!base) {
        this.claim([collectionKey(ns)])
        overlay.created = true
      }
      this.overlays.set(ns, overlay)
    }
    return overlay
  }

  /** Takes `keys` for this transaction, or fails with WriteConflict if another writer has them. */
  private claim(keys: readonly string[]): void {
    this.assertActive()
    if (this.engine.holder(keys, this) || this.engine.writtenSince(keys, this.snapshotTime)) throw writeConflict()
    this.engine.lock(keys, this)
    for (const k of keys) this.locked.add(k)
  }

  write(ns: string, key: string, old: Document | undefined, next: Document | null): null {
    const view = this.view(ns)
    const keys = lockKeys(ns, key, view.indexes, [old, next])
    // A collection dropped or renamed after the snapshot cannot take this transaction's writes.
    if (this.engine.writtenSince([collectionKey(ns)], this.snapshotTime)) throw writeConflict()
    this.claim(keys)
    if (next) checkUnique(ns, view, key, next)
    this.overlay(ns).changes.set(key, next)
    return null
  }

  createIndexes(ns: string, defs: readonly IndexDef[]) {
    if (this.snapshot.has(ns) || (this.overlays.has(ns) && !this.overlays.get(ns)?.created))
      throw new CommandError(
        'OperationNotSupportedInTransaction',
        `Cannot create new indexes on existing collection ${ns} in a multi-document transaction.`,
      )
    const overlay = this.overlay(ns)
    const before = overlay.indexes.length
    overlay.indexes.push(...defs)
    return { before, after: overlay.indexes.length, createdCollection: before === 1 }
  }

  assertActive(): void {
    if (this.state !== 'active') throw new Error('stand-in bug: write to a finished transaction')
  }

  commit(): void {
    this.assertActive()
    this.engine.commit(this)
    this.state = 'committed'
    this.resolveEnded()
  }

  abort(): void {
    if (this.state !== 'active') return
    this.engine.finish(this)
    this.state = 'aborted'
    this.resolveEnded()
  }
}
