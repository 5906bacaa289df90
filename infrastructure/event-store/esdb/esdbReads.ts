// Finite reads (one stream, $all, the head of $all), translated to the port's semantics:
// a missing stream reads as empty, system events are invisible, fromPosition is exclusive and
// maxCount counts the events the caller actually receives.
//
// Every read waits at most `timeoutMs` for each message from the node: the client gives reads no
// deadline, so a node that accepts a read and then says nothing would hold the reader forever.
// Connection failures surface as EventStoreUnavailable (see unavailable.ts).
import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError } from '@eventstore/db-client'
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../../../application/ports/eventStore.js'
import type { EsdbClient, EsdbRead } from './esdbClient.js'
import { deserialiseEvent, type EsdbResolvedEvent, isSystemEvent } from './eventSerialisation.js'
import { isAfter, toEsdbReadPosition, toPortPosition } from './logPosition.js'
import { asUnavailable, DEFAULT_TIMEOUT_MS, EventStoreUnavailable, withTimeout } from './unavailable.js'

export interface ReadLimits {
  /** Longest wait for the node's next message. */
  readonly timeoutMs: number
  /** What the caller is doing, for the error (an append reads the stream first). */
  readonly operation: string
}

const READ: ReadLimits = { timeoutMs: DEFAULT_TIMEOUT_MS, operation: 'read' }

/**
 * Iterates a client read and cancels it on the server if the consumer leaves early or the node
 * stops answering. After a timeout a next() is still pending on the client's stream, and closing
 * its iterator would queue behind that read, so the read is cancelled and abandoned instead.
 */
async function* drain<E extends EsdbResolvedEvent>(read: EsdbRead<E>, limits: ReadLimits): AsyncGenerator<E> {
  const iterator = read[Symbol.asyncIterator]()
  let state = 'reading' as 'reading' | 'failed' | 'abandoned' | 'done'
  try {
    for (;;) {
      let next: IteratorResult<E>
      try {
        next = await withTimeout(iterator.next(), limits.timeoutMs, limits.operation)
      } catch (e) {
        state = e instanceof EventStoreUnavailable ? 'abandoned' : 'failed'
        throw e
      }
      if (next.done) {
        state = 'done'
        return
      }
      yield next.value
    }
  } finally {
    if (state === 'abandoned' || state === 'failed') read.cancel().catch(() => {})
    else if (state === 'reading') {
      await read.cancel()
      await iterator.return?.()
    }
  }
}

export async function* readStreamEvents(
  client: EsdbClient,
  streamId: string,
  options: ReadStreamOptions = {},
  limits: ReadLimits = READ,
): AsyncGenerator<RecordedEvent> {
  if (options.maxCount !== undefined && options.maxCount <= 0) return
  const backwards = options.direction === 'backwards'
  const read = client.readStream(streamId, {
    direction: backwards ? BACKWARDS : FORWARDS,
    fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
    ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
  })
  try {
    for await (const resolved of drain(read, limits)) yield deserialiseEvent(resolved)
  } catch (e) {
    // The server answers a read of a stream that was never written with "not found"; the port
    // says such a stream is simply empty.
    if (e instanceof StreamNotFoundError) return
    throw asUnavailable(e, limits.operation)
  }
}

export async function* readAllEvents(
  client: EsdbClient,
  options: ReadAllOptions = {},
  limits: ReadLimits = READ,
): AsyncGenerator<RecordedEvent> {
  const fromPosition = options.fromPosition ?? 0
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY
  if (maxCount <= 0) return
  // No maxCount on the server read: system events are dropped here (this client version has no
  // server-side filter for reads), so the server's count would not be the caller's count.
  let delivered = 0
  try {
    for await (const resolved of drain(
      client.readAll({ direction: FORWARDS, fromPosition: toEsdbReadPosition(fromPosition) }),
      limits,
    )) {
      const event = resolved.event
      if (event === undefined || isSystemEvent(event)) continue
      // Reading $all from a position includes the event at it; the caller already has that one.
      if (!isAfter(toPortPosition(event.position), fromPosition)) continue
      yield deserialiseEvent(resolved)
      if (++delivered >= maxCount) return
    }
  } catch (e) {
    throw asUnavailable(e, limits.operation)
  }
}

/**
 * Position of the last application event in $all, 0 when there is none. System events after it
 * (statistics, stream metadata, projection bookkeeping) are skipped: subscribers never see them,
 * so counting them would show projection lag that can never reach zero.
 */
export async function readHeadPosition(client: EsdbClient, limits: ReadLimits = READ): Promise<number> {
  try {
    for await (const resolved of drain(client.readAll({ direction: BACKWARDS, fromPosition: END }), limits)) {
      const event = resolved.event
      if (event === undefined || isSystemEvent(event)) continue
      return toPortPosition(event.position)
    }
    return 0
  } catch (e) {
    throw asUnavailable(e, limits.operation)
  }
}
