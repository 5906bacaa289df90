// Per-stream tamper evidence: each event's hash covers the previous event's hash and the
// canonical JSON (RFC 8785) of what the event says, so changing, removing or reordering any
// stored event breaks every hash after it. Adapters call hashEvent on append; auditors call
// verifyChain on read.
import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'
import type { EventMetadata, NewEvent, RecordedEvent } from '../ports/eventStore.js'

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64)

/** What the hash covers: stream, revision, type, data and the metadata the writer supplied. */
function hashedContent(streamId: string, revision: number, event: NewEvent): string {
  const { eventId, correlationId, causationId, actor, occurredAt, schemaVersion }: EventMetadata = event.metadata
  const text = canonicalize({
    streamId,
    revision,
    type: event.type,
    data: event.data,
    metadata: { eventId, correlationId, causationId, actor, occurredAt, schemaVersion },
  })
  if (text === undefined) throw new TypeError('event is not JSON-serialisable')
  return text
}

export function hashEvent(prevHash: string, streamId: string, revision: number, event: NewEvent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(hashedContent(streamId, revision, event))
    .digest('hex')
}

/** Where the chain of one stream stands while it is being verified. */
export interface ChainHead {
  readonly hash: string
  readonly nextRevision: number
}

export const chainStart: ChainHead = { hash: GENESIS_HASH, nextRevision: 0 }

/** Why event e does not continue the chain at head, or null when it does. */
export function chainLinkProblem(head: ChainHead, e: RecordedEvent): string | null {
  if (e.revision !== head.nextRevision) return `revision gap: expected ${head.nextRevision}, found ${e.revision}`
  if (e.metadata.prevHash !== head.hash) return 'prevHash does not match the previous event'
  if (hashEvent(head.hash, e.streamId, e.revision, e) !== e.metadata.hash) return 'hash does not match the content'
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
