// A test projection whose updates are NOT idempotent ($inc, $push): applying an event twice,
// or skipping one, changes the result, so equality with a clean run proves exactly-once.
import type { RecordedEvent } from '../../../../application/ports/eventStore.js'
import type { Projection, ProjectionView } from '../../../../projections/projection.js'

interface ItemData {
  readonly item: string
  readonly qty?: number
  readonly tag?: string
}

export interface ItemCountsOptions {
  readonly version?: number
  /** Called (and awaited) before each event is applied; throw from it to make the handler fail. */
  readonly beforeApply?: (event: RecordedEvent) => void | Promise<void>
  /** Changes what version 2 writes, so a version bump visibly rebuilds. */
  readonly qtyFactor?: number
}

export function itemCountsProjection(options: ItemCountsOptions = {}): Projection {
  const factor = options.qtyFactor ?? 1
  return {
    name: 'itemCounts',
    version: options.version ?? 1,
    types: ['ItemAdded', 'ItemRemoved', 'ItemTagged'],
    collections: ['items', 'streams'],
    indexes: { items: [{ keys: { qty: -1 } }] },
    async apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
      await options.beforeApply?.(event)
      const data = event.data as ItemData
      const items = view.collection('items')
      switch (event.type) {
        case 'ItemAdded':
          await items.updateOne(
            { _id: data.item },
            { $inc: { qty: (data.qty ?? 0) * factor }, $push: { positions: event.position } },
            { upsert: true },
          )
          break
        case 'ItemRemoved':
          await items.deleteOne({ _id: data.item })
          break
        case 'ItemTagged':
          await items.updateOne(
            { _id: data.item },
            { $addToSet: { tags: data.tag }, $push: { positions: event.position } },
          )
          break
      }
      await view
        .collection('streams')
        .updateOne({ _id: event.streamId }, { $inc: { handled: 1 }, $set: { last: event.position } }, { upsert: true })
    },
  }
}
