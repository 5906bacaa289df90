// sameValue: JSON values compared as values, whatever the order of their keys.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { sameValue } from '../../../../domain/shared/sameValue.js'

/** The same value with every object's keys in reverse order. */
const reordered = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reordered)
    : typeof v === 'object' && v !== null
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reordered(x)]),
        )
      : v

describe('sameValue', () => {
  it('a value and itself with its keys in another order are the same', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => sameValue(v, reordered(v)) && sameValue(reordered(v), v)))
  })

  it('agrees with comparing canonical texts (keys sorted) on any two values', () => {
    const canonical = (v: unknown): string =>
      JSON.stringify(v, (_k, x) =>
        typeof x === 'object' && x !== null && !Array.isArray(x)
          ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : x,
      )
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => sameValue(a, b) === (canonical(a) === canonical(b))),
    )
  })

  it('tells apart what differs: a value, a missing key, an array order, an array from an object', () => {
    assert.equal(sameValue({ kind: 'fleet', fleetId: 'f1' }, { fleetId: 'f1', kind: 'fleet' }), true)
    assert.equal(sameValue({ a: 1 }, { a: 2 }), false)
    assert.equal(sameValue({ a: 1, b: null }, { a: 1 }), false)
    assert.equal(sameValue({ a: 1, b: undefined }, { a: 1 }), true)
    assert.equal(sameValue([1, 2], [2, 1]), false)
    assert.equal(sameValue([], {}), false)
    assert.equal(sameValue(null, {}), false)
  })
})
