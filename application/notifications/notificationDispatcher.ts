// The job handler for every message: ask the job's MessageSource which messages it stands for,
// work out per recipient which channels may carry it (contact details, the consent the kind's
// purpose needs), write it in the reader's language, send it, and record what happened on the
// subject's notification stream.
//
// Exactly once, as far as a provider allows: before sending on a channel the handler looks for a
// NotificationSent with that notification id and skips the channel when there is one, so a retried
// or re-run job does not send again. What remains is the moment between the provider accepting a
// message and the NotificationSent being appended: a crash exactly there sends it again on the next
// run (e-mail then carries the same Message-ID). A crash anywhere else loses nothing and doubles
// nothing.
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { deterministicUuid } from '../commands/commandContext.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Clock } from '../leases/clock.js'
import type { EventStore } from '../ports/eventStore.js'
import { type JobContext, type JobQueue, PermanentJobFailure } from '../ports/jobQueue.js'
import { DeliveryFailed, InvalidRecipient, type NotificationChannel, type Notifier } from '../ports/notifier.js'
import type { Contact, ContactDirectory } from './contactDirectory.js'
import {
  deferredSmsJobId,
  type MessageSource,
  type PlannedMessage,
  type UndeliverableMessage,
} from './messageSource.js'
import { type NotificationEventData, type NotificationSubject, notificationStream } from './notificationEvents.js'
import { NOTIFICATION_KINDS } from './notificationKinds.js'
import { type QuietHours, quietUntil } from './quietHours.js'
import { normaliseEmail, normalisePhone } from './recipients.js'

export interface NotificationDispatcherDeps {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  /** One per family of messages; each names the jobs it plans. */
  readonly sources: ReadonlyArray<MessageSource>
  readonly contacts: ContactDirectory
  readonly notifiers: Partial<Record<NotificationChannel, Notifier>>
  /** Where an SMS held back by quiet hours is scheduled. */
  readonly queue: JobQueue
  readonly clock: Clock
  readonly quietHours: QuietHours
  readonly log: (line: string) => void
}

type Outcome = 'sent' | 'skipped' | 'transient' | 'permanent'

type SubjectFields = Pick<
  NotificationEventData['NotificationSent'],
  'kind' | 'subjectType' | 'subjectId' | 'customerId' | 'causedByEventId'
>

export class NotificationDispatcher {
  private readonly sources = new Map<string, MessageSource>()

  constructor(private readonly deps: NotificationDispatcherDeps) {
    for (const source of deps.sources)
      for (const name of source.jobNames) {
        if (this.sources.has(name)) throw new Error(`two message sources plan ${name}`)
        this.sources.set(name, source)
      }
  }

  /** The job names the dispatcher handles. */
  get jobNames(): string[] {
    return [...this.sources.keys()]
  }

  /** The JobHandler: pass `(job) => dispatcher.handle(job)` to JobQueue.process. */
  async handle(job: JobContext): Promise<void> {
    const source = this.sources.get(job.name)
    if (!source) throw new PermanentJobFailure(`unknown job ${job.name}`)
    const planned = await source.plan(job)
    if ('notDue' in planned) return this.deps.log(`${job.id}: not sent, ${planned.notDue}`)
    if ('undeliverable' in planned) return this.undeliverable(job, planned.undeliverable)
    const p = job.payload
    const onlyChannels = Array.isArray(p.onlyChannels)
      ? p.onlyChannels.filter((c): c is NotificationChannel => c === 'email' || c === 'sms')
      : null
    const transient: string[] = []
    const permanent: string[] = []
    let deferredSms = false
    for (const message of planned) {
      const outcomes = await this.deliver(message, job, onlyChannels)
      for (const [channel, outcome] of outcomes) {
        if (outcome === 'transient') transient.push(`${channel} (${message.baseId})`)
        if (outcome === 'permanent') permanent.push(`${channel} (${message.baseId})`)
        if (outcome === 'skipped' && channel === 'sms') deferredSms = true
      }
    }
    if (deferredSms) await this.deferSms(job, planned)
    // A transient failure retries the job (channels already sent are skipped then); a permanent
    // one fails it at once, kept with its reason for the failed-jobs list.
    if (transient.length > 0) throw new Error(`${job.id}: delivery failed on ${transient.join(', ')}; will retry`)
    if (permanent.length > 0)
      throw new PermanentJobFailure(`${job.id}: delivery failed for good on ${permanent.join(', ')}`)
  }

