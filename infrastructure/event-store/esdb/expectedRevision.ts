// Translating the port's stream expectations to and from @eventstore/db-client's.
//
// The port speaks plain numbers ('the last event has revision n'); the client speaks bigints and
// the constants NO_STREAM / STREAM_EXISTS / ANY. The adapter itself only ever sends exact
// expectations to the server (see esdbAppend.ts: the hash chain needs to know the previous event),
// but the full mapping is kept here so the translation lives in one place.
import { ANY, type AppendExpectedRevision, type CurrentRevision, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client'
import type { ExpectedRevision } from '../../../application/ports/eventStore.js'
import { bigintToSafeNumber } from './safeNumber.js'

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM
    case 'stream_exists':
      return STREAM_EXISTS
    case 'any':
      return ANY
    default:
      if (!Number.isSafeInteger(expected) || expected < 0)
        throw new RangeError(`expected revision must be a non-negative safe integer, got ${expected}`)
      return BigInt(expected)
  }
}

/**
 * The server's view of a stream's last revision, as the port reports it in WrongExpectedRevision.
 * Besides NO_STREAM, a negative number also means "no stream": when the conflict arrives as a gRPC
 * error status (rather than an append response), the client parses the server's "actual-version"
 * header, in which EventStoreDB writes -1 for a stream that does not exist.
 */
export function fromEsdbCurrentRevision(current: CurrentRevision): number | 'no_stream' {
  if (current === NO_STREAM || current < 0n) return 'no_stream'
  return bigintToSafeNumber(current, 'stream revision')
}

/**
 * The exact expectation that matches what we just read: appending with it makes the server
 * refuse the write if anyone appended in between, which is what keeps the hash chain linear.
 */
export function exactExpectation(actual: number | 'no_stream'): AppendExpectedRevision {
  return actual === 'no_stream' ? NO_STREAM : BigInt(actual)
}

/**
 * Whether a server-side conflict on the exact expectation is the caller's conflict (they named
 * a revision or 'no_stream', and the stream moved) or only ours (they said 'any' or
 * 'stream_exists', so we may re-read, re-hash and try again).
 */
export function conflictBelongsToCaller(expected: ExpectedRevision): boolean {
  return expected === 'no_stream' || typeof expected === 'number'
}
