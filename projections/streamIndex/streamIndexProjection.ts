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

/**
 * One update for consecutive-in-the-log events of ONE stream (in revision order): what applying
 * them one by one would do, in one or a few writes. A rebuild spends its time here.
 */
async function updateStream(view: ProjectionView, events: readonly RecordedEvent[]): Promise<void> {
  const first = events[0] as RecordedEvent
  const last = events.at(-1) as RecordedEvent
  const set: Record<string, unknown> = {
    category: streamCategory(last.streamId),
    lastRevision: last.revision,
    lastPosition: last.position,
    lastOccurredAt: last.metadata.occurredAt,
    lastEventType: last.type,
  }
  // Events reach a projection in revision order, so revision 0 is the stream's first event;
  // the update language has no $setOnInsert, and this needs none.
  if (first.revision === 0) set.firstOccurredAt = first.metadata.occurredAt
  // Actors in order of first appearance, each once; a fixed key order because $addToSet
  // compares documents by value (and some stores compare key order too).
  const actors: Actor[] = []
  const seen = new Set<string>()
  for (const e of events) {
    const { id, role } = e.metadata.actor
    const key = `${role}\u0000${id}`
    if (seen.has(key)) continue
    seen.add(key)
    actors.push({ id, role })
  }
  const streams = view.collection('streams')
  await streams.updateOne(
    { _id: last.streamId },
    { $set: set, $inc: { eventCount: events.length }, $addToSet: { actors: actors[0] } },
    { upsert: true },
  )
  // No $each in the supported update language: further actors of the batch are rare, one write each.
  for (const actor of actors.slice(1)) await streams.updateOne({ _id: last.streamId }, { $addToSet: { actors: actor } })
}

/** Groups a batch by stream (order within a stream kept) so each stream's document is written once. */
async function applyBatch(events: readonly RecordedEvent[], view: ProjectionView): Promise<void> {
  const byStream = new Map<string, RecordedEvent[]>()
  for (const e of events) {
    const group = byStream.get(e.streamId)
    if (group) group.push(e)
    else byStream.set(e.streamId, [e])
  }
  // Documents of different streams are independent, so the order between groups does not matter.
  for (const group of byStream.values()) await updateStream(view, group)
}

export const streamIndexProjection: Projection = {
  name: 'streamIndex',
  version: 1,
  types: 'all',
  collections: ['streams'],
  indexes: {
    streams: [{ keys: { category: 1, lastOccurredAt: -1 } }, { keys: { lastOccurredAt: -1 } }],
  },
  apply: (event, view) => updateStream(view, [event]),
  applyBatch,
}
