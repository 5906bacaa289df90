// The one behaviour every EventStore adapter must have (memory, SQLite, EventStoreDB).
// Adapter-neutral on purpose: stream ids are unique per run and every check on the global
// log looks only at this test's streams from the head position taken before it, so the suite
// also runs against a long-lived server that holds other data.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { GENESIS_HASH, verifyChain } from '../../../application/eventLog/hashChain.js'
import {
  type AppendResult,
  type EventStore,
  InvalidAppend,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedRevision,
} from '../../../application/ports/eventStore.js'
import {
  collect,
  endSubscription,
  newEvent,
  newEvents,
  readAllOf,
  sleep,
  takeFromSubscription,
  timedOut,
  uniqueStream,
  within,
} from './eventFixtures.js'

export interface EventStoreFixture {
  readonly store: EventStore
  /**
   * Opens another EventStore over the same persisted data (a second process or client, or a
   * restart when the suite has closed `store` first). Absent for stores that do not persist.
   */
  readonly reopen?: () => Promise<EventStore>
  /** Closes whatever the factory opened and removes its data; `store` may already be closed. */
  readonly cleanup: () => Promise<void>
}

function assertWrongExpectedRevision(
  error: unknown,
  streamId: string,
  actual: number | 'no_stream',
): error is WrongExpectedRevision {
  assert.ok(error instanceof WrongExpectedRevision, `expected WrongExpectedRevision, got ${String(error)}`)
  assert.equal(error.streamId, streamId)
  assert.equal(error.actual, actual)
  return true
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  assert.fail('expected the append to be rejected')
}

const ids = (events: ReadonlyArray<RecordedEvent | NewEvent>) => events.map((e) => e.metadata.eventId)

function assertStrictlyIncreasing(events: ReadonlyArray<RecordedEvent>): void {
  for (let i = 1; i < events.length; i++) {
    const [a, b] = [events[i - 1] as RecordedEvent, events[i] as RecordedEvent]
    assert.ok(a.position < b.position, `position ${b.position} follows ${a.position}`)
  }
}

