// The shape of an event log: per stream category (the stream id up to its first "-"), how many
// streams and how many events of each type. Read through the EventStore port, so the EventStoreDB
// log is read by its adapter over the wire and the SQLite log by its own.
import type { EventStore } from '../../../application/ports/eventStore.js'

export interface CategoryShape {
  streams: number
  events: Record<string, number>
}

export type LogShape = Record<string, CategoryShape>

export async function eventLogShape(store: EventStore): Promise<LogShape> {
  const streams = new Map<string, Set<string>>()
  const events = new Map<string, Map<string, number>>()
  for await (const e of store.readAll()) {
    const category = e.streamId.split('-')[0] as string
    if (!streams.has(category)) streams.set(category, new Set())
    streams.get(category)?.add(e.streamId)
    const types = events.get(category) ?? new Map<string, number>()
    events.set(category, types.set(e.type, (types.get(e.type) ?? 0) + 1))
  }
  const shape: LogShape = {}
  for (const category of [...streams.keys()].sort())
    shape[category] = {
      streams: streams.get(category)?.size ?? 0,
      events: Object.fromEntries(
        [...(events.get(category) ?? new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    }
  return shape
}
