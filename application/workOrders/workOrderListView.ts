// The `workOrders` read model: one document per order with what lists, the point's board and its
// overdue alerts need (status, custom status, equipment, customer, promised date, technicians,
// open labour minutes). Built from the order's events alone (projections/workOrders): whether an
// order is overdue is decided when asked, from the projected promised date and the caller's time,
// since a projection must not read the clock.
import type { WorkOrderStatus } from '../../domain/work-order/events.js'
import { DONE_STATUSES, FINAL_STATUSES } from '../../domain/work-order/lifecycle.js'
import type { StoredWorkOrderState, WorkOrderState } from '../../domain/work-order/workOrderState.js'
import type { Document } from '../ports/documentStore.js'

export const WORK_ORDERS = { projection: 'workOrders', orders: 'orders' } as const

export interface WorkOrderListItem {
  workOrderId: string
  pointId: string
  status: WorkOrderStatus
  customStatus: { code: string; label: string } | null
  statusSince: string
  /** Not yet handed over, returned, declared irreparable or cancelled. */
  open: boolean
  equipmentId: string
  equipmentLabel: string
  equipmentKind: string
  typeCode: string
  customerId: string | null
  fleetId: string | null
  customerName: string | null
  openedAt: string
  promisedAt: string | null
  closedAt: string | null
  technicianIds: string[]
  /** Minutes of labour lines not declined: the work the order still asks of its technicians. */
  labourMinutes: number
  estimateRevision: number
  reworkOf: string | null
  updatedAt: string
}

export interface WorkOrderDocument extends Document, WorkOrderListItem {
  _id: string
  /** The order's folded state, so each event updates the summary exactly as the decider sees it. */
  state: StoredWorkOrderState
}

export function listItemOf(state: WorkOrderState, updatedAt: string): WorkOrderListItem {
  return {
    workOrderId: state.workOrderId,
    pointId: state.pointId,
    status: state.status,
    customStatus: state.customStatus ? { code: state.customStatus.code, label: state.customStatus.label } : null,
    statusSince: state.statusSince,
    open: !FINAL_STATUSES.includes(state.status),
    equipmentId: state.equipment?.equipmentId ?? '',
    equipmentLabel: state.equipment?.label ?? '',
    equipmentKind: state.equipment?.kind ?? '',
    typeCode: state.equipment?.typeCode ?? '',
    customerId: state.customer?.customerId ?? null,
    fleetId: state.customer?.fleetId ?? null,
    customerName: state.customer?.name ?? null,
    openedAt: state.openedAt,
    promisedAt: state.promisedAt,
    closedAt: state.closedAt,
    technicianIds: Object.keys(state.technicians).sort(),
    labourMinutes: DONE_STATUSES.includes(state.status)
      ? 0
      : state.lines.reduce(
          (sum, l) => sum + (l.line.kind === 'labour' && l.decision !== 'declined' ? l.line.minutes : 0),
          0,
        ),
    estimateRevision: state.revision,
    reworkOf: state.reworkOf?.workOrderId ?? null,
    updatedAt,
  }
}

/** The board's columns, in the order an order moves through them. */
export const BOARD_COLUMNS: ReadonlyArray<WorkOrderStatus> = [
  'intake',
  'diagnosis',
  'estimate',
  'approved',
  'partially_approved',
  'rejected',
  'in_repair',
  'at_external_repairer',
  'ready',
]
