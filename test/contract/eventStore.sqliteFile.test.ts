// What only the SQLite adapter promises, on top of the shared contract: the file survives close
// and process death, two OS processes can write and subscribe to one file, the group commit keeps
// appends independent, and a tampered row is a typed error or a broken chain, never a silent skip.
import assert from 'node:assert/strict'
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { verifyChain } from '../../application/eventLog/hashChain.js'
import {
  CorruptEvent,
  InvalidAppend,
  type RecordedEvent,
  WrongExpectedRevision,
} from '../../application/ports/eventStore.js'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import type { RaceReport } from '../support/eventStoreRace.js'
import { raceWriter, watchAll } from '../support/eventStoreRace.js'
import { collect, newEvent, newEvents, sleep, takeFromSubscription, uniqueStream } from './eventStore/eventFixtures.js'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const writerScript = fileURLToPath(new URL('../support/eventStoreWriterProcess.ts', import.meta.url))

function startWriterProcess(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, ...args], { cwd: repoRoot })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk)
  })
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) process.stderr.write(`writer process failed (${code}):\n${stderr}\n`)
  })
  return child
}

async function* lines(child: ChildProcessWithoutNullStreams): AsyncGenerator<string> {
  yield* createInterface({ input: child.stdout })
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  assert.fail('expected a rejection')
}

