// The job handler for booking messages and reminders: work out whether the message is still
// due, who gets it on which channels, write it in their language, send it, and record what
// happened on `notification-<bookingId>`.
//
// Exactly once, as far as a provider allows: before sending on a channel the handler looks for a
// NotificationSent with that notification id and skips the channel when there is one, so a retried
// or re-run job does not send again. What remains is the moment between the provider accepting a
// message and the NotificationSent being appended: a crash exactly there sends it again on the next
// run (e-mail then carries the same Message-ID). A crash anywhere else loses nothing and doubles
// nothing.
import { bookingStream } from '../../domain/booking/bookingDecider.js'
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { parseInstant } from '../../domain/shared/localTime.js'
import type { BookingView } from '../booking/bookingView.js'
import { deterministicUuid } from '../commands/commandContext.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Clock } from '../leases/clock.js'
import type { EventStore } from '../ports/eventStore.js'
import { type JobContext, type JobQueue, PermanentJobFailure } from '../ports/jobQueue.js'
import { DeliveryFailed, InvalidRecipient, type NotificationChannel, type Notifier } from '../ports/notifier.js'
import type { BookingLoader } from './bookingLoader.js'
import { deferredSmsJobId, MESSAGE_JOB, REMINDER_JOB } from './bookingReminderPolicy.js'
import type { Contact, ContactDirectory } from './contactDirectory.js'
import { formatAddress, formatVisitTime, renderMessage } from './messageTemplates.js'
import { type NotificationEventData, notificationStream } from './notificationEvents.js'
import type { NotificationKind } from './notificationKinds.js'
import type { PointFacts, PointFactsSource } from './pointFacts.js'
import { type QuietHours, quietUntil } from './quietHours.js'
import { normaliseEmail, normalisePhone } from './recipients.js'

export interface NotificationDispatcherDeps {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  readonly bookings: BookingLoader
  readonly points: PointFactsSource
  readonly contacts: ContactDirectory
  readonly notifiers: Partial<Record<NotificationChannel, Notifier>>
  /** Where an SMS held back by quiet hours is scheduled. */
  readonly queue: JobQueue
  readonly clock: Clock
  readonly quietHours: QuietHours
  /** The page where the customer reschedules or cancels. */
  readonly manageLink: (bookingId: string) => string
  readonly log: (line: string) => void
}

/** What a job asks for, read from its payload. */
interface Request {
  readonly bookingId: string
  readonly kind: NotificationKind
  /** Base of the notification ids: the message job's id, or the reminder's id plus the visit's start. */
  readonly baseId: string
  readonly revision: number | undefined
  readonly causedByEventId: string | null
  readonly correlationId: string
  readonly previousStart: string | null
  readonly onlyChannels: ReadonlyArray<NotificationChannel> | null
  readonly reminder: { readonly kind: string; readonly beforeMinutes: number } | null
}

/** A reminder fires up to this much early (clock skew between Redis and this host) and still counts as due. */
const DUE_TOLERANCE_MS = 60_000

export class NotificationDispatcher {
  constructor(private readonly deps: NotificationDispatcherDeps) {}

