// SQLite-specific behaviour the contract cannot see: indexes really serve queries, data and
// indexes survive reopening, and two processes on one file wait for each other's writes.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DuplicateKey, type Filter } from '../../../application/ports/documentStore.js'
import { filterToSql } from '../../../infrastructure/documents/sqlite/filterToSql.js'
import { SqliteDocumentStore } from '../../../infrastructure/documents/sqlite/sqliteDocumentStore.js'

describe('SqliteDocumentStore (file level)', () => {
  let dir: string
  let file: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'docstore-unit-'))
    file = join(dir, 'read-models.db')
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  function plan(filter: Filter): string {
    const db = new Database(file, { readonly: true })
    try {
      const { where, params } = filterToSql(filter, 'd')
      const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT d.doc FROM "docs.bookings" AS d WHERE ${where}`).all(params)
      return (rows as Array<{ detail: string }>).map((r) => r.detail).join(' | ')
    } finally {
      db.close()
    }
  }

  it('uses the expression indexes createIndex makes, also for dotted paths and ranges', async () => {
    const store = new SqliteDocumentStore(file)
    const bookings = store.collection('bookings')
    await bookings.insertMany(
      Array.from({ length: 2000 }, (_, i) => ({
        _id: `b${i}`,
        status: i % 40 === 0 ? 'open' : 'done',
        point: { id: `p${i % 50}` },
        day: `2024-05-${String(1 + (i % 28)).padStart(2, '0')}`,
      })),
    )
    await bookings.createIndex({ keys: { status: 1 } })
    await bookings.createIndex({ keys: { 'point.id': 1, day: 1 } })
    await store.close() // runs PRAGMA optimize, so the planner has statistics

    assert.match(plan({ status: 'open' }), /USING INDEX ix_\w+:status_1:v/)
    assert.match(plan({ status: { $in: ['open', 'late'] } }), /USING INDEX ix_\w+:status_1:v/)
    assert.match(plan({ 'point.id': 'p3', day: { $gte: '2024-05-10' } }), /USING INDEX ix_\w+:point\.id_1_day_1:v/)
    assert.match(plan({ _id: 'b7' }), /USING INDEX sqlite_autoindex/)
    assert.doesNotMatch(plan({ status: 'open' }), /^SCAN d$/)
  })

  it('keeps documents and unique indexes across reopening', async () => {
    const first = new SqliteDocumentStore(file)
    await first.collection('plates').createIndex({ keys: { plate: 1 }, unique: true })
    await first.collection('plates').insertOne({ _id: 'a', plate: 'KR 1' })
    await first.close()
    const second = new SqliteDocumentStore(file)
    try {
      assert.deepEqual(await second.collection('plates').find({}), [{ _id: 'a', plate: 'KR 1' }])
      await assert.rejects(second.collection('plates').insertOne({ _id: 'b', plate: 'KR 1' }), DuplicateKey)
    } finally {
      await second.close()
    }
  })

  it('a write from another process waits for a transaction holding the file', async () => {
    const store = new SqliteDocumentStore(file, { busyTimeoutMs: 10_000 })
    await store.collection('shared').insertOne({ _id: 'before' })
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'holdWriteLock.ts'), file, '400'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve()
      })
      child.on('exit', () => reject(new Error('worker exited before locking')))
    })
    // The worker holds the write lock now; this write waits for its commit instead of failing.
    await store.collection('shared').insertOne({ _id: 'from-api' })
    assert.equal(await exited, 0)
    assert.deepEqual(
      (await store.collection('shared').find({}, { sort: { _id: 1 } })).map((d) => d._id),
      ['before', 'from-api', 'from-worker'],
    )
    await store.close()
  })

  it('rejects collection names that are not safe table names', () => {
    const store = new SqliteDocumentStore(file)
    try {
      assert.throws(() => store.collection('x"; DROP TABLE y; --'), /invalid collection name/)
    } finally {
      void store.close()
    }
  })
})
