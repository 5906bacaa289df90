// The adapter's own logic (rules, hash chain, retries, exclusivity, system-event filtering,
// subscriptions) driven against FakeEsdbClient, a model of the server. The same contract suite
// runs against a real node in test/contract/eventStore.esdb.test.ts when EVENTSTORE_URL is set.
import assert from 'node:assert/strict'
import { UnavailableError } from '@eventstore/db-client'
import { WrongExpectedRevision } from '../../../application/ports/eventStore.js'
import type { EsdbClient } from '../../../infrastructure/event-store/esdb/esdbClient.js'
import { EsdbEventStore } from '../../../infrastructure/event-store/esdb/esdbEventStore.js'
import { MalformedStoredEvent } from '../../../infrastructure/event-store/esdb/eventSerialisation.js'
import {
  collect,
  newEvents,
  sleep,
  takeFromSubscription,
  uniqueStream,
} from '../../contract/eventStore/eventFixtures.js'
import { eventStoreContract } from '../../contract/eventStore/eventStoreContract.js'
import { FakeEsdbClient, type FakeEsdbOptions } from './fakeEsdbClient.js'

/** A connection to the shared fake node; disposing it leaves the node (and other connections) up. */
function connection(node: FakeEsdbClient): EsdbClient {
  return {
    appendToStream: (...args) => node.appendToStream(...args),
    readStream: (...args) => node.readStream(...args),
    readAll: (...args) => node.readAll(...args),
    subscribeToAll: (...args) => node.subscribeToAll(...args),
    dispose: async () => {},
  }
}

const fastResubscribe = { maxConsecutiveDrops: 3, firstDelayMs: 5, maxDelayMs: 20 }

function fixture(options: FakeEsdbOptions) {
  return async () => {
    const node = new FakeEsdbClient(options)
    const store = new EsdbEventStore(connection(node))
    return {
      store,
      reopen: async () => new EsdbEventStore(connection(node)),
      cleanup: () => store.close(),
    }
  }
}

