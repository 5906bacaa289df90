import assert from 'node:assert/strict'
import { validateCollectionName } from '../../../infrastructure/documents/shared/collectionNames.js'
import { checkProjection, InvalidProjection, type Projection } from '../../../projections/projection.js'
import { newBuildId, physicalCollectionName } from '../../../projections/projectionBuilds.js'
import { builtInProjections } from '../../../projections/registry.js'

const base: Projection = { name: 'p', version: 1, types: 'all', collections: ['c'], apply: () => undefined }

describe('projection definitions', () => {
  it('accepts the built-in projections', () => {
    for (const p of builtInProjections) checkProjection(p)
  })

  it('rejects names that would make ambiguous or invalid collection names', () => {
    for (const name of ['', 'a.b', '1abc', 'a b', 'x'.repeat(31), 'ä'])
      assert.throws(() => checkProjection({ ...base, name }), InvalidProjection, name)
    assert.throws(() => checkProjection({ ...base, collections: ['a.b'] }), InvalidProjection)
    assert.throws(() => checkProjection({ ...base, collections: [] }), InvalidProjection)
    assert.throws(() => checkProjection({ ...base, collections: ['c', 'c'] }), InvalidProjection)
    assert.throws(() => checkProjection({ ...base, version: 0 }), InvalidProjection)
    assert.throws(() => checkProjection({ ...base, version: 1.5 }), InvalidProjection)
    assert.throws(() => checkProjection({ ...base, indexes: { other: [] } }), InvalidProjection)
  })

  it('builds physical names the document store adapters accept, even at the longest', () => {
    const name = 'N'.repeat(30)
    const collection = 'c'.repeat(30)
    const physical = physicalCollectionName(name, collection, Number.MAX_SAFE_INTEGER, newBuildId(Date.now()))
    assert.equal(validateCollectionName(physical), physical)
    assert.match(physical, /^N{30}\.c{30}\.v9007199254740991\.[a-z0-9]+$/)
  })

  it('makes distinct build ids even within one millisecond', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newBuildId(1_700_000_000_000)))
    assert.equal(ids.size, 100)
  })
})
