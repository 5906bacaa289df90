// The SQLite adapter's SQL translation against an independent evaluator of the same
// language (mingo): random documents and filters must select exactly the same documents,
// and random updates must produce the same documents.
//
// The generators stay out of corners where mingo itself differs from MongoDB (the SQLite
// adapter follows MongoDB there; the contract suite pins MongoDB's answers):
// - null operands ({x: null}, $in/$nin with null, $ne null) only on top-level paths: mingo
//   does not treat an object element lacking the field as "missing" when a dotted path
//   crosses an array ({'a.b': null} vs a: [{}]), and MongoDB does (jstests null2.js);
// - no null operand for $gt/$gte/$lt/$lte: MongoDB's {$gte: null} matches missing fields,
//   mingo's does not;
// - no arrays inside $in/$nin: MongoDB also compares the whole array value, mingo only its
//   elements;
// - array operands only on top-level paths: mingo collects the values a dotted path finds
//   across an array into a new array and compares that ({'a.b': [1, 2]} matches
//   a: [{b: 1}, {b: 2}], and {'b.a': {$ne: []}} fails on b: []); MongoDB compares each value;
// - objects (in documents and operands) always have their fields in sorted order: MongoDB's
//   object equality is field-order sensitive, mingo's is not;
// - no array directly inside an array under a dotted path: mingo flattens nested arrays as
//   deep as the path has dots ({'a.b': 1} matches a: [{b: [[1]]}], {'b.a': {$exists: true}}
//   matches b: [[]]); MongoDB looks one level into the leaf array only. Arrays of arrays are
//   generated in field 'n' only, which filters address by its top-level path, where both agree;
// - objects inside arrays hold no arrays: when a dotted path crosses an array and its values
//   are arrays again ({'a.c': {$in: [false]}} on a: [{c: [false]}], or two levels of arrays),
//   mingo's $in, $nin, range operators and $exists stop looking into them; MongoDB does not.
//   The contract suite covers these shapes ('lines.parts.no', null2.js) with MongoDB's answers;
// - for updates, no $addToSet onto an array that already holds duplicates: mingo then adds
//   nothing ([1, 1] + 2 stays [1, 1]), MongoDB appends.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { update as mingoUpdate, Query } from 'mingo'
import { type Document, type Filter, UnsupportedQuery, type Update } from '../../application/ports/documentStore.js'
import { validateUpdate } from '../../infrastructure/documents/shared/queryValidation.js'
import { valueAtPath } from '../../infrastructure/documents/shared/sortDocuments.js'
import { valuesEqual } from '../../infrastructure/documents/shared/valueOrder.js'
import { SqliteDocumentStore } from '../../infrastructure/documents/sqlite/sqliteDocumentStore.js'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

const KEYS = ['a', 'b', 'c'] as const

const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(-2, -1, 0, 1, 2, 2.5, 10),
  fc.constantFrom('', 'x', 'y', 'X', 'ą'),
  fc.boolean(),
  fc.constant(null),
)

const sortedObject = (values: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  fc
    .dictionary(fc.constantFrom(...KEYS), values, { maxKeys: 3 })
    .map((o) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1))))

/** What an array may hold: scalars and objects without arrays inside (see header). */
const element: fc.Arbitrary<Json> = fc.letrec<{ element: Json }>((tie) => ({
  element: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, sortedObject(tie('element'))),
})).element

/** Objects with sorted keys; arrays hold `element`s (see header). */
const value: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    sortedObject(tie('value')),
    fc.array(element, { maxLength: 3 }),
  ),
})).value

/** Field 'n' may hold an array of arrays (see header). */
const nested: fc.Arbitrary<Json> = fc.oneof(value, fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }))

const documents: fc.Arbitrary<Document[]> = fc
  .array(
    fc.tuple(fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 3 }), fc.option(nested, { nil: undefined })),
    { maxLength: 10 },
  )
  .map((docs) =>
    docs.map(([fields, n], i) => ({
      _id: `d${String(i).padStart(2, '0')}`,
      ...Object.fromEntries(Object.entries(fields).sort(([x], [y]) => (x < y ? -1 : 1))),
      ...(n === undefined ? {} : { n }),
    })),
  )

const TOP_PATHS = ['a', 'b', 'c', 'n']
const DOTTED_PATHS = ['a.b', 'a.c', 'b.a', 'a.b.c', 'c.a.b', 'a.0', 'b.1', 'a.0.b', '_id']

const nonNullScalar = scalar.filter((v) => v !== null)

function fieldCondition(topLevel: boolean): fc.Arbitrary<unknown> {
  const withNull = topLevel
  const eqOperand = topLevel ? value : value.filter((v) => v !== null && !Array.isArray(v))
  const listItem = withNull ? scalar : nonNullScalar
  return fc.oneof(
    eqOperand,
    eqOperand.map(($eq) => ({ $eq })),
    eqOperand.map(($ne) => ({ $ne })),
    fc.record(
      {
        $gt: nonNullScalar,
        $gte: nonNullScalar,
        $lt: nonNullScalar,
        $lte: nonNullScalar,
      },
      { requiredKeys: [] },
    ),
    fc.array(listItem, { maxLength: 3 }).map(($in) => ({ $in })),
    fc.array(listItem, { maxLength: 3 }).map(($nin) => ({ $nin })),
    fc.boolean().map(($exists) => ({ $exists })),
  )
}

