// Rules every EventStore adapter applies the same way, so the contract suite sees one behaviour.
import { type ExpectedRevision, InvalidAppend, type NewEvent, WrongExpectedRevision } from '../ports/eventStore.js'

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

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