  /** The JobHandler: pass `(job) => dispatcher.handle(job)` to JobQueue.process. */
  async handle(job: JobContext): Promise<void> {
    if (job.name !== MESSAGE_JOB && job.name !== REMINDER_JOB) throw new PermanentJobFailure(`unknown job ${job.name}`)
    const request = requestOf(job)
    const booking = await this.deps.bookings.load(request.bookingId, request.revision)
    if (!booking?.slot)
      throw new PermanentJobFailure(`booking ${request.bookingId} not found in ${bookingStream(request.bookingId)}`)
    let baseId = request.baseId
    if (request.reminder) {
      const skip = this.reminderNotDue(booking, request.reminder.beforeMinutes)
      if (skip) return this.deps.log(`${job.id}: not sent, ${skip}`)
      baseId = `${request.baseId}-${parseInstant(booking.slot.start)}`
    }
    const point = (await this.deps.points.pointFacts(booking.pointId)) ?? {
      pointId: booking.pointId,
      name: booking.pointId,
      address: null,
      timeZone: booking.timeZone,
      country: null,
    }
    if (!booking.customer) throw new PermanentJobFailure(`booking ${booking.bookingId} has no customer`)
    const contact = await this.deps.contacts.contactFor(booking.customer, { country: point.country })
    const subject = {
      kind: request.kind,
      bookingId: booking.bookingId,
      customerId: booking.customer.customerId,
      causedByEventId: request.causedByEventId,
    }
    const wanted = (request.onlyChannels ?? contact.channels).filter((c) => addressOf(contact, c) !== null)
    const usable = wanted.filter((c) => contact.consents[c])
    if (usable.length === 0) {
      const code = wanted.length === 0 ? 'NO_CONTACT' : 'NO_CONSENT'
      const reason =
        code === 'NO_CONTACT'
          ? 'no e-mail address or phone number for any wanted channel'
          : `no consent for ${wanted.join(', ')}`
      this.deps.log(`${job.id}: nothing sent for booking ${booking.bookingId}: ${reason}`)
      await this.record(request, 'NotificationWithheld', `${baseId}|withheld`, {
        ...subject,
        notificationId: baseId,
        code,
        reason,
        at: this.nowIso(),
      })
      return
    }

    const sent = await this.sentNotificationIds(booking.bookingId)
    const transient: string[] = []
    const permanent: string[] = []
    for (const channel of usable) {
      const notificationId = `${baseId}-${channel}`
      if (sent.has(notificationId)) continue
      if (channel === 'sms' && !request.onlyChannels) {
        const until = quietUntil(this.deps.clock.now(), point.timeZone, this.deps.quietHours)
        if (until !== null) {
          await this.deps.queue.schedule({
            id: deferredSmsJobId(job.id),
            name: job.name,
            payload: { ...job.payload, onlyChannels: ['sms'] },
            runAt: until,
            attempts: job.maxAttempts,
          })
          this.deps.log(
            `${job.id}: SMS held back by quiet hours at ${point.name} until ${new Date(until).toISOString()}`,
          )
          continue
        }
      }
      const outcome = await this.sendOn(channel, notificationId, request, booking, point, contact, subject, job)
      if (outcome === 'transient') transient.push(channel)
      if (outcome === 'permanent') permanent.push(channel)
    }
    // A transient failure retries the job (channels already sent are skipped then); a permanent
    // one fails it at once, kept with its reason for the failed-jobs list.
    if (transient.length > 0) throw new Error(`${job.id}: delivery failed on ${transient.join(', ')}; will retry`)
    if (permanent.length > 0)
      throw new PermanentJobFailure(`${job.id}: delivery failed for good on ${permanent.join(', ')}`)
  }

  private async sendOn(
    channel: NotificationChannel,
    notificationId: string,
    request: Request,
    booking: BookingView,
    point: PointFacts,
    contact: Contact,
    subject: Omit<
      NotificationEventData['NotificationSent'],
      'notificationId' | 'channel' | 'to' | 'locale' | 'subject' | 'providerMessageId' | 'sentAt' | 'attempt'
    >,
    job: JobContext,
  ): Promise<'sent' | 'transient' | 'permanent'> {
    const raw = addressOf(contact, channel) ?? ''
    const fail = async (code: string, reason: string) =>
      this.record(request, 'NotificationFailed', `${notificationId}|failed|${code}|${job.attempt}`, {
        ...subject,
        notificationId,
        channel,
        to: raw,
        code,
        reason,
        failedAt: this.nowIso(),
        attempt: job.attempt,
      })
    const notifier = this.deps.notifiers[channel]
    if (!notifier) {
      this.deps.log(`${job.id}: no ${channel} channel configured`)
      await fail('CHANNEL_UNAVAILABLE', `no ${channel} channel configured`)
      return 'permanent'
    }
    let to: string
    try {
      to = channel === 'email' ? normaliseEmail(raw) : normalisePhone(raw, point.country)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      this.deps.log(`${job.id}: ${reason}; nothing sent on ${channel}`)
      await fail('INVALID_RECIPIENT', reason)
      return 'permanent'
    }
    const rendered = renderMessage(
      request.kind,
      contact.locale,
      this.factsFor(request, booking, point, contact),
      (line) => this.deps.log(`${job.id}: ${line}`),
    )
    try {
      const receipt = await notifier.send({
        to,
        subject: rendered.subject,
        text: channel === 'email' ? rendered.text : rendered.sms,
        notificationId,
      })
      await this.record(request, 'NotificationSent', `${notificationId}|sent`, {
        ...subject,
        notificationId,
        channel,
        to,
        locale: rendered.locale,
        subject: rendered.subject,
        providerMessageId: receipt.providerMessageId,
        sentAt: this.nowIso(),
        attempt: job.attempt,
      })
      return 'sent'
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      if (error instanceof InvalidRecipient || (error instanceof DeliveryFailed && error.permanent)) {
        this.deps.log(`${job.id}: ${channel} to ${to} refused: ${reason}`)
        await fail(error instanceof InvalidRecipient ? 'INVALID_RECIPIENT' : 'PROVIDER_REFUSED', reason)
        return 'permanent'
      }
      this.deps.log(`${job.id}: ${channel} to ${to} failed (attempt ${job.attempt} of ${job.maxAttempts}): ${reason}`)
      if (job.attempt >= job.maxAttempts) await fail('ATTEMPTS_EXHAUSTED', reason)
      return 'transient'
    }
  }

