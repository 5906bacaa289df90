// Every job queue the platform runs, by name, opened the way the workers open them (BullMQ queues
// under JOBS_PREFIX with REDIS_URL, else the embedded schedulers in DATA_DIR): `notifications`
// (bookings, work orders, tickets: jobs.sqlite / BullMQ queue `jobs`), `due-services`
// (due-jobs.sqlite) and `report-emails` (report-jobs.sqlite). `npm run jobs` looks at all of them.
import type { JobQueue } from '../../application/ports/jobQueue.js'
import { DUE_SERVICE_QUEUE, openDueServiceQueue } from '../dueServices/dueServiceWorker.js'
import type { NotificationConfig } from '../notify/notificationConfig.js'
import { openReportMailQueue, REPORT_MAIL_QUEUE } from '../reports/reportMailWorker.js'
import { openJobQueue } from './openJobQueue.js'

export const NOTIFICATION_QUEUE = 'notifications'
export const JOB_QUEUE_NAMES = [NOTIFICATION_QUEUE, DUE_SERVICE_QUEUE, REPORT_MAIL_QUEUE] as const
export type JobQueueName = (typeof JOB_QUEUE_NAMES)[number]

export interface NamedJobQueue {
  readonly name: JobQueueName
  readonly queue: JobQueue
}

export function isJobQueueName(name: string): name is JobQueueName {
  return (JOB_QUEUE_NAMES as ReadonlyArray<string>).includes(name)
}

/** Opens the named queues (all by default); close each when done. */
export async function openJobQueues(
  settings: { readonly redisUrl: string | null; readonly dataDir: string; readonly config: NotificationConfig },
  names: ReadonlyArray<JobQueueName> = JOB_QUEUE_NAMES,
): Promise<NamedJobQueue[]> {
  const { redisUrl, dataDir, config } = settings
  const open = (name: JobQueueName): Promise<JobQueue> => {
    switch (name) {
      case 'notifications':
        return openJobQueue({
          redisUrl,
          dataDir,
          prefix: config.jobsPrefix,
          lockMs: config.lockMs,
          stalledIntervalMs: config.stalledIntervalMs,
        })
      case 'due-services':
        return openDueServiceQueue(config, redisUrl, dataDir)
      case 'report-emails':
        return openReportMailQueue({ redisUrl, dataDir, config })
    }
  }
  const opened: NamedJobQueue[] = []
  try {
    for (const name of names) opened.push({ name, queue: await open(name) })
  } catch (error) {
    await Promise.allSettled(opened.map((q) => q.queue.close()))
    throw error
  }
  return opened
}
