// Wires the notification worker: the job queue (BullMQ or embedded), the channels (SMTP, Twilio,
// or the outbox file), one subscriber per family of messages (bookings, work orders, helpdesk),
// each with its own checkpoint, and the dispatcher that carries out every family's jobs. `scripts/worker.ts` starts it beside the projection runners.
//
// Any number of worker processes may run: the subscriber holds a lease (one instance turns events
// into jobs), and every instance processes jobs (the queue hands each job to one of them).
import { join } from 'node:path'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { JobOp } from '../../application/jobs/jobOps.js'
import { type JobQueueHealth, jobQueueHealth } from '../../application/jobs/jobQueueHealth.js'
import { PolicySubscriber } from '../../application/jobs/policySubscriber.js'
import { type Clock, systemClock } from '../../application/leases/clock.js'
import { BookingLoader } from '../../application/notifications/bookingLoader.js'
import { BookingMessages } from '../../application/notifications/bookingMessages.js'
import { bookingNotificationsSubscriber } from '../../application/notifications/bookingNotifications.js'
import { BookingReminderPolicy } from '../../application/notifications/bookingReminderPolicy.js'
import { BookingContactDirectory, type ContactDirectory } from '../../application/notifications/contactDirectory.js'
import type { EstimateLinkTokens } from '../../application/notifications/estimateLinks.js'
import { HelpdeskMessages } from '../../application/notifications/helpdeskMessages.js'
import { HelpdeskNotificationPolicy } from '../../application/notifications/helpdeskNotificationPolicy.js'
import { NotificationDispatcher } from '../../application/notifications/notificationDispatcher.js'
import { PointFactsFromLog } from '../../application/notifications/pointFacts.js'
import { AccountStaffDirectory, type StaffDirectory } from '../../application/notifications/staffDirectory.js'
import { WorkOrderMessages } from '../../application/notifications/workOrderMessages.js'
import {
  DEFAULT_MAX_EVENT_AGE_MS,
  WorkOrderNotificationPolicy,
} from '../../application/notifications/workOrderNotificationPolicy.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore, RecordedEvent } from '../../application/ports/eventStore.js'
import type { JobProcessor, JobQueue } from '../../application/ports/jobQueue.js'
import type { NotificationChannel, Notifier } from '../../application/ports/notifier.js'
import { ReadModels } from '../../application/readModels/readModels.js'
import type { TicketEvent } from '../../domain/helpdesk/events.js'
import type { WorkOrderEvent } from '../../domain/work-order/events.js'
import { openJobQueue } from '../jobs/openJobQueue.js'
import { SmtpEmailNotifier } from './email/smtpEmailNotifier.js'
import type { NotificationConfig } from './notificationConfig.js'
import { OutboxNotifier } from './outbox/outboxNotifier.js'
import type { RedisDataGuard } from './redisDataGuard.js'
import { TwilioSmsNotifier } from './sms/twilioSmsNotifier.js'

export const WORK_ORDER_NOTIFICATIONS = 'workorder-notifications'
export const HELPDESK_NOTIFICATIONS = 'helpdesk-notifications'

export interface NotificationWorkerDeps {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly catalogue: EventCatalogue
  readonly config: NotificationConfig
  readonly redisUrl: string | null
  readonly dataDir: string
  readonly contacts?: ContactDirectory
  /** Who on the staff side gets overdue and SLA messages; default: the accounts in the log. */
  readonly staff?: StaffDirectory
  /** Signs the approval links of estimate messages (the API must accept the same secret). */
  readonly estimateLinks?: EstimateLinkTokens
  readonly clock?: Clock
  /** A queue opened by the caller (tests with their own clock); default: by redisUrl and dataDir. */
  readonly queue?: JobQueue
  readonly log?: (line: string) => void
}

export interface NotificationWorker {
  readonly queue: JobQueue
  /** The booking subscriber (kept for callers that wait on it). */
  readonly subscriber: PolicySubscriber
  readonly subscribers: ReadonlyArray<PolicySubscriber>
  readonly channels: Readonly<Record<NotificationChannel, string>>
  /** Queue counts and subscriber lag, for readiness. */
  readonly health: () => Promise<JobQueueHealth>
  start(): void
  stop(): Promise<void>
}

/** The configured channels: SMTP and Twilio, or a JSON-lines outbox file where a channel has no provider. */
export function channelNotifiers(config: NotificationConfig, dataDir: string): Record<NotificationChannel, Notifier> {
  return {
    email: config.email
      ? new SmtpEmailNotifier(config.email)
      : new OutboxNotifier('email', join(dataDir, 'outbox-email.jsonl')),
    sms: config.sms ? new TwilioSmsNotifier(config.sms) : new OutboxNotifier('sms', join(dataDir, 'outbox-sms.jsonl')),
  }
}