  private factsFor(request: Request, booking: BookingView, point: PointFacts, contact: Contact) {
    const locale = (contact.locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en'
    const dateLocale = locale === 'pl' || locale === 'ro' || locale === 'ru' ? locale : 'en'
    return {
      customerName: contact.name,
      pointName: point.name,
      pointAddress: formatAddress(point.address),
      when: formatVisitTime(booking.slot?.start ?? '', point.timeZone, dateLocale),
      previousWhen: request.previousStart ? formatVisitTime(request.previousStart, point.timeZone, dateLocale) : null,
      plate: booking.vehicle?.plate ?? '',
      manageLink: this.deps.manageLink(booking.bookingId),
    }
  }

  /** Why a reminder should not go out now; null when it should. */
  private reminderNotDue(booking: BookingView, beforeMinutes: number): string | null {
    if (booking.status !== 'confirmed' && booking.status !== 'requested') return `the booking is ${booking.status}`
    const start = parseInstant(booking.slot?.start ?? '')
    if (start === null) return 'the booking has no slot'
    const now = this.deps.clock.now()
    if (now >= start) return 'the visit has started'
    // The visit was moved later and this run is for the old time; the moved job runs at the new one.
    if (now < start - beforeMinutes * 60_000 - DUE_TOLERANCE_MS) return 'not due yet for the booking’s current time'
    return null
  }

  private async sentNotificationIds(bookingId: string): Promise<Set<string>> {
    const ids = new Set<string>()
    for await (const event of this.deps.events.readStream(notificationStream(bookingId)))
      if (event.type === 'NotificationSent') ids.add((event.data as { notificationId: string }).notificationId)
    return ids
  }

  private async record<K extends keyof NotificationEventData>(
    request: Request,
    type: K,
    idempotencyKey: string,
    data: NotificationEventData[K],
  ): Promise<void> {
    const checked = this.deps.catalogue.encode({ type, data })
    await this.deps.events.appendToStream(
      notificationStream(request.bookingId),
      [
        {
          type,
          data: checked.data,
          metadata: {
            eventId: deterministicUuid(idempotencyKey),
            correlationId: request.correlationId,
            causationId: request.causedByEventId,
            actor: SYSTEM_ACTOR,
            occurredAt: this.nowIso(),
            schemaVersion: checked.schemaVersion,
          },
        },
      ],
      { expectedRevision: 'any' },
    )
  }

  private nowIso(): string {
    return new Date(this.deps.clock.now()).toISOString()
  }
}

function addressOf(contact: Contact, channel: NotificationChannel): string | null {
  return channel === 'email' ? contact.email : contact.phone
}

const KINDS: ReadonlyArray<NotificationKind> = [
  'booking_confirmed',
  'booking_rescheduled',
  'booking_cancelled',
  'booking_reminder',
]

function requestOf(job: JobContext): Request {
  const p = job.payload
  const bookingId = typeof p.bookingId === 'string' ? p.bookingId : null
  if (!bookingId) throw new PermanentJobFailure(`${job.id}: payload has no bookingId`)
  const onlyChannels = Array.isArray(p.onlyChannels)
    ? p.onlyChannels.filter((c): c is NotificationChannel => c === 'email' || c === 'sms')
    : null
  if (job.name === REMINDER_JOB) {
    const kind = typeof p.reminder === 'string' ? p.reminder : null
    const beforeMinutes = typeof p.beforeMinutes === 'number' ? p.beforeMinutes : null
    if (!kind || beforeMinutes === null) throw new PermanentJobFailure(`${job.id}: reminder payload incomplete`)
    return {
      bookingId,
      kind: 'booking_reminder',
      // The deferred SMS job of a reminder shares the reminder's notification ids.
      baseId: job.id.replace(/-sms$/, ''),
      revision: undefined,
      causedByEventId: null,
      correlationId: `reminder-${bookingId}`,
      previousStart: null,
      onlyChannels,
      reminder: { kind, beforeMinutes },
    }
  }
  const kind = KINDS.find((k) => k === p.kind)
  if (!kind || typeof p.eventId !== 'string' || typeof p.revision !== 'number')
    throw new PermanentJobFailure(`${job.id}: message payload incomplete`)
  return {
    bookingId,
    kind,
    baseId: job.id.replace(/-sms$/, ''),
    revision: p.revision,
    causedByEventId: p.eventId,
    correlationId: typeof p.correlationId === 'string' ? p.correlationId : p.eventId,
    previousStart: typeof p.previousStart === 'string' ? p.previousStart : null,
    onlyChannels,
    reminder: null,
  }
}