describe('EsdbEventStore against a model of the server', () => {
  eventStoreContract('esdb adapter over FakeEsdbClient', fixture({ systemEventEvery: 3 }))

  describe('adapter specifics', () => {
    let node: FakeEsdbClient
    let store: EsdbEventStore

    beforeEach(() => {
      node = new FakeEsdbClient({ systemEventEvery: 2 })
      store = new EsdbEventStore(node, { resubscribe: fastResubscribe })
    })

    afterEach(() => store.close())

    it('never shows system events, and the head is the last application event', async () => {
      const s = uniqueStream('sys')
      const r = await store.appendToStream(s, newEvents(2), { expectedRevision: 'no_stream' })
      await store.appendToStream(s, newEvents(1), { expectedRevision: 1 })
      const last = node.log.at(-1)
      assert.ok(last?.streamId.startsWith('$'), 'the fake wrote a system event last')
      const all = await collect(store.readAll())
      assert.deepEqual(
        all.map((e) => e.streamId),
        [s, s, s],
      )
      assert.equal(await store.headPosition(), all.at(-1)?.position)
      assert.ok(r.position < (all.at(-1)?.position ?? 0))
    })

    it('an append reads only what was written since its previous append to the stream, not the whole stream', async () => {
      const s = uniqueStream('cache')
      let eventsRead = 0
      const counting: EsdbClient = {
        ...connection(node),
        readStream: (name, options) => {
          const read = node.readStream(name, options)
          return Object.assign(
            (async function* () {
              for await (const e of read) {
                eventsRead++
                yield e
              }
            })(),
            { cancel: () => read.cancel() },
          ) as unknown as ReturnType<EsdbClient['readStream']>
        },
      }
      const cached = new EsdbEventStore(counting)
      const other = new EsdbEventStore(connection(node))
      try {
        for (let i = 0; i < 50; i++)
          await cached.appendToStream(s, newEvents(2, 'T', 2 * i), { expectedRevision: 'any' })
        // 50 appends of 2: each read the 2 events of the previous append (the first read nothing).
        assert.equal(eventsRead, 98)
        // Another writer appends behind this store's back; the next append still sees it, chains onto it
        // and recognises a retry of the other writer's batch.
        const theirs = newEvents(3, 'T', 100)
        const their = await other.appendToStream(s, theirs, { expectedRevision: 99 })
        eventsRead = 0
        await assert.rejects(cached.appendToStream(s, newEvents(1), { expectedRevision: 99 }), WrongExpectedRevision)
        // Its own previous batch (2) and the other writer's (3): not the 102 before them.
        assert.equal(eventsRead, 5)
        assert.deepEqual(await cached.appendToStream(s, theirs, { expectedRevision: 'any' }), their)
        const mine = await cached.appendToStream(s, newEvents(1, 'T', 103), { expectedRevision: 102 })
        assert.equal(mine.nextExpectedRevision, 103)
        const stored = await collect(store.readStream(s))
        assert.equal(stored.length, 104)
        for (let i = 1; i < stored.length; i++)
          assert.equal(stored[i]?.metadata.prevHash, stored[i - 1]?.metadata.hash, `chain at ${i}`)
      } finally {
        await cached.close()
        await other.close()
      }
    })

    it('forgets the least recently appended streams past cachedStreams and reads them whole again, correctly', async () => {
      const bounded = new EsdbEventStore(connection(node), { cachedStreams: 2 })
      try {
        const streams = [uniqueStream('lru'), uniqueStream('lru'), uniqueStream('lru')]
        const first = newEvents(2)
        for (const s of streams)
          await bounded.appendToStream(
            s,
            first.map((e) => ({ ...e, metadata: { ...e.metadata, eventId: crypto.randomUUID() } })),
            { expectedRevision: 'no_stream' },
          )
        const s0 = streams[0] as string
        const retried = await collect(store.readStream(s0))
        const again = retried.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }))
        assert.equal(
          (await bounded.appendToStream(s0, again as never, { expectedRevision: 'any' })).nextExpectedRevision,
          1,
        )
        assert.equal((await bounded.appendToStream(s0, newEvents(1), { expectedRevision: 1 })).nextExpectedRevision, 2)
        assert.equal((await collect(store.readStream(s0))).length, 3)
      } finally {
        await bounded.close()
      }
    })

    it('headPosition is 0 on a log holding only system events', async () => {
      assert.equal(await store.headPosition(), 0)
    })

    it("readAll's maxCount counts application events only", async () => {
      const s = uniqueStream('count')
      for (let i = 0; i < 6; i++)
        await store.appendToStream(s, newEvents(1), { expectedRevision: i - 1 < 0 ? 'no_stream' : i - 1 })
      const three = await collect(store.readAll({ maxCount: 3 }))
      assert.deepEqual(
        three.map((e) => e.revision),
        [0, 1, 2],
      )
    })

    it('subscribes with the server-side system-event filter', async () => {
      const controller = new AbortController()
      const sub = store.subscribeToAll({ signal: controller.signal })[Symbol.asyncIterator]()
      const first = sub.next()
      await sleep(20)
      controller.abort()
      assert.equal((await first).done, true)
      const filter = node.subscribeCalls[0]?.filter
      assert.ok(filter && 'regex' in filter)
      assert.equal(filter.filterOn, 'eventType')
      assert.equal(filter.regex, '^[^$].*')
    })

    it("an 'any' append that keeps losing the race gives up with WrongExpectedRevision after bounded attempts", async () => {
      const s = uniqueStream('contended')
      await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
      let sneaked = 0
      // Another writer appends between every read and write of ours.
      const racing: EsdbClient = {
        ...connection(node),
        appendToStream: async (...args) => {
          await store.appendToStream(s, newEvents(1, 'Sneaked'), { expectedRevision: 'any' })
          sneaked++
          return node.appendToStream(...args)
        },
      }
      const contended = new EsdbEventStore(racing, { maxAppendAttempts: 3 })
      const error = await contended.appendToStream(s, newEvents(1), { expectedRevision: 'any' }).catch((e) => e)
      assert.ok(error instanceof WrongExpectedRevision)
      assert.equal(error.expected, 'any')
      assert.equal(sneaked, 3)
      const stream = await collect(store.readStream(s))
      assert.equal(stream.length, 4, 'only the other writer got in')
    })

    it("an 'any' append that loses once is re-read, re-hashed and lands on the chain", async () => {
      const s = uniqueStream('onelost')
      await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
      let first = true
      const racing: EsdbClient = {
        ...connection(node),
        appendToStream: async (...args) => {
          if (first) {
            first = false
            await store.appendToStream(s, newEvents(1, 'Sneaked'), { expectedRevision: 0 })
          }
          return node.appendToStream(...args)
        },
      }
      const mine = newEvents(2, 'Mine')
      const r = await new EsdbEventStore(racing).appendToStream(s, mine, { expectedRevision: 'any' })
      assert.equal(r.nextExpectedRevision, 3)
      const stream = await collect(store.readStream(s))
      assert.deepEqual(
        stream.map((e) => e.type),
        ['TestHappened', 'Sneaked', 'Mine', 'Mine'],
      )
      assert.equal(stream[2]?.metadata.prevHash, stream[1]?.metadata.hash)
    })

    it('an idempotent success without a position from the server is answered with the original position', async () => {
      const s = uniqueStream('nopos')
      const batch = newEvents(2)
      const first = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' })
      // Bypass the adapter's own check so the server's duplicate detection answers.
      const result = await node.appendToStream(
        s,
        batch.map((e) => ({
          id: e.metadata.eventId,
          contentType: 'application/json',
          type: e.type,
          data: {},
          metadata: {},
        })),
        { expectedRevision: 'no_stream' },
      )
      assert.equal(result.position, undefined)
      const racing: EsdbClient = { ...connection(node), readStream: emptyOnce(node) }
      const again = await new EsdbEventStore(racing).appendToStream(s, batch, { expectedRevision: 'no_stream' })
      assert.deepEqual(again, first)
    })

    it('a malformed stored event is an error on every read path, not a silent skip', async () => {
      const s = uniqueStream('corrupt')
      await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
      node.writeRaw(s, 'Tampered', { n: 1 }, { eventId: 'x' })
      await assert.rejects(collect(store.readStream(s)), MalformedStoredEvent)
      await assert.rejects(collect(store.readAll()), MalformedStoredEvent)
      await assert.rejects(store.appendToStream(s, newEvents(1), { expectedRevision: 'any' }), MalformedStoredEvent)
      await assert.rejects(
        takeFromSubscription(store, { fromPosition: 0, count: 2, accept: () => true, timeoutMs: 500 }),
        MalformedStoredEvent,
      )
    })

    it('fromPosition stays exclusive when the server delivers the event at the start position again', async () => {
      const inclusive = new FakeEsdbClient({ inclusiveSubscriptions: true, systemEventEvery: 1 })
      const over = new EsdbEventStore(inclusive)
      try {
        const s = uniqueStream('incl')
        await over.appendToStream(s, newEvents(5), { expectedRevision: 'no_stream' })
        const mine = await collect(over.readStream(s))
        const from = (mine[1] as (typeof mine)[number]).position
        const taken = await takeFromSubscription(over, {
          fromPosition: from,
          count: 3,
          accept: () => true,
          settleMs: 30,
        })
        assert.deepEqual(
          taken.map((e) => e.revision),
          [2, 3, 4],
        )
        const rawFirst = (await collect(inclusive.subscribeToAllOnce(from)))[0]
        assert.equal(rawFirst?.event?.revision, 1n, 'the model really is inclusive')
      } finally {
        await over.close()
      }
    })

    it('re-subscribes from its own checkpoint after a dropped connection: nothing lost, nothing twice', async () => {
      const s = uniqueStream('drop')
      await store.appendToStream(s, newEvents(5), { expectedRevision: 'no_stream' })
      let expectedRevision = 4
      const taken = await takeFromSubscription(store, {
        fromPosition: 0,
        count: 15,
        accept: (e) => e.streamId === s,
        settleMs: 50,
        onEvent: async (_e, n) => {
          if (n === 3 || n === 9) {
            node.breakSubscriptions(new UnavailableError(undefined, 'node restarting'))
            setTimeout(() => node.heal(), 15)
          }
          if (n === 5 || n === 10) {
            expectedRevision = (await store.appendToStream(s, newEvents(5), { expectedRevision })).nextExpectedRevision
          }
        },
      })
      assert.deepEqual(
        taken.map((e) => e.revision),
        Array.from({ length: 15 }, (_, i) => i),
      )
      assert.ok(node.subscribeCalls.length >= 3, `re-subscribed (${node.subscribeCalls.length} subscriptions)`)
      await sleep(10)
      assert.equal(node.openSubscriptions, 0)
    })

    it('gives up after the bounded number of drops in a row and surfaces the error', async () => {
      const s = uniqueStream('down')
      await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
      node.breakSubscriptions(new UnavailableError(undefined, 'node gone'))
      await assert.rejects(
        takeFromSubscription(store, { fromPosition: 0, count: 1, accept: () => true, timeoutMs: 2000 }),
        UnavailableError,
      )
      assert.equal(node.subscribeCalls.length, fastResubscribe.maxConsecutiveDrops + 1)
    })

    it('unsubscribes when the consumer stops iterating and when the signal aborts', async () => {
      const s = uniqueStream('stop')
      await store.appendToStream(s, newEvents(3), { expectedRevision: 'no_stream' })
      for await (const _ of store.subscribeToAll()) break
      await sleep(5)
      assert.equal(node.openSubscriptions, 0)
      const controller = new AbortController()
      const running = collect(store.subscribeToAll({ signal: controller.signal }))
      await sleep(20)
      assert.equal(node.openSubscriptions, 1)
      controller.abort()
      assert.equal((await running).length, 3)
      await sleep(5)
      assert.equal(node.openSubscriptions, 0)
    })

    it('close() ends live subscriptions cleanly', async () => {
      const running = collect(store.subscribeToAll())
      await sleep(20)
      await store.close()
      assert.deepEqual(await running, [])
    })
  })
})

/** readStream that reports the stream as missing once (a reader that raced the first write). */
function emptyOnce(node: FakeEsdbClient): EsdbClient['readStream'] {
  let first = true
  return (streamName, options) => {
    if (first) {
      first = false
      return node.readStream(`${streamName}-never-written`, options)
    }
    return node.readStream(streamName, options)
  }
}