export async function composeNotificationWorker(deps: NotificationWorkerDeps): Promise<NotificationWorker> {
  const log = deps.log ?? ((line: string) => console.error(`[notifications] ${line}`))
  const { config } = deps
  const queue =
    deps.queue ??
    (await openJobQueue({
      redisUrl: deps.redisUrl,
      dataDir: deps.dataDir,
      prefix: config.jobsPrefix,
      lockMs: config.lockMs,
      stalledIntervalMs: config.stalledIntervalMs,
    }))
  const notifiers = channelNotifiers(config, deps.dataDir)
  const channels = {
    email: config.email ? `SMTP ${config.email.host}:${config.email.port}` : 'outbox file',
    sms: config.sms ? `Twilio${config.sms.apiBaseUrl ? ` via ${config.sms.apiBaseUrl}` : ''}` : 'outbox file',
  }
  const bookings = new BookingLoader(deps.events, deps.catalogue)
  const policy = new BookingReminderPolicy({
    reminders: config.reminders,
    maxEventAgeMs: config.maxEventAgeMs ?? DEFAULT_MAX_EVENT_AGE_MS,
    ...(deps.clock ? { clock: deps.clock } : {}),
    attempts: config.attempts,
    backoffMs: config.backoffMs,
  })
  const subscriber = bookingNotificationsSubscriber(
    { events: deps.events, documents: deps.documents, queue, catalogue: deps.catalogue, policy, bookings },
    {
      log: (line) => log(`subscriber: ${line}`),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(config.workerId ? { holder: config.workerId } : {}),
    },
  )
  const clock = deps.clock ?? systemClock
  const points = new PointFactsFromLog(deps.events)
  const staff =
    deps.staff ??
    new AccountStaffDirectory({
      store: deps.events,
      catalogue: deps.catalogue,
      readModels: new ReadModels(deps.documents),
    })
  const common = {
    log: (line: string) => log(`subscriber: ${line}`),
    ...(deps.clock ? { clock: deps.clock } : {}),
  }
  const workOrderPolicy = new WorkOrderNotificationPolicy({
    clock,
    attempts: config.attempts,
    backoffMs: config.backoffMs,
    ...(config.ratingDelayMs !== undefined ? { ratingDelayMs: config.ratingDelayMs } : {}),
    ...(config.maxEventAgeMs !== undefined ? { maxEventAgeMs: config.maxEventAgeMs } : {}),
  })
  const helpdeskPolicy = new HelpdeskNotificationPolicy(
    { events: deps.events, catalogue: deps.catalogue },
    {
      clock,
      attempts: config.attempts,
      backoffMs: config.backoffMs,
      ...(config.slaWarnBeforeMinutes !== undefined ? { warnBeforeMinutes: config.slaWarnBeforeMinutes } : {}),
      ...(config.maxEventAgeMs !== undefined ? { maxEventAgeMs: config.maxEventAgeMs } : {}),
    },
  )
  /** A family's subscriber: its events (by stream prefix) through its policy, from its own checkpoint. */
  const familySubscriber = <E>(
    name: string,
    streamPrefix: string,
    policy: { handles(type: string): boolean; jobsFor(recorded: RecordedEvent, event: E): JobOp[] | Promise<JobOp[]> },
  ) =>
    new PolicySubscriber({
      name,
      ...common,
      ...(config.workerId ? { holder: `${config.workerId}-${name}` } : {}),
      events: deps.events,
      documents: deps.documents,
      queue,
      handles: (type) => policy.handles(type),
      jobsFor: async (recorded) =>
        recorded.streamId.startsWith(streamPrefix)
          ? policy.jobsFor(recorded, deps.catalogue.decode(recorded) as E)
          : [],
    })
  const subscribers = [
    subscriber,
    familySubscriber<WorkOrderEvent>(WORK_ORDER_NOTIFICATIONS, 'workorder-', workOrderPolicy),
    familySubscriber<TicketEvent>(HELPDESK_NOTIFICATIONS, 'ticket-', helpdeskPolicy),
  ]
  const dispatcher = new NotificationDispatcher({
    events: deps.events,
    catalogue: deps.catalogue,
    sources: [
      new BookingMessages({
        bookings,
        points,
        clock,
        manageLink: (bookingId) => `${config.publicBaseUrl}/#/booking/${encodeURIComponent(bookingId)}`,
      }),
      new WorkOrderMessages({
        events: deps.events,
        catalogue: deps.catalogue,
        points,
        staff,
        clock,
        links: deps.estimateLinks ?? null,
        publicBaseUrl: config.publicBaseUrl,
      }),
      new HelpdeskMessages({
        events: deps.events,
        catalogue: deps.catalogue,
        points,
        staff,
        clock,
        publicBaseUrl: config.publicBaseUrl,
      }),
    ],
    contacts: deps.contacts ?? new BookingContactDirectory(),
    notifiers,
    queue,
    clock,
    quietHours: config.quietHours,
    log,
  })
  let processor: JobProcessor | null = null
  let guard: Promise<RedisDataGuard> | null = null
  return {
    queue,
    subscriber,
    subscribers,
    channels,
    health: jobQueueHealth(queue, subscribers),
    start() {
      for (const s of subscribers) s.start()
      // A Redis that comes back empty: re-plan every job from the log (redisDataGuard.ts).
      // (Imported when used, like BullMQ: a worker without Redis does not load ioredis.)
      const url = deps.redisUrl
      if (url && !deps.queue)
        guard = import('./redisDataGuard.js').then(({ guardRedisData }) =>
          guardRedisData({ url, prefix: config.jobsPrefix, documents: deps.documents, subscribers, log }),
        )
      processor = queue.process((job) => dispatcher.handle(job), { concurrency: config.concurrency })
    },
    async stop() {
      await (await guard)?.close()
      await Promise.allSettled([...subscribers.map((s) => s.stop()), processor?.close()])
      await Promise.allSettled([queue.close(), notifiers.email.close(), notifiers.sms.close()])
    },
  }
}
