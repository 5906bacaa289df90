// Wires the due-service reminders: their own job queue (BullMQ queue `due-services` under the jobs
// prefix with REDIS_URL, else the embedded scheduler in DATA_DIR/due-jobs.sqlite), the leased
// policy subscriber that keeps the reminder jobs equal to what is due, and one processor for the
// queue's two job kinds: `due.reminder` (still due? propose a visit, record DueServiceReminded,
// schedule the message) and `notify.due-service` (the message, through a NotificationDispatcher
// with the due-service MessageSource and the same channels and settings as the booking messages).
// A queue of its own keeps the notification worker's processor, which knows only its own job
// names, from taking these jobs. With REDIS_URL, a Redis data guard of its own (marker `due-data`)
// rewinds the subscriber when Redis comes back without its data (notify/redisDataGuard.ts).
import { join } from 'node:path'
import type { BookingService } from '../../application/booking/bookingService.js'
import { DueReminderHandler } from '../../application/dueServices/dueReminderHandler.js'
import { DUE_REMINDER_JOB } from '../../application/dueServices/dueReminderJobs.js'
import { DueServiceMessages, dueMessageJob } from '../../application/dueServices/dueServiceMessages.js'
import { dueServiceSubscriber } from '../../application/dueServices/dueServicePolicy.js'
import { DueServiceReconciler } from '../../application/dueServices/dueServiceReconciler.js'
import { VisitProposalService } from '../../application/dueServices/visitProposalService.js'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import { type JobQueueHealth, jobQueueHealth } from '../../application/jobs/jobQueueHealth.js'
import type { PolicySubscriber } from '../../application/jobs/policySubscriber.js'
import { type Clock, systemClock } from '../../application/leases/clock.js'
import { BookingContactDirectory, type ContactDirectory } from '../../application/notifications/contactDirectory.js'
import { NotificationDispatcher } from '../../application/notifications/notificationDispatcher.js'
import { PointFactsFromLog } from '../../application/notifications/pointFacts.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import type { JobProcessor, JobQueue } from '../../application/ports/jobQueue.js'
import type { NotificationChannel, Notifier } from '../../application/ports/notifier.js'
import type { NearestPointsService } from '../../application/serviceNetwork/nearestPointsService.js'
import type { NetworkReader } from '../../application/serviceNetwork/networkReader.js'
import type { DueServiceRules } from '../../domain/due-service/dueItems.js'
import { SqliteJobQueue } from '../jobs/embedded/sqliteJobQueue.js'
import type { NotificationConfig } from '../notify/notificationConfig.js'
import { channelNotifiers } from '../notify/notificationWorker.js'
import type { RedisDataGuard } from '../notify/redisDataGuard.js'

export const DUE_SERVICE_QUEUE = 'due-services'

export interface DueServiceWorkerDeps {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly catalogue: EventCatalogue
  readonly config: NotificationConfig
  readonly redisUrl: string | null
  readonly dataDir: string
  readonly bookings: Pick<BookingService, 'searchSlots' | 'create' | 'cancel'>
  readonly nearest: Pick<NearestPointsService, 'search'>
  readonly reader: Pick<NetworkReader, 'point'>
  /** The server secret the proposal links' codes derive from. */
  readonly codeSecret: string
  /** What falls due and what a visit books (loadDueServiceRules); default: the domain's defaults. */
  readonly rules?: DueServiceRules
  readonly contacts?: ContactDirectory
  /** Instead of the configured channels (tests). */
  readonly notifiers?: Readonly<Record<NotificationChannel, Notifier>>
  /** Instead of BullMQ/SQLite by configuration (tests). */
  readonly queue?: JobQueue
  readonly clock?: Clock
  readonly log?: (line: string) => void
}

export interface DueServiceWorker {
  readonly queue: JobQueue
  readonly subscriber: PolicySubscriber
  readonly reconciler: DueServiceReconciler
  readonly proposals: VisitProposalService
  readonly handler: DueReminderHandler
  readonly health: () => Promise<JobQueueHealth>
  start(): void
  stop(): Promise<void>
}

