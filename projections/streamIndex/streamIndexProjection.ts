// The stream index: one document per stream for auditors (which streams exist, how long,
// who touched them, when). It handles every event type, so it doubles as the engine's proof
// that a rebuild reproduces the live read model over the whole log.

import type { Document } from '../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { Actor } from '../../domain/shared/actor.js'
import type { Projection, ProjectionView } from '../projection.js'

export interface StreamIndexEntry extends Document {
  /** The stream id. */
  _id: string
  /** The stream id's prefix before the first `-` (the context: `workorder`, `schedule`, …). */
  category: string
  eventCount: number
  lastRevision: number
  /** Global position of the stream's last event. */
  lastPosition: number
  /** occurredAt of revision 0 (UTC ISO-8601). */
  firstOccurredAt: string
  lastOccurredAt: string
  lastEventType: string
  /** Every actor that appended to the stream, each once. */
  actors: Actor[]
}

export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-')
  return dash < 0 ? streamId : streamId.slice(0, dash)
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const { occurredAt, actor } = event.metadata
  const set: Record<string, unknown> = {
    category: streamCategory(event.streamId),
    lastRevision: event.revision,
    lastPosition: event.position,
    lastOccurredAt: occurredAt,
    lastEventType: event.type,
  }
  // Events reach a projection in revision order, so revision 0 is the stream's first event;
  // the update language has no $setOnInsert, and this needs none.
  if (event.revision === 0) set.firstOccurredAt = occurredAt
  await view.collection('streams').updateOne(
    { _id: event.streamId },
    // A fixed key order: $addToSet compares documents by value, and stores may compare key order too.
    { $set: set, $inc: { eventCount: 1 }, $addToSet: { actors: { id: actor.id, role: actor.role } } },
    { upsert: true },
  )
}

export const streamIndexProjection: Projection = {
  name: 'streamIndex',
  version: 1,
  types: 'all',
  collections: ['streams'],
  indexes: {
    streams: [{ keys: { category: 1, lastOccurredAt: -1 } }, { keys: { lastOccurredAt: -1 } }],
  },
  apply,
}
