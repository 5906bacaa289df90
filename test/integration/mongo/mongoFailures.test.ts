// The MongoDB adapter when the server misbehaves, through the real driver against the stand-in:
// refused connections, connections dropped before or after a write ran, a server that does not
// answer. Each time the adapter reports DocumentStoreUnavailable (retryable) and never leaves a
// write half-done: a single write happened once or not at all, a transaction entirely or not at all.
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { DuplicateKey } from '../../../application/ports/documentStore.js'
import {
  DocumentStoreUnavailable,
  MongoDocumentStore,
} from '../../../infrastructure/documents/mongo/mongoDocumentStore.js'
import { MongoStandIn } from '../../support/mongoStandIn/mongoStandIn.js'
import { openStandInStore, type StandInStore } from './support/standInStore.js'

function isUnavailable(error: unknown): boolean {
  assert.ok(error instanceof DocumentStoreUnavailable, `expected DocumentStoreUnavailable, got ${String(error)}`)
  assert.equal(error.retryable, true)
  assert.equal(error.code, 'DOCUMENT_STORE_UNAVAILABLE')
  return true
}

async function elapsed<T>(work: () => Promise<T>): Promise<number> {
  const started = Date.now()
  await work().catch(() => undefined)
  return Date.now() - started
}

const QUICK = { serverSelectionTimeoutMS: 500, minHeartbeatFrequencyMS: 50 }

