// Global positions: the port's single number is EventStoreDB's commit position.
//
// An $all position is a pair {commit, prepare} of byte offsets in the transaction log. They differ
// only for events written inside explicit (TCP-era) transactions, where many prepares share one
// commit record. Appends over gRPC are never explicit transactions: each event is a self-committed
// prepare, so commit == prepare and the commit position alone identifies the event exactly. That
// lets the port keep one number (JSON-safe, comparable) and lets us rebuild the pair from it.
//
// Exclusivity: the port's fromPosition is the last event the reader already has. Reading $all
// forwards from a position is INCLUSIVE in EventStoreDB (the event at that position comes back
// first), while a catch-up subscription from a position is EXCLUSIVE. The adapter does not rely on
// either: it drops every event at or before the requested position itself (isAfter), so the
// behaviour is the same whatever a server version does.
import { type Position, type ReadPosition, START } from '@eventstore/db-client'
import { bigintToSafeNumber } from './safeNumber.js'

export function toPortPosition(position: Position): number {
  return bigintToSafeNumber(position.commit, 'commit position')
}

/** The $all position to start reading or subscribing from; 0 (nothing read yet) is the start. */
export function toEsdbReadPosition(fromPosition: number): ReadPosition {
  if (!Number.isSafeInteger(fromPosition) || fromPosition < 0)
    throw new RangeError(`position must be a non-negative safe integer, got ${fromPosition}`)
  if (fromPosition === 0) return START
  const at = BigInt(fromPosition)
  return { commit: at, prepare: at }
}

/** True when an event at `position` comes after the reader's checkpoint `fromPosition`. */
export function isAfter(position: number, fromPosition: number): boolean {
  return position > fromPosition
}
