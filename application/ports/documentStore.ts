// The DocumentStore port: where read models live. MongoDB's query and update language is the
// common tongue, limited to the subset documented here (and in docs/architecture.md).
// Adapters: SQLite (embedded default, SQL over JSON columns), MongoDB (production), memory
// (unit tests). All pass test/contract/documentStore.
//
// Filter operators: $eq $ne $gt $gte $lt $lte $in $nin $exists $and $or, dotted paths,
//   and the implicit equality form { 'a.b': value }.
// Update operators: $set $unset $inc $push $pull $addToSet (no positional `$` paths).
// Find options: sort, limit, skip, projection (inclusion or exclusion of top-level/dotted paths).

export type JsonPrimitive = string | number | boolean | null
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue }

/** Every stored document has a string _id, unique within its collection. */
export interface Document {
  _id: string
  [key: string]: unknown
}

export interface FieldOperators {
  $eq?: unknown
  $ne?: unknown
  $gt?: unknown
  $gte?: unknown
  $lt?: unknown
  $lte?: unknown
  $in?: unknown[]
  $nin?: unknown[]
  $exists?: boolean
}

export type Filter = {
  $and?: Filter[]
  $or?: Filter[]
} & { [path: string]: unknown }

export interface Update {
  $set?: Record<string, unknown>
  $unset?: Record<string, unknown>
  $inc?: Record<string, number>
  $push?: Record<string, unknown>
  $pull?: Record<string, unknown>
  $addToSet?: Record<string, unknown>
}

export type SortSpec = Record<string, 1 | -1>

export interface FindOptions {
  sort?: SortSpec
  limit?: number
  skip?: number
  /** { path: 1 } inclusion or { path: 0 } exclusion; _id is included unless excluded. */
  projection?: Record<string, 0 | 1>
}

export interface UpdateResult {
  matchedCount: number
  modifiedCount: number
  /** _id of the inserted document when an upsert inserted one. */
  upsertedId: string | null
}

export interface IndexSpec {
  keys: Record<string, 1 | -1>
  unique?: boolean
  name?: string
}

export interface Collection<T extends Document = Document> {
  readonly name: string
  find(filter?: Filter, options?: FindOptions): Promise<T[]>
  findOne(filter?: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null>
  count(filter?: Filter): Promise<number>
  /** Throws DuplicateKey when the _id (or a unique index) already exists. */
  insertOne(doc: T): Promise<void>
  insertMany(docs: readonly T[]): Promise<void>
  /** Replaces the whole document (keeping _id); upsert inserts when nothing matches. */
  replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult>
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>
  deleteOne(filter: Filter): Promise<{ deletedCount: number }>
  deleteMany(filter: Filter): Promise<{ deletedCount: number }>
  createIndex(spec: IndexSpec): Promise<void>
}

export interface DocumentStore {
  collection<T extends Document = Document>(name: string): Collection<T>
  /**
   * Runs fn with all its writes committed together or not at all. Projections store their
   * writes and their checkpoint in one transaction, so a crash mid-batch never double-applies.
   * SQLite: one SQL transaction (other callers wait). MongoDB: a session transaction (replica set).
   */
  transaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R>
  listCollections(): Promise<string[]>
  dropCollection(name: string): Promise<void>
  /** Atomically renames; used to swap a rebuilt read model in. Fails if `to` exists. */
  renameCollection(from: string, to: string): Promise<void>
  /** Cheap liveness check for readiness probes. */
  ping(): Promise<void>
  close(): Promise<void>
}

/** A unique constraint (_id or a unique index) was violated; nothing was written. */
export class DuplicateKey extends Error {
  readonly code = 'DUPLICATE_KEY'
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`duplicate key in ${collection}: ${key}`)
    this.name = 'DuplicateKey'
  }
}

/** The filter or update uses an operator outside the supported subset, or is malformed. */
export class UnsupportedQuery extends Error {
  readonly code = 'UNSUPPORTED_QUERY'
  constructor(message: string) {
    super(message)
    this.name = 'UnsupportedQuery'
  }
}
