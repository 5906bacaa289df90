// MongoDB DocumentStore: the production adapter, a thin mapping onto the official driver.
// Filters, updates and options go through the shared validator first, so MongoDB sees only
// the documented subset and rejects nothing the SQLite and memory adapters accept. What the
// server still refuses for a particular document ($inc on a string, a path through a scalar)
// becomes UnsupportedQuery; E11000 becomes DuplicateKey.
//
// Transactions use session transactions (production runs a replica set). As in the other
// adapters, every call made inside fn's async context joins the transaction (the session is
// carried in AsyncLocalStorage), and a nested transaction() runs inline. Like the driver's
// withTransaction, transaction() re-runs fn after transient errors (write conflicts, a dropped
// connection) and retries a commit whose answer was lost, so fn may run more than once. Unlike
// it, the retrying stops after `transactionTimeoutMs` (withTransaction's fixed 120 s left a
// caller hanging for minutes against a dead server), and an attempt in which any statement
// failed transiently (a labelled error, or the server unreachable) is retried even when fn
// turned that failure into its own error (the projection engine wraps handler errors): such an
// attempt is dead anyway, and giving up must report DocumentStoreUnavailable, not fn's error.
//
// Infrastructure failures (connection refused or dropped, timeouts, no primary) surface as
// DocumentStoreUnavailable (`retryable: true`, mongoErrors.ts), never as driver errors.
//
// Differences from the SQLite adapter, all MongoDB's own behaviour:
// - insertMany outside a transaction is undone by deleting what was inserted when a later
//   document fails, so other readers may glimpse the first documents for a moment;
// - updateMany outside a transaction runs in a transaction of its own: MongoDB's multi-update
//   is not atomic and would keep the documents it updated before one refused the update
//   ($inc on a string), which the port forbids;
// - unique indexes on array fields index each element (SQLite compares the whole array);
// - sort ties come back in no particular order (SQLite and memory: insertion order), and
//   sorting on a path through an array of objects uses MongoDB's min/max element rule.
// Upserts without an _id in the filter get a string UUID (via $setOnInsert), never an ObjectId.
import { AsyncLocalStorage } from 'node:async_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  type ClientSession,
  type Db,
  MongoBulkWriteError,
  MongoClient,
  type MongoClientOptions,
  type Filter as MongoFilter,
  MongoServerError,
  type UpdateFilter,
} from 'mongodb'
import {
  type Collection,
  type Document,
  type DocumentStore,
  DuplicateKey,
  type Filter,
  type FindOptions,
  type IndexSpec,
  UnsupportedQuery,
  type Update,
  type UpdateResult,
} from '../../../application/ports/documentStore.js'
import { validateCollectionName } from '../shared/collectionNames.js'
import { toStoredDocument } from '../shared/jsonDocument.js'
import { validateFilter, validateFindOptions, validateIndexSpec, validateUpdate } from '../shared/queryValidation.js'
import { CollectionAlreadyExists, CollectionNotFound } from '../shared/storeErrors.js'
import { idFromFilter, newDocumentId, replacementDocument } from '../shared/upsertSeed.js'
import {
  hasLabel,
  isUnavailable,
  storeError,
  TRANSIENT_TRANSACTION_ERROR,
  UNKNOWN_COMMIT_RESULT,
} from './mongoErrors.js'

export { DocumentStoreUnavailable } from './mongoErrors.js'

export interface MongoStoreSettings {
  /**
   * How long transaction() keeps retrying after transient errors before it gives up with
   * DocumentStoreUnavailable. Default 120 s, the driver's withTransaction limit.
   */
  readonly transactionTimeoutMs?: number
}

/** One attempt of one transaction: its session, and the first transient failure of a statement in it. */
interface Attempt {
  readonly session: ClientSession
  transientFailure: unknown
}

/** The driver's backoff between transaction attempts: jitter × min(5 ms × 1.5^attempt, 500 ms). */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(5 * 1.5 ** attempt, 500)
}

/** A failure that ends a transaction attempt without saying anything about fn: retry the attempt. */
function isTransient(error: unknown): boolean {
  return hasLabel(error, TRANSIENT_TRANSACTION_ERROR) || isUnavailable(error)
}