export async function openDueServiceQueue(
  config: NotificationConfig,
  redisUrl: string | null,
  dataDir: string,
): Promise<JobQueue> {
  if (redisUrl) {
    const { BullmqJobQueue } = await import('../jobs/bullmq/bullmqJobQueue.js')
    return new BullmqJobQueue({
      url: redisUrl,
      prefix: config.jobsPrefix,
      queueName: DUE_SERVICE_QUEUE,
      lockMs: config.lockMs,
      stalledIntervalMs: config.stalledIntervalMs,
    })
  }
  return new SqliteJobQueue(join(dataDir, 'due-jobs.sqlite'), { lockMs: config.lockMs })
}

export async function composeDueServiceWorker(deps: DueServiceWorkerDeps): Promise<DueServiceWorker> {
  const log = deps.log ?? ((line: string) => console.error(`[due-services] ${line}`))
  const { config } = deps
  const clock = deps.clock ?? systemClock
  const queue = deps.queue ?? (await openDueServiceQueue(config, deps.redisUrl, deps.dataDir))
  const notifiers = deps.notifiers ?? channelNotifiers(config, deps.dataDir)
  const reconciler = new DueServiceReconciler({
    events: deps.events,
    catalogue: deps.catalogue,
    documents: deps.documents,
    queue,
    ...(deps.rules ? { rules: deps.rules } : {}),
    attempts: config.attempts,
    backoffMs: config.backoffMs,
  })
  const proposals = new VisitProposalService({
    events: deps.events,
    catalogue: deps.catalogue,
    bookings: deps.bookings,
    nearest: deps.nearest,
    reader: deps.reader,
    codeSecret: deps.codeSecret,
  })
  const handler = new DueReminderHandler({
    events: deps.events,
    catalogue: deps.catalogue,
    reconciler,
    proposals,
    clock,
    onReminded: (fired) => queue.schedule(dueMessageJob(fired, clock.now(), config.attempts, config.backoffMs)),
    log,
  })
  const dispatcher = new NotificationDispatcher({
    events: deps.events,
    catalogue: deps.catalogue,
    sources: [
      new DueServiceMessages({
        reconciler,
        proposals,
        points: new PointFactsFromLog(deps.events),
        clock,
        acceptLink: (proposalId, code) =>
          `${config.publicBaseUrl}/#/visit-proposals/${encodeURIComponent(proposalId)}?code=${encodeURIComponent(code)}`,
      }),
    ],
    contacts: deps.contacts ?? new BookingContactDirectory(),
    notifiers,
    queue,
    clock,
    quietHours: config.quietHours,
    log,
  })
  const subscriber = dueServiceSubscriber(
    { events: deps.events, documents: deps.documents, queue, catalogue: deps.catalogue, reconciler },
    {
      log: (line) => log(`subscriber: ${line}`),
      clock,
      ...(config.workerId ? { holder: `${config.workerId}-due` } : {}),
    },
  )
  let processor: JobProcessor | null = null
  let guard: Promise<RedisDataGuard> | null = null
  return {
    queue,
    subscriber,
    reconciler,
    proposals,
    handler,
    health: jobQueueHealth(queue, [subscriber]),
    start() {
      subscriber.start()
      // A Redis that comes back empty: re-plan the reminders from the log (notify/redisDataGuard.ts).
      const url = deps.redisUrl
      if (url)
        guard = import('../notify/redisDataGuard.js').then(({ guardRedisData }) =>
          guardRedisData({
            url,
            prefix: config.jobsPrefix,
            marker: 'due-data',
            documents: deps.documents,
            subscribers: [subscriber],
            // The ledger mirrors the queue: with the queue's jobs gone, it must forget them too.
            beforeReplay: async () => {
              log(`forgot the reminder jobs of ${await reconciler.queueLost()} equipment: re-planning them`)
            },
            log,
          }),
        )
      processor = queue.process(
        async (job) => {
          if (job.name === DUE_REMINDER_JOB) await handler.handle(job)
          else await dispatcher.handle(job)
        },
        { concurrency: config.concurrency },
      )
    },
    async stop() {
      await (await guard)?.close()
      await Promise.allSettled([subscriber.stop(), processor?.close()])
      await Promise.allSettled([
        deps.queue ? Promise.resolve() : queue.close(),
        deps.notifiers ? Promise.resolve() : notifiers.email.close(),
        deps.notifiers ? Promise.resolve() : notifiers.sms.close(),
      ])
    },
  }
}
