// An independent oracle for itemCountsProjection: the read model it must produce from a list
// of recorded events, computed with plain maps instead of the document store.
import type { Document } from '../../../../application/ports/documentStore.js'
import type { EventStore, RecordedEvent } from '../../../../application/ports/eventStore.js'

export function foldItemCounts(events: readonly RecordedEvent[], qtyFactor = 1): Record<string, Document[]> {
  const items = new Map<string, { _id: string; qty?: number; positions: number[]; tags?: string[] }>()
  const streams = new Map<string, { _id: string; handled: number; last: number }>()
  for (const e of events) {
    if (e.type !== 'ItemAdded' && e.type !== 'ItemRemoved' && e.type !== 'ItemTagged') continue
    const data = e.data as { item: string; qty?: number; tag?: string }
    if (e.type === 'ItemAdded') {
      const doc = items.get(data.item) ?? { _id: data.item, qty: 0, positions: [] }
      doc.qty = (doc.qty ?? 0) + (data.qty ?? 0) * qtyFactor
      doc.positions.push(e.position)
      items.set(data.item, doc)
    } else if (e.type === 'ItemRemoved') {
      items.delete(data.item)
    } else {
      const doc = items.get(data.item)
      if (doc) {
        doc.tags = doc.tags ?? []
        if (!doc.tags.includes(data.tag as string)) doc.tags.push(data.tag as string)
        doc.positions.push(e.position)
      }
    }
    const s = streams.get(e.streamId) ?? { _id: e.streamId, handled: 0, last: 0 }
    s.handled++
    s.last = e.position
    streams.set(e.streamId, s)
  }
  const byId = (a: Document, b: Document) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)
  return { items: [...items.values()].sort(byId), streams: [...streams.values()].sort(byId) }
}

export async function readWholeLog(events: EventStore, upTo = Number.POSITIVE_INFINITY): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = []
  for await (const e of events.readAll()) if (e.position <= upTo) all.push(e)
  return all
}