function isMaxTimeExpired(error: unknown): boolean {
  return error instanceof MongoServerError && (error.code === 50 || error.codeName === 'MaxTimeMSExpired')
}

/** Server error codes that mean "this write is invalid for this document". */
const REFUSED_WRITE_CODES = new Set([
  2, // BadValue
  9, // FailedToParse
  14, // TypeMismatch
  28, // PathNotViable
  40, // ConflictingUpdateOperators
  52, // DollarPrefixedFieldName
  54, // NotSingleValueField
  66, // ImmutableField
])
const NAMESPACE_NOT_FOUND = 26
const NAMESPACE_EXISTS = 48

function serverCode(error: unknown): number | undefined {
  if (error instanceof MongoServerError && typeof error.code === 'number') return error.code
  return undefined
}

/** Maps the server's refusals onto the port's errors; anything else (e.g. transient) passes as is. */
function mapWriteError(error: unknown, collection: string, what: string): unknown {
  const code = serverCode(error)
  if (code === 11000) {
    const keyValue = (error as MongoServerError).keyValue as unknown
    const key = keyValue === undefined ? (error as Error).message : JSON.stringify(keyValue)
    return new DuplicateKey(collection, key)
  }
  if (code !== undefined && REFUSED_WRITE_CODES.has(code)) {
    return new UnsupportedQuery(`${what} refused by MongoDB: ${(error as Error).message}`)
  }
  return error
}

/** Documents as the driver sees them: string _id (never ObjectId), JSON fields. */
type MongoDoc = { _id: string; [field: string]: unknown }
const asMongoFilter = (filter: Filter | undefined): MongoFilter<MongoDoc> => (filter ?? {}) as MongoFilter<MongoDoc>

