// Scheduled e-mailing of reports. A user who reads a report subscribes to it (or to one of his
// variants) with a cadence — daily, weekly (ISO weeks) or monthly, in his point's time zone or head
// office's — and an address; he or head office can end it. Subscriptions are events (who, when).
//
// The schedule is a chain of jobs on the JobQueue port, one per subscription and period, with the id
// `reportmail-<subscriptionId>-<period>`, due at 06:00 local the day after the period ends. A job
// first schedules the next period's job, then sends: the report is run with the subscriber's rights
// as they are then (his account's current role and tenant: his point's, fleet's or own rows; a
// deactivated account or a report he may no longer read gets nothing, and the job is kept as failed),
// over the period's dates when the report has a time bucket, rendered as CSV (XLSX or PDF when the
// writers are there), e-mailed through the Notifier with the file attached, and recorded as
// ReportEmailed on `reportmail-<subscriptionId>`. The scheduler (`ensureScheduled`, run by the worker
// at start and every minute) schedules the job of each active subscription's current period, and of
// the previous one when the subscription was older than it: jobs lost with a queue come back.
//
// Once per period: before sending, the job looks for the period's ReportEmailed and does nothing when
// it is there, so a restart, a retried or a re-added job does not send again. The event's id is
// derived from the subscription and period (a re-append is a no-op). What remains is the moment
// between the SMTP server accepting the message and the event being appended: a crash exactly there
// sends the period again on the retry, with the same Message-ID (derived the same way).
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { actorOf } from '../../domain/access/principal.js'
import { customerDecider, customerStream } from '../../domain/customer/customerDecider.js'
import type { Language } from '../../domain/customer/fields.js'
import { type Actor, SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { addDays } from '../../domain/shared/localTime.js'
import { loadAccount } from '../access/accountStore.js'
import { deterministicUuid } from '../commands/commandContext.js'
import { handleCommand, loadState } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Clock } from '../leases/clock.js'
import { normaliseEmail } from '../notifications/recipients.js'
import type { EventStore } from '../ports/eventStore.js'
import { type JobContext, type JobQueue, type JobSpec, PermanentJobFailure } from '../ports/jobQueue.js'
import { InvalidRecipient, type MessageAttachment, type Notifier } from '../ports/notifier.js'
import { isReadModelNotReady } from '../queries/readModelReader.js'
import { tableToCsv } from './csv.js'
import {
  type Cadence,
  type MailEvent,
  type MailFormat,
  type MailRange,
  mailStream,
  SUBSCRIPTIONS_STREAM,
  type SubscriptionEvent,
} from './reportEvents.js'
import { mailLanguage, reportMailText } from './reportMailTexts.js'
import { CONTENT_TYPES, describeQuery, type ReportFiles, reportFileName } from './reportOutputs.js'
import { nextPeriod, periodAt, periodContaining, periodOfKey, type ReportPeriod, sendTimeOf } from './reportPeriods.js'
import type { ReportQuery } from './reportQuery.js'
import type { ReportService, RequestMeta } from './reportService.js'
import { reportSubscriptionDecider, type Subscription } from './reportSubscriptionDecider.js'
import type { ReportTable } from './reportTable.js'

export const REPORT_MAIL_JOB = 'report-email'
export const reportMailJobId = (subscriptionId: string, periodKey: string): string =>
  `reportmail-${subscriptionId}-${periodKey}`
/** A report e-mailed is one file: as many rows as a download may have. */
const MAX_MAILED_ROWS = 200_000
const SUBSCRIPTION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/

export interface SubscriptionInput {
  readonly subscriptionId?: string
  /** A report, with an optional query… */
  readonly report?: string
  readonly query?: ReportQuery
  /** …or one of the subscriber's variants (or a built-in one). */
  readonly variantId?: string
  readonly cadence: Cadence
  readonly email: string
  readonly format?: MailFormat
  /** ended (default): the period just over; coming: the one just begun (upcoming visits, dues). */
  readonly range?: MailRange
  /** The e-mails' language (pl, en, ro, ru); absent: a customer's own preferred one, else English. */
  readonly language?: Language
}

