// SQLite DocumentStore: the embedded default. One table per collection,
// "docs.<name>" (id TEXT PRIMARY KEY, doc TEXT holding the JSON document, _id included).
// Filters and sorts are SQL over the JSON column (filterToSql.ts, sortToSql.ts); updates are
// applied in JS (shared/updateApply.ts) and written back inside one SQL transaction, as is
// every multi-row write, so a failing write leaves nothing behind.
//
// Concurrency: better-sqlite3 is synchronous, so one operation never interleaves with another
// in this process; transaction(fn) awaits fn, so while it is open other callers on this
// instance wait (shared/transactionGate.ts) and calls from inside fn run inline. Other
// processes (the API and a worker share the file) are kept apart by SQLite itself: WAL lets
// readers go on during a write, writes take the lock up front (BEGIN IMMEDIATE) and wait up
// to busyTimeoutMs for it.
import Database from 'better-sqlite3'
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
import { toStoredDocument } from '../shared/jsonDocument.js'
import { applyProjection } from '../shared/projection.js'
import { validateFilter, validateFindOptions, validateUpdate } from '../shared/queryValidation.js'
import { CollectionAlreadyExists, CollectionNotFound, DocumentStoreClosed } from '../shared/storeErrors.js'
import { TransactionGate } from '../shared/transactionGate.js'
import { applyUpdate } from '../shared/updateApply.js'
import { replacementDocument, upsertSeed } from '../shared/upsertSeed.js'
import { filterToSql } from './filterToSql.js'
import { sortToSql } from './sortToSql.js'
import { indexStatements, specNameOf } from './sqliteIndexes.js'
import { TABLE_PREFIX, tableName } from './sqlJson.js'

export interface SqliteDocumentStoreOptions {
  /** How long a write waits for another process's write lock (ms). */
  busyTimeoutMs?: number
}

interface Row {
  id: string
  doc: string
}

const ROW = 'd'

function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

/** A read of a collection that was never written (or was dropped/renamed by another process). */
function isMissingTable(error: unknown): boolean {
  return isSqliteError(error) && /no such table/.test(error.message)
}

