// Finite reads (one stream, $all, the head of $all), translated to the port's semantics:
// a missing stream reads as empty, system events are invisible, fromPosition is exclusive and
// maxCount counts the events the caller actually receives.
import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError } from '@eventstore/db-client'
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../../../application/ports/eventStore.js'
import type { EsdbClient, EsdbRead } from './esdbClient.js'
import { deserialiseEvent, type EsdbResolvedEvent, isSystemEvent } from './eventSerialisation.js'
import { isAfter, toEsdbReadPosition, toPortPosition } from './logPosition.js'

/** Iterates a client read and cancels it on the server if the consumer leaves early. */
async function* drain<E extends EsdbResolvedEvent>(read: EsdbRead<E>): AsyncGenerator<E> {
  let finished = false
  try {
    for await (const resolved of read) yield resolved
    finished = true
  } finally {
    if (!finished) await read.cancel()
  }
}

export async function* readStreamEvents(
  client: EsdbClient,
  streamId: string,
  options: ReadStreamOptions = {},
): AsyncGenerator<RecordedEvent> {
  if (options.maxCount !== undefined && options.maxCount <= 0) return
  const backwards = options.direction === 'backwards'
  const read = client.readStream(streamId, {
    direction: backwards ? BACKWARDS : FORWARDS,
    fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
    ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
  })
  try {
    for await (const resolved of drain(read)) yield deserialiseEvent(resolved)
  } catch (e) {
    // The server answers a read of a stream that was never written with "not found"; the port
    // says such a stream is simply empty.
    if (e instanceof StreamNotFoundError) return
    throw e
  }
}

export async function* readAllEvents(client: EsdbClient, options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
  const fromPosition = options.fromPosition ?? 0
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY
  if (maxCount <= 0) return
  // No maxCount on the server read: system events are dropped here (this client version has no
  // server-side filter for reads), so the server's count would not be the caller's count.
  let delivered = 0
  for await (const resolved of drain(
    client.readAll({ direction: FORWARDS, fromPosition: toEsdbReadPosition(fromPosition) }),
  )) {
    const event = resolved.event
    if (event === undefined || isSystemEvent(event)) continue
    // Reading $all from a position includes the event at it; the caller already has that one.
    if (!isAfter(toPortPosition(event.position), fromPosition)) continue
    yield deserialiseEvent(resolved)
    if (++delivered >= maxCount) return
  }
}

/**
 * Position of the last application event in $all, 0 when there is none. System events after it
 * (statistics, stream metadata, projection bookkeeping) are skipped: subscribers never see them,
 * so counting them would show projection lag that can never reach zero.
 */
export async function readHeadPosition(client: EsdbClient): Promise<number> {
  for await (const resolved of drain(client.readAll({ direction: BACKWARDS, fromPosition: END }))) {
    const event = resolved.event
    if (event === undefined || isSystemEvent(event)) continue
    return toPortPosition(event.position)
  }
  return 0
}