export class MongoDocumentStore implements DocumentStore {
  private readonly attempts = new AsyncLocalStorage<Attempt>()
  private readonly transactionTimeoutMs: number

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly ownsClient: boolean,
    settings: MongoStoreSettings = {},
  ) {
    this.transactionTimeoutMs = settings.transactionTimeoutMs ?? 120_000
  }

  /**
   * Connects to `url` and uses database `database`; close() closes the client. A server that
   * cannot be reached is DocumentStoreUnavailable (after the driver's serverSelectionTimeoutMS).
   */
  static async connect(
    url: string,
    database: string,
    options: MongoClientOptions = {},
    settings: MongoStoreSettings = {},
  ): Promise<MongoDocumentStore> {
    // ignoreUndefined: undefined fields are dropped, as JSON (SQLite, memory) drops them.
    const client = new MongoClient(url, { ignoreUndefined: true, ...options })
    try {
      await client.connect()
    } catch (error) {
      await client.close().catch(() => undefined)
      throw storeError(error)
    }
    return new MongoDocumentStore(client, client.db(database), true, settings)
  }

  /** @internal The session of the transaction this call runs in, if any. */
  get session(): ClientSession | undefined {
    return this.attempts.getStore()?.session
  }

  /**
   * @internal The port's error for a failed driver call (`write`: it may have changed data).
   * Inside a transaction a transient failure also marks the attempt, so transaction() retries
   * it whatever fn makes of the error; the transaction's outcome, not the statement's, counts.
   */
  fail(error: unknown, write = false): unknown {
    const attempt = this.attempts.getStore()
    if (attempt === undefined) return storeError(error, write)
    // Not only labelled errors: the driver labels network errors in a transaction, but not a
    // server-selection timeout (no primary), which dooms the attempt just the same.
    if (attempt.transientFailure === undefined && isTransient(error)) attempt.transientFailure = error
    return storeError(error)
  }

  /** @internal */
  mongoCollection(name: string) {
    return this.db.collection<MongoDoc>(name)
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new MongoCollection<T>(this, validateCollectionName(name))
  }

  async transaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    if (this.session !== undefined) return fn(this)
    const session = this.client.startSession()
    try {
      return await this.runTransaction(session, fn)
    } catch (error) {
      throw storeError(error)
    } finally {
      await session.endSession().catch(() => undefined)
    }
  }

  /**
   * The driver's withTransaction algorithm (retry fn on TransientTransactionError, retry the
   * commit on UnknownTransactionCommitResult), bounded by transactionTimeoutMs.
   */
  private async runTransaction<R>(session: ClientSession, fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    const deadline = Date.now() + this.transactionTimeoutMs
    const timeLeft = () => Date.now() < deadline
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await sleep(backoffMs(attempt))
      const state: Attempt = { session, transientFailure: undefined }
      session.startTransaction()
      let result: R
      try {
        result = await this.attempts.run(state, () => fn(this))
      } catch (error) {
        if (session.inTransaction()) await session.abortTransaction().catch(() => undefined)
        const transient = isTransient(error) ? error : state.transientFailure
        if (transient === undefined) throw error
        if (timeLeft()) continue
        throw transient
      }
      // Once a commit may have reached the server, its outcome is unknown until one is answered.
      let commitSent = false
      for (let commitAttempt = 0; ; commitAttempt++) {
        try {
          await session.commitTransaction()
          return result
        } catch (error) {
          // The server said the transaction is gone (aborted): it certainly did not commit.
          if (hasLabel(error, TRANSIENT_TRANSACTION_ERROR)) {
            if (timeLeft()) break
            throw error
          }
          commitSent ||= hasLabel(error, UNKNOWN_COMMIT_RESULT)
          // The server deduplicates a retried commit, so retrying cannot commit twice.
          if (commitSent && isUnavailable(error) && !isMaxTimeExpired(error) && timeLeft()) {
            await sleep(backoffMs(commitAttempt))
            continue
          }
          throw storeError(error, commitSent)
        }
      }
    }
  }

  async listCollections(): Promise<string[]> {
    try {
      const infos = await this.db.listCollections({}, { nameOnly: true }).toArray()
      return infos
        .map((i) => i.name)
        .filter((n) => !n.startsWith('system.'))
        .sort()
    } catch (error) {
      throw storeError(error)
    }
  }

  async dropCollection(name: string): Promise<void> {
    validateCollectionName(name)
    try {
      await this.db.dropCollection(name)
    } catch (error) {
      if (serverCode(error) !== NAMESPACE_NOT_FOUND) throw storeError(error)
    }
  }

  async renameCollection(from: string, to: string): Promise<void> {
    validateCollectionName(from)
    validateCollectionName(to)
    try {
      await this.client.db('admin').command({
        renameCollection: `${this.db.databaseName}.${from}`,
        to: `${this.db.databaseName}.${to}`,
        dropTarget: false,
      })
    } catch (error) {
      if (serverCode(error) === NAMESPACE_NOT_FOUND) throw new CollectionNotFound(from)
      if (serverCode(error) === NAMESPACE_EXISTS) throw new CollectionAlreadyExists(to)
      throw storeError(error)
    }
  }

  async ping(): Promise<void> {
    try {
      await this.db.command({ ping: 1 })
    } catch (error) {
      throw storeError(error)
    }
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close()
  }
}

class MongoCollection<T extends Document> implements Collection<T> {
  constructor(
    private readonly store: MongoDocumentStore,
    readonly name: string,
  ) {}

  private get coll() {
    return this.store.mongoCollection(this.name)
  }

  private get session(): { session?: ClientSession } {
    const session = this.store.session
    return session === undefined ? {} : { session }
  }

  /** The port's error for a failed write: DuplicateKey, UnsupportedQuery, DocumentStoreUnavailable. */
  private fail(error: unknown, what: string): unknown {
    return this.store.fail(mapWriteError(error, this.name, what), true)
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    validateFilter(filter)
    validateFindOptions(options)
    try {
      const docs = await this.coll
        .find(asMongoFilter(filter), {
          ...this.session,
          ...(options?.sort === undefined ? {} : { sort: options.sort }),
          ...(options?.skip === undefined ? {} : { skip: options.skip }),
          ...(options?.limit === undefined ? {} : { limit: options.limit }),
          ...(options?.projection === undefined ? {} : { projection: options.projection }),
        })
        .toArray()
      return docs as unknown as T[]
    } catch (error) {
      throw this.store.fail(error)
    }
  }

