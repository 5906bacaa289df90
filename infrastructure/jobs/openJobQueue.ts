// Picks the JobQueue adapter: BullMQ when REDIS_URL is set, else the embedded SQLite scheduler
// in DATA_DIR/jobs.sqlite. BullMQ is imported only when used (its client is heavy to load).
import { join } from 'node:path'
import type { JobQueue } from '../../application/ports/jobQueue.js'
import { SqliteJobQueue } from './embedded/sqliteJobQueue.js'

export interface JobQueueSettings {
  readonly redisUrl: string | null
  readonly dataDir: string
  readonly prefix: string
  readonly lockMs: number
  readonly stalledIntervalMs: number
}

export const embeddedJobsFile = (dataDir: string): string => join(dataDir, 'jobs.sqlite')

export async function openJobQueue(settings: JobQueueSettings): Promise<JobQueue> {
  if (settings.redisUrl) {
    const { BullmqJobQueue } = await import('./bullmq/bullmqJobQueue.js')
    return new BullmqJobQueue({
      url: settings.redisUrl,
      prefix: settings.prefix,
      lockMs: settings.lockMs,
      stalledIntervalMs: settings.stalledIntervalMs,
    })
  }
  return new SqliteJobQueue(embeddedJobsFile(settings.dataDir), { lockMs: settings.lockMs })
}
