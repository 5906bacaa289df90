// Orders late against the date promised to the customer: the point's alert list. An order that is
// ready (waiting for pickup) or closed is not late, whatever its promised date.
import { DONE_STATUSES } from './lifecycle.js'
import type { WorkOrderState } from './workOrderState.js'

/** Minutes past the promised time, or null when not overdue (not promised, done, or not yet due). */
export function overdueMinutes(state: WorkOrderState, now: string): number | null {
  if (!state.exists || state.promisedAt === null || DONE_STATUSES.includes(state.status)) return null
  const late = Date.parse(now) - Date.parse(state.promisedAt)
  return late > 0 ? Math.floor(late / 60_000) : null
}

export function isOverdue(state: WorkOrderState, now: string): boolean {
  return overdueMinutes(state, now) !== null
}
