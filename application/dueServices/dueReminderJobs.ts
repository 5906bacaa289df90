// The reminder job of a due item. Its id is derived from the equipment, the kind, which one of
// the kind and the due date: the same item due on the same day is always the same job, so
// scheduling it again is a no-op, and an item whose date moves (a new tread reading, a contract
// amendment, a new inspection date after the service was done) becomes another job while the old
// one is removed (dueServiceReconciler.ts).
import { createHash } from 'node:crypto'
import type { DueItem, DueKind } from '../../domain/due-service/dueItems.js'
import type { JobSpec } from '../ports/jobQueue.js'

export const DUE_REMINDER_JOB = 'due.reminder'

/** Days before the due date the reminder (with its proposed visit) goes out, per kind. */
export type ReminderLeadDays = Readonly<Record<DueKind, number>>

export const DEFAULT_LEAD_DAYS: ReminderLeadDays = {
  inspection: 14,
  warranty_end: 30,
  insurance_end: 30,
  tyre_replacement: 14,
  recommendations: 0,
  contract_service: 14,
}

/** Reminders go out at this UTC hour of their day (07:00 UTC is 08:00-09:00 in Poland). */
export const REMINDER_HOUR_UTC = 7

const SAFE = /^[A-Za-z0-9_.]{1,60}$/

/** A part of a job id: as it is when it fits the job-id alphabet, else a short hash of it. */
function segment(value: string): string {
  return SAFE.test(value) ? value : `h${createHash('sha256').update(value).digest('hex').slice(0, 24)}`
}

export function dueReminderJobId(item: Pick<DueItem, 'equipmentId' | 'kind' | 'ref' | 'dueDate'>): string {
  return `due-${segment(item.equipmentId)}-${item.kind}-${segment(item.ref)}-${item.dueDate}`
}

/** When the reminder of an item is due: lead days before its date, or `notBefore` when that is later. */
export function reminderRunAt(
  item: Pick<DueItem, 'kind' | 'dueDate'>,
  lead: ReminderLeadDays,
  notBefore: number,
): number {
  const at = Date.parse(`${item.dueDate}T00:00:00.000Z`) - lead[item.kind] * 86_400_000 + REMINDER_HOUR_UTC * 3_600_000
  return Math.max(at, notBefore)
}

export interface DueReminderPayload {
  readonly equipmentId: string
  readonly kind: DueKind
  readonly ref: string
  readonly dueDate: string
}

export function dueReminderJob(
  item: DueItem,
  runAt: number,
  options: { readonly attempts?: number; readonly backoffMs?: number } = {},
): JobSpec {
  return {
    id: dueReminderJobId(item),
    name: DUE_REMINDER_JOB,
    payload: { equipmentId: item.equipmentId, kind: item.kind, ref: item.ref, dueDate: item.dueDate },
    runAt,
    attempts: options.attempts ?? 5,
    backoffMs: options.backoffMs ?? 30_000,
  }
}
