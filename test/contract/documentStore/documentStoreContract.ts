// The DocumentStore contract: what every adapter (memory, SQLite, MongoDB) must do with the
// documented subset of MongoDB's language. Expected results are MongoDB's own (null and
// array cases follow MongoDB's jstests null_query_semantics.js and null2.js).
// An adapter that knowingly differs in a corner declares it in `knownDeviations`; those
// cases are then skipped for it with the reason printed, never silently.
import assert from 'node:assert/strict'
import {
  type Document,
  type DocumentStore,
  DuplicateKey,
  type Filter,
  UnsupportedQuery,
} from '../../../application/ports/documentStore.js'

export interface ContractSubject {
  store: DocumentStore
  /** Closes the store and removes what the run created (temp file, database). */
  teardown(): Promise<void>
}

export type KnownDeviation =
  /** {'a.b': null} should match an array `a` with an object element lacking `b`. */
  | 'nullThroughArrayElements'
  /** {a: {$in: [[1, 2]]}} should match a: [1, 2]. */
  | 'inWholeArray'
  /** {a: {$gte: null}} and {$lte: null} should match a missing `a`, like {a: null}. */
  | 'rangeNullMatchesMissing'
  /** {a: {x: 1, y: 2}} should not match a: {y: 2, x: 1} (field order is part of equality). */
  | 'objectEqualityFieldOrder'

export interface ContractOptions {
  knownDeviations?: Partial<Record<KnownDeviation, string>>
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve))

