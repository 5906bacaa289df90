import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { verifyLog } from '../../../application/audit/verifyLog.js'
import { verifyChain } from '../../../application/eventLog/hashChain.js'
import type { EventStore, NewEvent, RecordedEvent } from '../../../application/ports/eventStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'

const event = (type: string, data: unknown): NewEvent => ({
  type,
  data,
  metadata: {
    eventId: randomUUID(),
    correlationId: 'c',
    causationId: null,
    actor: { id: 'clerk-1', role: 'service_point_employee' },
    occurredAt: '2026-11-26T07:30:00.000Z',
    schemaVersion: 1,
  },
})

/** The same store, but readAll returns what `tamper` makes of each stored event (an edited database). */
function tampered(store: EventStore, tamper: (e: RecordedEvent) => RecordedEvent): EventStore {
  const view: EventStore = Object.create(store)
  view.readAll = async function* (options) {
    for await (const e of store.readAll(options)) yield tamper(e)
  }
  return view
}

async function seeded(): Promise<MemoryEventStore> {
  const store = new MemoryEventStore()
  await store.appendToStream('workorder-1', [event('Opened', { price: 100 }), event('Priced', { price: 250 })], {
    expectedRevision: 'no_stream',
  })
  await store.appendToStream('workorder-2', [event('Opened', { price: 10 })], { expectedRevision: 'no_stream' })
  await store.appendToStream('workorder-1', [event('Approved', { by: 'customer' })], { expectedRevision: 1 })
  return store
}

describe('verifyLog / verifyChain', () => {
  it('an untouched log verifies', async () => {
    const store = await seeded()
    const verdict = await verifyLog(store)
    assert.deepEqual(verdict, { events: 4, streams: 2, broken: [] })
    const chain = await verifyChain(store.readStream('workorder-1'))
    assert.equal(chain.ok, true)
  })

  it('an edited amount is named as the first broken event of its stream', async () => {
    const store = await seeded()
    const edited = tampered(store, (e) =>
      e.streamId === 'workorder-1' && e.revision === 1 ? { ...e, data: { price: 25 } } : e,
    )
    const verdict = await verifyLog(edited)
    assert.equal(verdict.broken.length, 1)
    assert.deepEqual(
      { ...verdict.broken[0], eventId: undefined },
      {
        streamId: 'workorder-1',
        revision: 1,
        position: 2,
        eventId: undefined,
        type: 'Priced',
        reason: 'hash does not match the content',
      },
    )
  })

  it('a removed event breaks the chain at the event after it', async () => {
    const store = await seeded()
    const events: RecordedEvent[] = []
    for await (const e of store.readStream('workorder-1')) events.push(e)
    const verdict = await verifyChain([events[0]!, events[2]!])
    assert.equal(verdict.ok, false)
    assert.ok(!verdict.ok && verdict.brokenAt.revision === 2 && /revision gap/.test(verdict.reason))
  })

  it('a changed actor (who did it) is detected too', async () => {
    const store = await seeded()
    const edited = tampered(store, (e) =>
      e.revision === 0 && e.streamId === 'workorder-2'
        ? { ...e, metadata: { ...e.metadata, actor: { id: 'someone-else', role: 'head_office' } } }
        : e,
    )
    const verdict = await verifyLog(edited)
    assert.deepEqual(
      verdict.broken.map((b) => [b.streamId, b.revision]),
      [['workorder-2', 0]],
    )
  })
})

describe('verifyLog on the SQLite store (events hashed as stored)', () => {
  let dir: string
  let file: string
  let store: SqliteEventStore
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verify-log-'))
    file = join(dir, 'events.sqlite')
    store = new SqliteEventStore(file)
    await seedInto(store)
  })
  afterEach(async () => {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function seedInto(s: EventStore): Promise<void> {
    await s.appendToStream('workorder-1', [event('Opened', { price: 100 }), event('Priced', { price: 250 })], {
      expectedRevision: 'no_stream',
    })
    await s.appendToStream('workorder-2', [event('Opened', { price: 10 })], { expectedRevision: 'no_stream' })
    await s.appendToStream('workorder-1', [event('Approved', { by: 'customer' })], { expectedRevision: 1 })
    await s.appendToStream('workorder-2', [event('Priced', { price: 20 })], { expectedRevision: 0 })
  }

  /** Edits the database file behind the store's back, as someone with access to it could. */
  function tamper(sql: string, ...params: unknown[]): void {
    const raw = new Database(file)
    try {
      raw.prepare(sql).run(...params)
    } finally {
      raw.close()
    }
  }

  it('an untouched log verifies', async () => {
    assert.deepEqual(await verifyLog(store), { events: 5, streams: 2, broken: [] })
  })

  it('edited data, still valid JSON, is named as the first altered event of its stream', async () => {
    tamper("UPDATE events SET data = json_set(data, '$.price', 25) WHERE stream_id = 'workorder-1' AND revision = 1")
    // A later edit in the same stream is behind the first one and not reported again.
    tamper('UPDATE events SET data = \'{"by":"nobody"}\' WHERE stream_id = \'workorder-1\' AND revision = 2')
    const verdict = await verifyLog(store)
    const priced: RecordedEvent[] = []
    for await (const e of store.readStream('workorder-1')) priced.push(e)
    assert.equal(verdict.events, 5)
    assert.deepEqual(verdict.broken, [
      {
        streamId: 'workorder-1',
        revision: 1,
        position: 2,
        eventId: priced[1]?.metadata.eventId,
        type: 'Priced',
        reason: 'hash does not match the content',
      },
    ])
  })

  it('an edited actor in the stored metadata text is found in its own stream', async () => {
    tamper(
      'UPDATE events SET metadata = replace(metadata, \'"id":"clerk-1"\', \'"id":"clerk-2"\') WHERE stream_id = ? AND revision = 1',
      'workorder-2',
    )
    const verdict = await verifyLog(store)
    assert.deepEqual(
      verdict.broken.map((b) => [b.streamId, b.revision, b.type, b.reason]),
      [['workorder-2', 1, 'Priced', 'hash does not match the content']],
    )
  })

  it('rows kept in another form than canonical text (older writers) still verify by their content', async () => {
    const raw = new Database(file)
    try {
      const rows = raw.prepare('SELECT position, data, metadata FROM events').all() as Array<{
        position: number
        data: string
        metadata: string
      }>
      const spaced = (text: string) => JSON.stringify(JSON.parse(text), null, 1)
      for (const row of rows)
        raw
          .prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?')
          .run(spaced(row.data), spaced(row.metadata), row.position)
    } finally {
      raw.close()
    }
    assert.deepEqual(await verifyLog(store), { events: 5, streams: 2, broken: [] })
  })
})