export interface SubscriptionView extends Subscription {
  readonly active: boolean
  readonly subscribedAt: string
  readonly subscribedBy: Actor
  readonly endedAt: string | null
  readonly endedBy: Actor | null
  /** When the next e-mail is due (active subscriptions), and for which period. */
  readonly next: { readonly period: ReportPeriod; readonly at: string } | null
}

export interface DeliveryView {
  readonly period: ReportPeriod
  readonly recipient: string
  readonly rows: number
  readonly attachment: { readonly filename: string; readonly format: MailFormat; readonly bytes: number }
  readonly sentAt: string
  readonly providerMessageId: string
}

export interface ReportSubscriptionsDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reports: ReportService
  /** The point's IANA zone (a point's staff get their point's periods); null when unknown. */
  readonly pointTimeZone: (pointId: string) => Promise<string | null>
  readonly headOfficeTimeZone: string
  readonly clock: Clock
  /** XLSX and PDF writers; without them only CSV is offered. */
  readonly files?: ReportFiles | null
  /** Present where jobs are scheduled (the worker; the API too when it has a queue). */
  readonly queue?: JobQueue | null
  /** The e-mail channel (present where jobs are handled). */
  readonly email?: Notifier | null
  readonly log?: (line: string) => void
}

const invalid = (path: string, message: string): DomainError =>
  domainError('invalid', 'INVALID_SUBSCRIPTION', message, [{ path, message }])

interface Folded {
  readonly views: ReadonlyMap<string, Omit<SubscriptionView, 'next'>>
}

export class ReportSubscriptions {
  constructor(private readonly deps: ReportSubscriptionsDeps) {}

  get formats(): MailFormat[] {
    return this.deps.files ? ['csv', 'xlsx', 'pdf'] : ['csv']
  }