  async findOne(filter?: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 })
    return first ?? null
  }

  async count(filter?: Filter): Promise<number> {
    validateFilter(filter)
    try {
      return await this.coll.countDocuments(asMongoFilter(filter), this.session)
    } catch (error) {
      throw this.store.fail(error)
    }
  }

  async insertOne(doc: T): Promise<void> {
    await this.insertMany([doc])
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    const stored = docs.map((d) => toStoredDocument(d, this.name) as MongoDoc)
    if (stored.length === 0) return
    try {
      await this.coll.insertMany(stored, { ...this.session, ordered: true })
    } catch (error) {
      // The port promises nothing written on failure; inside a transaction the abort does it.
      // An ordered insert stops at the first failure, so exactly the first insertedCount
      // documents went in (insertedIds would also list ids that were refused).
      if (error instanceof MongoBulkWriteError && this.store.session === undefined && error.insertedCount > 0) {
        const inserted = stored.slice(0, error.insertedCount).map((d) => d._id as string)
        try {
          await this.coll.deleteMany({ _id: { $in: inserted } })
        } catch (cleanup) {
          throw this.store.fail(cleanup, true)
        }
      }
      throw this.fail(error, 'insert')
    }
  }

  async replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult> {
    validateFilter(filter)
    const replacement = toStoredDocument(replacementDocument(undefined, filter, doc), this.name) as MongoDoc
    try {
      const r = await this.coll.replaceOne(asMongoFilter(filter), replacement, {
        ...this.session,
        upsert: options?.upsert === true,
      })
      return {
        matchedCount: r.matchedCount,
        modifiedCount: r.modifiedCount,
        upsertedId: r.upsertedId === null ? null : String(r.upsertedId),
      }
    } catch (error) {
      throw this.fail(error, 'replaceOne')
    }
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult> {
    validateFilter(filter)
    validateUpdate(update)
    const upsert = options?.upsert === true
    // Without an _id pinned by the filter MongoDB would invent an ObjectId; ids here are strings.
    const withId: Record<string, unknown> =
      upsert && idFromFilter(filter) === undefined
        ? { ...update, $setOnInsert: { _id: newDocumentId() } }
        : { ...update }
    try {
      const r = await this.coll.updateOne(asMongoFilter(filter), withId as UpdateFilter<MongoDoc>, {
        ...this.session,
        upsert,
      })
      return {
        matchedCount: r.matchedCount,
        modifiedCount: r.modifiedCount,
        upsertedId: r.upsertedId === null ? null : String(r.upsertedId),
      }
    } catch (error) {
      throw this.fail(error, `update ${JSON.stringify(update)}`)
    }
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    validateFilter(filter)
    validateUpdate(update)
    // MongoDB's multi-update is not atomic: one refused document would leave the earlier ones
    // updated. In a transaction the refusal undoes them all.
    if (this.store.session === undefined)
      return this.store.transaction((tx) => tx.collection<T>(this.name).updateMany(filter, update))
    try {
      const r = await this.coll.updateMany(asMongoFilter(filter), update as UpdateFilter<MongoDoc>, this.session)
      return { matchedCount: r.matchedCount, modifiedCount: r.modifiedCount, upsertedId: null }
    } catch (error) {
      throw this.fail(error, `update ${JSON.stringify(update)}`)
    }
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    validateFilter(filter)
    try {
      const r = await this.coll.deleteOne(asMongoFilter(filter), this.session)
      return { deletedCount: r.deletedCount }
    } catch (error) {
      throw this.store.fail(error, true)
    }
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    validateFilter(filter)
    try {
      const r = await this.coll.deleteMany(asMongoFilter(filter), this.session)
      return { deletedCount: r.deletedCount }
    } catch (error) {
      throw this.store.fail(error, true)
    }
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const { name } = validateIndexSpec(spec)
    try {
      await this.coll.createIndex(spec.keys, { ...this.session, name, unique: spec.unique === true })
    } catch (error) {
      throw this.fail(error, 'createIndex')
    }
  }
}
