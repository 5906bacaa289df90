// Per-stream tamper evidence: each event's hash covers the previous event's hash and the
// canonical JSON (RFC 8785) of what the event says, so changing, removing or reordering any
// stored event breaks every hash after it. Adapters call hashEvent on append; auditors call
// verifyChain on read.
import { hash } from 'node:crypto'
import { type EventMetadata, InvalidAppend, type NewEvent, type RecordedEvent } from '../ports/eventStore.js'
import { canonicalJson, NotCanonicalisable } from './canonicalJson.js'

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64)

/** The metadata fields the hash covers: everything the writer supplied about who, when and why. */
export function hashedMetadata(m: EventMetadata): EventMetadata {
  const { eventId, correlationId, causationId, actor, occurredAt, schemaVersion } = m
  return { eventId, correlationId, causationId, actor, occurredAt, schemaVersion }
}

/**
 * The hash from already-canonical texts of the data and of hashedMetadata(...). Adapters that keep
 * those texts anyway (to store them) hash without serialising the event twice. The concatenation
 * is the canonical JSON of { data, metadata, revision, streamId, type } (keys in JCS order).
 */
export function hashCanonical(
  prevHash: string,
  streamId: string,
  revision: number,
  type: string,
  canonicalData: string,
  canonicalMetadata: string,
): string {
  return hashCanonicalTexts(
    prevHash,
    canonicalOrInvalid(streamId, type),
    revision,
    canonicalOrInvalid(type, type),
    canonicalData,
    canonicalMetadata,
  )
}

/**
 * hashCanonical with the stream id and type already as canonical JSON strings (a writer of a
 * batch, or a verifier of a stream, computes those once, not per event). One string, one update:
 * the same bytes as hashing the parts one by one.
 */
export function hashCanonicalTexts(
  prevHash: string,
  streamIdJson: string,
  revision: number,
  typeJson: string,
  canonicalData: string,
  canonicalMetadata: string,
): string {
  // crypto.hash: the one-shot form (Node ≥ 20.12), about a third cheaper than a Hash object per event.
  return hash(
    'sha256',
    `${prevHash}\n{"data":${canonicalData},"metadata":${canonicalMetadata},"revision":${revision},"streamId":${streamIdJson},"type":${typeJson}}`,
    'hex',
  )
}

/**
 * canonicalJson(hashedMetadata(m)) for the metadata every event carries, written out with its
 * keys in JCS order (actor, causationId, correlationId, eventId, occurredAt, schemaVersion) when it
 * has the usual shape — an actor of exactly { id, role }, strings where strings belong — and by the
 * general function otherwise. Same text either way (unit-tested); it runs once per appended event.
 */
export function canonicalMetadataOrInvalid(m: EventMetadata, eventType: string): string {
  const { actor, causationId, correlationId, eventId, occurredAt, schemaVersion } = m
  if (
    typeof actor === 'object' &&
    actor !== null &&
    Object.getPrototypeOf(actor) === Object.prototype &&
    Object.keys(actor).length === 2 &&
    plainString(actor.id) &&
    plainString(actor.role) &&
    (causationId === null || plainString(causationId)) &&
    plainString(correlationId) &&
    plainString(eventId) &&
    plainString(occurredAt) &&
    typeof schemaVersion === 'number' &&
    Number.isFinite(schemaVersion)
  )
    return `{"actor":{"id":${JSON.stringify(actor.id)},"role":${JSON.stringify(actor.role)}},"causationId":${causationId === null ? 'null' : JSON.stringify(causationId)},"correlationId":${JSON.stringify(correlationId)},"eventId":${JSON.stringify(eventId)},"occurredAt":${JSON.stringify(occurredAt)},"schemaVersion":${JSON.stringify(schemaVersion)}}`
  return canonicalOrInvalid(hashedMetadata(m), eventType)
}

const plainString = (v: unknown): v is string => typeof v === 'string' && v.isWellFormed()

/** canonicalJson, with what canonical JSON cannot hold reported as the writer's InvalidAppend. */
export function canonicalOrInvalid(value: unknown, eventType: string): string {
  try {
    return canonicalJson(value)
  } catch (error) {
    if (!(error instanceof NotCanonicalisable)) throw error
    throw new InvalidAppend(`event ${eventType} cannot be hashed: ${error.message}`)
  }
}

