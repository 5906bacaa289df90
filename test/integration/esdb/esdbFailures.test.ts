// The EventStoreDB adapter when the node or the network fails, through the real client over real
// sockets against the stand-in (test/support/esdbStandIn), which can refuse connections, reset
// them at a chosen moment of an append, time out, or never answer.
//
// What every case must show: the adapter reports a typed, retryable EventStoreUnavailable (never
// hangs, never leaks the client's own error classes or a bare gRPC status); the batch is in the
// stream whole or not at all; and a retry with the same event ids lands exactly once, answering
// with the original outcome when the first attempt had in fact been written.
import assert from 'node:assert/strict'
import net from 'node:net'
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client'
import { verifyChain } from '../../../application/eventLog/hashChain.js'
import type { NewEvent, RecordedEvent } from '../../../application/ports/eventStore.js'
import { EsdbEventStore, EventStoreUnavailable } from '../../../infrastructure/event-store/esdb/esdbEventStore.js'
import { asUnavailable } from '../../../infrastructure/event-store/esdb/unavailable.js'
import {
  collect,
  newEvents,
  sleep,
  takeFromSubscription,
  uniqueStream,
} from '../../contract/eventStore/eventFixtures.js'
import { EsdbStandIn } from '../../support/esdbStandIn/esdbStandIn.js'
import type { AppendFault } from '../../support/esdbStandIn/faults.js'

/** Short, so a node that never answers costs the suite little; the default is 10 s. */
const TIMEOUT_MS = 400
const FAST_RESUBSCRIBE = { maxConsecutiveDrops: 8, firstDelayMs: 20, maxDelayMs: 200 }

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  return assert.fail('expected a rejection')
}

function assertUnavailable(error: unknown, reason: EventStoreUnavailable['reason'], operation?: string): void {
  assert.ok(error instanceof EventStoreUnavailable, `expected EventStoreUnavailable, got ${String(error)}`)
  assert.equal(error.retryable, true)
  assert.equal(error.code, 'EVENT_STORE_UNAVAILABLE')
  assert.equal(error.reason, reason, error.message)
  if (operation) assert.equal(error.operation, operation)
}

const ids = (events: ReadonlyArray<RecordedEvent | NewEvent>) => events.map((e) => e.metadata.eventId)

/** Fails when `promise` takes longer than `ms`: "reports an error" includes "promptly". */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const started = Date.now()
  const value = await promise
  assert.ok(Date.now() - started < ms, `${what} took ${Date.now() - started} ms (limit ${ms})`)
  return value
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const APPEND_FAULTS: ReadonlyArray<{
  readonly fault: AppendFault
  readonly written: boolean
  readonly reason: EventStoreUnavailable['reason']
  readonly what: string
}> = [
  {
    fault: { kind: 'drop', at: 'before-write' },
    written: false,
    reason: 'unavailable',
    what: 'connection reset mid-request',
  },
  {
    fault: { kind: 'drop', at: 'after-write' },
    written: true,
    reason: 'unavailable',
    what: 'connection reset after the write',
  },
  {
    fault: { kind: 'timeout', at: 'before-write' },
    written: false,
    reason: 'timeout',
    what: 'server commit timeout, nothing written',
  },
  {
    fault: { kind: 'timeout', at: 'after-write' },
    written: true,
    reason: 'timeout',
    what: 'server commit timeout after writing',
  },
  {
    fault: { kind: 'hang', at: 'before-write' },
    written: false,
    reason: 'timeout',
    what: 'no answer, nothing written',
  },
  { fault: { kind: 'hang', at: 'after-write' }, written: true, reason: 'timeout', what: 'no answer after writing' },
  { fault: { kind: 'unavailable' }, written: false, reason: 'unavailable', what: 'server not ready' },
]