describe('SQLite event store: the file', function () {
  this.timeout(60_000)
  let dir: string
  let file: string
  const stores: SqliteEventStore[] = []
  const open = () => {
    const store = new SqliteEventStore(file)
    stores.push(store)
    return store
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'eventstore-sqlite-'))
    file = path.join(dir, 'events.db')
  })

  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close()
    await rm(dir, { recursive: true, force: true })
  })

  describe('durability', () => {
    it('opens in WAL mode with synchronous=FULL and a busy timeout by default', () => {
      assert.deepEqual(open().settings(), { journalMode: 'wal', synchronous: 'FULL', busyTimeoutMs: 5000 })
    })

    it('keeps everything across close and reopen, and the hash chain continues from the stored head', async () => {
      const s = uniqueStream('durable')
      const first = open()
      const before = newEvents(5)
      await first.appendToStream(s, before, { expectedRevision: 'no_stream' })
      const head = await first.headPosition()
      await first.close()
      const second = open()
      assert.equal(await second.headPosition(), head)
      assert.deepEqual(
        (await collect(second.readStream(s))).map((e) => e.metadata.eventId),
        before.map((e) => e.metadata.eventId),
      )
      await second.appendToStream(s, newEvents(2), { expectedRevision: 4 })
      assert.deepEqual((await verifyChain(second.readStream(s))).ok, true)
      assert.equal((await collect(second.readStream(s))).length, 7)
    })

    it('with backgroundCheckpoint, a worker thread checkpoints the WAL; everything survives close and reopen', async () => {
      const store = new SqliteEventStore(file, { backgroundCheckpoint: true, checkpointIntervalMs: 10 })
      stores.push(store)
      const s = uniqueStream('checkpointed')
      let expectedRevision: number | 'no_stream' = 'no_stream'
      for (let i = 0; i < 20; i++)
        expectedRevision = (
          await store.appendToStream(s, newEvents(100, 'TestHappened', i * 100), { expectedRevision })
        ).nextExpectedRevision
      const deadline = Date.now() + 10_000
      for (;;) {
        const stats = store.checkpointStats()
        assert.ok(stats, 'the checkpointer runs')
        assert.equal(stats.lastError, undefined)
        if (stats.passes > 0 && stats.lastLogFrames > 0 && stats.lastCheckpointedFrames === stats.lastLogFrames) break
        assert.ok(Date.now() < deadline, JSON.stringify(stats))
        await sleep(20)
      }
      await store.close()
      assert.equal(existsSync(`${file}-wal`), false, 'the WAL is folded in and removed on close')
      const reopened = open()
      const events = await collect(reopened.readStream(s))
      assert.equal(events.length, 2000)
      assert.deepEqual(await verifyChain(events), { ok: true, events: 2000, lastHash: events.at(-1)?.metadata.hash })
      assert.equal(reopened.checkpointStats(), undefined, 'off by default')
    })

    it('withBatchedSync (the demo seed): NORMAL while the work runs, FULL back after, what it wrote checkpointed into the file', async () => {
      const store = open()
      const s = uniqueStream('seeded')
      const seen = await store.withBatchedSync(async () => {
        let expectedRevision: number | 'no_stream' = 'no_stream'
        for (let i = 0; i < 5; i++)
          expectedRevision = (
            await store.appendToStream(s, newEvents(50, 'TestHappened', i * 50), { expectedRevision })
          ).nextExpectedRevision
        return store.settings().synchronous
      })
      assert.equal(seen, 'NORMAL')
      assert.equal(store.settings().synchronous, 'FULL')
      // The database file alone (without its WAL) holds every event: the checkpoint ran.
      const copy = path.join(dir, 'copy.db')
      await copyFile(file, copy)
      const alone = new Database(copy, { readonly: true })
      try {
        assert.equal((alone.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n, 250)
      } finally {
        alone.close()
      }
      const events = await collect(store.readStream(s))
      assert.deepEqual(await verifyChain(events), { ok: true, events: 250, lastHash: events.at(-1)?.metadata.hash })
      await assert.rejects(
        store.withBatchedSync(async () => {
          throw new Error('seed failed')
        }),
        /seed failed/,
      )
      assert.equal(store.settings().synchronous, 'FULL', 'restored when the work throws')
    })

    it('close() writes appends already accepted, then refuses new ones', async () => {
      const store = open()
      const s = uniqueStream('closing')
      const accepted = store.appendToStream(s, newEvents(3), { expectedRevision: 'no_stream' })
      await Promise.resolve() // the append is queued, its group commit not yet run
      await store.close()
      assert.equal((await accepted).nextExpectedRevision, 2)
      await assert.rejects(store.appendToStream(s, newEvents(1), { expectedRevision: 2 }), /closed/)
      assert.equal((await collect(open().readStream(s))).length, 3)
    })

    it('every append acknowledged before the writing process is killed (SIGKILL) is in the file', async () => {
      const s = uniqueStream('crash')
      open() // create the file and schema before the child races for it
      const child = startWriterProcess(['crash', file, s, '100000'])
      const acked: string[] = []
      for await (const line of lines(child)) {
        if (line.startsWith('ack ')) acked.push(line.slice(4))
        if (acked.length === 300) break
      }
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      const stream = await collect(open().readStream(s))
      const stored = new Set(stream.map((e) => e.metadata.eventId))
      assert.ok(stream.length >= acked.length)
      assert.ok(
        acked.every((id) => stored.has(id)),
        'no acknowledged append is lost',
      )
      assert.deepEqual(
        stream.map((e) => e.revision),
        stream.map((_, i) => i),
      )
      assert.equal((await verifyChain(stream)).ok, true)
    })
  })

  describe('two processes on one file', () => {
    it('append concurrently without lost or duplicated events; each one’s subscriber sees the other’s events', async () => {
      const shared = uniqueStream('shared')
      const parent = open()
      // Each process writes 4 own streams of 79 events and 60 events to the shared stream.
      const perProcess = 4 * 79 + 60
      const child = startWriterProcess(['race', file, uniqueStream('child'), shared, String(2 * perProcess)])
      const output = lines(child)
      assert.equal((await output.next()).value, 'ready')
      child.stdin.write('go\n')
      const [mine, watched, report] = await Promise.all([
        raceWriter(parent, uniqueStream('parent'), shared),
        watchAll(parent, 2 * perProcess, 30_000),
        (async (): Promise<RaceReport> => JSON.parse((await output.next()).value as string))(),
      ])
      child.stdin.end()
      assert.equal(mine.appendedIds.length, perProcess)
      assert.equal(report.appendedIds.length, perProcess)
      const appended = [...mine.appendedIds, ...report.appendedIds]

      const log = await collect(parent.readAll())
      assert.equal(log.length, appended.length, 'nothing lost, nothing duplicated')
      assert.deepEqual(new Set(log.map((e) => e.metadata.eventId)), new Set(appended))
      for (let i = 1; i < log.length; i++)
        assert.ok((log[i] as RecordedEvent).position > (log[i - 1] as RecordedEvent).position)

      const streams = new Set(log.map((e) => e.streamId))
      for (const s of streams) {
        const stream = await collect(parent.readStream(s))
        assert.deepEqual(
          stream.map((e) => e.revision),
          stream.map((_, i) => i),
          `${s} has gap-free revisions`,
        )
        assert.equal((await verifyChain(stream)).ok, true, `${s} chain verifies`)
      }
      assert.equal((await collect(parent.readStream(shared))).length, 120)

      const logIds = log.map((e) => e.metadata.eventId)
      assert.deepEqual(watched.seenIds, logIds, 'this process’s subscriber saw both processes’ events once, in order')
      assert.ok(watched.seenInOrder)
      assert.deepEqual(report.seenIds, logIds, 'the other process’s subscriber did too')
      assert.ok(report.seenInOrder)
    })
  })

  describe('group commit', () => {
    it('appends to one stream in the same group see each other; a failing one does not affect the rest', async () => {
      const store = open()
      const s = uniqueStream('group')
      const [a, b, wrong, c, dup] = [newEvents(2), newEvents(1), newEvents(1), newEvents(3), newEvents(1)]
      const outcomes = await Promise.allSettled([
        store.appendToStream(s, a, { expectedRevision: 'no_stream' }),
        store.appendToStream(s, b, { expectedRevision: 1 }),
        store.appendToStream(s, wrong, { expectedRevision: 1 }),
        store.appendToStream(s, c, { expectedRevision: 2 }),
        store.appendToStream(s, dup, { expectedRevision: 'no_stream' }),
        store.appendToStream(s, a, { expectedRevision: 'no_stream' }),
      ])
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'],
      )
      const conflict = (outcomes[2] as PromiseRejectedResult).reason
      assert.ok(conflict instanceof WrongExpectedRevision)
      assert.equal(conflict.actual, 2)
      assert.deepEqual(
        (outcomes[5] as PromiseFulfilledResult<unknown>).value,
        (outcomes[0] as PromiseFulfilledResult<unknown>).value,
      )
      const stream = await collect(store.readStream(s))
      assert.deepEqual(
        stream.map((e) => e.metadata.eventId),
        [...a, ...b, ...c].map((e) => e.metadata.eventId),
      )
      assert.equal((await verifyChain(stream)).ok, true)
    })

    it('appends made in the same event-loop turn share one transaction; a lone writer commits each', async () => {
      const store = open()
      const before = store.writeStats()
      await Promise.all(
        Array.from({ length: 32 }, () =>
          store.appendToStream(uniqueStream('together'), newEvents(1), { expectedRevision: 'no_stream' }),
        ),
      )
      const grouped = store.writeStats()
      assert.deepEqual(
        { commits: grouped.commits - before.commits, appends: grouped.appends - before.appends },
        {
          commits: 1,
          appends: 32,
        },
      )
      const s = uniqueStream('alone')
      await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
      await store.appendToStream(s, newEvents(1), { expectedRevision: 0 })
      assert.equal(store.writeStats().commits - grouped.commits, 2)
    })

    it('stores the event as it was when append was called, even if the caller mutates it afterwards', async () => {
      const store = open()
      const s = uniqueStream('snapshot')
      const data = { plate: 'KR 12345', tyres: ['FL'] }
      const event = newEvent('TyresChecked', data)
      const pending = store.appendToStream(s, [event], { expectedRevision: 'no_stream' })
      data.tyres.push('FR')
      data.plate = 'changed'
      await pending
      const [stored] = await collect(store.readStream(s))
      assert.deepEqual(stored?.data, { plate: 'KR 12345', tyres: ['FL'] })
      assert.equal((await verifyChain(store.readStream(s))).ok, true)
    })

    it('rejects data that is not JSON-serialisable as InvalidAppend, writing nothing', async () => {
      const store = open()
      const s = uniqueStream('nojson')
      const error = await rejection(store.appendToStream(s, [newEvent('Big', { n: 1n })], { expectedRevision: 'any' }))
      assert.ok(error instanceof InvalidAppend)
      assert.equal(await store.headPosition(), 0)
    })
  })

  describe('what is stored', () => {
    it('copying recorded events into another stream gives them that stream’s own chain', async () => {
      const store = open()
      const [from, to] = [uniqueStream('copyfrom'), uniqueStream('copyto')]
      await store.appendToStream(from, newEvents(3), { expectedRevision: 'no_stream' })
      const recorded = await collect(store.readStream(from))
      await store.appendToStream(to, [newEvent('First')], { expectedRevision: 'no_stream' })
      await store.appendToStream(to, recorded, { expectedRevision: 0 })
      const copied = await collect(store.readStream(to))
      assert.equal((await verifyChain(copied)).ok, true)
      assert.notEqual(copied[1]?.metadata.hash, recorded[0]?.metadata.hash)
    })

    it('a row whose metadata names another event id than its indexed one is corrupt', async () => {
      const store = open()
      const s = uniqueStream('idmismatch')
      await store.appendToStream(s, newEvents(2), { expectedRevision: 'no_stream' })
      const raw = new Database(file)
      raw
        .prepare("UPDATE events SET metadata = json_set(metadata, '$.eventId', ?) WHERE stream_id = ? AND revision = 1")
        .run(newEvent().metadata.eventId, s)
      raw.close()
      const error = await rejection(collect(store.readStream(s)))
      assert.ok(error instanceof CorruptEvent)
      assert.equal(error.revision, 1)
      assert.match(error.reason, /differs from the stored event id/)
    })
  })

  describe('a tampered row', () => {
    const tamper = (sql: string, ...params: unknown[]) => {
      const raw = new Database(file)
      try {
        raw.prepare(sql).run(...params)
      } finally {
        raw.close()
      }
    }

    async function streamOf(count: number) {
      const store = open()
      const s = uniqueStream('tampered')
      await store.appendToStream(s, newEvents(count), { expectedRevision: 'no_stream' })
      const events = await collect(store.readStream(s))
      return { store, s, events }
    }

    const assertCorrupt = (error: unknown, streamId: string, revision: number, reason: RegExp) => {
      assert.ok(error instanceof CorruptEvent, `expected CorruptEvent, got ${String(error)}`)
      assert.equal(error.streamId, streamId)
      assert.equal(error.revision, revision)
      assert.match(error.message, new RegExp(`${streamId}.*revision ${revision}`))
      assert.match(error.reason, reason)
    }

    it('malformed data JSON: reading the stream, the log and a subscription fail with CorruptEvent naming it', async () => {
      const { store, s } = await streamOf(5)
      tamper('UPDATE events SET data = \'{"n": 2\' WHERE stream_id = ? AND revision = 2', s)
      assertCorrupt(await rejection(collect(store.readStream(s))), s, 2, /data is not valid JSON/)
      assertCorrupt(
        await rejection(collect(store.readStream(s, { direction: 'backwards' }))),
        s,
        2,
        /data is not valid JSON/,
      )
      assertCorrupt(await rejection(collect(store.readAll())), s, 2, /data is not valid JSON/)
      const seen: number[] = []
      const error = await rejection(
        takeFromSubscription(store, {
          fromPosition: 0,
          count: 5,
          accept: () => true,
          onEvent: (e) => {
            seen.push(e.revision)
          },
        }),
      )
      assertCorrupt(error, s, 2, /data is not valid JSON/)
      assert.deepEqual(seen, [0, 1], 'nothing after the corrupt event is delivered')
    })

    it('malformed metadata JSON or a missing hash: CorruptEvent', async () => {
      const { store, s } = await streamOf(4)
      tamper("UPDATE events SET metadata = 'not json' WHERE stream_id = ? AND revision = 1", s)
      tamper("UPDATE events SET metadata = json_remove(metadata, '$.hash') WHERE stream_id = ? AND revision = 3", s)
      assertCorrupt(await rejection(collect(store.readStream(s))), s, 1, /metadata is not valid JSON/)
      assertCorrupt(await rejection(collect(store.readStream(s, { fromRevision: 2 }))), s, 3, /no valid hash/)
    })

    it('a corrupt last event stops appends to its stream (the chain cannot be extended) and nothing is written', async () => {
      const { store, s } = await streamOf(3)
      tamper("UPDATE events SET metadata = '[]' WHERE stream_id = ? AND revision = 2", s)
      assertCorrupt(
        await rejection(store.appendToStream(s, newEvents(1), { expectedRevision: 2 })),
        s,
        2,
        /not a JSON object/,
      )
      assert.equal(await store.headPosition(), 3)
      const other = uniqueStream('healthy')
      await store.appendToStream(other, newEvents(1), { expectedRevision: 'no_stream' })
    })

    it('an intact stream read with its stored texts verifies (the texts are what was hashed)', async () => {
      const { store, s } = await streamOf(5)
      assert.deepEqual(
        await verifyChain(store.readStream(s, { storedText: true })),
        await verifyChain(store.readStream(s)),
      )
      assert.equal((await verifyChain(store.readStream(s, { storedText: true }))).ok, true)
    })

    it('an edited hash: verifyChain names that event', async () => {
      const { store, s, events } = await streamOf(6)
      tamper(
        `UPDATE events SET metadata = json_set(metadata, '$.hash', '${'f'.repeat(64)}') WHERE stream_id = ? AND revision = 3`,
        s,
      )
      const verdict = await verifyChain(store.readStream(s))
      assert.equal(verdict.ok, false)
      assert.ok(!verdict.ok)
      assert.deepEqual(verdict.brokenAt, { revision: 3, eventId: events[3]?.metadata.eventId, type: events[3]?.type })
      assert.match(verdict.reason, /hash does not match the content/)
    })

    it('edited data that is still valid JSON: verifyChain names that event', async () => {
      const { store, s, events } = await streamOf(6)
      tamper("UPDATE events SET data = json_set(data, '$.n', 999) WHERE stream_id = ? AND revision = 1", s)
      for (const verdict of [
        await verifyChain(store.readStream(s)),
        await verifyChain(store.readStream(s, { storedText: true })),
      ]) {
        assert.ok(!verdict.ok)
        assert.equal(verdict.brokenAt.revision, 1)
      }
      const verdict = await verifyChain(store.readStream(s))
      assert.ok(!verdict.ok)
      assert.deepEqual(verdict.brokenAt, { revision: 1, eventId: events[1]?.metadata.eventId, type: events[1]?.type })
      assert.match(verdict.reason, /hash does not match the content/)
    })

    it('an edited actor in the stored metadata text: verifyChain names that event', async () => {
      const { store, s, events } = await streamOf(4)
      tamper(
        'UPDATE events SET metadata = replace(metadata, \'"id":"\', \'"id":"x\') WHERE stream_id = ? AND revision = 2',
        s,
      )
      const verdict = await verifyChain(store.readStream(s, { storedText: true }))
      assert.ok(!verdict.ok)
      assert.deepEqual(verdict.brokenAt, { revision: 2, eventId: events[2]?.metadata.eventId, type: events[2]?.type })
      assert.match(verdict.reason, /hash does not match the content/)
    })

    it('rows stored in another form than canonical text (older writers) verify by their content', async () => {
      // Verifiers hash the stored texts as read when they are what was hashed, and otherwise
      // re-canonicalise the parsed event: same content, other key order and spacing still verifies.
      const { store, s } = await streamOf(4)
      const raw = new Database(file)
      try {
        const rows = raw.prepare('SELECT revision, data, metadata FROM events WHERE stream_id = ?').all(s) as Array<{
          revision: number
          data: string
          metadata: string
        }>
        for (const row of rows) {
          const reorder = (text: string) => {
            const value = JSON.parse(text) as Record<string, unknown>
            return JSON.stringify(Object.fromEntries(Object.entries(value).reverse()), null, 1)
          }
          raw
            .prepare('UPDATE events SET data = ?, metadata = ? WHERE stream_id = ? AND revision = ?')
            .run(reorder(row.data), reorder(row.metadata), s, row.revision)
        }
      } finally {
        raw.close()
      }
      const verdict = await verifyChain(store.readStream(s, { storedText: true }))
      assert.deepEqual(verdict.ok, true)
      // …and an edit among such rows is still found.
      tamper("UPDATE events SET data = json_set(data, '$.n', 999) WHERE stream_id = ? AND revision = 3", s)
      const edited = await verifyChain(store.readStream(s, { storedText: true }))
      assert.ok(!edited.ok)
      assert.equal(edited.brokenAt.revision, 3)
    })

    it('a deleted event: verifyChain reports the gap at the event after it', async () => {
      const { store, s, events } = await streamOf(5)
      tamper('DELETE FROM events WHERE stream_id = ? AND revision = 2', s)
      const verdict = await verifyChain(store.readStream(s))
      assert.ok(!verdict.ok)
      assert.equal(verdict.brokenAt.eventId, events[3]?.metadata.eventId)
      assert.match(verdict.reason, /^revision gap/)
    })
  })

  describe('live subscription across connections', () => {
    it('wakes at once for appends in this process and within the poll interval for another connection', async () => {
      const store = open()
      const other = open()
      const s = uniqueStream('latency')
      const arrived: number[] = []
      let sentAt = 0
      const pending = takeFromSubscription(store, {
        fromPosition: 0,
        count: 2,
        accept: (e) => e.streamId === s,
        onEvent: () => {
          arrived.push(performance.now() - sentAt)
        },
      })
      await sleep(150)
      sentAt = performance.now()
      await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
      await sleep(150)
      sentAt = performance.now()
      await other.appendToStream(s, newEvents(1), { expectedRevision: 0 })
      await pending
      assert.ok((arrived[0] as number) < 70, `local append seen after ${arrived[0]} ms`)
      assert.ok((arrived[1] as number) < 500, `other connection's append seen after ${arrived[1]} ms`)
    })
  })
})