  /** Sends one planned message on each usable channel; 'skipped' means held back by quiet hours. */
  private async deliver(
    planned: PlannedMessage,
    job: JobContext,
    onlyChannels: ReadonlyArray<NotificationChannel> | null,
  ): Promise<Array<[NotificationChannel, Outcome]>> {
    const { baseId, subject, recipient, point } = planned
    const kind = planned.message.kind
    const purpose = NOTIFICATION_KINDS[kind]
    const contact: Contact =
      recipient.type === 'customer'
        ? await this.deps.contacts.contactFor(recipient.customer, { country: point?.country ?? null, purpose })
        : {
            name: recipient.name,
            email: recipient.email,
            phone: null,
            locale: recipient.locale,
            channels: ['email'],
            consents: { email: true, sms: false },
          }
    const fields: SubjectFields = {
      kind,
      subjectType: subject.type,
      subjectId: subject.id,
      customerId: recipient.type === 'customer' ? recipient.customer.customerId : null,
      causedByEventId: planned.causedByEventId,
    }
    const wanted = (onlyChannels ?? contact.channels).filter((c) => addressOf(contact, c) !== null)
    const usable = wanted.filter((c) => contact.consents[c])
    if (usable.length === 0) {
      const code = wanted.length === 0 ? 'NO_CONTACT' : 'NO_CONSENT'
      const reason =
        code === 'NO_CONTACT'
          ? 'no e-mail address or phone number for any wanted channel'
          : `no consent to ${purpose} by ${wanted.join(' or ')}`
      this.deps.log(`${job.id}: nothing sent about ${subject.type} ${subject.id} (${kind}): ${reason}`)
      await this.record(planned, 'NotificationWithheld', `${baseId}|withheld`, {
        ...fields,
        notificationId: baseId,
        code,
        reason,
        at: this.nowIso(),
      })
      return []
    }

    const sent = await this.sentNotificationIds(subject)
    const outcomes: Array<[NotificationChannel, Outcome]> = []
    for (const channel of usable) {
      const notificationId = `${baseId}-${channel}`
      if (sent.has(notificationId)) continue
      if (channel === 'sms' && !onlyChannels && point) {
        const until = quietUntil(this.deps.clock.now(), point.timeZone, this.deps.quietHours)
        if (until !== null) {
          this.deps.log(
            `${job.id}: SMS held back by quiet hours at ${point.name} until ${new Date(until).toISOString()}`,
          )
          outcomes.push([channel, 'skipped'])
          continue
        }
      }
      outcomes.push([channel, await this.sendOn(channel, notificationId, planned, contact, fields, job)])
    }
    return outcomes
  }

  /** The SMS part of the job, again, when quiet hours end at the (first) point concerned. */
  private async deferSms(job: JobContext, planned: ReadonlyArray<PlannedMessage>): Promise<void> {
    const zone = planned.find((m) => m.point)?.point
    if (!zone) return
    const until = quietUntil(this.deps.clock.now(), zone.timeZone, this.deps.quietHours)
    if (until === null) return
    await this.deps.queue.schedule({
      id: deferredSmsJobId(job.id),
      name: job.name,
      payload: { ...job.payload, onlyChannels: ['sms'] },
      runAt: until,
      attempts: job.maxAttempts,
    })
  }

  private async sendOn(
    channel: NotificationChannel,
    notificationId: string,
    planned: PlannedMessage,
    contact: Contact,
    fields: SubjectFields,
    job: JobContext,
  ): Promise<Outcome> {
    const raw = addressOf(contact, channel) ?? ''
    const fail = async (code: string, reason: string) =>
      this.record(planned, 'NotificationFailed', `${notificationId}|failed|${code}|${job.attempt}`, {
        ...fields,
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
      to = channel === 'email' ? normaliseEmail(raw) : normalisePhone(raw, planned.point?.country ?? null)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      this.deps.log(`${job.id}: ${reason}; nothing sent on ${channel}`)
      await fail('INVALID_RECIPIENT', reason)
      return 'permanent'
    }
    const rendered = planned.message.render({ locale: contact.locale, name: contact.name }, (line) =>
      this.deps.log(`${job.id}: ${line}`),
    )
    try {
      const receipt = await notifier.send({
        to,
        subject: rendered.subject,
        text: channel === 'email' ? rendered.text : rendered.sms,
        notificationId,
      })
      await this.record(planned, 'NotificationSent', `${notificationId}|sent`, {
        ...fields,
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

  private async sentNotificationIds(subject: NotificationSubject): Promise<Set<string>> {
    const ids = new Set<string>()
    for await (const event of this.deps.events.readStream(notificationStream(subject)))
      if (event.type === 'NotificationSent') ids.add((event.data as { notificationId: string }).notificationId)
    return ids
  }

  /** Nobody to tell: logged, and recorded once per message on the subject's stream. */
  private async undeliverable(job: JobContext, u: UndeliverableMessage): Promise<void> {
    this.deps.log(`${job.id}: nothing sent about ${u.subject.type} ${u.subject.id} (${u.kind}): ${u.reason}`)
    await this.record(u, 'NotificationUndeliverable', `${u.baseId}|undeliverable`, {
      notificationId: u.baseId,
      kind: u.kind,
      subjectType: u.subject.type,
      subjectId: u.subject.id,
      customerId: null,
      causedByEventId: u.causedByEventId,
      code: 'NO_RECIPIENT',
      reason: u.reason,
      at: this.nowIso(),
    })
  }

  private async record<K extends keyof NotificationEventData>(
    planned: Pick<PlannedMessage, 'subject' | 'correlationId' | 'causedByEventId'>,
    type: K,
    idempotencyKey: string,
    data: NotificationEventData[K],
  ): Promise<void> {
    const checked = this.deps.catalogue.encode({ type, data })
    await this.deps.events.appendToStream(
      notificationStream(planned.subject),
      [
        {
          type,
          data: checked.data,
          metadata: {
            eventId: deterministicUuid(idempotencyKey),
            correlationId: planned.correlationId,
            causationId: planned.causedByEventId,
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
