// The `stockLevels` read model (application/stock/stockLevelsView.ts): one document per point and
// sku, moved by each stock event exactly as the stock decider's fold moves its item, so the
// listing and the low-stock list agree with what reservations and issues are decided against.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import {
  STOCK_LEVELS,
  type StockLevelDocument,
  stockLevelId,
  stockLevelOf,
} from '../../application/stock/stockLevelsView.js'
import { type StockEvent, stockEventCodecs } from '../../domain/stock/events.js'
import type { Projection } from '../projection.js'
import { applyFolded, type DocumentFold, decodeRepairEvent } from './foldedDocuments.js'

type Delta = { onHand?: number; reserved?: number; minimum?: number }

/** Per sku, how the event moves it (the same arithmetic as stockDecider's evolve). */
function deltasOf(event: StockEvent): Map<string, Delta> {
  const out = new Map<string, Delta>()
  const add = (sku: string, d: Delta) => {
    const prev = out.get(sku) ?? {}
    out.set(sku, {
      onHand: (prev.onHand ?? 0) + (d.onHand ?? 0),
      reserved: (prev.reserved ?? 0) + (d.reserved ?? 0),
      ...(d.minimum !== undefined
        ? { minimum: d.minimum }
        : prev.minimum !== undefined
          ? { minimum: prev.minimum }
          : {}),
    })
  }
  switch (event.type) {
    case 'StockReceived':
      for (const l of event.data.lines) add(l.sku, { onHand: l.quantity })
      break
    case 'StockReserved':
      for (const l of event.data.lines) add(l.sku, { reserved: l.quantity })
      break
    case 'StockReservationReleased':
      for (const l of event.data.lines) add(l.sku, { reserved: -l.quantity })
      break
    case 'StockIssued':
      for (const l of event.data.lines) add(l.sku, { onHand: -l.quantity, reserved: -l.fromReservation })
      break
    case 'StockReturned':
      for (const l of event.data.lines) add(l.sku, { onHand: l.quantity })
      break
    case 'StockAdjusted':
      add(event.data.sku, { onHand: event.data.delta })
      break
    case 'StockMinimumLevelSet':
      add(event.data.sku, { minimum: event.data.minimum })
      break
  }
  return out
}

const fold: DocumentFold<StockLevelDocument> = {
  collection: STOCK_LEVELS.items,
  keysOf(event: RecordedEvent) {
    const decoded = decodeRepairEvent<StockEvent>(event)
    return [...deltasOf(decoded).keys()].map((sku) => stockLevelId(decoded.data.pointId, sku))
  },
  step(current, event, key) {
    const decoded = decodeRepairEvent<StockEvent>(event)
    const pointId = decoded.data.pointId
    const sku = key.slice(pointId.length + 1)
    const delta = deltasOf(decoded).get(sku)
    if (!delta) return null
    const onHand = (current?.onHand ?? 0) + (delta.onHand ?? 0)
    // Reservations never go below zero, as in the decider's fold.
    const reserved = Math.max(0, (current?.reserved ?? 0) + (delta.reserved ?? 0))
    const minimum = delta.minimum ?? current?.minimum ?? 0
    return stockLevelOf(pointId, sku, { onHand, reserved, minimum }, event.metadata.occurredAt)
  },
}

export const stockLevelsProjection: Projection = {
  name: STOCK_LEVELS.projection,
  version: 1,
  types: Object.keys(stockEventCodecs),
  collections: [STOCK_LEVELS.items],
  indexes: {
    [STOCK_LEVELS.items]: [{ keys: { pointId: 1, sku: 1 } }, { keys: { pointId: 1, low: 1, shortBy: -1 } }],
  },
  apply: (event, view) => applyFolded(fold, [event], view),
  applyBatch: (events, view) => applyFolded(fold, events, view),
}
