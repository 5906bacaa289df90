// The MongoDB stand-in itself, through the plain `mongodb` driver: the server behaviours the
// adapter tests rely on (replica-set handshake, cursors, E11000, snapshot-isolated transactions
// with MongoDB's WriteConflict, retryable-write deduplication), so that a passing adapter test
// means what it says. Its limits are in test/support/mongoStandIn/README.md.
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { type Collection, MongoClient, MongoServerError } from 'mongodb'
import { MongoStandIn } from '../../support/mongoStandIn/mongoStandIn.js'

interface Counter {
  _id: string
  n?: number
  plate?: string
}

describe('MongoDB stand-in (test tool) through the plain driver', function () {
  this.timeout(20_000)
  let standIn: MongoStandIn
  let client: MongoClient
  let c: Collection<Counter>

  beforeEach(async () => {
    standIn = await MongoStandIn.start({ transactionLifetimeMs: 300 })
    client = new MongoClient(standIn.url(), { serverSelectionTimeoutMS: 2000 })
    await client.connect()
    c = client.db('t').collection<Counter>('c')
  })
  afterEach(async () => {
    await client.close()
    await standIn.stop()
  })

  it('is a replica-set primary with sessions, as the driver sees it', async () => {
    const hello = await client.db('admin').command({ hello: 1 })
    assert.equal(hello.isWritablePrimary, true)
    assert.equal(hello.setName, 'rs0')
    assert.equal(hello.logicalSessionTimeoutMinutes, 30)
    const info = await client.db('admin').command({ buildInfo: 1 })
    assert.match(info.gitVersion, /stand-in/)
  })

  it('hands out results in batches through getMore, and kills cursors', async () => {
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: `d${String(i).padStart(3, '0')}`, n: i })))
    const before = standIn.commandCounts.get('getMore') ?? 0
    const all = await c
      .find({ n: { $gte: 0 } }, { batchSize: 100 })
      .sort({ n: -1 })
      .toArray()
    assert.equal(all.length, 250)
    assert.equal(all[0]?.n, 249)
    assert.equal((standIn.commandCounts.get('getMore') ?? 0) - before, 2)
    const cursor = c.find({}, { batchSize: 10 })
    await cursor.next()
    await cursor.close()
    assert.ok((standIn.commandCounts.get('killCursors') ?? 0) >= 1)
  })

  it('reports duplicate keys the way the server does (code 11000, keyPattern, keyValue)', async () => {
    await c.createIndex({ plate: 1 }, { unique: true, name: 'plate_1' })
    await c.insertOne({ _id: 'a', plate: 'KR1' })
    await assert.rejects(c.insertOne({ _id: 'b', plate: 'KR1' }), (e: unknown) => {
      assert.ok(e instanceof MongoServerError)
      assert.equal(e.code, 11000)
      assert.deepEqual(e.keyPattern, { plate: 1 })
      assert.deepEqual(e.keyValue, { plate: 'KR1' })
      assert.match(e.message, /E11000 duplicate key error collection: t\.c index: plate_1/)
      return true
    })
  })

  it('findAndModify: sorted pick, before/after images, upsert, remove', async () => {
    await c.insertMany([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 5 },
    ])
    const before = await c.findOneAndUpdate({}, { $inc: { n: 10 } }, { sort: { n: -1 }, returnDocument: 'before' })
    assert.deepEqual(before, { _id: 'b', n: 5 })
    const after = await c.findOneAndUpdate({ _id: 'a' }, { $set: { plate: 'X' } }, { returnDocument: 'after' })
    assert.deepEqual(after, { _id: 'a', n: 1, plate: 'X' })
    const upserted = await c.findOneAndUpdate(
      { _id: 'z' },
      { $setOnInsert: { n: 0 } },
      { upsert: true, returnDocument: 'after' },
    )
    assert.deepEqual(upserted, { _id: 'z', n: 0 })
    assert.deepEqual(await c.findOneAndDelete({ n: { $gt: 10 } }), { _id: 'b', n: 15 })
    assert.equal(await c.findOneAndDelete({ n: 99 }), null)
    assert.deepEqual(
      (await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id),
      ['a', 'z'],
    )
  })

  it('says plainly what it does not implement', async () => {
    await assert.rejects(client.db('t').command({ distinct: 'c', key: 'n' }), { code: 238 })
    await assert.rejects(client.db('t').command({ frobnicate: 1 }), { code: 59 })
    await assert.rejects(c.find({ $text: { $search: 'x' } }).toArray(), MongoServerError)
  })

  describe('transactions', () => {
    it('others never see uncommitted writes; a commit shows them all at once; an abort leaves nothing', async () => {
      await c.insertOne({ _id: 'keep', n: 1 })
      const session = client.startSession()
      session.startTransaction()
      await c.insertOne({ _id: 'new' }, { session })
      await c.updateOne({ _id: 'keep' }, { $inc: { n: 1 } }, { session })
      assert.deepEqual(await c.find().toArray(), [{ _id: 'keep', n: 1 }])
      assert.equal(await c.countDocuments({}, { session }), 2)
      await session.commitTransaction()
      assert.deepEqual(await c.find().sort({ _id: 1 }).toArray(), [{ _id: 'keep', n: 2 }, { _id: 'new' }])
      session.startTransaction()
      await c.deleteMany({}, { session })
      await client.db('t').collection<Counter>('other').insertOne({ _id: 'x' }, { session })
      await session.abortTransaction()
      await session.endSession()
      assert.equal(await c.countDocuments(), 2)
      assert.deepEqual(await client.db('t').listCollections({}, { nameOnly: true }).toArray(), [
        { name: 'c', type: 'collection' },
      ])
    })

    it('reads a snapshot: writes committed after the transaction began stay invisible to it', async () => {
      await c.insertOne({ _id: 'a', n: 1 })
      const session = client.startSession()
      session.startTransaction()
      assert.equal((await c.findOne({ _id: 'a' }, { session }))?.n, 1)
      await c.updateOne({ _id: 'a' }, { $set: { n: 2 } })
      await c.insertOne({ _id: 'b' })
      assert.equal((await c.findOne({ _id: 'a' }, { session }))?.n, 1)
      assert.equal(await c.countDocuments({}, { session }), 1)
      await session.abortTransaction()
      await session.endSession()
    })

    it('two transactions writing one document: the second gets WriteConflict (112, TransientTransactionError)', async () => {
      await c.insertOne({ _id: 'a', n: 0 })
      const first = client.startSession()
      const second = client.startSession()
      first.startTransaction()
      second.startTransaction()
      await c.updateOne({ _id: 'a' }, { $inc: { n: 1 } }, { session: first })
      await assert.rejects(c.updateOne({ _id: 'a' }, { $inc: { n: 1 } }, { session: second }), (e: unknown) => {
        assert.ok(e instanceof MongoServerError)
        assert.equal(e.code, 112)
        assert.ok(e.hasErrorLabel('TransientTransactionError'))
        return true
      })
      await first.commitTransaction()
      await second.abortTransaction()
      assert.equal((await c.findOne({ _id: 'a' }))?.n, 1)
      await Promise.all([first.endSession(), second.endSession()])
    })

    it("the driver's withTransaction retries conflicts until every increment lands", async () => {
      await c.insertOne({ _id: 'a', n: 0 })
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          const session = client.startSession()
          try {
            await session.withTransaction(async () => {
              const doc = await c.findOne({ _id: 'a' }, { session })
              await sleep(1)
              await c.replaceOne({ _id: 'a' }, { n: (doc?.n ?? 0) + 1 }, { session })
            })
          } finally {
            await session.endSession()
          }
        }),
      )
      assert.equal((await c.findOne({ _id: 'a' }))?.n, 8)
      assert.equal(standIn.openTransactions, 0)
    })

    it('a write outside any transaction waits for the transaction holding its document', async () => {
      await c.insertOne({ _id: 'a', n: 0 })
      const session = client.startSession()
      session.startTransaction()
      await c.updateOne({ _id: 'a' }, { $inc: { n: 10 } }, { session })
      const outside = c.updateOne({ _id: 'a' }, { $inc: { n: 1 } })
      await sleep(30)
      assert.equal((await c.findOne({ _id: 'a' }))?.n, 0, 'neither applied yet')
      await session.commitTransaction()
      await outside
      assert.equal((await c.findOne({ _id: 'a' }))?.n, 11)
      await session.endSession()
    })

    it('refuses what MongoDB refuses inside a transaction, and aborts it', async () => {
      await c.insertOne({ _id: 'a' })
      const session = client.startSession()
      session.startTransaction()
      await c.insertOne({ _id: 'b' }, { session })
      await assert.rejects(client.db('t').command({ drop: 'c' }, { session }), { code: 263 })
      await assert.rejects(session.commitTransaction(), { code: 251 })
      await session.endSession()
      assert.equal(await c.countDocuments(), 1)
    })

    it('a transaction left open past its lifetime is aborted (transactionLifetimeLimitSeconds)', async () => {
      const session = client.startSession()
      session.startTransaction()
      await c.insertOne({ _id: 'late' }, { session })
      await sleep(1300)
      await assert.rejects(session.commitTransaction(), (e: unknown) => {
        assert.ok(e instanceof MongoServerError && e.code === 251)
        return true
      })
      await session.endSession()
      assert.equal(await c.countDocuments(), 0)
      assert.equal(standIn.openTransactions, 0)
    })
  })

  it('recognises a retried write (same session and txnNumber) and answers without applying it again', async () => {
    await c.insertOne({ _id: 'a', n: 0 })
    standIn.failCommand({ mode: { times: 1 }, data: { failCommands: ['update'], closeConnectionAfterWrite: true } })
    const r = await c.updateOne({ _id: 'a' }, { $inc: { n: 1 } })
    assert.equal(r.modifiedCount, 1)
    assert.equal((await c.findOne({ _id: 'a' }))?.n, 1)
    assert.equal(standIn.commandCounts.get('update'), 2, 'the driver sent it twice')
  })
})
