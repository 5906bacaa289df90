// The bucketed immutable map behaves like a Map, and never changes a version already handed out.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  type BucketMap,
  bucketDelete,
  bucketEntries,
  bucketGet,
  bucketHas,
  bucketSet,
  emptyBucketMap,
} from '../../../../domain/shared/bucketMap.js'

describe('bucket map (stock state)', () => {
  it('agrees with a Map over random sets and deletes, and old versions stay as they were', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.string({ maxLength: 4 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 4 }) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        let map: BucketMap<number> = emptyBucketMap()
        const model = new Map<string, number>()
        const versions: Array<[BucketMap<number>, Array<[string, number]>]> = []
        for (const o of ops) {
          if (o.kind === 'set') {
            map = bucketSet(map, o.key, o.value)
            model.set(o.key, o.value)
          } else {
            map = bucketDelete(map, o.key)
            model.delete(o.key)
          }
          versions.push([map, [...model.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))])
        }
        for (const [version, expected] of versions) {
          assert.deepEqual(bucketEntries(version), expected)
          assert.equal(version.size, expected.length)
        }
        for (const [key, value] of model) {
          assert.equal(bucketGet(map, key), value)
          assert.ok(bucketHas(map, key))
        }
      }),
      { numRuns: 200 },
    )
  })
})
