// Rules every EventStore adapter applies the same way, so the contract suite sees one behaviour.
import { Role } from '../../domain/shared/actor.js'
import {
  type EventMetadata,
  type ExpectedRevision,
  InvalidAppend,
  type NewEvent,
  WrongExpectedRevision,
} from '../ports/eventStore.js'

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/

/** What is wrong with an event's metadata (the audit trail depends on every field), or null. */
function metadataProblem(m: EventMetadata): string | null {
  if (typeof m.correlationId !== 'string' || m.correlationId.length === 0) return 'no correlationId'
  if (m.causationId !== null && typeof m.causationId !== 'string') return 'causationId must be a string or null'
  if (typeof m.actor !== 'object' || m.actor === null || typeof m.actor.id !== 'string' || m.actor.id === '')
    return 'no actor id'
  if (!Role.is(m.actor.role)) return `unknown actor role ${JSON.stringify(m.actor.role)}`
  if (typeof m.occurredAt !== 'string' || !UTC_INSTANT.test(m.occurredAt) || Number.isNaN(Date.parse(m.occurredAt)))
    return 'occurredAt must be a UTC ISO-8601 instant'
  if (!Number.isInteger(m.schemaVersion) || m.schemaVersion < 1) return 'schemaVersion must be a positive integer'
  return null
}

/** Rejects malformed input before anything is written. */
export function validateAppend(streamId: string, events: ReadonlyArray<NewEvent>): void {
  if (!STREAM_ID.test(streamId)) throw new InvalidAppend(`invalid stream id ${JSON.stringify(streamId)}`)
  if (events.length === 0) throw new InvalidAppend(`append to ${streamId} has no events`)
  const ids = new Set<string>()
  for (const e of events) {
    if (typeof e.type !== 'string' || e.type.length === 0)
      throw new InvalidAppend(`event without a type in ${streamId}`)
    const id = e.metadata?.eventId
    if (typeof id !== 'string' || !UUID.test(id)) throw new InvalidAppend(`event ${e.type} has no uuid eventId`)
    if (ids.has(id)) throw new InvalidAppend(`event id ${id} appears twice in one append`)
    ids.add(id)
    if (e.data === undefined) throw new InvalidAppend(`event ${e.type} has no data`)
    const problem = metadataProblem(e.metadata)
    if (problem) throw new InvalidAppend(`event ${e.type} (${id}): ${problem}`)
  }
}

/** Throws WrongExpectedRevision unless the stream's last revision satisfies the expectation. */
export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'number' && expected === actual)
  if (!ok) throw new WrongExpectedRevision(streamId, expected, actual)
}

/**
 * Idempotent retries: given the revisions at which the batch's event ids already sit in the
 * stream (undefined where absent), decide whether this append is a retry of an earlier one.
 * - none present: a new append ('new');
 * - all present, consecutive and in order: a retry; answer with the original outcome;
 * - anything else (some present): a conflicting partial retry, refused like EventStoreDB does.
 */
export function classifyRetry(
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
  existingRevisions: ReadonlyArray<number | undefined>,
): { kind: 'new' } | { kind: 'retry'; lastRevision: number } {
  const present = existingRevisions.filter((r) => r !== undefined)
  if (present.length === 0) return { kind: 'new' }
  const first = existingRevisions[0]
  const consecutive =
    present.length === existingRevisions.length &&
    first !== undefined &&
    existingRevisions.every((r, i) => r === first + i)
  if (!consecutive) throw new WrongExpectedRevision(streamId, expected, actual)
  return { kind: 'retry', lastRevision: first + existingRevisions.length - 1 }
}
