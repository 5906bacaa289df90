// Appending with the port's rules on top of EventStoreDB.
//
// The hash chain needs the previous event's hash, so an append is read-then-write:
//   1. read the stream (its last event gives revision and prevHash; all of it gives the event ids
//      already present, see below);
//   2. apply the port's rules exactly as the reference adapters do: a batch whose event ids are
//      already in the stream is a retry (answer with the original outcome) or a conflicting
//      partial retry (refused); otherwise the caller's expectation must hold;
//   3. hash the batch onto the chain and append with the EXACT revision read in step 1, so the
//      server refuses the write if anyone appended in between (the chain stays linear).
// On a server-side conflict, a caller who named a revision (or 'no_stream') gets
// WrongExpectedRevision: the stream moved under them. A caller who said 'any' or 'stream_exists'
// did not care where the events land, so the conflict is only ours: re-read, re-hash and try
// again, a bounded number of times.
//
// Why the adapter must know every event id of the stream rather than only its last event:
// EventStoreDB deduplicates by event id only when the expectation it receives points just before
// the duplicate (an exact-revision retry), and only best-effort for ANY. Because step 3 always
// sends the revision read in step 1, a retried 'any' append would otherwise be written twice. The
// server keeps no index by event id, so the ids come from reading the stream: whole the first
// time, then only what was written since (streamStateCache.ts keeps the rest between appends).
// The server's own check still covers the race where a retry of the same batch lands between our
// read and our write.
//
// Connection failures (unreachable node, cut connection, no answer within timeoutMs) surface as
// EventStoreUnavailable. The batch goes to the server as one request, which it writes whole or not
// at all, but a failure after sending leaves the caller unable to tell which; that is why the
// error is retryable: a retry with the same event ids is recognised in step 2 and answered with
// the original outcome.
import { WrongExpectedVersionError } from '@eventstore/db-client'
import { checkExpectedRevision, classifyRetry, validateAppend } from '../../../application/eventLog/appendRules.js'
import { GENESIS_HASH } from '../../../application/eventLog/hashChain.js'
import {
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  WrongExpectedRevision,
} from '../../../application/ports/eventStore.js'
import type { EsdbClient } from './esdbClient.js'
import { type ReadLimits, readStreamEvents } from './esdbReads.js'
import { serialiseBatch } from './eventSerialisation.js'
import { conflictBelongsToCaller, exactExpectation, fromEsdbCurrentRevision } from './expectedRevision.js'
import { toPortPosition } from './logPosition.js'
import { bigintToSafeNumber } from './safeNumber.js'
import { type KnownEvent, type StreamState, StreamStateCache } from './streamStateCache.js'
import { asUnavailable, DEFAULT_TIMEOUT_MS, withTimeout } from './unavailable.js'

/** Attempts for 'any' / 'stream_exists' appends that keep losing races; then WrongExpectedRevision. */
export const DEFAULT_MAX_APPEND_ATTEMPTS = 5

/** Brings the cached state up to the stream's end: reads only the events after the cached last one. */
async function catchUp(client: EsdbClient, streamId: string, state: StreamState, limits: ReadLimits): Promise<void> {
  const fromRevision = state.last ? state.last.revision + 1 : 0
  for await (const event of readStreamEvents(client, streamId, { fromRevision }, limits))
    StreamStateCache.record(state, event)
}

/** The $all position of the event at `revision`, for answers the server gave without one. */
async function positionOfRevision(
  client: EsdbClient,
  streamId: string,
  revision: number,
  limits: ReadLimits,
): Promise<number> {
  for await (const event of readStreamEvents(client, streamId, { fromRevision: revision, maxCount: 1 }, limits))
    return event.position
  throw new Error(`stream ${streamId} has no event at revision ${revision} right after appending it`)
}

export async function appendWithChain(
  client: EsdbClient,
  streamId: string,
  events: ReadonlyArray<NewEvent>,
  expected: ExpectedRevision,
  maxAttempts: number = DEFAULT_MAX_APPEND_ATTEMPTS,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
  streams: StreamStateCache = new StreamStateCache(),
): Promise<AppendResult> {
  validateAppend(streamId, events)
  const limits: ReadLimits = { timeoutMs, operation: 'append' }
  const state = streams.entry(streamId)
  for (let attempt = 1; ; attempt++) {
    await catchUp(client, streamId, state, limits)
    const { last, byEventId } = state
    const actual = last ? last.revision : 'no_stream'
    const existing = events.map((e) => byEventId.get(e.metadata.eventId)?.revision)
    const retry = classifyRetry(streamId, expected, actual, existing)
    if (retry.kind === 'retry') {
      const original = events.at(-1) as NewEvent
      const recorded = byEventId.get(original.metadata.eventId) as KnownEvent
      return { nextExpectedRevision: retry.lastRevision, position: recorded.position }
    }
    checkExpectedRevision(streamId, expected, actual)

    const batch = serialiseBatch(
      streamId,
      last ? last.revision + 1 : 0,
      last ? last.metadata.hash : GENESIS_HASH,
      events,
    )
    let result: Awaited<ReturnType<EsdbClient['appendToStream']>>
    try {
      // The deadline lets the node (BatchAppend) or gRPC (Append) give up first with their own
      // error; the timer covers a node that does not even do that (the client waits forever).
      result = await withTimeout(
        client.appendToStream(streamId, batch.events, {
          expectedRevision: exactExpectation(actual),
          deadline: timeoutMs,
        }),
        timeoutMs,
        'append',
      )
    } catch (e) {
      if (!(e instanceof WrongExpectedVersionError)) throw asUnavailable(e, 'append')
      const current = fromEsdbCurrentRevision(e.actualVersion)
      if (conflictBelongsToCaller(expected) || attempt >= maxAttempts)
        throw new WrongExpectedRevision(streamId, expected, current)
      continue
    }
    const nextExpectedRevision = bigintToSafeNumber(result.nextExpectedRevision, 'stream revision')
    // Servers that predate reporting positions for idempotent writes leave it out when they
    // recognised the batch as a duplicate of one they already have (a concurrent retry); the
    // original events are in the stream, so look it up.
    const position = result.position
      ? toPortPosition(result.position)
      : await positionOfRevision(client, streamId, nextExpectedRevision, limits)
    return { nextExpectedRevision, position }
  }
}
