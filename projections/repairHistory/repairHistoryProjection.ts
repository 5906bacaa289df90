// The `repairHistory` read model (see application/audit/repairHistoryViews.ts): a document per work
// order and one per equipment, built from work-order, equipment and stock events. The documents
// are folded by pure functions (repairOrderDocument.ts, repairEquipmentDocument.ts); apply() reads
// and writes one document per event, applyBatch() each touched document once per batch.
import {
  REPAIR_HISTORY,
  type RepairEquipmentView,
  type RepairOrderView,
} from '../../application/audit/repairHistoryViews.js'
import { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { Collection, Document } from '../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { type EquipmentEvent, equipmentEventCodecs, equipmentEventDefinitions } from '../../domain/equipment/events.js'
import { type StockEvent, stockEventDefinitions } from '../../domain/stock/events.js'
import { type WorkOrderEvent, workOrderEventCodecs, workOrderEventDefinitions } from '../../domain/work-order/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { evolveEquipment, registeredEquipment } from './repairEquipmentDocument.js'
import { evolveOrder, evolveOrderParts, openedOrder } from './repairOrderDocument.js'

const catalogue = new EventCatalogue([
  ...workOrderEventDefinitions,
  ...equipmentEventDefinitions,
  ...stockEventDefinitions,
])
const WORK_ORDER_TYPES = new Set(Object.keys(workOrderEventCodecs))
const EQUIPMENT_TYPES = new Set(Object.keys(equipmentEventCodecs))
const STOCK_TYPES = ['StockIssued', 'StockReturned']

/** Which document an event changes: an order, an equipment, or none (stock moves of no order). */
type Target = { readonly collection: 'orders' | 'equipment'; readonly id: string }

type Decoded =
  | { readonly kind: 'order'; readonly event: WorkOrderEvent }
  | { readonly kind: 'equipment'; readonly event: EquipmentEvent }
  | { readonly kind: 'stock'; readonly event: StockEvent }

function decode(recorded: RecordedEvent): Decoded {
  // The catalogue decodes with the codec registered for the type: the union member of that type.
  const event = catalogue.decode(recorded)
  if (WORK_ORDER_TYPES.has(recorded.type)) return { kind: 'order', event: event as WorkOrderEvent }
  if (EQUIPMENT_TYPES.has(recorded.type)) return { kind: 'equipment', event: event as EquipmentEvent }
  return { kind: 'stock', event: event as StockEvent }
}

function targetOf(d: Decoded): Target | null {
  switch (d.kind) {
    case 'order':
      return { collection: 'orders', id: d.event.data.workOrderId }
    case 'equipment':
      return { collection: 'equipment', id: d.event.data.equipmentId }
    case 'stock': {
      const workOrderId = 'workOrderId' in d.event.data ? d.event.data.workOrderId : null
      return workOrderId ? { collection: 'orders', id: workOrderId } : null
    }
  }
}

/** The document after the event; null when there is none yet and this event does not create one. */
function next(current: Document | null, d: Decoded, recorded: RecordedEvent): Document | null {
  const by = recorded.metadata.actor
  const at = recorded.metadata.occurredAt
  if (d.kind === 'order') {
    if (d.event.type === 'WorkOrderOpened') return current ?? openedOrder(d.event, at)
    return current ? { ...evolveOrder(current as RepairOrderView, d.event, by), updatedAt: at } : null
  }
  if (d.kind === 'equipment') {
    if (d.event.type === 'EquipmentRegistered') return current ?? registeredEquipment(d.event.data, at)
    return current ? { ...evolveEquipment(current as RepairEquipmentView, d.event, by), updatedAt: at } : null
  }
  // Stock moves of an order whose opening this log never had (cannot come from the application).
  return current ? { ...evolveOrderParts(current as RepairOrderView, d.event, by), updatedAt: at } : null
}

async function apply(recorded: RecordedEvent, view: ProjectionView): Promise<void> {
  const d = decode(recorded)
  const target = targetOf(d)
  if (!target) return
  const collection = view.collection(target.collection)
  const current = await collection.findOne({ _id: target.id })
  const updated = next(current, d, recorded)
  if (!updated || updated === current) return
  if (current) await collection.replaceOne({ _id: target.id }, updated)
  else await collection.insertOne(updated)
}

async function applyBatch(events: readonly RecordedEvent[], view: ProjectionView): Promise<void> {
  const loaded = new Map<string, { collection: Collection; existed: boolean; doc: Document | null; dirty: boolean }>()
  for (const recorded of events) {
    const d = decode(recorded)
    const target = targetOf(d)
    if (!target) continue
    const key = `${target.collection}/${target.id}`
    let slot = loaded.get(key)
    if (!slot) {
      const collection = view.collection(target.collection)
      const doc = await collection.findOne({ _id: target.id })
      slot = { collection, existed: doc !== null, doc, dirty: false }
      loaded.set(key, slot)
    }
    const updated = next(slot.doc, d, recorded)
    if (updated && updated !== slot.doc) {
      slot.doc = updated
      slot.dirty = true
    }
  }
  for (const slot of loaded.values()) {
    if (!slot.dirty || !slot.doc) continue
    if (slot.existed) await slot.collection.replaceOne({ _id: slot.doc._id }, slot.doc)
    else await slot.collection.insertOne(slot.doc)
  }
}

export const repairHistoryProjection: Projection = {
  name: REPAIR_HISTORY.projection,
  version: 1,
  types: [...WORK_ORDER_TYPES, ...EQUIPMENT_TYPES, ...STOCK_TYPES],
  collections: [REPAIR_HISTORY.orders, REPAIR_HISTORY.equipment],
  indexes: {
    [REPAIR_HISTORY.orders]: [
      // an item's history, a customer's, a fleet's, a point's: newest first
      { keys: { equipmentId: 1, openedAt: -1 } },
      { keys: { customerId: 1, openedAt: -1 } },
      { keys: { fleetId: 1, openedAt: -1 } },
      { keys: { pointId: 1, openedAt: -1 } },
    ],
    [REPAIR_HISTORY.equipment]: [{ keys: { customerId: 1 } }, { keys: { fleetId: 1 } }],
  },
  apply,
  applyBatch,
}