describe('MongoDB adapter when the server fails (stand-in)', function () {
  this.timeout(20_000)
  let standIn: MongoStandIn
  let subject: StandInStore

  beforeEach(async () => {
    standIn = await MongoStandIn.start()
    // After a dropped connection the driver waits for a heartbeat before it uses the server
    // again (at most every minHeartbeatFrequencyMS, 500 ms by default): 50 keeps the tests quick.
    subject = await openStandInStore(standIn, QUICK, { transactionTimeoutMs: 5000 })
  })
  afterEach(async () => {
    standIn.failCommand({ mode: 'off', data: { failCommands: [] } })
    await subject.close()
    await standIn.stop()
  })

  /** A store that gives transactions 800 ms before it reports the server unavailable. */
  async function impatient(): Promise<StandInStore> {
    return openStandInStore(standIn, QUICK, { transactionTimeoutMs: 800 })
  }

  describe('connection refused', () => {
    it('connect() to a port nobody listens on is DocumentStoreUnavailable', async () => {
      const gone = await MongoStandIn.start()
      const url = gone.url()
      await gone.stop()
      await assert.rejects(MongoDocumentStore.connect(url, 'x', { serverSelectionTimeoutMS: 300 }), isUnavailable)
    })

    it('a server that goes away: reads, writes, ping and transactions report it within their time limits', async () => {
      await subject.close()
      subject = await impatient()
      const { store } = subject
      await store.collection('a').insertOne({ _id: 'x' })
      await standIn.stop()
      await assert.rejects(store.collection('a').find({}), isUnavailable)
      await assert.rejects(store.collection('a').insertOne({ _id: 'y' }), isUnavailable)
      await assert.rejects(store.ping(), isUnavailable)
      const took = await elapsed(() =>
        assert.rejects(
          store.transaction(async (tx) => tx.collection('a').insertOne({ _id: 'z' })),
          isUnavailable,
        ),
      )
      // transactionTimeoutMs (800) plus at most one server selection (500): not the driver's 120 s.
      assert.ok(took < 3000, `gave up after ${took} ms`)
      standIn = await MongoStandIn.start() // for afterEach
    })
  })

  describe('connection dropped mid-write', () => {
    it('dropped before the write ran: the driver retries once and it is written once', async () => {
      const { store } = subject
      standIn.failCommand({ mode: { times: 1 }, data: { failCommands: ['update'], closeConnection: true } })
      await store.collection('c').updateOne({ _id: 'n' }, { $inc: { v: 1 } }, { upsert: true })
      assert.deepEqual(await subject.raw('c'), [{ _id: 'n', v: 1 }])
    })

    it('dropped after the write ran (acknowledgement lost): the retry is recognised, nothing is applied twice', async () => {
      const { store } = subject
      await store.collection('c').insertOne({ _id: 'n', v: 0 })
      standIn.failCommand({ mode: { times: 1 }, data: { failCommands: ['update'], closeConnectionAfterWrite: true } })
      await store.collection('c').updateOne({ _id: 'n' }, { $inc: { v: 1 }, $push: { log: 'once' } })
      assert.deepEqual(await subject.raw('c'), [{ _id: 'n', v: 1, log: ['once'] }])
      standIn.failCommand({ mode: { times: 1 }, data: { failCommands: ['insert'], closeConnectionAfterWrite: true } })
      await store.collection('c').insertMany([{ _id: 'p' }, { _id: 'q' }]) // a replayed insert would be E11000
      assert.equal((await subject.raw('c')).length, 3)
    })

    it('dropped on every attempt: DocumentStoreUnavailable, and nothing was written', async () => {
      const { store } = subject
      standIn.failCommand({ mode: 'alwaysOn', data: { failCommands: ['insert'], closeConnection: true } })
      await assert.rejects(store.collection('c').insertMany([{ _id: 'a' }, { _id: 'b' }]), isUnavailable)
      standIn.failCommand({ mode: 'off', data: { failCommands: [] } })
      assert.deepEqual(await subject.raw('c'), [])
    })

    it('a transaction whose statement loses its connection is re-run whole: applied exactly once', async () => {
      const { store } = subject
      await store.collection('c').insertOne({ _id: 'n', v: 0 })
      standIn.failCommand({ mode: { times: 2 }, data: { failCommands: ['update'], closeConnection: true } })
      let runs = 0
      await store.transaction(async (tx) => {
        runs++
        await tx.collection('c').insertOne({ _id: 'side' })
        await tx.collection('c').updateOne({ _id: 'n' }, { $inc: { v: 1 } })
      })
      assert.equal(runs, 3)
      assert.deepEqual(await subject.raw('c'), [{ _id: 'n', v: 1 }, { _id: 'side' }])
      assert.equal(standIn.openTransactions, 0)
    })

    it('fn that wraps the store error in its own (as the projection engine does) is still retried', async () => {
      const { store } = subject
      standIn.failCommand({ mode: { times: 1 }, data: { failCommands: ['insert'], closeConnection: true } })
      let runs = 0
      await store.transaction(async (tx) => {
        runs++
        try {
          await tx.collection('c').insertOne({ _id: 'x' })
        } catch (error) {
          throw new Error(`handler failed: ${String(error)}`)
        }
      })
      assert.equal(runs, 2)
      assert.deepEqual(await subject.raw('c'), [{ _id: 'x' }])
    })

    it('a commit whose answer is lost is retried and the server commits it once', async () => {
      const { store } = subject
      standIn.failCommand({
        mode: { times: 2 },
        data: { failCommands: ['commitTransaction'], closeConnectionAfterWrite: true },
      })
      await store.transaction(async (tx) => {
        await tx.collection('c').updateOne({ _id: 'n' }, { $inc: { v: 1 } }, { upsert: true })
        await tx.collection('c').insertOne({ _id: 'm' })
      })
      assert.deepEqual(await subject.raw('c'), [{ _id: 'm' }, { _id: 'n', v: 1 }])
    })

    it('a commit that never gets through: unavailable with the outcome unknown, and nothing was applied', async () => {
      await subject.close()
      subject = await impatient()
      const { store } = subject
      standIn.failCommand({ mode: 'alwaysOn', data: { failCommands: ['commitTransaction'], closeConnection: true } })
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.collection('c').insertOne({ _id: 'a' })
          await tx.collection('d').insertOne({ _id: 'b' })
        }),
        (e: unknown) => isUnavailable(e) && (e as DocumentStoreUnavailable).outcomeUnknown,
      )
      standIn.failCommand({ mode: 'off', data: { failCommands: [] } })
      assert.deepEqual([await subject.raw('c'), await subject.raw('d')], [[], []])
    })

    it('a commit that went through but is never acknowledged: outcome unknown, and everything was applied', async () => {
      await subject.close()
      subject = await impatient()
      const { store } = subject
      standIn.failCommand({
        mode: 'alwaysOn',
        data: { failCommands: ['commitTransaction'], closeConnectionAfterWrite: true },
      })
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.collection('c').insertOne({ _id: 'a' })
          await tx.collection('d').insertOne({ _id: 'b' })
        }),
        (e: unknown) => isUnavailable(e) && (e as DocumentStoreUnavailable).outcomeUnknown,
      )
      standIn.failCommand({ mode: 'off', data: { failCommands: [] } })
      assert.deepEqual([await subject.raw('c'), await subject.raw('d')], [[{ _id: 'a' }], [{ _id: 'b' }]])
    })

    it('transient failures until the time runs out: unavailable, nothing written, no transaction left open', async () => {
      await subject.close()
      subject = await impatient()
      const { store } = subject
      standIn.failCommand({ mode: 'alwaysOn', data: { failCommands: ['insert'], closeConnection: true } })
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.collection('c').updateOne({ _id: 'n' }, { $inc: { v: 1 } }, { upsert: true })
          await tx.collection('c').insertOne({ _id: 'never' })
        }),
        isUnavailable,
      )
      standIn.failCommand({ mode: 'off', data: { failCommands: [] } })
      assert.deepEqual(await subject.raw('c'), [])
      await sleep(50) // the last abort is sent in the background of the failure
      assert.equal(standIn.openTransactions, 0)
    })

    it('a domain error inside a transaction is not retried and leaves nothing', async () => {
      const { store } = subject
      await store.collection('c').insertOne({ _id: 'dup' })
      let runs = 0
      await assert.rejects(
        store.transaction(async (tx) => {
          runs++
          await tx.collection('c').insertOne({ _id: 'fresh' })
          await tx.collection('c').insertOne({ _id: 'dup' })
        }),
        DuplicateKey,
      )
      assert.equal(runs, 1)
      assert.deepEqual(await subject.raw('c'), [{ _id: 'dup' }])
    })
  })

  describe('a server that does not answer', () => {
    it('socketTimeoutMS: a blocked read becomes DocumentStoreUnavailable', async () => {
      const slow = await openStandInStore(standIn, { ...QUICK, socketTimeoutMS: 150 })
      try {
        await slow.store.collection('c').insertOne({ _id: 'a' })
        standIn.failCommand({
          mode: 'alwaysOn',
          data: { failCommands: ['find'], blockConnection: true, blockTimeMS: 1000 },
        })
        const took = await elapsed(() => assert.rejects(slow.store.collection('c').find({}), isUnavailable))
        assert.ok(took < 1000, `took ${took} ms`)
      } finally {
        standIn.failCommand({ mode: 'off', data: { failCommands: [] } })
        await slow.close()
      }
    })

    it('socketTimeoutMS: a blocked write is unavailable with its outcome unknown; it happened once, or not at all', async () => {
      const slow = await openStandInStore(standIn, { ...QUICK, socketTimeoutMS: 100 })
      try {
        await slow.store.collection('c').insertOne({ _id: 'a', v: 0 })
        // The server runs the write after the block, as a real one does when the client has gone.
        standIn.failCommand({
          mode: { times: 2 },
          data: { failCommands: ['update'], blockConnection: true, blockTimeMS: 300 },
        })
        await assert.rejects(
          slow.store.collection('c').updateOne({ _id: 'a' }, { $inc: { v: 1 } }),
          (e: unknown) => isUnavailable(e) && (e as DocumentStoreUnavailable).outcomeUnknown,
        )
        await sleep(700)
        assert.deepEqual(await slow.raw('c'), [{ _id: 'a', v: 1 }], 'the driver retried it: applied once, not twice')
      } finally {
        await slow.close()
      }
    })
  })
})
