// The lifecycle of a work order:
//
//   intake ─▶ diagnosis ─▶ estimate (sent, waiting) ─▶ approved ──────────┐
//     │          │  ▲          │                    ─▶ partially_approved ─┼─▶ in_repair ◀──▶ at_external_repairer
//     │          │  └─reopen───┴── (approved, partially_approved, rejected, in_repair)        │
//     │          │                                  ─▶ rejected ─▶ returned_unrepaired        ▼
//     └─(send)───┘                                                                        ready ─▶ handed_over
//   irreparable: from diagnosis, estimate, approved, partially_approved, in_repair
//   cancelled:   from any open status but ready and at_external_repairer (the item is elsewhere)
//   returned_unrepaired: from intake, diagnosis, estimate, rejected
//
// A rework (comeback) order may start repair straight from diagnosis: it redoes work already paid.
// Point-defined statuses (waiting_for_parts, question_to_customer…) sit on top of an in-progress
// phase; the order leaves them by command, or automatically when its phase changes.
import type { WorkOrderStatus } from './events.js'

export const FINAL_STATUSES: ReadonlyArray<WorkOrderStatus> = [
  'handed_over',
  'returned_unrepaired',
  'irreparable',
  'cancelled',
]
/** Phases where someone works on the item: labour clocks run only here. */
export const WORKING_STATUSES: ReadonlyArray<WorkOrderStatus> = ['diagnosis', 'in_repair']
/** Phases a point-defined status may be entered from. */
export const CUSTOM_STATUS_PHASES: ReadonlyArray<WorkOrderStatus> = [
  'diagnosis',
  'estimate',
  'approved',
  'partially_approved',
  'in_repair',
]
/** Where estimate lines may be edited (a draft); elsewhere the estimate must be reopened first. */
export const DRAFT_ESTIMATE_STATUSES: ReadonlyArray<WorkOrderStatus> = ['intake', 'diagnosis']
export const REOPENABLE_STATUSES: ReadonlyArray<WorkOrderStatus> = [
  'estimate',
  'approved',
  'partially_approved',
  'rejected',
  'in_repair',
]
export const IRREPARABLE_FROM: ReadonlyArray<WorkOrderStatus> = [
  'diagnosis',
  'estimate',
  'approved',
  'partially_approved',
  'in_repair',
]
export const RETURN_UNREPAIRED_FROM: ReadonlyArray<WorkOrderStatus> = ['intake', 'diagnosis', 'estimate', 'rejected']
export const CANCELLABLE: ReadonlyArray<WorkOrderStatus> = [
  'intake',
  'diagnosis',
  'estimate',
  'approved',
  'partially_approved',
  'rejected',
  'in_repair',
]
/** Done from the shop's side: no longer counted against the promised date. */
export const DONE_STATUSES: ReadonlyArray<WorkOrderStatus> = ['ready', ...FINAL_STATUSES]

export const isFinal = (status: WorkOrderStatus): boolean => FINAL_STATUSES.includes(status)
