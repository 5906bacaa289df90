// Property: however concurrent appends interleave (random streams, batch sizes, expected
// revisions from a possibly stale read, retries of earlier appends, random scheduling delays
// that move appends between SQLite group commits), the log stays consistent:
// per-stream revisions 0..n-1 without gaps, global positions strictly increasing, and every
// successful append's events present exactly once where its result says; nothing of a failed one.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { verifyChain } from '../../application/eventLog/hashChain.js'
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedRevision,
} from '../../application/ports/eventStore.js'
import { MemoryEventStore } from '../../infrastructure/event-store/memory/memoryEventStore.js'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { collect, newEvents, uniqueStream } from '../contract/eventStore/eventFixtures.js'

const STREAMS = 3

type Expectation = 'stale' | 'staleMinusOne' | 'stalePlusOne' | 'any' | 'no_stream' | 'stream_exists'

interface Op {
  readonly stream: number
  readonly size: number
  readonly expect: Expectation
  /** 0: call at once, 1: after a microtask, 2/3: after that many event-loop turns. */
  readonly delay: 0 | 1 | 2 | 3
  /** When set, re-send the batch of an earlier successful append (a client retry) instead. */
  readonly retry: boolean
  /** Which of the store instances appends (several instances = several connections to one file). */
  readonly writer: number
}

const opArb: fc.Arbitrary<Op> = fc.record({
  stream: fc.integer({ min: 0, max: STREAMS - 1 }),
  size: fc.integer({ min: 1, max: 4 }),
  expect: fc.constantFrom<Expectation>(
    'stale',
    'stale',
    'staleMinusOne',
    'stalePlusOne',
    'any',
    'no_stream',
    'stream_exists',
  ),
  delay: fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
  retry: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  writer: fc.integer({ min: 0, max: 1 }),
})

const roundsArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 })

interface Success {
  readonly streamId: string
  readonly events: ReadonlyArray<NewEvent>
  readonly expectedRevision: ExpectedRevision
  readonly result: AppendResult
}

async function pause(delay: Op['delay']): Promise<void> {
  if (delay === 1) await Promise.resolve()
  for (let i = 1; i < delay; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

async function lastRevision(store: EventStore, streamId: string): Promise<number | 'no_stream'> {
  const [last] = await collect(store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
  return last ? last.revision : 'no_stream'
}

function expectation(kind: Expectation, seen: number | 'no_stream'): ExpectedRevision {
  const at = seen === 'no_stream' ? -1 : seen
  switch (kind) {
    case 'stale':
      return seen
    case 'staleMinusOne':
      return at - 1 < 0 ? 'no_stream' : at - 1
    case 'stalePlusOne':
      return at + 1
    default:
      return kind
  }
}

/** `writers` all see one log: one store, or several connections to one SQLite file. */
async function runInterleaving(
  writers: ReadonlyArray<EventStore>,
  rounds: ReadonlyArray<ReadonlyArray<Op>>,
): Promise<void> {
  const store = writers[0] as EventStore
  const start = await store.headPosition()
  const streams = Array.from({ length: STREAMS }, () => uniqueStream('prop'))
  const successes: Success[] = []
  for (const ops of rounds) {
    // The read every writer of this round decides on; other writers of the round make it stale.
    const seen = await Promise.all(streams.map((s) => lastRevision(store, s)))
    await Promise.all(
      ops.map(async (op) => {
        const earlier = op.retry ? successes[op.size % Math.max(1, successes.length)] : undefined
        await pause(op.delay)
        if (earlier) {
          const again = await (writers[op.writer % writers.length] as EventStore).appendToStream(
            earlier.streamId,
            earlier.events,
            {
              expectedRevision: earlier.expectedRevision,
            },
          )
          assert.deepEqual(again, earlier.result, 'a retry answers with the original result')
          return
        }
        const streamId = streams[op.stream] as string
        const events = newEvents(op.size, `Op${op.stream}`)
        const expectedRevision = expectation(op.expect, seen[op.stream] as number | 'no_stream')
        try {
          const writer = writers[op.writer % writers.length] as EventStore
          const result = await writer.appendToStream(streamId, events, { expectedRevision })
          successes.push({ streamId, events, expectedRevision, result })
        } catch (error) {
          if (!(error instanceof WrongExpectedRevision)) throw error
          assert.equal(error.streamId, streamId)
          assert.notEqual(expectedRevision, 'any', 'any never conflicts')
        }
      }),
    )
  }

  const ours = new Set(streams)
  const log = (await collect(store.readAll({ fromPosition: start }))).filter((e) => ours.has(e.streamId))
  for (let i = 1; i < log.length; i++)
    assert.ok((log[i - 1] as RecordedEvent).position < (log[i] as RecordedEvent).position, 'positions increase')

  const written = successes.flatMap((s) => s.events.map((e) => e.metadata.eventId))
  const inLog = log.map((e) => e.metadata.eventId)
  assert.equal(new Set(inLog).size, inLog.length, 'no event twice')
  assert.deepEqual(new Set(inLog), new Set(written), 'exactly the successful appends are in the log')

  for (const s of streams) {
    const stream = await collect(store.readStream(s))
    assert.deepEqual(
      stream.map((e) => e.revision),
      stream.map((_, i) => i),
      'revisions without gaps',
    )
    assert.deepEqual(
      stream,
      log.filter((e) => e.streamId === s),
      'the stream reads as its part of the log',
    )
    assert.equal((await verifyChain(stream)).ok, true)
  }

  for (const { streamId, events, expectedRevision, result } of successes) {
    const first = result.nextExpectedRevision - events.length + 1
    // The expectation held at the moment of writing: the batch follows the revision it expected.
    if (typeof expectedRevision === 'number')
      assert.equal(first, expectedRevision + 1, 'written after the expected revision')
    if (expectedRevision === 'no_stream') assert.equal(first, 0, 'no_stream wrote the first events')
    if (expectedRevision === 'stream_exists') assert.ok(first > 0, 'stream_exists wrote after existing events')
    const at = await collect(store.readStream(streamId, { fromRevision: first, maxCount: events.length }))
    assert.deepEqual(
      at.map((e) => e.metadata.eventId),
      events.map((e) => e.metadata.eventId),
      'the batch sits where its result says, in order',
    )
    assert.equal(at.at(-1)?.position, result.position)
  }
}

describe('EventStore property: concurrent append interleavings keep the log consistent', function () {
  this.timeout(120_000)

  it('memory', async () => {
    await fc.assert(
      fc.asyncProperty(roundsArb, async (rounds) => {
        const store = new MemoryEventStore()
        await runInterleaving([store], rounds)
        await store.close()
      }),
      { numRuns: 100 },
    )
  })

  it('sqlite (group commit, synchronous=FULL), two connections to one file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eventstore-property-'))
    let n = 0
    try {
      await fc.assert(
        fc.asyncProperty(roundsArb, async (rounds) => {
          const file = path.join(dir, `run-${n++}.db`)
          const writers = [new SqliteEventStore(file, { pageSize: 5 }), new SqliteEventStore(file, { pageSize: 5 })]
          try {
            await runInterleaving(writers, rounds)
          } finally {
            for (const w of writers) await w.close()
          }
        }),
        { numRuns: 60 },
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