export function documentStoreContract(
  name: string,
  factory: () => Promise<ContractSubject>,
  options: ContractOptions = {},
): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let subject: ContractSubject
    let store: DocumentStore

    beforeEach(async () => {
      subject = await factory()
      store = subject.store
    })
    afterEach(async () => {
      await subject.teardown()
    })

    /** A test that an adapter may declare as a known deviation. */
    function itUnlessDeviation(deviation: KnownDeviation, title: string, body: () => Promise<void>): void {
      const reason = options.knownDeviations?.[deviation]
      if (reason === undefined) it(title, body)
      else
        it(`${title} [known deviation of ${name}]`, function () {
          console.log(`      skipped for ${name}: ${reason}`)
          this.skip()
        })
    }

    async function seed(docs: Document[], collection = 'items'): Promise<void> {
      await store.collection(collection).insertMany(docs)
    }

    async function ids(filter: Filter, collection = 'items'): Promise<string[]> {
      const found = await store.collection(collection).find(filter, { sort: { _id: 1 } })
      return found.map((d) => d._id)
    }

    async function all(collection = 'items'): Promise<Document[]> {
      return store.collection(collection).find({}, { sort: { _id: 1 } })
    }

    async function rejects(p: Promise<unknown>, operatorOrText: string): Promise<void> {
      await assert.rejects(p, (e: unknown) => {
        assert.ok(e instanceof UnsupportedQuery, `expected UnsupportedQuery, got ${String(e)}`)
        assert.ok(e.message.includes(operatorOrText), `message should name ${operatorOrText}: ${e.message}`)
        return true
      })
    }

    describe('filters: comparison operators', () => {
      beforeEach(async () => {
        await seed([
          { _id: 'n1', v: 1 },
          { _id: 'n2', v: 2.5 },
          { _id: 'n3', v: 10 },
          { _id: 's1', v: '1' },
          { _id: 's2', v: 'b' },
          { _id: 'bt', v: true },
          { _id: 'bf', v: false },
          { _id: 'nl', v: null },
          { _id: 'ms' },
          { _id: 'ob', v: { k: 1 } },
        ])
      })

      it('implicit equality and $eq compare within one type', async () => {
        assert.deepEqual(await ids({ v: 1 }), ['n1'])
        assert.deepEqual(await ids({ v: { $eq: 1 } }), ['n1'])
        assert.deepEqual(await ids({ v: '1' }), ['s1'])
        assert.deepEqual(await ids({ v: true }), ['bt'])
        assert.deepEqual(await ids({ v: false }), ['bf'])
        assert.deepEqual(await ids({ v: 2.5 }), ['n2'])
        assert.deepEqual(await ids({ v: { k: 1 } }), ['ob'])
      })

      it('$ne matches missing fields and other types', async () => {
        assert.deepEqual(await ids({ v: { $ne: 1 } }), ['bf', 'bt', 'ms', 'n2', 'n3', 'nl', 'ob', 's1', 's2'])
        assert.deepEqual(await ids({ v: { $ne: null } }), ['bf', 'bt', 'n1', 'n2', 'n3', 'ob', 's1', 's2'])
      })

      it('$gt $gte $lt $lte bracket by type (numbers never match strings)', async () => {
        assert.deepEqual(await ids({ v: { $gt: 1 } }), ['n2', 'n3'])
        assert.deepEqual(await ids({ v: { $gte: 1 } }), ['n1', 'n2', 'n3'])
        assert.deepEqual(await ids({ v: { $lt: 10 } }), ['n1', 'n2'])
        assert.deepEqual(await ids({ v: { $lte: 2.5 } }), ['n1', 'n2'])
        assert.deepEqual(await ids({ v: { $gt: 0, $lt: 5 } }), ['n1', 'n2'])
        assert.deepEqual(await ids({ v: { $gte: 'a' } }), ['s2'])
        assert.deepEqual(await ids({ v: { $lt: 'a' } }), ['s1'])
        assert.deepEqual(await ids({ v: { $gt: false } }), ['bt'])
        assert.deepEqual(await ids({ v: { $lte: true } }), ['bf', 'bt'])
      })

      it('$in and $nin (null in the list matches missing)', async () => {
        assert.deepEqual(await ids({ v: { $in: [1, 'b', true] } }), ['bt', 'n1', 's2'])
        assert.deepEqual(await ids({ v: { $in: [null, 10] } }), ['ms', 'n3', 'nl'])
        assert.deepEqual(await ids({ v: { $in: [] } }), [])
        assert.deepEqual(await ids({ v: { $nin: [1, 'b', true, null] } }), ['bf', 'n2', 'n3', 'ob', 's1'])
        assert.deepEqual(await ids({ v: { $nin: [1] } }), ['bf', 'bt', 'ms', 'n2', 'n3', 'nl', 'ob', 's1', 's2'])
      })

      it('$exists distinguishes a null value from a missing field', async () => {
        assert.deepEqual(await ids({ v: { $exists: false } }), ['ms'])
        assert.equal((await ids({ v: { $exists: true } })).length, 9)
      })

      it('null matches null and missing', async () => {
        assert.deepEqual(await ids({ v: null }), ['ms', 'nl'])
        assert.deepEqual(await ids({ v: { $eq: null } }), ['ms', 'nl'])
      })

      it('$gt/$lt null match nothing', async () => {
        assert.deepEqual(await ids({ v: { $gt: null } }), [])
        assert.deepEqual(await ids({ v: { $lt: null } }), [])
      })

      itUnlessDeviation('rangeNullMatchesMissing', '$gte/$lte null behave like {v: null}', async () => {
        assert.deepEqual(await ids({ v: { $gte: null } }), ['ms', 'nl'])
        assert.deepEqual(await ids({ v: { $lte: null } }), ['ms', 'nl'])
      })

      it('$and, $or and nesting', async () => {
        assert.deepEqual(await ids({ $or: [{ v: 1 }, { v: 'b' }] }), ['n1', 's2'])
        assert.deepEqual(await ids({ $and: [{ v: { $gt: 1 } }, { v: { $lt: 10 } }] }), ['n2'])
        assert.deepEqual(
          await ids({ $or: [{ $and: [{ v: { $gte: 2 } }, { v: { $lte: 10 } }] }, { v: { $exists: false } }] }),
          ['ms', 'n2', 'n3'],
        )
        assert.deepEqual(await ids({ _id: { $in: ['n1', 'n3', 'zz'] }, v: { $gt: 1 } }), ['n3'])
      })

      it('_id supports every operator', async () => {
        assert.deepEqual(await ids({ _id: 'n2' }), ['n2'])
        assert.deepEqual(await ids({ _id: { $gt: 'o', $lt: 's2' } }), ['ob', 's1'])
        assert.deepEqual(await ids({ _id: { $nin: ['n1', 'n2', 'n3', 'ms', 'nl', 'ob'] } }), ['bf', 'bt', 's1', 's2'])
        assert.deepEqual(await ids({ _id: { $exists: false } }), [])
        assert.deepEqual(await ids({ _id: null }), [])
      })
    })

    describe('filters: dotted paths, arrays and null', () => {
      it('dotted paths reach into nested objects; a missing or scalar parent counts as missing', async () => {
        await seed([
          { _id: 'a', c: { addr: { city: 'Kraków' } } },
          { _id: 'b', c: { addr: { city: 'Iași' } } },
          { _id: 'c', c: { addr: {} } },
          { _id: 'd', c: 5 },
          { _id: 'e' },
        ])
        assert.deepEqual(await ids({ 'c.addr.city': 'Kraków' }), ['a'])
        assert.deepEqual(await ids({ 'c.addr.city': { $in: ['Iași', 'Kraków'] } }), ['a', 'b'])
        assert.deepEqual(await ids({ 'c.addr.city': null }), ['c', 'd', 'e'])
        assert.deepEqual(await ids({ 'c.addr.city': { $exists: true } }), ['a', 'b'])
        assert.deepEqual(await ids({ 'c.addr': { $exists: true } }), ['a', 'b', 'c'])
        assert.deepEqual(await ids({ 'c.addr.city': { $ne: 'Kraków' } }), ['b', 'c', 'd', 'e'])
      })

      it('a field holding an array matches when any element does, or the whole array', async () => {
        await seed([
          { _id: 'a', tags: ['x', 'y'] },
          { _id: 'b', tags: ['y', 'x'] },
          { _id: 'c', tags: 'x' },
          { _id: 'd', tags: [] },
          { _id: 'e', tags: [['x', 'y']] },
          { _id: 'f', nums: [1, 8] },
          { _id: 'g', nums: [4] },
        ])
        assert.deepEqual(await ids({ tags: 'x' }), ['a', 'b', 'c'])
        assert.deepEqual(await ids({ tags: ['x', 'y'] }), ['a', 'e'])
        assert.deepEqual(await ids({ tags: [] }), ['d'])
        assert.deepEqual(await ids({ tags: { $ne: 'x' } }), ['d', 'e', 'f', 'g'])
        assert.deepEqual(await ids({ tags: { $nin: ['y'] } }), ['c', 'd', 'e', 'f', 'g'])
        assert.deepEqual(await ids({ tags: { $in: ['y', 'z'] } }), ['a', 'b'])
        // Each operator may be satisfied by a different element, as in MongoDB.
        assert.deepEqual(await ids({ nums: { $gt: 2, $lt: 6 } }), ['f', 'g'])
        assert.deepEqual(await ids({ nums: { $gt: 5 } }), ['f'])
        // tags.0 of 'e' is the array ['x', 'y'], whose elements count as well.
        assert.deepEqual(await ids({ 'tags.0': 'y' }), ['b', 'e'])
        assert.deepEqual(await ids({ 'nums.1': { $exists: true } }), ['f'])
      })

      it('a dotted path traverses arrays of objects', async () => {
        await seed([
          {
            _id: 'a',
            lines: [
              { sku: 'T1', qty: 4 },
              { sku: 'V2', qty: 1 },
            ],
          },
          { _id: 'b', lines: [{ sku: 'T1', qty: 2 }] },
          { _id: 'c', lines: [{ sku: 'X', parts: [{ no: 7 }] }] },
          { _id: 'd', lines: [] },
        ])
        assert.deepEqual(await ids({ 'lines.sku': 'T1' }), ['a', 'b'])
        assert.deepEqual(await ids({ 'lines.qty': { $gte: 3 } }), ['a'])
        assert.deepEqual(await ids({ 'lines.parts.no': 7 }), ['c'])
        assert.deepEqual(await ids({ 'lines.0.sku': 'V2' }), [])
        assert.deepEqual(await ids({ 'lines.1.sku': 'V2' }), ['a'])
        assert.deepEqual(await ids({ 'lines.sku': { $ne: 'T1' } }), ['c', 'd'])
        assert.deepEqual(await ids({ 'lines.qty': { $exists: false } }), ['c', 'd'])
      })

      it('null never equals an empty array, and matches null elements', async () => {
        await seed([
          { _id: 'a', v: [] },
          { _id: 'b', v: [1, null] },
          { _id: 'c', v: [[]] },
          { _id: 'd', v: null },
        ])
        assert.deepEqual(await ids({ v: null }), ['b', 'd'])
        assert.deepEqual(await ids({ v: { $ne: null } }), ['a', 'c'])
      })

      itUnlessDeviation('nullThroughArrayElements', "{'a.b': null} through arrays follows MongoDB", async () => {
        // MongoDB jstests/core/null2.js
        await seed([
          { _id: '1', a: [{ b: 5 }] },
          { _id: '2', a: [{}] },
          { _id: '3', a: [] },
          { _id: '4', a: [{}, { b: 5 }] },
          { _id: '5', a: [5, { b: 5 }] },
          { _id: '6', a: [null, null] },
        ])
        assert.deepEqual(await ids({ 'a.b': null }), ['2', '4'])
        assert.deepEqual(await ids({ 'a.b': { $in: [null] } }), ['2', '4'])
        assert.deepEqual(await ids({ 'a.b': { $ne: null } }), ['1', '3', '5', '6'])
      })

      itUnlessDeviation('inWholeArray', '$in and $nin compare whole arrays too', async () => {
        await seed([
          { _id: 'a', v: [1, 2] },
          { _id: 'b', v: [3] },
        ])
        assert.deepEqual(await ids({ v: { $in: [[1, 2]] } }), ['a'])
        assert.deepEqual(await ids({ v: { $nin: [[1, 2]] } }), ['b'])
      })

      itUnlessDeviation('objectEqualityFieldOrder', 'object equality respects field order', async () => {
        await seed([{ _id: 'a', o: { x: 1, y: 2 } }])
        assert.deepEqual(await ids({ o: { x: 1, y: 2 } }), ['a'])
        assert.deepEqual(await ids({ o: { y: 2, x: 1 } }), [])
      })
    })

    describe('find options', () => {
      beforeEach(async () => {
        await seed([
          { _id: 'd1', day: '2024-05-02', bay: 2, who: { name: 'Ola' } },
          { _id: 'd2', day: '2024-05-01', bay: 1, who: { name: 'Ion' } },
          { _id: 'd3', day: '2024-05-01', bay: 3, who: { name: 'Анна' } },
          { _id: 'd4', day: '2024-05-03', bay: 2, who: { name: 'Piotr' } },
        ])
      })

      it('sorts ascending, descending and on several keys', async () => {
        const order = async (sort: Record<string, 1 | -1>) =>
          (await store.collection('items').find({}, { sort })).map((d) => d._id)
        assert.deepEqual(await order({ day: 1, bay: 1 }), ['d2', 'd3', 'd1', 'd4'])
        assert.deepEqual(await order({ day: 1, bay: -1 }), ['d3', 'd2', 'd1', 'd4'])
        assert.deepEqual(await order({ bay: -1, day: -1 }), ['d3', 'd4', 'd1', 'd2'])
        assert.deepEqual(await order({ 'who.name': 1 }), ['d2', 'd1', 'd4', 'd3'])
      })

      it('skips and limits after sorting', async () => {
        const page = await store.collection('items').find({}, { sort: { _id: -1 }, skip: 1, limit: 2 })
        assert.deepEqual(
          page.map((d) => d._id),
          ['d3', 'd2'],
        )
        assert.equal((await store.collection('items').find({}, { limit: 0 })).length, 4)
        assert.equal((await store.collection('items').find({}, { skip: 10 })).length, 0)
      })

      it('projects by inclusion and exclusion, dotted paths included', async () => {
        const c = store.collection('items')
        assert.deepEqual(await c.findOne({ _id: 'd1' }, { projection: { day: 1 } }), { _id: 'd1', day: '2024-05-02' })
        assert.deepEqual(await c.findOne({ _id: 'd1' }, { projection: { day: 1, _id: 0 } }), { day: '2024-05-02' })
        assert.deepEqual(await c.findOne({ _id: 'd1' }, { projection: { 'who.name': 1 } }), {
          _id: 'd1',
          who: { name: 'Ola' },
        })
        assert.deepEqual(await c.findOne({ _id: 'd1' }, { projection: { who: 0, bay: 0 } }), {
          _id: 'd1',
          day: '2024-05-02',
        })
        assert.deepEqual(await c.findOne({ _id: 'd1' }, { projection: { _id: 0 } }), {
          day: '2024-05-02',
          bay: 2,
          who: { name: 'Ola' },
        })
        await rejects(c.find({}, { projection: { day: 1, bay: 0 } }), 'projection')
      })

      it('findOne honours sort and returns null when nothing matches', async () => {
        const c = store.collection('items')
        assert.equal((await c.findOne({}, { sort: { day: -1 } }))?._id, 'd4')
        assert.equal(await c.findOne({ day: 'never' }), null)
        assert.equal(await c.count({ day: '2024-05-01' }), 2)
        assert.equal(await c.count(), 4)
      })

      it('returned documents are copies', async () => {
        const c = store.collection('items')
        const doc = (await c.findOne({ _id: 'd1' })) as Document & { who: { name: string } }
        doc.who.name = 'changed'
        assert.equal(((await c.findOne({ _id: 'd1' })) as Document & { who: { name: string } }).who.name, 'Ola')
      })
    })

    describe('sort across types', () => {
      it('orders missing/null < numbers < strings < objects < booleans, arrays by their min/max element', async () => {
        await seed([
          { _id: 'bool', v: true },
          { _id: 'str', v: 'a' },
          { _id: 'obj', v: { x: 1 } },
          { _id: 'num', v: 5 },
          { _id: 'missing' },
          { _id: 'arr', v: [7, 'b'] },
          { _id: 'empty', v: [] },
        ])
        const order = async (dir: 1 | -1) =>
          (await store.collection('items').find({}, { sort: { v: dir } })).map((d) => d._id)
        // An array sorts by its smallest element ascending (7) and its largest descending ('b').
        assert.deepEqual(await order(1), ['empty', 'missing', 'num', 'arr', 'str', 'obj', 'bool'])
        assert.deepEqual(await order(-1), ['bool', 'obj', 'arr', 'str', 'num', 'missing', 'empty'])
      })

      it('sorts numbers numerically and strings by code point', async () => {
        await seed([
          { _id: 'a', v: 10 },
          { _id: 'b', v: 9 },
          { _id: 'c', v: -1.5 },
          { _id: 'd', s: 'b' },
          { _id: 'e', s: 'B' },
          { _id: 'f', s: 'ą' },
        ])
        const c = store.collection('items')
        assert.deepEqual(
          (await c.find({ v: { $exists: true } }, { sort: { v: 1 } })).map((d) => d._id),
          ['c', 'b', 'a'],
        )
        assert.deepEqual(
          (await c.find({ s: { $exists: true } }, { sort: { s: 1 } })).map((d) => d._id),
          ['e', 'd', 'f'],
        )
      })
    })

    describe('updates', () => {
      const c = () => store.collection('items')

      it('$set creates and replaces fields on dotted paths', async () => {
        await seed([{ _id: 'a', n: 1, o: { x: 1 }, arr: [1, 2] }])
        const r = await c().updateOne({ _id: 'a' }, { $set: { n: 2, 'o.y': 'new', 'p.q.r': true, 'arr.1': 9 } })
        assert.deepEqual(r, { matchedCount: 1, modifiedCount: 1, upsertedId: null })
        assert.deepEqual(await c().findOne({ _id: 'a' }), {
          _id: 'a',
          n: 2,
          o: { x: 1, y: 'new' },
          arr: [1, 9],
          p: { q: { r: true } },
        })
      })

      it('$unset removes fields (and nulls array positions)', async () => {
        await seed([{ _id: 'a', n: 1, o: { x: 1, y: 2 }, arr: [1, 2] }])
        await c().updateOne({ _id: 'a' }, { $unset: { n: '', 'o.x': '', 'arr.0': '', absent: '' } })
        assert.deepEqual(await c().findOne({ _id: 'a' }), { _id: 'a', o: { y: 2 }, arr: [null, 2] })
      })

      it('$inc adds, creating missing fields', async () => {
        await seed([{ _id: 'a', n: 1, o: { m: 2.5 } }])
        await c().updateOne({ _id: 'a' }, { $inc: { n: 2, 'o.m': -0.5, fresh: 3 } })
        assert.deepEqual(await c().findOne({ _id: 'a' }), { _id: 'a', n: 3, o: { m: 2 }, fresh: 3 })
      })

      it('$push appends (with $each), creating the array', async () => {
        await seed([{ _id: 'a', list: [1] }])
        await c().updateOne({ _id: 'a' }, { $push: { list: 2, 'o.other': { k: 1 } } })
        await c().updateOne({ _id: 'a' }, { $push: { list: { $each: [3, 3] } } })
        assert.deepEqual(await c().findOne({ _id: 'a' }), { _id: 'a', list: [1, 2, 3, 3], o: { other: [{ k: 1 }] } })
      })

      it('$addToSet adds only missing values', async () => {
        await seed([{ _id: 'a', tags: ['x'] }])
        const r = await c().updateOne({ _id: 'a' }, { $addToSet: { tags: 'x' } })
        assert.equal(r.modifiedCount, 0)
        await c().updateOne({ _id: 'a' }, { $addToSet: { tags: { $each: ['y', 'x', 'y'] }, more: { k: 1 } } })
        assert.deepEqual(await c().findOne({ _id: 'a' }), { _id: 'a', tags: ['x', 'y'], more: [{ k: 1 }] })
      })

      it('$pull removes equal values, values matching a condition, or elements matching a filter', async () => {
        await seed([
          {
            _id: 'a',
            tags: ['x', 'y', 'x'],
            nums: [1, 5, 7, 3],
            lines: [
              { sku: 'T1', qty: 1 },
              { sku: 'V2', qty: 2 },
            ],
          },
        ])
        await c().updateOne({ _id: 'a' }, { $pull: { tags: 'x', nums: { $gte: 5 }, lines: { sku: 'T1' } } })
        assert.deepEqual(await c().findOne({ _id: 'a' }), {
          _id: 'a',
          tags: ['y'],
          nums: [1, 3],
          lines: [{ sku: 'V2', qty: 2 }],
        })
      })

      it('counts matched and modified documents; a no-op modifies nothing', async () => {
        await seed([
          { _id: 'a', s: 'open', n: 1 },
          { _id: 'b', s: 'open', n: 2 },
          { _id: 'c', s: 'done', n: 2 },
        ])
        assert.deepEqual(await c().updateMany({ s: 'open' }, { $set: { n: 2 } }), {
          matchedCount: 2,
          modifiedCount: 1,
          upsertedId: null,
        })
        assert.deepEqual(await c().updateOne({ s: 'none' }, { $set: { n: 2 } }), {
          matchedCount: 0,
          modifiedCount: 0,
          upsertedId: null,
        })
        assert.deepEqual(await c().updateMany({}, { $inc: { n: 1 } }), {
          matchedCount: 3,
          modifiedCount: 3,
          upsertedId: null,
        })
        assert.deepEqual(
          (await all()).map((d) => d.n),
          [3, 3, 3],
        )
      })

      it('updateOne changes only the first match', async () => {
        await seed([
          { _id: 'a', s: 'open' },
          { _id: 'b', s: 'open' },
        ])
        await c().updateOne({ s: 'open' }, { $set: { s: 'taken' } })
        assert.equal(await c().count({ s: 'taken' }), 1)
      })

      it('rejects updates MongoDB rejects, writing nothing', async () => {
        await seed([
          { _id: 'a', n: 1, s: 'x', o: 5, arr: [{ p: 1 }] },
          { _id: 'b', n: 'text', s: 'x' },
        ])
        const before = await all()
        await rejects(c().updateMany({}, { $inc: { n: 1 } }), '$inc')
        await rejects(c().updateOne({ _id: 'a' }, { $push: { s: 1 } }), '$push')
        await rejects(c().updateOne({ _id: 'a' }, { $set: { 'o.deeper': 1 } }), 'o.deeper')
        await rejects(c().updateOne({ _id: 'a' }, { $set: { 'arr.p': 2 } }), 'arr.p')
        await rejects(c().updateOne({ _id: 'a' }, { $set: { _id: 'z' } }), '_id')
        await rejects(c().updateOne({ _id: 'a' }, { $set: { n: 1 }, $inc: { n: 1 } }), 'conflict')
        await rejects(c().updateOne({ _id: 'a' }, { $set: { o: 1, 'o.x': 1 } }), 'conflict')
        await rejects(c().updateOne({ _id: 'a' }, {}), 'operator')
        await rejects(c().updateOne({ _id: 'a' }, { n: 2 } as never), 'replaceOne')
        assert.deepEqual(await all(), before)
      })

      it('replaceOne replaces the whole document and keeps _id', async () => {
        await seed([{ _id: 'a', n: 1, old: true }])
        const r = await c().replaceOne({ n: 1 }, { _id: 'a', n: 2 })
        assert.deepEqual(r, { matchedCount: 1, modifiedCount: 1, upsertedId: null })
        assert.deepEqual(await c().findOne({ _id: 'a' }), { _id: 'a', n: 2 })
        await rejects(c().replaceOne({ _id: 'a' }, { _id: 'other', n: 3 }), '_id')
        assert.deepEqual(await c().replaceOne({ _id: 'zz' }, { _id: 'zz', n: 3 }), {
          matchedCount: 0,
          modifiedCount: 0,
          upsertedId: null,
        })
        assert.equal(await c().count(), 1)
      })
    })

    describe('upserts', () => {
      const c = () => store.collection('items')

      it('builds the new document from the filter equalities plus the update', async () => {
        const r = await c().updateOne(
          { _id: 'day-1', 'point.id': 'p1', day: { $eq: '2024-05-01' }, bay: { $gt: 0 }, $and: [{ kind: 'slots' }] },
          { $inc: { booked: 1 }, $push: { ids: 'b1' }, $set: { 'point.name': 'Centrum' } },
          { upsert: true },
        )
        assert.deepEqual(r, { matchedCount: 0, modifiedCount: 0, upsertedId: 'day-1' })
        assert.deepEqual(await c().findOne({ _id: 'day-1' }), {
          _id: 'day-1',
          point: { id: 'p1', name: 'Centrum' },
          day: '2024-05-01',
          kind: 'slots',
          booked: 1,
          ids: ['b1'],
        })
        const again = await c().updateOne({ _id: 'day-1' }, { $inc: { booked: 1 } }, { upsert: true })
        assert.deepEqual(again, { matchedCount: 1, modifiedCount: 1, upsertedId: null })
        assert.equal((await c().findOne({ _id: 'day-1' }))?.booked, 2)
      })

      it('generates a string _id when the filter has none', async () => {
        const r = await c().updateOne({ plate: 'KR 1234' }, { $set: { tyres: 4 } }, { upsert: true })
        assert.equal(typeof r.upsertedId, 'string')
        assert.deepEqual(await c().findOne({ plate: 'KR 1234' }), { _id: r.upsertedId, plate: 'KR 1234', tyres: 4 })
      })

      it('replaceOne upsert inserts the replacement with the filter _id', async () => {
        const r = await c().replaceOne({ _id: 'r1' }, { _id: 'r1', v: 1 }, { upsert: true })
        assert.deepEqual(r, { matchedCount: 0, modifiedCount: 0, upsertedId: 'r1' })
        assert.deepEqual(await c().findOne({ _id: 'r1' }), { _id: 'r1', v: 1 })
      })

      it('an upsert that fails leaves nothing behind', async () => {
        await seed([{ _id: 'a', n: 's' }])
        await rejects(c().updateOne({ _id: 'b' }, { $inc: { n: 'x' as unknown as number } }, { upsert: true }), '$inc')
        assert.equal(await c().count(), 1)
      })
    })

    describe('keys and indexes', () => {
      const c = () => store.collection('items')

      it('a duplicate _id is a DuplicateKey and insertMany writes nothing', async () => {
        await seed([{ _id: 'a' }])
        await assert.rejects(c().insertOne({ _id: 'a', other: 1 }), DuplicateKey)
        await assert.rejects(c().insertMany([{ _id: 'b' }, { _id: 'a' }]), DuplicateKey)
        await assert.rejects(c().insertMany([{ _id: 'c' }, { _id: 'c' }]), DuplicateKey)
        assert.deepEqual(await all(), [{ _id: 'a' }])
      })

      it('rejects documents that are not JSON or lack a string _id', async () => {
        await assert.rejects(c().insertOne({ _id: 'd', when: new Date() }), UnsupportedQuery)
        await assert.rejects(c().insertOne({ _id: 'n', v: Number.NaN }), UnsupportedQuery)
        await assert.rejects(c().insertOne({ _id: 7 } as unknown as Document), UnsupportedQuery)
        await assert.rejects(c().insertOne({ _id: 'x', 'a.b': 1 }), UnsupportedQuery)
        assert.equal(await c().count(), 0)
      })

      it('a unique index rejects inserts, updates and upserts that collide', async () => {
        await c().createIndex({ keys: { plate: 1 }, unique: true, name: 'plate_unique' })
        await c().createIndex({ keys: { plate: 1 }, unique: true, name: 'plate_unique' }) // idempotent
        await seed([
          { _id: 'a', plate: 'KR1' },
          { _id: 'b', plate: 'KR2' },
        ])
        await assert.rejects(c().insertOne({ _id: 'c', plate: 'KR1' }), DuplicateKey)
        await assert.rejects(c().updateOne({ _id: 'b' }, { $set: { plate: 'KR1' } }), DuplicateKey)
        await assert.rejects(c().updateOne({ _id: 'z' }, { $set: { plate: 'KR2' } }, { upsert: true }), DuplicateKey)
        await assert.rejects(c().replaceOne({ _id: 'b' }, { _id: 'b', plate: 'KR1' }), DuplicateKey)
        assert.deepEqual(await all(), [
          { _id: 'a', plate: 'KR1' },
          { _id: 'b', plate: 'KR2' },
        ])
        await c().updateOne({ _id: 'b' }, { $set: { plate: 'KR3' } })
        await c().insertOne({ _id: 'c', plate: 'KR2' })
      })

      it('a unique index counts a missing field as null (one document may lack it)', async () => {
        await c().createIndex({ keys: { email: 1 }, unique: true })
        await c().insertOne({ _id: 'a' })
        await assert.rejects(c().insertOne({ _id: 'b' }), DuplicateKey)
        await assert.rejects(c().insertOne({ _id: 'c', email: null }), DuplicateKey)
        await c().insertOne({ _id: 'd', email: 'x@example.com' })
      })

      it('compound unique indexes and indexes on existing duplicates', async () => {
        await seed([
          { _id: 'a', point: 'p1', day: 'mon', bay: 1 },
          { _id: 'b', point: 'p1', day: 'tue', bay: 1 },
        ])
        await c().createIndex({ keys: { point: 1, day: 1 }, unique: true })
        await assert.rejects(c().insertOne({ _id: 'c', point: 'p1', day: 'mon' }), DuplicateKey)
        await c().insertOne({ _id: 'd', point: 'p2', day: 'mon' })
        await assert.rejects(c().createIndex({ keys: { bay: 1 }, unique: true }), DuplicateKey)
        await c().insertOne({ _id: 'e', point: 'p3', day: 'mon', bay: 1 })
      })

      it('non-unique indexes (dotted, compound, descending) change no result', async () => {
        await seed([
          { _id: 'a', c: { id: 'x' }, tags: ['t1', 't2'], n: 1 },
          { _id: 'b', c: [{ id: 'x' }, { id: 'y' }], tags: 't1', n: 2 },
          { _id: 'c', c: { id: 'z' }, n: 'str' },
        ])
        const queries: Filter[] = [
          { 'c.id': 'x' },
          { tags: 't1' },
          { n: { $gte: 1 } },
          { 'c.id': { $in: ['y', 'z'] } },
          { $or: [{ 'c.id': 'z' }, { tags: 't2' }] },
          { 'c.id': null },
        ]
        const before = await Promise.all(queries.map((q) => ids(q)))
        await c().createIndex({ keys: { 'c.id': 1 } })
        await c().createIndex({ keys: { tags: 1, n: -1 }, name: 'tags_n' })
        await c().createIndex({ keys: { n: -1 } })
        assert.deepEqual(await Promise.all(queries.map((q) => ids(q))), before)
        assert.deepEqual(before[0], ['a', 'b'])
      })
    })

    describe('unsupported queries', () => {
      const c = () => store.collection('items')

      it('rejects operators outside the subset, naming them, and writes nothing', async () => {
        await seed([{ _id: 'a', n: 1, tags: ['x'] }])
        const before = await all()
        await rejects(c().find({ n: { $regex: 'x' } } as Filter), '$regex')
        await rejects(c().find({ $where: 'true' } as Filter), '$where')
        await rejects(c().find({ $nor: [{ n: 1 }] } as Filter), '$nor')
        await rejects(c().find({ tags: { $elemMatch: { $eq: 'x' } } } as Filter), '$elemMatch')
        await rejects(c().find({ tags: { $size: 1 } } as Filter), '$size')
        await rejects(c().find({ n: { $not: { $gt: 1 } } } as Filter), '$not')
        await rejects(c().count({ $expr: {} } as Filter), '$expr')
        await rejects(c().find({ n: /x/ } as Filter), 'regular expression')
        await rejects(c().find({ n: { $gt: 1, k: 2 } } as Filter), 'mix')
        await rejects(c().find({ $or: [] }), '$or')
        await rejects(c().updateMany({ n: { $type: 'number' } } as Filter, { $set: { n: 2 } }), '$type')
        await rejects(c().updateMany({}, { $rename: { n: 'm' } } as never), '$rename')
        await rejects(c().updateMany({}, { $set: { n: 2 }, $mul: { n: 2 } } as never), '$mul')
        await rejects(c().updateOne({}, { $setOnInsert: { n: 2 } } as never, { upsert: true }), '$setOnInsert')
        await rejects(c().updateOne({}, { $set: { 'tags.$': 'y' } }), '$')
        await rejects(c().updateOne({}, { $push: { tags: { $each: ['y'], $slice: 1 } } }), '$slice')
        await rejects(c().deleteMany({ n: { $mod: [2, 0] } } as Filter), '$mod')
        await rejects(c().find({}, { sort: { n: 2 as 1 } }), 'sort')
        assert.deepEqual(await all(), before)
      })

      it('rejects invalid collection names', () => {
        for (const bad of ['', 'has space', 'semi;colon', 'quote"d', 'system.users', 'a/b', 'é']) {
          assert.throws(() => store.collection(bad), /collection name/)
        }
        store.collection('ok_name.v2-blue')
      })
    })

    describe('deletes', () => {
      it('deleteOne removes the first match, deleteMany all matches', async () => {
        await seed([
          { _id: 'a', s: 'x' },
          { _id: 'b', s: 'x' },
          { _id: 'c', s: 'y' },
        ])
        assert.deepEqual(await store.collection('items').deleteOne({ s: 'x' }), { deletedCount: 1 })
        assert.deepEqual(await store.collection('items').deleteMany({ s: { $in: ['x', 'y'] } }), { deletedCount: 2 })
        assert.deepEqual(await store.collection('items').deleteMany({}), { deletedCount: 0 })
      })
    })

    describe('transactions', () => {
      it('commits all writes of fn together and returns its result', async () => {
        const result = await store.transaction(async (tx) => {
          await tx.collection('a').insertOne({ _id: '1' })
          await tx.collection('b').updateOne({ _id: 'cp' }, { $set: { position: 42 } }, { upsert: true })
          assert.equal(await tx.collection('a').count(), 1)
          return 'done'
        })
        assert.equal(result, 'done')
        assert.deepEqual(await all('a'), [{ _id: '1' }])
        assert.deepEqual(await all('b'), [{ _id: 'cp', position: 42 }])
      })

      it('a throw inside leaves nothing written', async () => {
        await seed([{ _id: 'keep', n: 1 }], 'a')
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.collection('a').insertOne({ _id: '2' })
            await tx.collection('a').updateOne({ _id: 'keep' }, { $inc: { n: 1 } })
            await tx.collection('b').insertOne({ _id: 'x' })
            await tx.collection('a').deleteOne({ _id: 'keep' })
            throw new Error('projection failed')
          }),
          /projection failed/,
        )
        assert.deepEqual(await all('a'), [{ _id: 'keep', n: 1 }])
        assert.deepEqual(await all('b'), [])
      })

      it('a failing operation inside fails the transaction as a whole', async () => {
        await seed([{ _id: 'dup' }], 'a')
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.collection('a').insertOne({ _id: 'new' })
            await tx.collection('a').insertOne({ _id: 'dup' })
          }),
          DuplicateKey,
        )
        assert.deepEqual(await all('a'), [{ _id: 'dup' }])
      })

      it('a nested transaction runs as part of the outer one', async () => {
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.transaction(async (inner) => {
              await inner.collection('a').insertOne({ _id: 'inner' })
            })
            throw new Error('outer fails')
          }),
          /outer fails/,
        )
        assert.equal(await store.collection('a').count(), 0)
        await store.transaction(async (tx) => {
          await tx.transaction(async (inner) => inner.collection('a').insertOne({ _id: 'inner' }))
          await tx.collection('a').insertOne({ _id: 'outer' })
        })
        assert.equal(await store.collection('a').count(), 2)
      })

      it('others never see uncommitted or rolled-back writes', async () => {
        // The outside reader is set up outside the transaction's async context and released
        // from inside it, while the transaction is open.
        let release = () => {}
        const released = new Promise<void>((resolve) => {
          release = resolve
        })
        const outside = released.then(() => store.collection('a').find({}))
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.collection('a').insertOne({ _id: 'ghost' })
            release()
            await flush()
            throw new Error('rollback')
          }),
          /rollback/,
        )
        assert.deepEqual(await outside, [])
      })

      it('parallel transactions each incrementing one counter sum exactly', async () => {
        await seed([{ _id: 'c', n: 0 }], 'a')
        await Promise.all(
          Array.from({ length: 10 }, async () => {
            for (let attempt = 0; ; attempt++) {
              try {
                await store.transaction(async (tx) => {
                  const doc = await tx.collection('a').findOne({ _id: 'c' })
                  await flush()
                  await tx.collection('a').replaceOne({ _id: 'c' }, { _id: 'c', n: (doc?.n as number) + 1 })
                })
                return
              } catch (error) {
                // MongoDB aborts one of two conflicting transactions (WriteConflict); retry as callers do.
                if (attempt > 50 || !/WriteConflict|TransientTransactionError|write conflict/i.test(String(error))) {
                  throw error
                }
              }
            }
          }),
        )
        assert.equal((await store.collection('a').findOne({ _id: 'c' }))?.n, 10)
      })
    })

    describe('concurrency', () => {
      it('many parallel updateOne $inc on one document sum exactly', async () => {
        await seed([{ _id: 'counter', n: 0 }])
        await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            store.collection('items').updateOne({ _id: 'counter' }, { $inc: { n: i % 2 === 0 ? 1 : 2 } }),
          ),
        )
        assert.equal((await store.collection('items').findOne({ _id: 'counter' }))?.n, 150)
      })

      it('parallel upserts of one key create one document', async () => {
        await Promise.all(
          Array.from({ length: 20 }, () =>
            store.collection('items').updateOne({ _id: 'once' }, { $inc: { hits: 1 } }, { upsert: true }),
          ),
        )
        assert.deepEqual(await all(), [{ _id: 'once', hits: 20 }])
      })
    })

    describe('collections', () => {
      it('lists, drops and renames collections; indexes follow a rename', async () => {
        await seed([{ _id: '1', plate: 'A' }], 'orders_v1')
        await store.collection('orders_v1').createIndex({ keys: { plate: 1 }, unique: true })
        await seed([{ _id: '1' }], 'other')
        assert.deepEqual(await store.listCollections(), ['orders_v1', 'other'])
        await store.renameCollection('orders_v1', 'orders')
        assert.deepEqual(await store.listCollections(), ['orders', 'other'])
        assert.deepEqual(await all('orders'), [{ _id: '1', plate: 'A' }])
        assert.deepEqual(await all('orders_v1'), [])
        await assert.rejects(store.collection('orders').insertOne({ _id: '2', plate: 'A' }), DuplicateKey)
        // The old name is free again, with no index left behind.
        await store.collection('orders_v1').createIndex({ keys: { plate: 1 }, unique: true })
        await seed([{ _id: '9', plate: 'A' }], 'orders_v1')
        await assert.rejects(store.renameCollection('orders_v1', 'other'), /exists/)
        await store.dropCollection('other')
        await store.dropCollection('never_existed')
        assert.deepEqual(await store.listCollections(), ['orders', 'orders_v1'])
        assert.deepEqual(await all('other'), [])
      })

      it('renaming is the blue/green swap: drop the old, rename the rebuilt', async () => {
        await seed([{ _id: 'old' }], 'calendar')
        await seed([{ _id: 'new' }], 'calendar_rebuild')
        // Not inside a transaction: MongoDB forbids drop/rename there.
        await store.dropCollection('calendar')
        await store.renameCollection('calendar_rebuild', 'calendar')
        assert.deepEqual(await all('calendar'), [{ _id: 'new' }])
        assert.deepEqual(await store.listCollections(), ['calendar'])
      })

      it('ping answers', async () => {
        await store.ping()
      })
    })
  })
}
