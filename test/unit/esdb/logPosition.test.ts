import assert from 'node:assert/strict'
import { START } from '@eventstore/db-client'
import { isAfter, toEsdbReadPosition, toPortPosition } from '../../../infrastructure/event-store/esdb/logPosition.js'

describe('esdb log position mapping', () => {
  it('uses the commit position as the port position', () => {
    assert.equal(toPortPosition({ commit: 4711n, prepare: 4711n }), 4711)
    assert.equal(toPortPosition({ commit: 0n, prepare: 0n }), 0)
  })

  it('refuses positions a number cannot hold exactly, including the 2^64-1 "unknown" marker', () => {
    assert.throws(() => toPortPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }), RangeError)
    assert.throws(() => toPortPosition({ commit: BigInt(Number.MAX_SAFE_INTEGER) + 1n, prepare: 0n }), RangeError)
  })

  it('maps a port position back to {commit, prepare} with prepare == commit, and 0 to the start', () => {
    assert.equal(toEsdbReadPosition(0), START)
    assert.deepEqual(toEsdbReadPosition(4711), { commit: 4711n, prepare: 4711n })
  })

  it('round-trips every position it hands out', () => {
    for (const n of [1, 1024, 987_654_321, Number.MAX_SAFE_INTEGER]) {
      const pos = toEsdbReadPosition(n)
      assert.notEqual(pos, START)
      if (pos !== START && pos !== 'end') assert.equal(toPortPosition(pos), n)
    }
  })

  it('refuses negative or fractional positions', () => {
    for (const bad of [-1, 0.5, Number.NaN]) assert.throws(() => toEsdbReadPosition(bad), RangeError)
  })

  it('treats fromPosition as exclusive: the event at the checkpoint is not after it', () => {
    assert.equal(isAfter(100, 99), true)
    assert.equal(isAfter(100, 100), false)
    assert.equal(isAfter(99, 100), false)
    assert.equal(isAfter(1, 0), true)
  })
})