export function eventStoreContract(name: string, factory: () => Promise<EventStoreFixture>): void {
  describe(`EventStore contract: ${name}`, function () {
    this.timeout(60_000)
    let fixture: EventStoreFixture
    let store: EventStore
    let opened: EventStore[] = []
    /** headPosition before the test: everything the test writes lies after it. */
    let start: number

    const reopen = async (): Promise<EventStore> => {
      assert.ok(fixture.reopen, 'reopen is not provided')
      const other = await fixture.reopen()
      opened.push(other)
      return other
    }

    beforeEach(async () => {
      fixture = await factory()
      store = fixture.store
      start = await store.headPosition()
    })

    afterEach(async () => {
      for (const s of opened) await s.close()
      opened = []
      await fixture.cleanup()
    })

    describe('appending and reading a stream', () => {
      it('reads back what was appended, in revision order, with positions after the previous head', async () => {
        const s = uniqueStream('order')
        const first = [
          newEvent('WorkOrderOpened', { plate: 'WX 1234A', note: 'zażółć gęślą jaźń', nested: { a: [1, 2.5, null] } }),
        ]
        const second = [newEvent('TyreFitted', { position: 'FL' }), newEvent('TyreFitted', { position: 'FR' })]
        await store.appendToStream(s, first, { expectedRevision: 'no_stream' })
        await store.appendToStream(s, second, { expectedRevision: 0 })
        const read = await collect(store.readStream(s))
        assert.deepEqual(
          read.map((e) => e.revision),
          [0, 1, 2],
        )
        assert.deepEqual(ids(read), ids([...first, ...second]))
        assert.deepEqual(
          read.map((e) => [e.streamId, e.type, e.data]),
          [...first, ...second].map((e) => [s, e.type, e.data]),
        )
        const sent = [...first, ...second]
        for (const [i, e] of read.entries()) {
          const { eventId, correlationId, causationId, actor, occurredAt, schemaVersion } = (sent[i] as NewEvent)
            .metadata
          assert.deepEqual(
            {
              eventId: e.metadata.eventId,
              correlationId: e.metadata.correlationId,
              causationId: e.metadata.causationId,
              actor: e.metadata.actor,
              occurredAt: e.metadata.occurredAt,
              schemaVersion: e.metadata.schemaVersion,
            },
            { eventId, correlationId, causationId, actor, occurredAt, schemaVersion },
          )
          assert.ok(e.position > start)
        }
        assertStrictlyIncreasing(read)
      })

      it('returns the last revision and the position of the last event written', async () => {
        const s = uniqueStream('result')
        const r1 = await store.appendToStream(s, newEvents(3), { expectedRevision: 'no_stream' })
        assert.equal(r1.nextExpectedRevision, 2)
        const r2 = await store.appendToStream(s, newEvents(1), { expectedRevision: r1.nextExpectedRevision })
        assert.equal(r2.nextExpectedRevision, 3)
        const read = await collect(store.readStream(s))
        assert.equal(r1.position, read[2]?.position)
        assert.equal(r2.position, read[3]?.position)
        assert.ok((await store.headPosition()) >= r2.position)
      })

      it('reads backwards, from a revision, and with maxCount', async () => {
        const s = uniqueStream('slices')
        await store.appendToStream(s, newEvents(10), { expectedRevision: 'no_stream' })
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await collect(store.readStream(s, options))).map((e) => e.revision)
        assert.deepEqual(await revisions({ direction: 'backwards' }), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
        assert.deepEqual(await revisions({ fromRevision: 7 }), [7, 8, 9])
        assert.deepEqual(await revisions({ maxCount: 3 }), [0, 1, 2])
        assert.deepEqual(await revisions({ fromRevision: 4, maxCount: 2 }), [4, 5])
        assert.deepEqual(await revisions({ direction: 'backwards', fromRevision: 4 }), [4, 3, 2, 1, 0])
        assert.deepEqual(await revisions({ direction: 'backwards', maxCount: 2 }), [9, 8])
        assert.deepEqual(await revisions({ direction: 'backwards', fromRevision: 5, maxCount: 3 }), [5, 4, 3])
        assert.deepEqual(await revisions({ fromRevision: 10 }), [])
        assert.deepEqual(
          (await collect(store.readStream(s))).map((e) => e.data),
          newEvents(10).map((e) => e.data),
        )
      })

      it('reads a stream that does not exist as empty, forwards and backwards', async () => {
        const s = uniqueStream('missing')
        assert.deepEqual(await collect(store.readStream(s)), [])
        assert.deepEqual(await collect(store.readStream(s, { direction: 'backwards' })), [])
      })
    })

    describe('expected revision', () => {
      it('no_stream: succeeds on a new stream, fails on an existing one with its last revision', async () => {
        const s = uniqueStream('nostream')
        await store.appendToStream(s, newEvents(2), { expectedRevision: 'no_stream' })
        const error = await rejection(store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' }))
        assertWrongExpectedRevision(error, s, 1)
        assert.equal((error as WrongExpectedRevision).expected, 'no_stream')
      })

      it('stream_exists: fails on a new stream (actual no_stream), succeeds on an existing one', async () => {
        const s = uniqueStream('exists')
        const error = await rejection(store.appendToStream(s, newEvents(1), { expectedRevision: 'stream_exists' }))
        assertWrongExpectedRevision(error, s, 'no_stream')
        assert.deepEqual(await collect(store.readStream(s)), [])
        await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
        const r = await store.appendToStream(s, newEvents(1), { expectedRevision: 'stream_exists' })
        assert.equal(r.nextExpectedRevision, 1)
      })

      it('any: appends whether or not the stream exists', async () => {
        const s = uniqueStream('any')
        assert.equal((await store.appendToStream(s, newEvents(2), { expectedRevision: 'any' })).nextExpectedRevision, 1)
        assert.equal((await store.appendToStream(s, newEvents(1), { expectedRevision: 'any' })).nextExpectedRevision, 2)
        assert.equal((await collect(store.readStream(s))).length, 3)
      })

      it('an exact revision: succeeds only when it is the last revision; failures write nothing', async () => {
        const s = uniqueStream('exact')
        const missing = await rejection(store.appendToStream(s, newEvents(1), { expectedRevision: 0 }))
        assertWrongExpectedRevision(missing, s, 'no_stream')
        await store.appendToStream(s, newEvents(3), { expectedRevision: 'no_stream' })
        for (const wrong of [0, 1, 3, 7]) {
          const error = await rejection(store.appendToStream(s, newEvents(2), { expectedRevision: wrong }))
          assertWrongExpectedRevision(error, s, 2)
          assert.equal((error as WrongExpectedRevision).expected, wrong)
        }
        assert.equal((await collect(store.readStream(s))).length, 3)
        assert.equal((await store.appendToStream(s, newEvents(1), { expectedRevision: 2 })).nextExpectedRevision, 3)
      })
    })

    describe('optimistic concurrency', () => {
      it('two writers that read the same revision: exactly one wins, the loser gets the actual revision and writes nothing', async () => {
        const s = uniqueStream('race')
        for (let round = 0; round < 10; round++) {
          const seen = (await collect(store.readStream(s, { direction: 'backwards', maxCount: 1 })))[0]
          const expectedRevision = seen ? seen.revision : 'no_stream'
          const a = newEvents(2, 'WriterA')
          const b = newEvents(3, 'WriterB')
          const outcomes = await Promise.allSettled([
            store.appendToStream(s, a, { expectedRevision }),
            store.appendToStream(s, b, { expectedRevision }),
          ])
          const won = outcomes.filter((o) => o.status === 'fulfilled')
          const lost = outcomes.filter((o) => o.status === 'rejected')
          assert.equal(won.length, 1, `round ${round}: exactly one writer wins`)
          assert.equal(lost.length, 1)
          const winner = outcomes[0]?.status === 'fulfilled' ? a : b
          const loser = winner === a ? b : a
          const result = (won[0] as PromiseFulfilledResult<AppendResult>).value
          assertWrongExpectedRevision((lost[0] as PromiseRejectedResult).reason, s, result.nextExpectedRevision)
          const stream = await collect(store.readStream(s))
          const written = new Set(ids(stream))
          assert.ok(ids(winner).every((id) => written.has(id)))
          assert.ok(
            ids(loser).every((id) => !written.has(id)),
            'nothing of the loser is written',
          )
          assert.deepEqual(
            stream.map((e) => e.revision),
            stream.map((_, i) => i),
          )
        }
      })

      it('many writers retrying on conflict: every batch lands once and revisions have no gaps', async () => {
        const s = uniqueStream('contention')
        const writers = 8
        const batches = Array.from({ length: writers }, (_, w) => newEvents(1 + (w % 3), `Writer${w}`))
        let conflicts = 0
        await Promise.all(
          batches.map(async (batch) => {
            for (;;) {
              const last = (await collect(store.readStream(s, { direction: 'backwards', maxCount: 1 })))[0]
              try {
                return await store.appendToStream(s, batch, { expectedRevision: last ? last.revision : 'no_stream' })
              } catch (error) {
                if (!(error instanceof WrongExpectedRevision)) throw error
                conflicts++
              }
            }
          }),
        )
        const stream = await collect(store.readStream(s))
        assert.deepEqual(
          stream.map((e) => e.revision),
          stream.map((_, i) => i),
        )
        assert.deepEqual(new Set(ids(stream)), new Set(batches.flatMap(ids)))
        assert.equal(stream.length, batches.flat().length)
        assert.ok(conflicts >= 0)
      })
    })

    describe('idempotent retries', () => {
      it('the same event ids with the same expected revision: no duplicates, the same result', async () => {
        const s = uniqueStream('retry')
        await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
        const batch = newEvents(3)
        const first = await store.appendToStream(s, batch, { expectedRevision: 0 })
        const again = await store.appendToStream(s, batch, { expectedRevision: 0 })
        assert.deepEqual(again, first)
        const stream = await collect(store.readStream(s))
        assert.equal(stream.length, 4)
        assert.deepEqual(ids(stream).slice(1), ids(batch))
      })

      it('a retry of the first append (no_stream) after the stream moved on still answers with the original result', async () => {
        const s = uniqueStream('retrylate')
        const batch = newEvents(2)
        const first = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' })
        await store.appendToStream(s, newEvents(2), { expectedRevision: 1 })
        const again = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' })
        assert.deepEqual(again, first)
        assert.equal((await collect(store.readStream(s))).length, 4)
      })

      it('concurrent duplicates of one append write it once', async () => {
        const s = uniqueStream('dupes')
        const batch = newEvents(2)
        const results = await Promise.allSettled(
          Array.from({ length: 4 }, () => store.appendToStream(s, batch, { expectedRevision: 'no_stream' })),
        )
        const values = results.map((r) => {
          assert.equal(r.status, 'fulfilled', 'a retry is not a conflict')
          return (r as PromiseFulfilledResult<AppendResult>).value
        })
        for (const v of values) assert.deepEqual(v, values[0])
        assert.deepEqual(ids(await collect(store.readStream(s))), ids(batch))
      })

      it('a partial overlap with an earlier append is a conflict and writes nothing', async () => {
        const s = uniqueStream('overlap')
        const [a, b] = newEvents(2)
        await store.appendToStream(s, [a as NewEvent, b as NewEvent], { expectedRevision: 'no_stream' })
        const fresh = newEvent()
        const error = await rejection(store.appendToStream(s, [b as NewEvent, fresh], { expectedRevision: 0 }))
        assertWrongExpectedRevision(error, s, 1)
        const reordered = await rejection(
          store.appendToStream(s, [b as NewEvent, a as NewEvent], { expectedRevision: 'no_stream' }),
        )
        assertWrongExpectedRevision(reordered, s, 1)
        assert.deepEqual(ids(await collect(store.readStream(s))), ids([a as NewEvent, b as NewEvent]))
      })
    })

    describe('global order (readAll)', () => {
      it('concurrent appends to several streams: positions strictly increase, streams stay in revision order', async () => {
        const streams = Array.from({ length: 5 }, () => uniqueStream('global'))
        const appended: NewEvent[] = []
        await Promise.all(
          streams.map(async (s, i) => {
            let expectedRevision: number | 'no_stream' = 'no_stream'
            for (let round = 0; round < 6; round++) {
              const batch = newEvents(1 + ((i + round) % 3), `Round${round}`)
              appended.push(...batch)
              expectedRevision = (await store.appendToStream(s, batch, { expectedRevision })).nextExpectedRevision
              if (round % 2 === 0) await sleep(0)
            }
          }),
        )
        const all = await readAllOf(store, streams, start)
        assertStrictlyIncreasing(all)
        assert.equal(all.length, appended.length)
        assert.deepEqual(new Set(ids(all)), new Set(ids(appended)))
        for (const s of streams) {
          const inLog = all.filter((e) => e.streamId === s)
          assert.deepEqual(
            inLog.map((e) => e.revision),
            inLog.map((_, i) => i),
          )
          assert.deepEqual(inLog, await collect(store.readStream(s)))
        }
      })

      it('fromPosition is exclusive and maxCount limits the read', async () => {
        const s = uniqueStream('window')
        await store.appendToStream(s, newEvents(6), { expectedRevision: 'no_stream' })
        const mine = await collect(store.readStream(s))
        const third = mine[2] as RecordedEvent
        const after = (await collect(store.readAll({ fromPosition: third.position }))).filter((e) => e.streamId === s)
        assert.deepEqual(ids(after), ids(mine.slice(3)))
        const two = await collect(store.readAll({ fromPosition: third.position, maxCount: 2 }))
        assert.equal(two.length, 2)
        assert.ok(two.every((e) => e.position > third.position))
        assertStrictlyIncreasing(two)
      })
    })

    describe('subscribeToAll', () => {
      it('catches up, then goes live: every event exactly once, in global order', async () => {
        const streams = [uniqueStream('sub'), uniqueStream('sub')]
        const ours = new Set(streams)
        const revisions = new Map<string, number | 'no_stream'>(streams.map((s) => [s, 'no_stream']))
        const append = async (s: string, n: number) => {
          const r = await store.appendToStream(s, newEvents(n), { expectedRevision: revisions.get(s) ?? 'no_stream' })
          revisions.set(s, r.nextExpectedRevision)
        }
        for (let i = 0; i < 10; i++) await append(streams[i % 2] as string, 1 + (i % 3))
        const caughtUpCount = (await readAllOf(store, streams, start)).length
        let liveAppends = 0
        // Live appends use 'any': some run concurrently on one stream, and this test is about
        // delivery, not conflicts. Delayed ones are awaited below so a failure fails the test.
        const delayed: Promise<unknown>[] = []
        const appendLive = (s: string) => store.appendToStream(s, newEvents(2), { expectedRevision: 'any' })
        const taken = await takeFromSubscription(store, {
          fromPosition: start,
          count: caughtUpCount + 20,
          accept: (e) => ours.has(e.streamId),
          settleMs: 200,
          // Appends while the subscription is consuming, some of them while it waits live.
          onEvent: async (_e, n) => {
            if (n >= caughtUpCount - 2 && liveAppends < 10) {
              liveAppends++
              const s = streams[liveAppends % 2] as string
              if (liveAppends % 3 === 0) delayed.push(sleep(5).then(() => appendLive(s)))
              else await appendLive(s)
            }
          },
        })
        await Promise.all(delayed)
        const log = await readAllOf(store, streams, start)
        assert.equal(log.length, caughtUpCount + 20)
        assert.deepEqual(ids(taken), ids(log), 'the subscription sees the log, in order, once')
        assertStrictlyIncreasing(taken)
      })

      it('delivers appends made after it started waiting', async () => {
        const s = uniqueStream('live')
        const pending = takeFromSubscription(store, {
          fromPosition: start,
          count: 3,
          accept: (e) => e.streamId === s,
          settleMs: 100,
        })
        await sleep(100)
        await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
        await sleep(30)
        await store.appendToStream(s, newEvents(2), { expectedRevision: 0 })
        const taken = await pending
        assert.deepEqual(
          taken.map((e) => e.revision),
          [0, 1, 2],
        )
      })

      it('resumes from a checkpoint after stopping: the rest exactly once (across a restart where the store persists)', async () => {
        const s = uniqueStream('resume')
        await store.appendToStream(s, newEvents(20), { expectedRevision: 'no_stream' })
        const k = 7
        const firstPart = await takeFromSubscription(store, {
          fromPosition: start,
          count: k,
          accept: (e) => e.streamId === s,
        })
        const checkpoint = (firstPart.at(-1) as RecordedEvent).position
        await store.appendToStream(s, newEvents(10, 'AfterStop', 20), { expectedRevision: 19 })
        let resumed = store
        if (fixture.reopen) {
          await store.close()
          resumed = await reopen()
        }
        const rest = await takeFromSubscription(resumed, {
          fromPosition: checkpoint,
          count: 30 - k,
          accept: (e) => e.streamId === s,
          settleMs: 150,
        })
        assert.deepEqual(
          [...firstPart, ...rest].map((e) => e.revision),
          Array.from({ length: 30 }, (_, i) => i),
        )
        assert.deepEqual(ids([...firstPart, ...rest]), ids(await collect(resumed.readStream(s))))
      })

      it('sees appends made through another store instance over the same data', async function () {
        if (!fixture.reopen) return this.skip()
        const other = await reopen()
        const s = uniqueStream('cross')
        const pending = takeFromSubscription(store, {
          fromPosition: start,
          count: 4,
          accept: (e) => e.streamId === s,
          settleMs: 200,
        })
        await sleep(50)
        await other.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
        await sleep(20)
        await other.appendToStream(s, newEvents(3), { expectedRevision: 0 })
        const taken = await pending
        assert.deepEqual(
          taken.map((e) => e.revision),
          [0, 1, 2, 3],
        )
      })

      it('ends cleanly when its AbortSignal fires while waiting live', async () => {
        const controller = new AbortController()
        const iterator = store
          .subscribeToAll({ fromPosition: await store.headPosition(), signal: controller.signal })
          [Symbol.asyncIterator]()
        const pending = iterator.next()
        await sleep(50)
        controller.abort()
        const next = await within(pending, 2_000)
        assert.ok(!timedOut(next), 'a subscription waiting live ends within 2 s of its AbortSignal firing')
        assert.ok(next.done || next.value.position > start)
        await endSubscription(controller, iterator)
      })
    })

    describe('hash chain', () => {
      it('chains each stream from the genesis hash so that verifyChain accepts it', async () => {
        const s = uniqueStream('chain')
        await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
        await store.appendToStream(s, newEvents(4, 'Batch'), { expectedRevision: 0 })
        await store.appendToStream(s, [newEvent('Unicode', { text: 'ąćęłńóśźż ăâîșț Привет', n: -0.5 })], {
          expectedRevision: 4,
        })
        const stream = await collect(store.readStream(s))
        assert.equal(stream[0]?.metadata.prevHash, GENESIS_HASH)
        for (let i = 1; i < stream.length; i++) assert.equal(stream[i]?.metadata.prevHash, stream[i - 1]?.metadata.hash)
        const verdict = await verifyChain(store.readStream(s))
        assert.deepEqual(verdict, { ok: true, events: 6, lastHash: stream.at(-1)?.metadata.hash })
      })

      it('keeps separate chains per stream', async () => {
        const [a, b] = [uniqueStream('chainA'), uniqueStream('chainB')]
        await Promise.all([
          store.appendToStream(a, newEvents(3), { expectedRevision: 'no_stream' }),
          store.appendToStream(b, newEvents(2), { expectedRevision: 'no_stream' }),
        ])
        assert.equal((await verifyChain(store.readStream(a))).ok, true)
        assert.equal((await verifyChain(store.readStream(b))).ok, true)
        assert.equal((await collect(store.readStream(b)))[0]?.metadata.prevHash, GENESIS_HASH)
      })
    })

    describe('large streams', () => {
      it('10,000 events in one stream read back complete and in order', async function () {
        // The EventStoreDB adapter reads the stream on every append (hash chain, retry detection):
        // on a loaded machine with coverage on, this takes minutes there, seconds elsewhere.
        this.timeout(300_000)
        const s = uniqueStream('large')
        const total = 10_000
        let expectedRevision: number | 'no_stream' = 'no_stream'
        for (let from = 0; from < total; from += 500)
          expectedRevision = (await store.appendToStream(s, newEvents(500, 'Measured', from), { expectedRevision }))
            .nextExpectedRevision
        let n = 0
        for await (const e of store.readStream(s)) {
          assert.equal(e.revision, n)
          assert.deepEqual(e.data, { n })
          n++
        }
        assert.equal(n, total)
        let back = total - 1
        for await (const e of store.readStream(s, { direction: 'backwards' })) assert.equal(e.revision, back--)
        assert.equal(back, -1)
        assert.deepEqual(
          (await collect(store.readStream(s, { fromRevision: 9_997 }))).map((e) => e.revision),
          [9_997, 9_998, 9_999],
        )
        assert.equal((await verifyChain(store.readStream(s))).events, total)
      })
    })

    describe('invalid input', () => {
      const invalid = async (streamId: string, events: ReadonlyArray<NewEvent>) => {
        const error = await rejection(store.appendToStream(streamId, events, { expectedRevision: 'any' }))
        assert.ok(error instanceof InvalidAppend, `expected InvalidAppend, got ${String(error)}`)
      }

      it('rejects an empty batch, a bad stream id, a missing or duplicated eventId, and writes nothing', async () => {
        const s = uniqueStream('invalid')
        await invalid(s, [])
        await invalid('', newEvents(1))
        await invalid('has spaces in it', newEvents(1))
        await invalid(`-${s}`, newEvents(1))
        const withoutId = { type: 'NoId', data: {}, metadata: { ...newEvent().metadata, eventId: undefined } }
        await invalid(s, [newEvent(), withoutId as unknown as NewEvent])
        await invalid(s, [newEvent(), { ...newEvent(), metadata: { ...newEvent().metadata, eventId: 'not-a-uuid' } }])
        const twice = newEvent()
        await invalid(s, [
          twice,
          { ...newEvent(), metadata: { ...newEvent().metadata, eventId: twice.metadata.eventId } },
        ])
        await invalid(s, [newEvent(), { ...newEvent(), type: '' }])
        await invalid(s, [{ ...newEvent(), data: undefined }])
        assert.deepEqual(await collect(store.readStream(s)), [])
        const written = (await collect(store.readAll({ fromPosition: start }))).filter(
          (e) => e.streamId === s || e.streamId.includes(s),
        )
        assert.deepEqual(written, [])
      })

      it('rejects metadata the audit trail could not rely on, and writes nothing', async () => {
        const s = uniqueStream('badmeta')
        const withMetadata = (patch: object) =>
          ({ ...newEvent(), metadata: { ...newEvent().metadata, ...patch } }) as unknown as NewEvent
        await invalid(s, [newEvent(), withMetadata({ actor: { id: 'u1', role: 'admin' } })])
        await invalid(s, [withMetadata({ actor: { id: '', role: 'customer' } })])
        await invalid(s, [withMetadata({ occurredAt: '2026-11-26 07:30' })])
        await invalid(s, [withMetadata({ occurredAt: '2026-11-26T07:30:00+01:00' })])
        await invalid(s, [withMetadata({ schemaVersion: 0 })])
        await invalid(s, [withMetadata({ correlationId: '' })])
        await invalid(s, [withMetadata({ causationId: 7 })])
        assert.deepEqual(await collect(store.readStream(s)), [])
      })

      it('stores JSON only: undefined properties are dropped, values JSON cannot hold are refused', async () => {
        const s = uniqueStream('jsononly')
        await store.appendToStream(s, [{ ...newEvent(), type: 'Kept', data: { a: 1, missing: undefined } }], {
          expectedRevision: 'no_stream',
        })
        const [stored] = await collect(store.readStream(s))
        assert.deepEqual(stored?.data, { a: 1 })
        assert.equal((await verifyChain(store.readStream(s))).ok, true)
        await invalid(s, [{ ...newEvent(), data: { at: new Date('2025-03-01T10:00:00.000Z') } }])
        await invalid(s, [{ ...newEvent(), data: { list: [1, undefined] } }])
        await invalid(s, [{ ...newEvent(), data: { n: Number.NaN } }])
        assert.equal((await collect(store.readStream(s))).length, 1)
      })

      it('refuses data canonical JSON cannot hash (a lone surrogate) in a later event, writing none of the batch', async () => {
        const s = uniqueStream('surrogate')
        await invalid(s, [newEvent(), { ...newEvent(), data: { text: 'ab\ud800' } }])
        assert.deepEqual(await collect(store.readStream(s)), [])
        const after = (await collect(store.readAll({ fromPosition: start }))).filter((e) => e.streamId === s)
        assert.deepEqual(after, [])
      })

      it('an invalid append leaves the stream as it was', async () => {
        const s = uniqueStream('invalidafter')
        await store.appendToStream(s, newEvents(2), { expectedRevision: 'no_stream' })
        await invalid(s, [
          newEvent(),
          { ...newEvent(), metadata: { ...newEvent().metadata, eventId: randomUUID().slice(1) } },
        ])
        assert.equal((await collect(store.readStream(s))).length, 2)
        assert.equal((await store.appendToStream(s, newEvents(1), { expectedRevision: 1 })).nextExpectedRevision, 2)
      })
    })
  })
}
