// The `workOrders` read model (application/workOrders/workOrderListView.ts): each order's folded
// state and its list summary, updated by every event of the order. The point's board, its overdue
// list, a customer's or fleet's orders and technicians' workload are queries on it.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { listItemOf, WORK_ORDERS, type WorkOrderDocument } from '../../application/workOrders/workOrderListView.js'
import { type WorkOrderEvent, workOrderEventCodecs } from '../../domain/work-order/events.js'
import {
  evolveWorkOrder,
  initialWorkOrderState,
  storedWorkOrderState,
  workOrderStateOf,
} from '../../domain/work-order/workOrderState.js'
import type { Projection } from '../projection.js'
import { applyFolded, type DocumentFold, decodeRepairEvent } from './foldedDocuments.js'

const fold: DocumentFold<WorkOrderDocument> = {
  collection: WORK_ORDERS.orders,
  keysOf: (event) => [decodeRepairEvent<WorkOrderEvent>(event).data.workOrderId],
  step(current, event, key) {
    const decoded = decodeRepairEvent<WorkOrderEvent>(event)
    // An order's first event opens it; anything else for an order never opened is not from the decider.
    if (!current && decoded.type !== 'WorkOrderOpened') return null
    const state = evolveWorkOrder(current ? workOrderStateOf(current.state) : initialWorkOrderState, decoded)
    return { _id: key, ...listItemOf(state, event.metadata.occurredAt), state: storedWorkOrderState(state) }
  },
}

export const workOrdersProjection: Projection = {
  name: WORK_ORDERS.projection,
  // v2: the documents' state carries the ticket the order was opened from (WorkOrderTicketLinked).
  version: 2,
  types: Object.keys(workOrderEventCodecs),
  collections: [WORK_ORDERS.orders],
  indexes: {
    [WORK_ORDERS.orders]: [
      // the board and the overdue list of a point
      { keys: { pointId: 1, open: 1, status: 1 } },
      { keys: { pointId: 1, promisedAt: 1 } },
      // a customer's, a fleet's and an item's orders
      { keys: { customerId: 1, openedAt: -1 } },
      { keys: { fleetId: 1, openedAt: -1 } },
      { keys: { equipmentId: 1, openedAt: -1 } },
    ],
  },
  apply: (event: RecordedEvent, view) => applyFolded(fold, [event], view),
  applyBatch: (events, view) => applyFolded(fold, events, view),
}
