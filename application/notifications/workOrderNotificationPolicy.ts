// Work-order events → jobs. Pure, like the booking policy, so a repeated batch yields the same jobs:
//   - a message the customer should get for an event: one job `womsg-<eventId>` (enqueued twice,
//     still one job: one message per event);
//   - the rating request after handover: `worate-<eventId>`, run `ratingDelayMs` after the handover;
//   - the overdue alert to the point's managers: one job per order, `overdue-<workOrderId>`, placed
//     at the promised time, MOVED when the promise changes and REMOVED when the order is ready or
//     closed; when it fires the handler checks the order is still late for that promise.
// A message about an event older than `maxEventAgeMs` is not sent (no job): a worker started on
// an existing log (a first deployment, a new kind) does not write to customers about the past.

import { parseInstant } from '../../domain/shared/localTime.js'
import type { WorkOrderEvent } from '../../domain/work-order/events.js'
import type { JobOp } from '../jobs/jobOps.js'
import { type Clock, systemClock } from '../leases/clock.js'
import type { RecordedEvent } from '../ports/eventStore.js'
import type { JobSpec } from '../ports/jobQueue.js'
import type { CustomerOrderStatus, WorkOrderKind } from './kinds/workOrder.js'

export const WORK_ORDER_MESSAGE_JOB = 'notify.workorder-message'
export const WORK_ORDER_OVERDUE_JOB = 'notify.workorder-overdue'

export const workOrderMessageJobId = (eventId: string): string => `womsg-${eventId}`
export const ratingRequestJobId = (eventId: string): string => `worate-${eventId}`
export const overdueJobId = (workOrderId: string): string => `overdue-${workOrderId}`

/** Events that tell the customer of a status, and which. */
const STATUS_EVENTS: Readonly<Partial<Record<WorkOrderEvent['type'], CustomerOrderStatus>>> = {
  DiagnosisStarted: 'diagnosis',
  RepairStarted: 'repair',
  SentToExternalRepairer: 'external_repair',
  ReturnedFromExternalRepairer: 'back_from_external_repair',
  WorkOrderReturnedUnrepaired: 'returned_unrepaired',
  WorkOrderDeclaredIrreparable: 'irreparable',
  WorkOrderCancelled: 'cancelled',
}

/** Events after which the order is no longer late, whatever was promised. */
const ENDS_LATENESS: ReadonlySet<string> = new Set([
  'WorkOrderReady',
  'WorkOrderHandedOver',
  'WorkOrderReturnedUnrepaired',
  'WorkOrderDeclaredIrreparable',
  'WorkOrderCancelled',
])

const HANDLED: ReadonlySet<string> = new Set([
  ...Object.keys(STATUS_EVENTS),
  ...ENDS_LATENESS,
  'EstimateSent',
  'WorkOrderOpened',
  'PromisedDateSet',
  'CustomStatusEntered',
])

export interface WorkOrderNotificationPolicyOptions {
  /** How long after handover the rating request goes. Default 2 h. */
  readonly ratingDelayMs?: number
  /** How long past the promised time an order counts as overdue for the alert. Default 0. */
  readonly overdueGraceMs?: number
  /** Events older than this get no message. Default 2 days. */
  readonly maxEventAgeMs?: number
  readonly clock?: Clock
  readonly attempts?: number
  readonly backoffMs?: number
}

export const DEFAULT_MAX_EVENT_AGE_MS = 2 * 24 * 3600_000

export class WorkOrderNotificationPolicy {
  constructor(private readonly options: WorkOrderNotificationPolicyOptions = {}) {}

  handles(type: string): boolean {
    return HANDLED.has(type)
  }

  jobsFor(recorded: RecordedEvent, event: WorkOrderEvent): JobOp[] {
    const occurredAt = parseInstant(recorded.metadata.occurredAt) ?? 0
    const workOrderId = event.data.workOrderId
    const ops: JobOp[] = []
    const now = (this.options.clock ?? systemClock).now()
    const fresh = now - occurredAt <= (this.options.maxEventAgeMs ?? DEFAULT_MAX_EVENT_AGE_MS)
    if (!fresh) return ENDS_LATENESS.has(event.type) ? [{ op: 'cancel', id: overdueJobId(workOrderId) }] : []
    const status = STATUS_EVENTS[event.type]
    if (status) ops.push(this.message(recorded, workOrderId, 'workorder_status_changed', occurredAt, { status }))
    switch (event.type) {
      case 'EstimateSent':
        // Handed over in person: staff gave the code there; nothing to send.
        if (event.data.sentTo.channel !== 'in_person')
          ops.push(this.message(recorded, workOrderId, 'estimate_ready', occurredAt, {}))
        break
      case 'WorkOrderReady':
        ops.push(this.message(recorded, workOrderId, 'workorder_ready', occurredAt, {}))
        break
      case 'CustomStatusEntered':
        // A point's own status (waiting_for_parts, question_to_customer…): told by its display name.
        ops.push(this.message(recorded, workOrderId, 'workorder_custom_status', occurredAt, {}))
        break
      case 'WorkOrderHandedOver':
        ops.push({
          op: 'schedule',
          job: {
            ...this.message(recorded, workOrderId, 'workorder_rating_request', occurredAt, {}).job,
            id: ratingRequestJobId(recorded.metadata.eventId),
            runAt: occurredAt + (this.options.ratingDelayMs ?? 2 * 3600_000),
          },
        })
        break
      case 'WorkOrderOpened':
        ops.push(...this.placeOverdue(workOrderId, event.data.promisedAt))
        break
      case 'PromisedDateSet':
        ops.push(...this.placeOverdue(workOrderId, event.data.promisedAt))
        break
      default:
        break
    }
    if (ENDS_LATENESS.has(event.type)) ops.push({ op: 'cancel', id: overdueJobId(workOrderId) })
    return ops
  }

  private placeOverdue(workOrderId: string, promisedAt: string | null): JobOp[] {
    const promised = promisedAt === null ? null : parseInstant(promisedAt)
    if (promised === null) return [{ op: 'cancel', id: overdueJobId(workOrderId) }]
    return [
      {
        op: 'reschedule',
        job: {
          id: overdueJobId(workOrderId),
          name: WORK_ORDER_OVERDUE_JOB,
          payload: { workOrderId, promisedAt: promisedAt as string },
          runAt: promised + (this.options.overdueGraceMs ?? 0),
          attempts: this.options.attempts ?? 5,
          backoffMs: this.options.backoffMs ?? 30_000,
        },
      },
    ]
  }

  private message(
    recorded: RecordedEvent,
    workOrderId: string,
    kind: WorkOrderKind,
    occurredAt: number,
    extra: { readonly status?: CustomerOrderStatus },
  ): { op: 'schedule'; job: JobSpec } {
    return {
      op: 'schedule',
      job: {
        id: workOrderMessageJobId(recorded.metadata.eventId),
        name: WORK_ORDER_MESSAGE_JOB,
        payload: {
          workOrderId,
          kind,
          eventId: recorded.metadata.eventId,
          revision: recorded.revision,
          correlationId: recorded.metadata.correlationId,
          ...(extra.status ? { status: extra.status } : {}),
        },
        runAt: occurredAt,
        attempts: this.options.attempts ?? 5,
        backoffMs: this.options.backoffMs ?? 30_000,
      },
    }
  }
}
