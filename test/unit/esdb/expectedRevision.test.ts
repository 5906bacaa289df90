import assert from 'node:assert/strict'
import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client'
import {
  conflictBelongsToCaller,
  exactExpectation,
  fromEsdbCurrentRevision,
  toEsdbExpectedRevision,
} from '../../../infrastructure/event-store/esdb/expectedRevision.js'

describe('esdb expected revision mapping', () => {
  it('maps the port expectations to the client constants and bigints', () => {
    assert.equal(toEsdbExpectedRevision('no_stream'), NO_STREAM)
    assert.equal(toEsdbExpectedRevision('stream_exists'), STREAM_EXISTS)
    assert.equal(toEsdbExpectedRevision('any'), ANY)
    assert.equal(toEsdbExpectedRevision(0), 0n)
    assert.equal(toEsdbExpectedRevision(41), 41n)
    assert.equal(toEsdbExpectedRevision(Number.MAX_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER))
  })

  it('refuses revisions that are not non-negative safe integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, Number.POSITIVE_INFINITY])
      assert.throws(() => toEsdbExpectedRevision(bad), RangeError, String(bad))
  })

  it("reads the server's current revision back as the port's actual revision", () => {
    assert.equal(fromEsdbCurrentRevision(NO_STREAM), 'no_stream')
    assert.equal(fromEsdbCurrentRevision(0n), 0)
    assert.equal(fromEsdbCurrentRevision(12n), 12)
    // EventStoreDB's "actual-version" header says -1 for a stream that does not exist.
    assert.equal(fromEsdbCurrentRevision(-1n), 'no_stream')
    assert.throws(() => fromEsdbCurrentRevision(2n ** 64n - 1n), RangeError)
  })

  it('pins an append to exactly what was read', () => {
    assert.equal(exactExpectation('no_stream'), NO_STREAM)
    assert.equal(exactExpectation(7), 7n)
  })

  it("a conflict is the caller's when they named a revision or no_stream, ours for any / stream_exists", () => {
    assert.equal(conflictBelongsToCaller('no_stream'), true)
    assert.equal(conflictBelongsToCaller(0), true)
    assert.equal(conflictBelongsToCaller(5), true)
    assert.equal(conflictBelongsToCaller('any'), false)
    assert.equal(conflictBelongsToCaller('stream_exists'), false)
  })
})