const fieldFilter: fc.Arbitrary<Filter> = fc.oneof(
  fc.tuple(fc.constantFrom(...TOP_PATHS), fieldCondition(true)).map(([p, c]) => ({ [p]: c })),
  fc.tuple(fc.constantFrom(...DOTTED_PATHS), fieldCondition(false)).map(([p, c]) => ({ [p]: c })),
)

const filter: fc.Arbitrary<Filter> = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small' },
    fieldFilter,
    fc.tuple(fieldFilter, fieldFilter).map(([x, y]) => ({ ...x, ...y })),
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map(($and) => ({ $and })),
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map(($or) => ({ $or })),
  ),
})).filter

const UPDATE_PATHS = ['a', 'b', 'c', 'a.b', 'a.c', 'b.c', 'a.0', 'a.1', 'b.0.a']

const update: fc.Arbitrary<Update> = fc
  .record(
    {
      $set: fc.dictionary(fc.constantFrom(...UPDATE_PATHS), value, { minKeys: 1, maxKeys: 2 }),
      $unset: fc.dictionary(fc.constantFrom(...UPDATE_PATHS), fc.constant(''), { minKeys: 1, maxKeys: 2 }),
      $inc: fc.dictionary(fc.constantFrom(...UPDATE_PATHS), fc.constantFrom(-1, 1, 2.5), { minKeys: 1, maxKeys: 2 }),
      $push: fc.dictionary(fc.constantFrom(...UPDATE_PATHS), value, { minKeys: 1, maxKeys: 1 }),
      $addToSet: fc.dictionary(fc.constantFrom(...UPDATE_PATHS), value, { minKeys: 1, maxKeys: 1 }),
      $pull: fc.dictionary(
        fc.constantFrom(...UPDATE_PATHS),
        fc.oneof(scalar, fc.record({ $gte: fc.constantFrom(0, 1, 'x') })),
        {
          minKeys: 1,
          maxKeys: 1,
        },
      ),
    },
    { requiredKeys: [] },
  )
  .filter((u) => {
    if (Object.keys(u).length === 0) return false
    try {
      validateUpdate(u as Update)
      return true
    } catch {
      return false // conflicting paths: MongoDB rejects those before looking at any document
    }
  }) as fc.Arbitrary<Update>

const ids = (docs: Document[]) => docs.map((d) => d._id)

function addsToArrayWithDuplicates(doc: Document, u: Update): boolean {
  return Object.keys(u.$addToSet ?? {}).some((p) => {
    const current = valueAtPath(doc, p.split('.'))
    return Array.isArray(current) && current.some((x, i) => current.some((y, j) => j > i && valuesEqual(x, y)))
  })
}

describe('property: SQLite DocumentStore agrees with mingo', function () {
  this.timeout(60_000)
  let dir: string
  let store: SqliteDocumentStore

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'docstore-property-'))
    store = new SqliteDocumentStore(join(dir, 'property.db'))
  })
  after(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('find returns exactly what mingo selects', async () => {
    await fc.assert(
      fc.asyncProperty(documents, filter, async (docs, f) => {
        await store.dropCollection('p')
        if (docs.length > 0) await store.collection('p').insertMany(docs)
        const expected = ids(new Query(f, {}).find(docs).all() as Document[])
        const actual = ids(await store.collection('p').find(f, { sort: { _id: 1 } }))
        assert.deepEqual(actual, expected)
        assert.equal(await store.collection('p').count(f), expected.length)
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    )
  })

  it('updateOne produces the document mingo produces (or rejects, writing nothing)', async () => {
    let rejected = 0
    let runs = 0
    await fc.assert(
      fc.asyncProperty(
        documents.filter((d) => d.length > 0),
        update,
        async (docs, u) => {
          const [doc] = docs as [Document]
          fc.pre(!addsToArrayWithDuplicates(doc, u))
          runs++
          await store.dropCollection('u')
          await store.collection('u').insertOne(doc)
          try {
            await store.collection('u').updateOne({ _id: doc._id }, u)
          } catch (error) {
            // MongoDB rejects e.g. $inc on a string, where mingo silently skips the field.
            assert.ok(error instanceof UnsupportedQuery, String(error))
            assert.deepEqual(await store.collection('u').findOne({ _id: doc._id }), doc)
            rejected++
            return
          }
          const updated = structuredClone(doc)
          mingoUpdate(updated, u as Parameters<typeof mingoUpdate>[1])
          // mingo leaves holes when it writes past an array's end; MongoDB (and JSON) pad with null.
          const expected = JSON.parse(JSON.stringify(updated))
          assert.deepEqual(await store.collection('u').findOne({ _id: doc._id }), expected)
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    )
    assert.ok(rejected < runs * 0.8, `too few accepted updates (${rejected} of ${runs} rejected) to compare much`)
  })
})
