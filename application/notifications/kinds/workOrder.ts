// Messages about a work order, to its customer: status changes worth telling, the estimate ready
// for approval (with a link that opens it without a login), the order ready for pick-up, and a
// request to rate the service after handover: service updates (about the customer's own order:
// contact details suffice, no consent). And to the point's managers: an order past its promised
// date (staff: no consent involved). Jobs: workOrderNotificationPolicy.ts; job → message:
// workOrderMessages.ts.
import type { FamilyTemplates } from '../notificationKinds.js'
import { en } from '../templates/workOrder/en.js'
import { pl } from '../templates/workOrder/pl.js'
import { ro } from '../templates/workOrder/ro.js'
import { ru } from '../templates/workOrder/ru.js'

/** The statuses a customer is told of (the templates name each in their language). */
export type CustomerOrderStatus =
  | 'diagnosis'
  | 'repair'
  | 'external_repair'
  | 'back_from_external_repair'
  | 'returned_unrepaired'
  | 'irreparable'
  | 'cancelled'

interface OrderFacts {
  readonly customerName: string | null
  readonly pointName: string
  /** What the order is for: plate, VIN or serial number. */
  readonly equipment: string
}

export interface OrderStatusFacts extends OrderFacts {
  readonly status: CustomerOrderStatus
  /** Why (cancelled, irreparable, returned unrepaired), as staff wrote it; null otherwise. */
  readonly reason: string | null
}

/** A point's own status (waiting_for_parts, question_to_customer…), named as the point defined it. */
export interface OrderCustomStatusFacts extends OrderFacts {
  /** The status's display name from the repair configuration (e.g. "Czeka na części"). */
  readonly statusLabel: string
}

export interface EstimateReadyFacts extends OrderFacts {
  /** Gross total of what waits for an answer, formatted, e.g. "1 234,50 zł". */
  readonly total: string
  readonly lineCount: number
  /** Until when the link works, in the point's zone. */
  readonly expiresAt: string
  /** Opens the estimate without a login (a signed token in place of the access code). */
  readonly approvalLink: string
}

export interface OrderReadyFacts extends OrderFacts {
  readonly pointAddress: string
  readonly summary: string | null
}

export interface RatingRequestFacts extends OrderFacts {
  /** Where the customer gives 1–6 stars. */
  readonly ratingLink: string
}

export interface OverdueFacts {
  /** The manager's name. */
  readonly staffName: string | null
  readonly pointName: string
  readonly equipment: string
  readonly customer: string
  /** The promised date, in the point's zone. */
  readonly promisedAt: string
  /** e.g. "2 h 15 min". */
  readonly overdueBy: string
  readonly status: string
  /** The order in the staff console. */
  readonly orderLink: string
}

export interface WorkOrderKindFacts {
  readonly workorder_status_changed: OrderStatusFacts
  readonly workorder_custom_status: OrderCustomStatusFacts
  readonly estimate_ready: EstimateReadyFacts
  readonly workorder_ready: OrderReadyFacts
  readonly workorder_rating_request: RatingRequestFacts
  readonly workorder_overdue: OverdueFacts
}

export type WorkOrderKind = keyof WorkOrderKindFacts

export const WORK_ORDER_KINDS = {
  workorder_status_changed: 'service_updates',
  workorder_custom_status: 'service_updates',
  estimate_ready: 'service_updates',
  workorder_ready: 'service_updates',
  workorder_rating_request: 'service_updates',
  workorder_overdue: 'service_updates',
} as const satisfies Record<WorkOrderKind, 'service_updates' | 'reminders' | 'marketing'>

export const WORK_ORDER_TEMPLATES: FamilyTemplates<WorkOrderKind> = { en, pl, ro, ru }
