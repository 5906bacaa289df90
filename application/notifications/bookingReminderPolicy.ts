// Booking events → jobs. A pure translation (plus a read of the booking's slot where the event
// does not carry it), so the subscriber can run it again over the same events after a crash and
// get the same jobs:
//   - every event that deserves a message gets one job, id `msg-<eventId>`: enqueued twice, it is
//     still one job (the queue ignores a known id), so each event yields exactly one message;
//   - each reminder is one job per booking and reminder kind, id `reminder-<kind>-<bookingId>`:
//     a reschedule MOVES it, a cancellation (or check-in, completion, no-show) REMOVES it, so a
//     booking never has a reminder for a time it no longer has.
// A reminder whose time has already passed when the booking is made or moved is not scheduled
// (and an earlier one is removed): the confirmation or change message says it all.
import type { BookingEvent } from '../../domain/booking/events.js'
import { parseInstant } from '../../domain/shared/localTime.js'
import type { JobOp } from '../jobs/jobOps.js'
import { type Clock, systemClock } from '../leases/clock.js'
import type { RecordedEvent } from '../ports/eventStore.js'
import type { BookingKind } from './kinds/booking.js'
import { deferredSmsJobId } from './messageSource.js'

export interface ReminderRule {
  /** Short name used in job ids, e.g. '24h'. */
  readonly kind: string
  readonly beforeMinutes: number
}

export const DEFAULT_REMINDERS: ReadonlyArray<ReminderRule> = [
  { kind: '24h', beforeMinutes: 24 * 60 },
  { kind: '2h', beforeMinutes: 120 },
]

/** "24h,2h,30m" → rules; the kind is the text as written. */
export function parseReminders(value: string): ReminderRule[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const match = /^(\d+)(m|h|d)$/.exec(part)
      if (!match) throw new Error(`reminder ${JSON.stringify(part)} must look like 24h, 90m or 2d`)
      const n = Number(match[1])
      const minutes = match[2] === 'm' ? n : match[2] === 'h' ? n * 60 : n * 1440
      if (minutes <= 0) throw new Error(`reminder ${part} must be before the visit`)
      return { kind: part, beforeMinutes: minutes }
    })
}

/** Job names the notification handler dispatches on. */
export const MESSAGE_JOB = 'notify.booking-message'
export const REMINDER_JOB = 'notify.booking-reminder'

export const messageJobId = (eventId: string): string => `msg-${eventId}`
export const reminderJobId = (kind: string, bookingId: string): string => `reminder-${kind}-${bookingId}`
export { deferredSmsJobId }

/** Where the policy finds a booking's slot start when the event does not carry it. */
export interface BookingSlotLookup {
  /** The slot start (UTC ISO) as of the given stream revision, or null when the booking has none. */
  slotStartAt(bookingId: string, revision: number): Promise<string | null>
}

export interface BookingReminderPolicyOptions {
  readonly reminders?: ReadonlyArray<ReminderRule>
  /**
   * A confirmation, change or cancellation older than this gets no message (a worker started on an
   * existing log does not write about the past). Default: no limit.
   */
  readonly maxEventAgeMs?: number
  readonly clock?: Clock
  /** Attempts per message job. Default 5. */
  readonly attempts?: number
  /** Backoff base per message job. Default 30 s. */
  readonly backoffMs?: number
}

const HANDLED = new Set([
  'BookingConfirmed',
  'BookingRescheduled',
  'BookingCancelled',
  'BookingCheckedIn',
  'BookingCompleted',
  'BookingMarkedNoShow',
])

export class BookingReminderPolicy {
  readonly reminders: ReadonlyArray<ReminderRule>

  constructor(private readonly options: BookingReminderPolicyOptions = {}) {
    this.reminders = options.reminders ?? DEFAULT_REMINDERS
  }

  handles(type: string): boolean {
    return HANDLED.has(type)
  }

  async jobsFor(recorded: RecordedEvent, event: BookingEvent, lookup: BookingSlotLookup): Promise<JobOp[]> {
    const occurredAt = parseInstant(recorded.metadata.occurredAt) ?? 0
    const ops = await this.opsFor(recorded, event, lookup, occurredAt)
    const limit = this.options.maxEventAgeMs
    if (limit === undefined || (this.options.clock ?? systemClock).now() - occurredAt <= limit) return ops
    return ops.filter((op) => !(op.op === 'schedule' && op.job.name === MESSAGE_JOB))
  }

  private async opsFor(
    recorded: RecordedEvent,
    event: BookingEvent,
    lookup: BookingSlotLookup,
    occurredAt: number,
  ): Promise<JobOp[]> {
    switch (event.type) {
      case 'BookingConfirmed': {
        const start = await lookup.slotStartAt(event.data.bookingId, recorded.revision)
        return [
          this.message(recorded, event.data.bookingId, 'booking_confirmed', occurredAt, null),
          ...(start ? this.placeReminders(event.data.bookingId, start, occurredAt) : []),
        ]
      }
      case 'BookingRescheduled':
        return [
          this.message(recorded, event.data.bookingId, 'booking_rescheduled', occurredAt, event.data.from.start),
          ...this.placeReminders(event.data.bookingId, event.data.to.start, occurredAt),
        ]
      case 'BookingCancelled':
        return [
          this.message(recorded, event.data.bookingId, 'booking_cancelled', occurredAt, null),
          ...this.removeReminders(event.data.bookingId),
        ]
      case 'BookingCheckedIn':
      case 'BookingCompleted':
      case 'BookingMarkedNoShow':
        return this.removeReminders(event.data.bookingId)
      default:
        return []
    }
  }

  /** Every reminder of a booking whose slot now starts at `start`: moved there, or removed when already past. */
  placeReminders(bookingId: string, start: string, decidedAt: number): JobOp[] {
    const startMs = parseInstant(start)
    if (startMs === null) return this.removeReminders(bookingId)
    return this.reminders.map((rule): JobOp => {
      const id = reminderJobId(rule.kind, bookingId)
      const runAt = startMs - rule.beforeMinutes * 60_000
      if (runAt <= decidedAt) return { op: 'cancel', id }
      return {
        op: 'reschedule',
        job: {
          id,
          name: REMINDER_JOB,
          payload: { bookingId, reminder: rule.kind, beforeMinutes: rule.beforeMinutes },
          runAt,
          attempts: this.options.attempts ?? 5,
          backoffMs: this.options.backoffMs ?? 30_000,
        },
      }
    })
  }

  removeReminders(bookingId: string): JobOp[] {
    return this.reminders.flatMap((rule): JobOp[] => {
      const id = reminderJobId(rule.kind, bookingId)
      return [
        { op: 'cancel', id },
        { op: 'cancel', id: deferredSmsJobId(id) },
      ]
    })
  }

  private message(
    recorded: RecordedEvent,
    bookingId: string,
    kind: BookingKind,
    occurredAt: number,
    previousStart: string | null,
  ): JobOp {
    return {
      op: 'schedule',
      job: {
        id: messageJobId(recorded.metadata.eventId),
        name: MESSAGE_JOB,
        payload: {
          bookingId,
          kind,
          eventId: recorded.metadata.eventId,
          revision: recorded.revision,
          correlationId: recorded.metadata.correlationId,
          previousStart,
        },
        runAt: occurredAt,
        attempts: this.options.attempts ?? 5,
        backoffMs: this.options.backoffMs ?? 30_000,
      },
    }
  }
}