for (const batchAppend of [true, false]) {
  const rpc = batchAppend ? 'BatchAppend' : 'Append'

  describe(`EventStoreDB adapter failures over ${rpc} (stand-in)`, function () {
    this.timeout(20_000)
    let node: EsdbStandIn
    let store: EsdbEventStore

    before(async () => {
      node = await EsdbStandIn.start({ batchAppend })
    })

    beforeEach(() => {
      node.faults.clear()
      store = new EsdbEventStore(node.url, { timeoutMs: TIMEOUT_MS, resubscribe: FAST_RESUBSCRIBE })
    })

    afterEach(async () => {
      await store.close()
      await node.comeBack()
    })

    after(async () => {
      await node?.stop()
    })

    for (const { fault, written, reason, what } of APPEND_FAULTS) {
      it(`${what}: EventStoreUnavailable (${reason}), the batch ${written ? 'whole' : 'absent'}, a retry lands once`, async () => {
        const s = uniqueStream('fault')
        const before = newEvents(2, 'Before')
        await store.appendToStream(s, before, { expectedRevision: 'no_stream' })
        const batch = newEvents(3, 'Batch')
        node.faults.onNextAppend(fault)

        const error = await within(
          rejection(store.appendToStream(s, batch, { expectedRevision: 1 })),
          TIMEOUT_MS + 1_500,
          'the failed append',
        )
        assertUnavailable(error, reason, 'append')
        assert.equal(node.faults.pending, 0, 'the fault was met')

        const stream = await collect(store.readStream(s))
        const landed = ids(stream).filter((id) => ids(batch).includes(id))
        assert.deepEqual(landed, written ? ids(batch) : [], 'the batch is in the stream whole or not at all')
        assert.equal(stream.length, written ? 5 : 2)

        const retried = await store.appendToStream(s, batch, { expectedRevision: 1 })
        assert.equal(retried.nextExpectedRevision, 4)
        const final = await collect(store.readStream(s))
        assert.deepEqual(ids(final), [...ids(before), ...ids(batch)], 'the retry landed exactly once')
        if (written) assert.equal(retried.position, stream[4]?.position, 'the retry answers with the original write')
        assert.equal((await verifyChain(store.readStream(s))).ok, true)
      })
    }

    it('a connection reset mid-way through a multi-megabyte append still writes all or nothing', async () => {
      // Over BatchAppend the client splits batches over ~3 MiB into several messages of one
      // correlation and the node writes on the final one; over Append every event is a message and
      // the node writes when the request ends. 1.2 MB per event keeps each message under gRPC's 4 MiB.
      const big = await EsdbStandIn.start({ batchAppend, maxAppendSize: 16 * 1_048_576 })
      const bigStore = new EsdbEventStore(big.url, { timeoutMs: 5_000 })
      try {
        const s = uniqueStream('big')
        const payload = 'x'.repeat(1_200_000)
        const batch = newEvents(4, 'Big').map((e, i) => ({ ...e, data: { i, payload } }))
        big.faults.onNextAppend({ kind: 'drop', at: 'before-write' })
        assertUnavailable(
          await rejection(bigStore.appendToStream(s, batch, { expectedRevision: 'no_stream' })),
          'unavailable',
        )
        assert.deepEqual(await collect(bigStore.readStream(s)), [])
        const messagesBefore = big.calls.batchMessages
        const r = await bigStore.appendToStream(s, batch, { expectedRevision: 'no_stream' })
        assert.equal(r.nextExpectedRevision, 3)
        assert.equal((await collect(bigStore.readStream(s))).length, 4)
        if (batchAppend) assert.ok(big.calls.batchMessages - messagesBefore >= 2, 'one batch, several messages')
      } finally {
        await bigStore.close()
        await big.stop()
      }
    })

    it('a read that gets no answer fails with EventStoreUnavailable (timeout) instead of waiting forever', async () => {
      const s = uniqueStream('stuckread')
      await store.appendToStream(s, newEvents(2), { expectedRevision: 'no_stream' })
      node.faults.onNextRead({ kind: 'hang', target: 'stream' })
      const error = await within(rejection(collect(store.readStream(s))), TIMEOUT_MS + 1_000, 'the stuck read')
      assertUnavailable(error, 'timeout', 'read')
      node.faults.onNextRead({ kind: 'hang', target: 'all' })
      assertUnavailable(await rejection(store.headPosition()), 'timeout', 'read')
      // The read an append starts with: nothing is written when it fails.
      node.faults.onNextRead({ kind: 'hang', target: 'stream' })
      assertUnavailable(
        await rejection(store.appendToStream(s, newEvents(1), { expectedRevision: 1 })),
        'timeout',
        'append',
      )
      assert.equal((await collect(store.readStream(s))).length, 2)
    })

    it('connection refused: every operation fails fast with EventStoreUnavailable; the same store recovers when the node is back', async () => {
      const s = uniqueStream('refused')
      await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
      await node.goAway()
      const batch = newEvents(2)
      for (const [what, attempt] of [
        ['append', () => store.appendToStream(s, batch, { expectedRevision: 0 })],
        ['readStream', () => collect(store.readStream(s))],
        ['readAll', () => collect(store.readAll({ maxCount: 1 }))],
        ['headPosition', () => store.headPosition()],
      ] as const) {
        const error = await within(rejection(attempt()), 2_000, what)
        assertUnavailable(error, 'unavailable')
      }
      await node.comeBack()
      // The client reconnects on the next call after a failure; give it a few tries.
      let result: Awaited<ReturnType<EsdbEventStore['appendToStream']>> | undefined
      for (let attempt = 0; attempt < 20 && !result; attempt++) {
        try {
          result = await store.appendToStream(s, batch, { expectedRevision: 0 })
        } catch (error) {
          assertUnavailable(error, 'unavailable')
          await sleep(50)
        }
      }
      assert.equal(result?.nextExpectedRevision, 2)
      assert.deepEqual(ids((await collect(store.readStream(s))).slice(1)), ids(batch))
    })

    it('a live subscription survives a reset connection: re-subscribes from its own checkpoint, nothing lost, nothing twice', async () => {
      const s = uniqueStream('subdrop')
      const start = await store.headPosition()
      const subscriptionsBefore = node.calls.subscriptions
      await store.appendToStream(s, newEvents(5), { expectedRevision: 'no_stream' })
      const writer = new EsdbEventStore(node.url, { timeoutMs: TIMEOUT_MS })
      try {
        const taken = await takeFromSubscription(store, {
          fromPosition: start,
          count: 15,
          accept: (e) => e.streamId === s,
          settleMs: 150,
          onEvent: async (_e, n) => {
            if (n === 3) node.dropConnections()
            if (n === 5) await writer.appendToStream(s, newEvents(5, 'AfterDrop', 5), { expectedRevision: 4 })
            if (n === 8) {
              // The node goes away for a while (restart) and comes back with the same log.
              await node.goAway()
              setTimeout(() => void node.comeBack(), 150)
            }
            if (n === 10)
              await retryWhileUnavailable(() =>
                writer.appendToStream(s, newEvents(5, 'AfterRestart', 10), { expectedRevision: 9 }),
              )
          },
        })
        assert.deepEqual(
          taken.map((e) => e.revision),
          Array.from({ length: 15 }, (_, i) => i),
        )
        assert.ok(node.calls.subscriptions - subscriptionsBefore >= 3, 'subscribed, then again after each outage')
      } finally {
        await writer.close()
      }
    })
  })
}