  async subscribe(
    viewer: Principal,
    input: SubscriptionInput,
    meta: RequestMeta,
  ): Promise<Either<DomainError, SubscriptionView>> {
    const format = input.format ?? 'csv'
    if (!this.formats.includes(format))
      return left(invalid('format', `${format} is not offered here; formats: ${this.formats.join(', ')}`))
    let email: string
    try {
      email = normaliseEmail(input.email)
    } catch (error) {
      if (error instanceof InvalidRecipient) return left(invalid('email', error.message))
      throw error
    }
    const target = await this.target(viewer, input)
    if (isLeft(target)) return target
    const { report, query, title, variantId } = target.right
    // The subscription must run now with his rights (the report exists, he may read it, the query fits).
    try {
      const probe = await this.deps.reports.table(viewer, report, query, { limit: 1, offset: 0 })
      if (isLeft(probe)) return probe
    } catch (error) {
      if (!isReadModelNotReady(error)) throw error // a report still being built is fine to subscribe to
    }
    const subscriptionId =
      input.subscriptionId ??
      (meta.commandId ? deterministicUuid(`subscription|${viewer.id}|${meta.commandId}`) : randomUUID())
    if (!SUBSCRIPTION_ID.test(subscriptionId))
      return left(invalid('subscriptionId', 'must be 1-100 letters, digits, _ . -'))
    const timeZone =
      viewer.tenant.scope === 'point'
        ? ((await this.deps.pointTimeZone(viewer.tenant.pointId)) ?? this.deps.headOfficeTimeZone)
        : this.deps.headOfficeTimeZone
    const subscription: Subscription = {
      subscriptionId,
      subscriber: { id: viewer.id, role: viewer.role, tenant: { ...viewer.tenant } as Record<string, string> },
      email,
      report,
      variantId,
      title,
      query,
      cadence: input.cadence,
      timeZone,
      format,
      range: input.range ?? 'ended',
      ...(input.language ? { language: input.language } : {}),
    }
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: reportSubscriptionDecider,
      streamId: SUBSCRIPTIONS_STREAM,
      command: { kind: 'Subscribe', subscription },
      context: { ...meta, actor: actorOf(viewer) },
    })
    if (isLeft(outcome)) return outcome
    const view = (await this.fold()).views.get(subscriptionId)
    if (!view) throw new Error(`subscription ${subscriptionId} was appended but is not in its stream`)
    if (this.deps.queue)
      await this.deps.queue.schedule(this.jobFor(view, periodAt(view.cadence, view.timeZone, this.now())))
    return right(this.withNext(view))
  }

  async unsubscribe(
    viewer: Principal,
    subscriptionId: string,
    reason: string | null,
    meta: RequestMeta,
  ): Promise<Either<DomainError, null>> {
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: reportSubscriptionDecider,
      streamId: SUBSCRIPTIONS_STREAM,
      command: { kind: 'Unsubscribe', subscriptionId, by: actorOf(viewer), reason },
      context: { ...meta, actor: actorOf(viewer) },
    })
    return isLeft(outcome) ? outcome : right(null)
  }

  /** His own subscriptions; head office sees everyone's. */
  async list(viewer: Principal): Promise<SubscriptionView[]> {
    const views = [...(await this.fold()).views.values()]
    return views
      .filter((v) => viewer.role === 'head_office' || v.subscriber.id === viewer.id)
      .map((v) => this.withNext(v))
  }

  async subscription(viewer: Principal, subscriptionId: string): Promise<Either<DomainError, SubscriptionView>> {
    const view = (await this.fold()).views.get(subscriptionId)
    if (!view || (viewer.role !== 'head_office' && view.subscriber.id !== viewer.id))
      return left(domainError('not_found', 'SUBSCRIPTION_NOT_FOUND', `no subscription ${subscriptionId} of yours`))
    return right(this.withNext(view))
  }

  /** The e-mails sent for a subscription, oldest first. */
  async deliveries(viewer: Principal, subscriptionId: string): Promise<Either<DomainError, DeliveryView[]>> {
    const found = await this.subscription(viewer, subscriptionId)
    if (isLeft(found)) return found
    return right((await this.sent(subscriptionId)).map(({ subscriptionId: _s, notificationId: _n, ...d }) => d))
  }

  // ── the schedule (worker) ────────────────────────────────────────────────────────────────

  /** Schedules each active subscription's job for its current period (and a missed previous one). */
  async ensureScheduled(): Promise<number> {
    const queue = this.deps.queue
    if (!queue) throw new Error('ensureScheduled needs a job queue')
    const now = this.now()
    const jobs: JobSpec[] = []
    for (const view of (await this.fold()).views.values()) {
      if (!view.active) continue
      const current = periodAt(view.cadence, view.timeZone, now)
      const previous = periodContaining(view.cadence, addDays(current.from, -1))
      if (Date.parse(view.subscribedAt) < sendTimeOf(previous, view.timeZone)) jobs.push(this.jobFor(view, previous))
      jobs.push(this.jobFor(view, current))
    }
    await queue.scheduleMany(jobs)
    return jobs.length
  }

  /** The job handler: schedules the next period, then sends this one unless it was sent. */
  async handle(job: JobContext): Promise<void> {
    if (job.name !== REPORT_MAIL_JOB) throw new PermanentJobFailure(`not a report e-mail job: ${job.name}`)
    const { subscriptionId, period: key } = job.payload as { subscriptionId?: unknown; period?: unknown }
    if (typeof subscriptionId !== 'string' || typeof key !== 'string')
      throw new PermanentJobFailure(`job ${job.id} has no subscription or period`)
    const view = (await this.fold()).views.get(subscriptionId)
    if (!view?.active) return // ended (or never was): nothing to send, nothing to schedule
    const period = periodOfKey(view.cadence, key)
    if (!period) throw new PermanentJobFailure(`${key} is not a ${view.cadence} period`)
    if (this.deps.queue) await this.deps.queue.schedule(this.jobFor(view, nextPeriod(view.cadence, period)))
    if ((await this.sent(subscriptionId)).some((d) => d.period.key === key)) return
    await this.send(view, period)
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────

  private now(): number {
    return this.deps.clock.now()
  }

  private jobFor(view: Pick<Subscription, 'subscriptionId' | 'timeZone'>, period: ReportPeriod): JobSpec {
    return {
      id: reportMailJobId(view.subscriptionId, period.key),
      name: REPORT_MAIL_JOB,
      payload: { subscriptionId: view.subscriptionId, period: period.key },
      runAt: sendTimeOf(period, view.timeZone),
      attempts: 8,
      backoffMs: 60_000,
    }
  }

  private withNext(view: Omit<SubscriptionView, 'next'>): SubscriptionView {
    if (!view.active) return { ...view, next: null }
    const period = periodAt(view.cadence, view.timeZone, this.now())
    return { ...view, next: { period, at: new Date(sendTimeOf(period, view.timeZone)).toISOString() } }
  }

  private async target(
    viewer: Principal,
    input: SubscriptionInput,
  ): Promise<Either<DomainError, { report: string; query: ReportQuery; title: string; variantId: string | null }>> {
    if (input.variantId !== undefined) {
      if (input.report !== undefined || input.query !== undefined)
        return left(invalid('variantId', 'give a variantId, or a report with a query, not both'))
      const variants = await this.deps.reports.variants(viewer)
      if (isLeft(variants)) return variants
      const variant = variants.right.find((v) => v.variantId === input.variantId)
      if (!variant)
        return left(domainError('not_found', 'REPORT_VARIANT_NOT_FOUND', `no variant ${input.variantId} of yours`))
      return right({ report: variant.report, query: variant.query, title: variant.title, variantId: variant.variantId })
    }
    if (input.report === undefined) return left(invalid('report', 'give a report (with a query) or a variantId'))
    const reports = await this.deps.reports.reports(viewer)
    if (isLeft(reports)) return reports
    const shape = reports.right.find((r) => r.report === input.report)
    if (!shape) return left(domainError('not_found', 'REPORT_NOT_FOUND', `no report ${input.report} you may read`))
    return right({ report: shape.report, query: input.query ?? {}, title: shape.title, variantId: null })
  }

  private async fold(): Promise<Folded> {
    const views = new Map<string, Omit<SubscriptionView, 'next'>>()
    await loadState(
      this.deps.store,
      this.deps.catalogue,
      reportSubscriptionDecider,
      SUBSCRIPTIONS_STREAM,
      undefined,
      (recorded) => {
        const event = this.deps.catalogue.decode(recorded) as SubscriptionEvent
        const { actor, occurredAt } = recorded.metadata
        if (event.type === 'ReportSubscribed') {
          if (!views.has(event.data.subscriptionId))
            views.set(event.data.subscriptionId, {
              ...event.data,
              active: true,
              subscribedAt: occurredAt,
              subscribedBy: actor,
              endedAt: null,
              endedBy: null,
            })
        } else {
          const view = views.get(event.data.subscriptionId)
          if (view) views.set(view.subscriptionId, { ...view, active: false, endedAt: occurredAt, endedBy: actor })
        }
      },
    )
    return { views }
  }

  private async sent(subscriptionId: string): Promise<Array<MailEvent['data']>> {
    const out: Array<MailEvent['data']> = []
    for await (const recorded of this.deps.store.readStream(mailStream(subscriptionId)))
      out.push((this.deps.catalogue.decode(recorded) as MailEvent).data)
    return out
  }

  private async send(view: Omit<SubscriptionView, 'next'>, period: ReportPeriod): Promise<void> {
    const email = this.deps.email
    if (!email) throw new Error('report e-mails need the e-mail channel')
    // His rights as they are now: an account deactivated (or gone) gets nothing; a changed role or
    // tenant reads what the new one may.
    const account = await loadAccount({ store: this.deps.store, catalogue: this.deps.catalogue }, view.subscriber.id)
    if (account.status !== 'active')
      throw new PermanentJobFailure(
        `${view.subscriptionId}: the subscriber's account is ${account.status === 'none' ? 'unknown' : 'deactivated'}`,
      )
    const subscriber: Principal = { id: account.accountId, role: account.role, tenant: account.tenant }
    const shape = await this.deps.reports.reports(subscriber)
    if (isLeft(shape)) throw new PermanentJobFailure(`${view.subscriptionId}: ${shape.left.message}`)
    const report = shape.right.find((r) => r.report === view.report)
    if (!report)
      throw new PermanentJobFailure(`${view.subscriptionId}: ${view.report} is not a report its subscriber may read`)
    const bucketed = report.keys.some((k) => k.bucket !== null)
    const covered = view.range === 'coming' ? nextPeriod(view.cadence, period) : period
    const query: ReportQuery = bucketed ? { ...view.query, from: covered.from, to: covered.to } : view.query
    const table = await this.deps.reports.table(subscriber, view.report, query, { limit: MAX_MAILED_ROWS, offset: 0 })
    if (isLeft(table)) throw new PermanentJobFailure(`${view.subscriptionId}: ${table.left.message}`)
    const attachment = await this.render(view, table.right, period, query)
    const notificationId = deterministicUuid(`reportmail|${view.subscriptionId}|${period.key}`)
    const dates = covered.from === covered.to ? covered.from : `${covered.from} – ${covered.to}`
    const { subject, text } = reportMailText(await subscriberLanguage(this.deps, view), {
      title: view.title,
      report: view.report,
      periodKey: period.key,
      dates: bucketed ? dates : null,
      range: view.range,
      cadence: view.cadence,
      timeZone: view.timeZone,
      asOf: new Date(this.now()).toISOString(),
      rows: table.right.total,
      attached: table.right.rows.length,
      filename: attachment.filename,
      subscriptionId: view.subscriptionId,
    })
    const receipt = await email.send({
      to: view.email,
      subject,
      text,
      notificationId,
      attachments: [attachment],
    })
    const sentAt = new Date(this.now()).toISOString()
    await this.deps.store.appendToStream(
      mailStream(view.subscriptionId),
      [
        {
          type: 'ReportEmailed',
          data: {
            subscriptionId: view.subscriptionId,
            period,
            covered: { from: covered.from, to: covered.to },
            recipient: view.email,
            rows: table.right.rows.length,
            attachment: {
              filename: attachment.filename,
              format: view.format,
              bytes: Buffer.byteLength(attachment.content, attachment.encoding),
            },
            notificationId,
            providerMessageId: receipt.providerMessageId,
            sentAt,
          },
          metadata: {
            eventId: deterministicUuid(`reportemailed|${view.subscriptionId}|${period.key}`),
            correlationId: reportMailJobId(view.subscriptionId, period.key),
            causationId: null,
            actor: SYSTEM_ACTOR,
            occurredAt: sentAt,
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: 'any' },
    )
    this.deps.log?.(`sent ${view.report} ${period.key} to ${view.email} (${table.right.rows.length} rows)`)
  }

  private async render(
    view: Omit<SubscriptionView, 'next'>,
    table: ReportTable,
    period: ReportPeriod,
    query: ReportQuery,
  ): Promise<MessageAttachment> {
    const filename = reportFileName(`${view.report}-${period.key}`, table, view.format)
    if (view.format === 'csv')
      return { filename, contentType: CONTENT_TYPES.csv, content: tableToCsv(table), encoding: 'utf8' }
    const files = this.deps.files
    if (!files) throw new PermanentJobFailure(`${view.format} is not available in this process`)
    const bytes =
      view.format === 'xlsx'
        ? await files.xlsx(table)
        : await files.pdf(table, {
            generatedAt: new Date(this.now()).toISOString(),
            // What was run: the subscription's (or its variant's) query over the period's dates.
            asked: describeQuery(query, view.variantId ? { id: view.variantId, title: view.title } : undefined),
          })
    return {
      filename,
      contentType: CONTENT_TYPES[view.format],
      content: Buffer.from(bytes).toString('base64'),
      encoding: 'base64',
    }
  }
}

/** A subscription's e-mail language: its own; for a customer's without one, his preferred language; else English. */
export async function subscriberLanguage(
  deps: Pick<ReportSubscriptionsDeps, 'store' | 'catalogue'>,
  subscription: Pick<Subscription, 'language' | 'subscriber'>,
): Promise<Language> {
  if (subscription.language) return mailLanguage(subscription.language)
  const tenant = subscription.subscriber.tenant
  const customerId = tenant.scope === 'customer' ? tenant.customerId : undefined
  if (!customerId) return 'en'
  const { state } = await loadState(deps.store, deps.catalogue, customerDecider, customerStream(customerId))
  return mailLanguage(state.status === 'none' ? null : state.preferences.language)
}
