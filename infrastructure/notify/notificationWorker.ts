// Wires the notification worker: the job queue (BullMQ or embedded), the channels (SMTP, Twilio,
// or the outbox file), the booking reminder policy subscribed to the log, and the dispatcher that
// carries out the jobs. `scripts/worker.ts` starts it beside the projection runners.
//
// Any number of worker processes may run: the subscriber holds a lease (one instance turns events
// into jobs), and every instance processes jobs (the queue hands each job to one of them).
import { join } from 'node:path'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import { type JobQueueHealth, jobQueueHealth } from '../../application/jobs/jobQueueHealth.js'
import type { PolicySubscriber } from '../../application/jobs/policySubscriber.js'
import { type Clock, systemClock } from '../../application/leases/clock.js'
import { BookingLoader } from '../../application/notifications/bookingLoader.js'
import { BookingMessages } from '../../application/notifications/bookingMessages.js'
import { bookingNotificationsSubscriber } from '../../application/notifications/bookingNotifications.js'
import { BookingReminderPolicy } from '../../application/notifications/bookingReminderPolicy.js'
import { BookingContactDirectory, type ContactDirectory } from '../../application/notifications/contactDirectory.js'
import { NotificationDispatcher } from '../../application/notifications/notificationDispatcher.js'
import { PointFactsFromLog } from '../../application/notifications/pointFacts.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import type { JobProcessor, JobQueue } from '../../application/ports/jobQueue.js'
import type { NotificationChannel, Notifier } from '../../application/ports/notifier.js'
import { openJobQueue } from '../jobs/openJobQueue.js'
import { SmtpEmailNotifier } from './email/smtpEmailNotifier.js'
import type { NotificationConfig } from './notificationConfig.js'
import { OutboxNotifier } from './outbox/outboxNotifier.js'
import { TwilioSmsNotifier } from './sms/twilioSmsNotifier.js'

export interface NotificationWorkerDeps {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly catalogue: EventCatalogue
  readonly config: NotificationConfig
  readonly redisUrl: string | null
  readonly dataDir: string
  readonly contacts?: ContactDirectory
  readonly clock?: Clock
  readonly log?: (line: string) => void
}

export interface NotificationWorker {
  readonly queue: JobQueue
  readonly subscriber: PolicySubscriber
  readonly channels: Readonly<Record<NotificationChannel, string>>
  /** Queue counts and subscriber lag, for readiness. */
  readonly health: () => Promise<JobQueueHealth>
  start(): void
  stop(): Promise<void>
}

export async function composeNotificationWorker(deps: NotificationWorkerDeps): Promise<NotificationWorker> {
  const log = deps.log ?? ((line: string) => console.error(`[notifications] ${line}`))
  const { config } = deps
  const queue = await openJobQueue({
    redisUrl: deps.redisUrl,
    dataDir: deps.dataDir,
    prefix: config.jobsPrefix,
    lockMs: config.lockMs,
    stalledIntervalMs: config.stalledIntervalMs,
  })
  const notifiers: Record<NotificationChannel, Notifier> = {
    email: config.email
      ? new SmtpEmailNotifier(config.email)
      : new OutboxNotifier('email', join(deps.dataDir, 'outbox-email.jsonl')),
    sms: config.sms
      ? new TwilioSmsNotifier(config.sms)
      : new OutboxNotifier('sms', join(deps.dataDir, 'outbox-sms.jsonl')),
  }
  const channels = {
    email: config.email ? `SMTP ${config.email.host}:${config.email.port}` : 'outbox file',
    sms: config.sms ? `Twilio${config.sms.apiBaseUrl ? ` via ${config.sms.apiBaseUrl}` : ''}` : 'outbox file',
  }
  const bookings = new BookingLoader(deps.events, deps.catalogue)
  const policy = new BookingReminderPolicy({
    reminders: config.reminders,
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
  const dispatcher = new NotificationDispatcher({
    events: deps.events,
    catalogue: deps.catalogue,
    sources: [
      new BookingMessages({
        bookings,
        points,
        clock,
        manageLink: (bookingId) => `${config.publicBaseUrl}/portal/bookings/${encodeURIComponent(bookingId)}`,
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
  return {
    queue,
    subscriber,
    channels,
    health: jobQueueHealth(queue, [subscriber]),
    start() {
      subscriber.start()
      processor = queue.process((job) => dispatcher.handle(job), { concurrency: config.concurrency })
    },
    async stop() {
      await Promise.allSettled([subscriber.stop(), processor?.close()])
      await Promise.allSettled([queue.close(), notifiers.email.close(), notifiers.sms.close()])
    },
  }
}