async function retryWhileUnavailable<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof EventStoreUnavailable) || i >= 40) throw error
      await sleep(50)
    }
  }
}

describe('EventStoreDB connection failures as the client raises them', () => {
  it('a refused first call surfaces from the client as a bare gRPC status, which the adapter maps too', async () => {
    // The client's very first call on a connection asks the node for its features and passes a
    // failure through unconverted; the adapter's append only meets it when the node goes away
    // between its read and its write, so it is shown here on the client itself.
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${await closedPort()}?tls=false`)
    try {
      const raw = await rejection(client.appendToStream('s', jsonEvent({ type: 'T', data: {} })))
      assert.equal((raw as { code?: unknown }).code, 14)
      assert.equal((raw as Error).constructor, Error, 'not one of the client error classes')
      assertUnavailable(asUnavailable(raw, 'append'), 'unavailable', 'append')
    } finally {
      await client.dispose()
    }
  })

  it('a store pointed at a port nobody listens on reports EventStoreUnavailable, not a hang', async () => {
    const store = new EsdbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false`, { timeoutMs: TIMEOUT_MS })
    try {
      const error = await within(
        rejection(store.appendToStream(uniqueStream('nobody'), newEvents(1), { expectedRevision: 'no_stream' })),
        2_000,
        'append to a closed port',
      )
      assertUnavailable(error, 'unavailable', 'append')
      assertUnavailable(await rejection(collect(store.readAll())), 'unavailable', 'read')
    } finally {
      await store.close()
    }
  })
})
