// How events become rows and rows become events. Decoding is strict: a row that does not
// decode is a CorruptEvent naming its stream and revision, never a silent skip.
import {
  canonicalMetadataOrInvalid,
  canonicalOrInvalid,
  hashedMetadataText,
  rememberStoredText,
} from '../../../application/eventLog/hashChain.js'
import {
  CorruptEvent,
  type NewEvent,
  type RecordedEvent,
  type RecordedMetadata,
} from '../../../application/ports/eventStore.js'

export interface EventRow {
  readonly position: number
  readonly stream_id: string
  readonly revision: number
  readonly event_id: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/** An event as the append queue holds it: frozen at call time as canonical JSON text. */
export interface PreparedEvent {
  readonly type: string
  readonly eventId: string
  /** Canonical JSON (RFC 8785) of the data: what is stored, what reads back, and what is hashed. */
  readonly dataJson: string
  /** Canonical JSON of the hashed metadata fields, without prevHash/hash (known only at write time). */
  readonly metadataJson: string
}

/**
 * Takes a canonical JSON snapshot of the caller's event when appendToStream is called. Why: the
 * write happens a moment later (group commit) and the caller may mutate its objects meanwhile;
 * and the same text is stored and hashed (hashCanonical), so the event is serialised once.
 * Metadata keeps exactly the fields of the port's EventMetadata (a recorded event passed back in,
 * e.g. when copying a stream, brings old chain fields: the new chain replaces them).
 */
export function prepareEvent(e: NewEvent): PreparedEvent {
  return {
    type: e.type,
    eventId: e.metadata.eventId,
    dataJson: canonicalOrInvalid(e.data, e.type),
    metadataJson: canonicalMetadataOrInvalid(e.metadata, e.type),
  }
}

/** The stored metadata: the supplied JSON with the chain fields spliced in (hex strings need no escaping). */
export function recordedMetadataJson(prepared: PreparedEvent, prevHash: string, hash: string): string {
  const body = prepared.metadataJson.slice(0, -1)
  return `${body}${body === '{' ? '' : ','}"prevHash":"${prevHash}","hash":"${hash}"}`
}

const HASH = /^[0-9a-f]{64}$/

/**
 * keepText: remember the stored canonical texts with the event (hashChain.rememberStoredText), so a
 * verifier hashes them as read instead of serialising the parsed event again. Only for reads that
 * ask for it (ReadStreamOptions / ReadAllOptions.storedText: audits, verifyLog); command handling
 * and rebuilds do not pay.
 */
export function decodeRow(row: EventRow, keepText = false): RecordedEvent {
  const corrupt = (reason: string) => new CorruptEvent(row.stream_id, row.revision, row.position, reason)
  const data = parseJson(row.data, (m) => corrupt(`data is not valid JSON (${m})`))
  const metadata = decodeMetadata(row, corrupt)
  const event = {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data,
    metadata,
  }
  if (keepText) {
    const hashedMetadata = hashedMetadataText(row.metadata, metadata.prevHash, metadata.hash)
    if (hashedMetadata !== undefined) rememberStoredText(event, { data: row.data, hashedMetadata })
  }
  return event
}

/** The stream's last event as far as appending needs it: revision and hash, strictly decoded. */
export function decodeChainHead(row: Omit<EventRow, 'data'>): { revision: number; hash: string } {
  const metadata = decodeMetadata(row, (reason) => new CorruptEvent(row.stream_id, row.revision, row.position, reason))
  return { revision: row.revision, hash: metadata.hash }
}

/**
 * Checks what this adapter itself vouches for: the metadata is an object, its eventId is the
 * indexed one, and the chain hashes are there. The application's own fields (actor, occurredAt…)
 * pass through as stored; whether a hash covers them correctly is verifyChain's question.
 */
function decodeMetadata(row: Omit<EventRow, 'data'>, corrupt: (reason: string) => CorruptEvent): RecordedMetadata {
  const raw = parseJson(row.metadata, (m) => corrupt(`metadata is not valid JSON (${m})`))
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw corrupt('metadata is not a JSON object')
  const fields = raw as Record<string, unknown>
  if (fields.eventId !== row.event_id)
    throw corrupt(`metadata eventId ${JSON.stringify(fields.eventId)} differs from the stored event id ${row.event_id}`)
  if (typeof fields.prevHash !== 'string' || !HASH.test(fields.prevHash))
    throw corrupt('metadata has no valid prevHash')
  if (typeof fields.hash !== 'string' || !HASH.test(fields.hash)) throw corrupt('metadata has no valid hash')
  return raw as RecordedMetadata
}

function parseJson(text: string, fail: (message: string) => Error): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw fail((cause as Error).message)
  }
}
