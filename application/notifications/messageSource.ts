// What the dispatcher asks of each family of messages: given a job, which messages it stands for
// now, to whom, about what. The dispatcher does the rest the same way for every kind (channels,
// consents by the kind's purpose, quiet hours, language, sending, the sent-check, the audit event).
import type { BookingCustomer } from '../../domain/booking/events.js'
import type { JobContext } from '../ports/jobQueue.js'
import type { Message } from './messageTemplates.js'
import type { NotificationSubject } from './notificationEvents.js'
import type { NotificationKind } from './notificationKinds.js'
import type { PointFacts } from './pointFacts.js'

export type Recipient =
  /** A customer: contact details, language, channels and consents from the ContactDirectory. */
  | { readonly type: 'customer'; readonly customer: BookingCustomer }
  /** A member of staff (a point's manager, the head office): e-mail at work, no consent involved. */
  | { readonly type: 'staff'; readonly name: string | null; readonly email: string; readonly locale: string | null }

export interface PlannedMessage {
  readonly message: Message
  /** The audit events go to notificationStream(subject). */
  readonly subject: NotificationSubject
  readonly recipient: Recipient
  /** The point concerned: its country completes phone numbers and gives a default language, its zone the quiet hours. */
  readonly point: PointFacts | null
  /** Notification ids are `<baseId>-<channel>`: one per message, recipient and channel, stable across re-runs. */
  readonly baseId: string
  readonly causedByEventId: string | null
  readonly correlationId: string
}

/**
 * A message that is due but that nobody can be given (no manager of the point, no head office):
 * recorded as NotificationUndeliverable on the subject's stream, so the audit shows it.
 */
export interface UndeliverableMessage {
  readonly kind: NotificationKind
  readonly subject: NotificationSubject
  /** The message's base id (one event per base id: a re-run records nothing new). */
  readonly baseId: string
  readonly reason: string
  readonly causedByEventId: string | null
  readonly correlationId: string
}

export type MessagePlan =
  | ReadonlyArray<PlannedMessage>
  | { readonly notDue: string }
  | { readonly undeliverable: UndeliverableMessage }

export interface MessageSource {
  /** The job names this source plans. */
  readonly jobNames: ReadonlyArray<string>
  /**
   * The messages the job stands for now; or why none is due any more (logged; nothing recorded); or
   * the message that is due but has nobody to go to (logged and recorded).
   */
  plan(job: JobContext): Promise<MessagePlan>
}

/** An SMS held back by quiet hours runs as its own job, `<job id>-sms`, next to the job it came from. */
export const deferredSmsJobId = (jobId: string): string => `${jobId}-sms`

/** The id of the job a (possibly deferred-SMS) job came from: notification ids are built on it. */
export const baseJobId = (jobId: string): string => jobId.replace(/-sms$/, '')