function toDuplicateKey(error: unknown, collection: string, id: string | undefined): unknown {
  if (!isSqliteError(error)) return error
  if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new DuplicateKey(collection, `_id: ${JSON.stringify(id)}`)
  if (error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    const index = /index '([^']+)'/.exec(error.message)?.[1]
    const key = index === undefined ? error.message : (specNameOf(index) ?? index)
    return new DuplicateKey(collection, id === undefined ? key : `${key} (document ${JSON.stringify(id)})`)
  }
  return error
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database
  private readonly gate = new TransactionGate()
  private readonly statements = new Map<string, Database.Statement>()
  private closed = false

  constructor(filename: string, options: SqliteDocumentStoreOptions = {}) {
    this.db = new Database(filename)
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`)
    this.db.pragma('journal_mode = WAL')
    // WAL + NORMAL cannot corrupt; a power cut may lose the last commits, which a read
    // model (checkpoint committed with its writes) simply replays.
    this.db.pragma('synchronous = NORMAL')
    // Planner statistics for the expression indexes, bounded in cost (SQLite's advice for
    // long-lived connections); close() refreshes them again.
    this.db.pragma('analysis_limit = 1000')
    this.db.pragma('optimize = 0x10002')
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new SqliteCollection<T>(this, validateCollectionName(name))
  }

  /** @internal Prepared statements are cached by SQL text (filters repeat in practice). */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      if (this.statements.size >= 500) this.statements.clear()
      this.statements.set(sql, statement)
    }
    return statement
  }

  /** @internal One operation, serialised with transactions; `write` ones run in a SQL transaction. */
  run<R>(write: boolean, operation: (db: Database.Database) => R): Promise<R> {
    return this.gate.run(() => {
      if (this.closed) throw new DocumentStoreClosed()
      // Inside an open transaction better-sqlite3 turns this into a SAVEPOINT, so a failing
      // operation is undone on its own and fn may still decide what to do.
      return write ? this.db.transaction(() => operation(this.db)).immediate() : operation(this.db)
    })
  }

  /** @internal Creates the collection's table on first write. */
  ensureTable(collection: string): void {
    this.statement(
      `CREATE TABLE IF NOT EXISTS ${tableName(collection)} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`,
    ).run()
  }

  private tableExists(collection: string): boolean {
    return (
      this.statement(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(
        `${TABLE_PREFIX}${collection}`,
      ) !== undefined
    )
  }

  async transaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    if (this.closed) return Promise.reject(new DocumentStoreClosed())
    return this.gate.transaction(
      {
        begin: () => this.db.exec('BEGIN IMMEDIATE'),
        commit: () => this.db.exec('COMMIT'),
        rollback: () => {
          if (this.db.inTransaction) this.db.exec('ROLLBACK')
        },
      },
      () => fn(this),
    )
  }

  async listCollections(): Promise<string[]> {
    return this.run(false, () => {
      const rows = this.statement(
        `SELECT substr(name, ${TABLE_PREFIX.length + 1}) AS name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ${TABLE_PREFIX.length}) = '${TABLE_PREFIX}' ORDER BY name`,
      ).all() as Array<{ name: string }>
      return rows.map((r) => r.name)
    })
  }

  async dropCollection(name: string): Promise<void> {
    validateCollectionName(name)
    return this.run(true, (db) => {
      db.exec(`DROP TABLE IF EXISTS ${tableName(name)}`)
      this.statements.clear()
    })
  }

  async renameCollection(from: string, to: string): Promise<void> {
    validateCollectionName(from)
    validateCollectionName(to)
    return this.run(true, (db) => {
      if (!this.tableExists(from)) throw new CollectionNotFound(from)
      if (this.tableExists(to)) throw new CollectionAlreadyExists(to)
      db.exec(`ALTER TABLE ${tableName(from)} RENAME TO ${tableName(to)}`)
      this.statements.clear()
    })
  }

  async ping(): Promise<void> {
    return this.run(false, () => {
      this.statement('SELECT 1').get()
    })
  }

  async close(): Promise<void> {
    await this.gate.run(() => {
      if (this.closed) return
      this.closed = true
      this.statements.clear()
      // Keeps planner statistics fresh for the expression indexes (cheap; SQLite's advice).
      this.db.pragma('optimize')
      this.db.close()
    })
  }
}

class SqliteCollection<T extends Document> implements Collection<T> {
  private readonly table: string

  constructor(
    private readonly store: SqliteDocumentStore,
    readonly name: string,
  ) {
    this.table = tableName(name)
  }

  /** Rows matching the filter, in sort order; a collection never written reads as empty. */
  private select(filter: Filter | undefined, options: FindOptions | undefined, columns: string): Row[] {
    validateFilter(filter)
    const checked = validateFindOptions(options)
    const { where, params } = filterToSql(filter, ROW)
    let sql = `SELECT ${columns} FROM ${this.table} AS ${ROW} WHERE ${where} ORDER BY ${sortToSql(checked.sort, ROW)}`
    if (checked.limit !== undefined || checked.skip > 0) sql += ` LIMIT ${checked.limit ?? -1} OFFSET ${checked.skip}`
    try {
      return this.store.statement(sql).all(params) as Row[]
    } catch (error) {
      if (isMissingTable(error)) return []
      throw error
    }
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    return this.store.run(false, () => {
      const projection = validateFindOptions(options).projection
      return this.select(filter, options, `${ROW}.doc`).map((r) => applyProjection(JSON.parse(r.doc) as T, projection))
    })
  }

  async findOne(filter?: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 })
    return first ?? null
  }

  async count(filter?: Filter): Promise<number> {
    return this.store.run(false, () => {
      validateFilter(filter)
      const { where, params } = filterToSql(filter, ROW)
      try {
        const row = this.store.statement(`SELECT count(*) AS n FROM ${this.table} AS ${ROW} WHERE ${where}`).get(params)
        return (row as { n: number }).n
      } catch (error) {
        if (isMissingTable(error)) return 0
        throw error
      }
    })
  }

  private insertRow(doc: Document): void {
    try {
      this.store.statement(`INSERT INTO ${this.table} (id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(doc))
    } catch (error) {
      throw toDuplicateKey(error, this.name, doc._id)
    }
  }

  private updateRow(doc: Document): void {
    try {
      this.store.statement(`UPDATE ${this.table} SET doc = ? WHERE id = ?`).run(JSON.stringify(doc), doc._id)
    } catch (error) {
      throw toDuplicateKey(error, this.name, doc._id)
    }
  }

  async insertOne(doc: T): Promise<void> {
    return this.insertMany([doc])
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    return this.store.run(true, () => {
      const stored = docs.map((d) => toStoredDocument(d, this.name))
      this.store.ensureTable(this.name)
      for (const doc of stored) this.insertRow(doc)
    })
  }

  async replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult> {
    return this.store.run(true, () => {
      const [row] = this.select(filter, { limit: 1 }, `${ROW}.id, ${ROW}.doc`)
      if (row === undefined && !options?.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null }
      const replacement = toStoredDocument(replacementDocument(row?.id, filter, doc), this.name)
      if (row === undefined) {
        this.store.ensureTable(this.name)
        this.insertRow(replacement)
        return { matchedCount: 0, modifiedCount: 0, upsertedId: replacement._id }
      }
      const changed = JSON.stringify(replacement) !== row.doc
      if (changed) this.updateRow(replacement)
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
    return this.store.run(true, () => {
      const targets = validateUpdate(update)
      const rows = this.select(filter, many ? undefined : { limit: 1 }, `${ROW}.id, ${ROW}.doc`)
      if (rows.length === 0) {
        if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null }
        const inserted = toStoredDocument(applyUpdate(upsertSeed(filter), targets).doc, this.name)
        this.store.ensureTable(this.name)
        this.insertRow(inserted)
        return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id }
      }
      let modifiedCount = 0
      for (const row of rows) {
        const result = applyUpdate(JSON.parse(row.doc) as Document, targets)
        if (!result.changed) continue
        this.updateRow(toStoredDocument(result.doc, this.name))
        modifiedCount++
      }
      return { matchedCount: rows.length, modifiedCount, upsertedId: null }
    })
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return this.delete(filter, false)
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return this.delete(filter, true)
  }

  private delete(filter: Filter, many: boolean): Promise<{ deletedCount: number }> {
    return this.store.run(true, () => {
      validateFilter(filter)
      const { where, params } = filterToSql(filter, ROW)
      const limit = many ? '' : ' LIMIT 1'
      try {
        const result = this.store
          .statement(
            `DELETE FROM ${this.table} WHERE id IN (SELECT ${ROW}.id FROM ${this.table} AS ${ROW} WHERE ${where}${limit})`,
          )
          .run(params)
        return { deletedCount: result.changes }
      } catch (error) {
        if (isMissingTable(error)) return { deletedCount: 0 }
        throw error
      }
    })
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    return this.store.run(true, (db) => {
      this.store.ensureTable(this.name)
      for (const ddl of indexStatements(db, this.name, spec)) {
        try {
          db.exec(ddl)
        } catch (error) {
          throw toDuplicateKey(error, this.name, undefined)
        }
      }
    })
  }
}
