// How port events are stored as EventStoreDB events, and how stored events are read back.
//
// - ESDB event id = metadata.eventId, so the server's own duplicate check (by event id, within a
//   stream) recognises a retried append;
// - content type application/json for data (so server-side projections and the UI can read it);
// - the ESDB event's custom metadata is the port's RecordedMetadata as JSON, hash chain included.
//
// Reading is strict: an event in a non-system stream that is not JSON, or whose metadata does not
// have the shape every event of this application is written with, is an error naming the stream,
// revision and the fields at fault. A silent skip would make read models quietly diverge.
import type { AllStreamResolvedEvent, EventData, JSONType, ResolvedEvent } from '@eventstore/db-client'
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { canonicalOrInvalid, hashCanonical, hashedMetadata } from '../../../application/eventLog/hashChain.js'
import type { EventMetadata, NewEvent, RecordedEvent, RecordedMetadata } from '../../../application/ports/eventStore.js'
import { Actor } from '../../../domain/shared/actor.js'
import { toPortPosition } from './logPosition.js'
import { bigintToSafeNumber } from './safeNumber.js'

/** A stored event this application cannot have written: corrupt, foreign or tampered with. */
export class MalformedStoredEvent extends Error {
  readonly code = 'MALFORMED_STORED_EVENT'
  constructor(
    readonly streamId: string,
    readonly revision: number | undefined,
    readonly problems: ReadonlyArray<string>,
  ) {
    super(`stored event ${streamId}@${revision ?? '?'} is malformed: ${problems.join('; ')}`)
    this.name = 'MalformedStoredEvent'
  }
}

interface Sha256Brand {
  readonly Sha256: unique symbol
}
const Sha256 = t.brand(t.string, (s): s is t.Branded<string, Sha256Brand> => /^[0-9a-f]{64}$/.test(s), 'Sha256')

const StoredMetadata = t.type(
  {
    eventId: t.string,
    correlationId: t.string,
    causationId: t.union([t.string, t.null]),
    actor: Actor,
    occurredAt: t.string,
    schemaVersion: t.number,
    prevHash: Sha256,
    hash: Sha256,
  },
  'RecordedMetadata',
)

/**
 * One line per failing field, e.g. `metadata.actor.role: expected "head_office" | …, got "admin"`.
 * A union (causationId: string | null) fails once per member; those collapse into one line
 * naming the union.
 */
function describeErrors(errors: t.Errors): string[] {
  const lines = errors.map((e) => {
    const unionAt = e.context.findIndex((c) => c.type instanceof t.UnionType)
    const context = unionAt < 0 ? e.context : e.context.slice(0, unionAt + 1)
    const path = context
      .map((c) => c.key)
      .filter((k) => k !== '')
      .join('.')
    const expected = context.at(-1)?.type.name ?? 'a value'
    const actual = (unionAt < 0 ? e.value : context.at(-1)?.actual) ?? e.value
    return `metadata${path ? `.${path}` : ''}: expected ${expected}, got ${JSON.stringify(actual) ?? 'undefined'}`
  })
  return [...new Set(lines)]
}

export function decodeStoredMetadata(streamId: string, revision: number, metadata: unknown): RecordedMetadata {
  if (metadata === undefined) throw new MalformedStoredEvent(streamId, revision, ['metadata is missing'])
  if (metadata instanceof Uint8Array) throw new MalformedStoredEvent(streamId, revision, ['metadata is not JSON'])
  const decoded = StoredMetadata.decode(metadata)
  if (isLeft(decoded)) throw new MalformedStoredEvent(streamId, revision, describeErrors(decoded.left))
  return decoded.right
}

export interface SerialisedBatch {
  readonly events: EventData[]
  /** The metadata as stored, hash chain included, in batch order. */
  readonly metadata: RecordedMetadata[]
}

/**
 * Chains and serialises a batch that will occupy revisions firstRevision.. of streamId, after an
 * event whose hash is prevHash (GENESIS_HASH for a new stream).
 */
export function serialiseBatch(
  streamId: string,
  firstRevision: number,
  prevHash: string,
  events: ReadonlyArray<NewEvent>,
): SerialisedBatch {
  const serialised: EventData[] = []
  const stored: RecordedMetadata[] = []
  let previous = prevHash
  events.forEach((event, i) => {
    // Serialised once, as canonical JSON (sorted keys), like the SQLite store: what is stored is what
    // is hashed, and every adapter hands the same data back in the same key order.
    const dataText = canonicalOrInvalid(event.data, event.type)
    const metadataText = canonicalOrInvalid(hashedMetadata(event.metadata), event.type)
    const hash = hashCanonical(previous, streamId, firstRevision + i, event.type, dataText, metadataText)
    const metadata: RecordedMetadata = { ...(JSON.parse(metadataText) as EventMetadata), prevHash: previous, hash }
    serialised.push({
      id: event.metadata.eventId,
      contentType: 'application/json',
      type: event.type,
      data: JSON.parse(dataText) as JSONType,
      metadata: { ...metadata },
    })
    stored.push(metadata)
    previous = hash
  })
  return { events: serialised, metadata: stored }
}

/** True for EventStoreDB's own events ($-types such as $metadata, $statsCollected, link events $>) and system streams. */
export function isSystemEvent(event: { readonly type: string; readonly streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$')
}

const UNKNOWN_POSITION = 2n ** 64n - 1n

/** A resolved event as the client returns it from stream reads, $all reads and subscriptions. */
export type EsdbResolvedEvent = ResolvedEvent | AllStreamResolvedEvent

export function deserialiseEvent(resolved: EsdbResolvedEvent): RecordedEvent {
  const event = resolved.event
  if (event === undefined)
    throw new MalformedStoredEvent('?', undefined, ['EventStoreDB returned a link without its event'])
  const streamId = event.streamId
  const revision = bigintToSafeNumber(event.revision, 'stream revision')
  if (!event.isJson) throw new MalformedStoredEvent(streamId, revision, ['data is not JSON'])
  // Servers before 22.6 leave the position out of stream reads, or send 2^64 - 1 for "unknown".
  if (event.position === undefined || event.position.commit === UNKNOWN_POSITION)
    throw new MalformedStoredEvent(streamId, revision, [
      'EventStoreDB did not report the $all position (servers before 22.6 omit it on stream reads; use 23.10 or later)',
    ])
  let position: number
  try {
    position = toPortPosition(event.position)
  } catch (e) {
    throw new MalformedStoredEvent(streamId, revision, [(e as Error).message])
  }
  return {
    streamId,
    revision,
    position,
    type: event.type,
    data: event.data,
    metadata: decodeStoredMetadata(streamId, revision, event.metadata),
  }
}
