// Wires scheduled report e-mails: a job queue of their own (BullMQ queue `report-emails` under the
// jobs prefix when REDIS_URL is set, else the embedded scheduler in DATA_DIR/report-jobs.sqlite), so
// the notification dispatcher never sees these jobs; the e-mail channel (SMTP, or the outbox file);
// the scheduler loop (every minute: each active subscription's job for its period); the job handler.
// `npm start` and `npm run worker` run it beside the notification worker; any number of processes may
// (job ids are deterministic, and a period already e-mailed is not sent again).
import { join } from 'node:path'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import { type JobQueueHealth, jobQueueHealth } from '../../application/jobs/jobQueueHealth.js'
import { type Clock, systemClock } from '../../application/leases/clock.js'
import { PointFactsFromLog } from '../../application/notifications/pointFacts.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import type { JobProcessor, JobQueue } from '../../application/ports/jobQueue.js'
import type { Notifier } from '../../application/ports/notifier.js'
import type { ReportFiles } from '../../application/reports/reportOutputs.js'
import type { ReportService } from '../../application/reports/reportService.js'
import { ReportSubscriptions } from '../../application/reports/reportSubscriptions.js'
import { SqliteJobQueue } from '../jobs/embedded/sqliteJobQueue.js'
import { SmtpEmailNotifier } from '../notify/email/smtpEmailNotifier.js'
import type { NotificationConfig } from '../notify/notificationConfig.js'
import { OutboxNotifier } from '../notify/outbox/outboxNotifier.js'
import type { RedisDataGuard } from '../notify/redisDataGuard.js'

/** Where periods are cut for everyone but a point's staff. */
export const DEFAULT_HEAD_OFFICE_TIME_ZONE = 'Europe/Warsaw'
export const REPORT_MAIL_QUEUE = 'report-emails'

export interface ReportMailWorkerDeps {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  readonly reports: ReportService
  readonly files: ReportFiles | null
  readonly config: Pick<NotificationConfig, 'email' | 'jobsPrefix' | 'lockMs' | 'stalledIntervalMs'>
  readonly redisUrl: string | null
  readonly dataDir: string
  readonly headOfficeTimeZone?: string
  readonly clock?: Clock
  /** How often the scheduler looks for subscriptions without their job. Default 60 s. */
  readonly scheduleEveryMs?: number
  /** Given instead of config.email/outbox (tests). */
  readonly email?: Notifier
  readonly queue?: JobQueue
  readonly log?: (line: string) => void
}

export interface ReportMailWorker {
  readonly queue: JobQueue
  readonly subscriptions: ReportSubscriptions
  readonly channel: string
  /** The queue's counts, for the readiness endpoint (no event subscriber: the scheduler loop plans the jobs). */
  readonly health: () => Promise<JobQueueHealth>
  start(): void
  stop(): Promise<void>
}

export async function openReportMailQueue(
  settings: Pick<ReportMailWorkerDeps, 'redisUrl' | 'dataDir' | 'config'>,
): Promise<JobQueue> {
  if (settings.redisUrl) {
    const { BullmqJobQueue } = await import('../jobs/bullmq/bullmqJobQueue.js')
    return new BullmqJobQueue({
      url: settings.redisUrl,
      queueName: REPORT_MAIL_QUEUE,
      prefix: settings.config.jobsPrefix,
      lockMs: settings.config.lockMs,
      stalledIntervalMs: settings.config.stalledIntervalMs,
    })
  }
  return new SqliteJobQueue(join(settings.dataDir, 'report-jobs.sqlite'), { lockMs: settings.config.lockMs })
}

/** Subscriptions for a process that does not run the jobs (the API without the worker): subscribing, listing, ending. */
export function reportSubscriptionsFor(deps: {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  readonly reports: ReportService
  readonly files: ReportFiles | null
  readonly headOfficeTimeZone?: string
}): ReportSubscriptions {
  const points = new PointFactsFromLog(deps.events)
  return new ReportSubscriptions({
    store: deps.events,
    catalogue: deps.catalogue,
    reports: deps.reports,
    files: deps.files,
    pointTimeZone: async (pointId) => (await points.pointFacts(pointId))?.timeZone ?? null,
    headOfficeTimeZone: deps.headOfficeTimeZone ?? DEFAULT_HEAD_OFFICE_TIME_ZONE,
    clock: systemClock,
  })
}

export async function composeReportMailWorker(deps: ReportMailWorkerDeps): Promise<ReportMailWorker> {
  const log = deps.log ?? ((line: string) => console.error(`[report-mail] ${line}`))
  const queue = deps.queue ?? (await openReportMailQueue(deps))
  const email =
    deps.email ??
    (deps.config.email
      ? new SmtpEmailNotifier(deps.config.email)
      : new OutboxNotifier('email', join(deps.dataDir, 'outbox-email.jsonl')))
  const points = new PointFactsFromLog(deps.events)
  const subscriptions = new ReportSubscriptions({
    store: deps.events,
    catalogue: deps.catalogue,
    reports: deps.reports,
    files: deps.files,
    queue,
    email,
    pointTimeZone: async (pointId) => (await points.pointFacts(pointId))?.timeZone ?? null,
    headOfficeTimeZone: deps.headOfficeTimeZone ?? DEFAULT_HEAD_OFFICE_TIME_ZONE,
    clock: deps.clock ?? systemClock,
    log,
  })
  let processor: JobProcessor | null = null
  let timer: NodeJS.Timeout | null = null
  let scheduling: Promise<unknown> = Promise.resolve()
  const schedule = () => {
    scheduling = subscriptions.ensureScheduled().catch((error: unknown) => log(`scheduling failed: ${String(error)}`))
    return scheduling
  }
  let guard: Promise<RedisDataGuard> | null = null
  return {
    queue,
    subscriptions,
    channel: deps.email
      ? 'given'
      : deps.config.email
        ? `SMTP ${deps.config.email.host}:${deps.config.email.port}`
        : 'outbox file',
    health: jobQueueHealth(queue, []),
    start() {
      if (processor) return
      processor = queue.process((job) => subscriptions.handle(job), { concurrency: 2 })
      schedule()
      timer = setInterval(schedule, deps.scheduleEveryMs ?? 60_000)
      timer.unref()
      // A Redis that comes back empty: place every subscription's job again at once rather than at
      // the next round (notify/redisDataGuard.ts, marker `report-data`; no checkpoint to rewind).
      const url = deps.redisUrl
      if (url)
        guard = import('../notify/redisDataGuard.js').then(({ guardRedisData }) =>
          guardRedisData({
            url,
            prefix: deps.config.jobsPrefix,
            marker: 'report-data',
            documents: null,
            subscribers: [],
            // Not awaited: a scheduling round may wait on the queue's own reconnection.
            onDataLost: async () => {
              void schedule()
            },
            log,
          }),
        )
    },
    async stop() {
      await (await guard)?.close()
      if (timer) clearInterval(timer)
      await scheduling
      await processor?.close()
      await Promise.allSettled([queue.close(), email.close()])
    },
  }
}
