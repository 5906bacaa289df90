// The repair read models keep one document per aggregate (an order, an item of equipment, a sku at a
// point) and fold each event into it. One helper does that for apply() (one event) and applyBatch()
// (a batch: each document read once, folded over its events in order, written once), so the two
// cannot differ in what they leave: applyBatch is apply() with the reads and writes coalesced.
import { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { Document } from '../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { repairEventDefinitions } from '../../application/workOrders/repairEvents.js'
import type { ProjectionView } from '../projection.js'

const catalogue = new EventCatalogue(repairEventDefinitions)

/** The event decoded through the repair catalogue (upcast, validated) as the deciders see it. */
export function decodeRepairEvent<E>(event: RecordedEvent): E {
  return catalogue.decode(event) as unknown as E
}

export interface DocumentFold<D extends Document> {
  readonly collection: string
  /** The documents an event touches (usually one). */
  keysOf(event: RecordedEvent): ReadonlyArray<string>
  /** The document after the event; null leaves it as it is (or absent). */
  step(current: D | null, event: RecordedEvent, key: string): D | null
}

export async function applyFolded<D extends Document>(
  fold: DocumentFold<D>,
  events: readonly RecordedEvent[],
  view: ProjectionView,
): Promise<void> {
  const collection = view.collection(fold.collection)
  const docs = new Map<string, D | null>()
  const touched = new Set<string>()
  for (const event of events)
    for (const key of fold.keysOf(event)) {
      if (!docs.has(key)) docs.set(key, ((await collection.findOne({ _id: key })) as D | null) ?? null)
      const next = fold.step(docs.get(key) ?? null, event, key)
      if (next === null) continue
      docs.set(key, next)
      touched.add(key)
    }
  for (const key of touched) {
    const doc = docs.get(key)
    if (doc) await collection.replaceOne({ _id: key }, doc, { upsert: true })
  }
}