/** SHA-256 over prevHash and the canonical JSON (RFC 8785) of stream, revision, type, data and metadata. */
export function hashEvent(prevHash: string, streamId: string, revision: number, event: NewEvent): string {
  return hashCanonical(
    prevHash,
    streamId,
    revision,
    event.type,
    canonicalOrInvalid(event.data, event.type),
    canonicalOrInvalid(hashedMetadata(event.metadata), event.type),
  )
}

/** Where the chain of one stream stands while it is being verified. */
export interface ChainHead {
  readonly hash: string
  readonly nextRevision: number
}

export const chainStart: ChainHead = { hash: GENESIS_HASH, nextRevision: 0 }

/**
 * The texts an adapter stored for a recorded event, when it stores canonical JSON (SQLite): the
 * data, and the hashed metadata fields (without prevHash/hash). Registered by the adapter for the
 * events it reads by stream (what verifiers read), kept weakly: no field on the event itself.
 */
export interface StoredCanonicalText {
  readonly data: string
  readonly hashedMetadata: string
}

const storedTexts = new WeakMap<RecordedEvent, StoredCanonicalText>()

/** For adapters: the canonical texts this recorded event was decoded from. */
export function rememberStoredText(event: RecordedEvent, text: StoredCanonicalText): void {
  storedTexts.set(event, text)
}

/**
 * The hashed-metadata text inside a stored metadata text written as recordedMetadataJson writes
 * it (the canonical text with `"prevHash":…,"hash":…` appended last), or undefined when the stored
 * text has another shape (older rows, other writers): then verifiers take the canonical path.
 */
export function hashedMetadataText(storedMetadata: string, prevHash: string, hash: string): string | undefined {
  const suffix = `"prevHash":"${prevHash}","hash":"${hash}"}`
  if (!storedMetadata.endsWith(suffix)) return undefined
  const body = storedMetadata.slice(0, storedMetadata.length - suffix.length)
  if (body === '{') return '{}'
  return body.endsWith(',') ? `${body.slice(0, -1)}}` : undefined
}

/** Why event e does not continue the chain at head, or null when it does. */
export function chainLinkProblem(head: ChainHead, e: RecordedEvent): string | null {
  if (e.revision !== head.nextRevision) return `revision gap: expected ${head.nextRevision}, found ${e.revision}`
  if (e.metadata.prevHash !== head.hash) return 'prevHash does not match the previous event'
  // Fast path: the hash was computed over exactly the stored texts, so when hashing them as read
  // gives the stored hash, nothing was changed since the append. Any mismatch (an edit, or a row
  // stored in another form) falls through to re-canonicalising the parsed event, the reference.
  const stored = storedTexts.get(e)
  if (
    stored &&
    hashCanonicalTexts(
      head.hash,
      JSON.stringify(e.streamId),
      e.revision,
      JSON.stringify(e.type),
      stored.data,
      stored.hashedMetadata,
    ) === e.metadata.hash
  )
    return null
  try {
    if (hashEvent(head.hash, e.streamId, e.revision, e) !== e.metadata.hash) return 'hash does not match the content'
  } catch (error) {
    if (error instanceof InvalidAppend) return `content cannot be canonicalised: ${error.message}`
    throw error
  }
  return null
}

export type ChainVerdict =
  | { readonly ok: true; readonly events: number; readonly lastHash: string }
  | {
      readonly ok: false
      readonly events: number
      /** The first event whose stored hash or prevHash does not match the recomputed chain. */
      readonly brokenAt: { readonly revision: number; readonly eventId: string; readonly type: string }
      readonly reason: string
    }

/** Verifies one stream's events, read forwards from revision 0. */
export async function verifyChain(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
): Promise<ChainVerdict> {
  let head = chainStart
  for await (const e of events) {
    const reason = chainLinkProblem(head, e)
    if (reason)
      return {
        ok: false,
        events: head.nextRevision,
        brokenAt: { revision: e.revision, eventId: e.metadata.eventId, type: e.type },
        reason,
      }
    head = { hash: e.metadata.hash, nextRevision: head.nextRevision + 1 }
  }
  return { ok: true, events: head.nextRevision, lastHash: head.hash }
}
