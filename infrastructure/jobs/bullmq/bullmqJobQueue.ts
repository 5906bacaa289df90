// The production JobQueue: BullMQ on Redis (REDIS_URL). One BullMQ queue; the port's job id is
// BullMQ's jobId, so adding an id that exists returns the existing job (the no-op the port
// promises), `job.changeDelay()` moves a delayed job and `queue.remove(id)` cancels one.
//
// The job's data is `{ payload, runAt }`: BullMQ keeps the original add time and the latest delay
// but not the instant a moved job is due, and the port reports it (the reschedule benchmark
// checks every reminder's due time by it).
//
// Connections use `maxRetriesPerRequest: null`: while Redis is down, commands wait for it to come
// back instead of failing, so an enqueue blocks (and the subscriber does not move its checkpoint)
// rather than losing a job.
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq'
import {
  checkJobId,
  checkJobSpec,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  type JobCounts,
  type JobHandler,
  type JobInfo,
  type JobPayload,
  type JobProcessor,
  type JobQueue,
  type JobSpec,
  type JobState,
  PermanentJobFailure,
  type ProcessOptions,
  type RescheduleOutcome,
} from '../../../application/ports/jobQueue.js'

export interface BullmqJobQueueOptions {
  /** redis://… or rediss://… */
  readonly url: string
  /** Default 'jobs'. */
  readonly queueName?: string
  /** Namespace of every key in Redis. Default 'tyre'; tests use one of their own per run. */
  readonly prefix?: string
  /** Completed jobs are kept this long so re-scheduling their id stays a no-op. Default 7 days. */
  readonly keepCompletedSeconds?: number
  /** A dead worker's jobs run again after this long. Default 30 s (BullMQ's default). */
  readonly lockMs?: number
  /** How often workers look for jobs whose worker died. Default 30 s. */
  readonly stalledIntervalMs?: number
}

interface JobData {
  readonly payload: JobPayload
  readonly runAt: number
}

type BullJob = Job<JobData, unknown, string>

export class BullmqJobQueue implements JobQueue {
  readonly queue: Queue<JobData, unknown, string>
  private readonly workers = new Set<Worker<JobData, unknown, string>>()
  private readonly connection: { url: string; maxRetriesPerRequest: null }
  private readonly prefix: string
  private readonly name: string

  constructor(private readonly options: BullmqJobQueueOptions) {
    this.connection = { url: options.url, maxRetriesPerRequest: null }
    this.prefix = options.prefix ?? 'tyre'
    this.name = options.queueName ?? 'jobs'
    this.queue = new Queue<JobData, unknown, string>(this.name, { connection: this.connection, prefix: this.prefix })
    // Without a listener an 'error' (Redis unreachable) would be an unhandled EventEmitter error.
    this.queue.on('error', (error) => console.error(`[jobs] redis: ${error.message}`))
  }

  async schedule(job: JobSpec): Promise<void> {
    checkJobSpec(job)
    await this.queue.add(job.name, dataOf(job), this.jobOptions(job))
  }

  async scheduleMany(jobs: ReadonlyArray<JobSpec>): Promise<void> {
    for (const job of jobs) checkJobSpec(job)
    if (jobs.length === 0) return
    await this.queue.addBulk(jobs.map((job) => ({ name: job.name, data: dataOf(job), opts: this.jobOptions(job) })))
  }

  async reschedule(job: JobSpec): Promise<RescheduleOutcome> {
    checkJobSpec(job)
    // The job can change state between our look and our move (a delayed job falls due, a waiting
    // one is taken): look again and act on the new state, a few times at most.
    for (let round = 0; round < 5; round++) {
      const existing = (await this.queue.getJob(job.id)) as BullJob | undefined
      if (!existing) {
        await this.queue.add(job.name, dataOf(job), this.jobOptions(job))
        return 'added'
      }
      try {
        await existing.changeDelay(Math.max(0, job.runAt - Date.now()))
        await existing.updateData({ payload: existing.data.payload, runAt: job.runAt })
        return 'moved'
      } catch {
        const state = await existing.getState()
        if (state === 'delayed') continue
        if (state === 'active') return 'active'
        // Waiting (due), finished or gone: replace it with a job due at the new time.
        if ((await this.queue.remove(job.id)) === 0 && state !== 'unknown') continue
        await this.queue.add(job.name, dataOf(job), this.jobOptions(job))
        return 'added'
      }
    }
    throw new Error(`job ${job.id}: could not reschedule, its state kept changing`)
  }

  async cancel(id: string): Promise<boolean> {
    checkJobId(id)
    const existing = await this.queue.getJob(id)
    if (!existing) return false
    // remove() answers 0 for a locked (running) job and leaves it.
    return (await this.queue.remove(id)) === 1
  }

  async get(id: string): Promise<JobInfo | null> {
    const job = (await this.queue.getJob(id)) as BullJob | undefined
    if (!job) return null
    const state = await job.getState()
    if (state === 'unknown') return null
    return infoOf(job, state)
  }

  async failed(limit = 100): Promise<JobInfo[]> {
    const jobs = (await this.queue.getFailed(0, Math.max(0, limit - 1))) as BullJob[]
    return jobs.filter((j): j is BullJob => Boolean(j)).map((job) => infoOf(job, 'failed'))
  }

  async retry(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id)
    if (!job || (await job.getState()) !== 'failed') return false
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
    return true
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed', 'completed')
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      delayed: c.delayed ?? 0,
      active: c.active ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    }
  }

  process(handler: JobHandler, options: ProcessOptions = {}): JobProcessor {
    const worker = new Worker<JobData, unknown, string>(
      this.name,
      async (job) => {
        try {
          await handler({
            id: job.id ?? '',
            name: job.name,
            payload: job.data.payload,
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
          })
        } catch (error) {
          // BullMQ's way of saying "do not retry".
          if (error instanceof PermanentJobFailure) throw new UnrecoverableError(error.message)
          throw error
        }
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: options.concurrency ?? 4,
        lockDuration: this.options.lockMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        // A worker killed mid-job must not make the job fail for good: it is retried each time.
        maxStalledCount: 10,
      },
    )
    worker.on('error', (error) => console.error(`[jobs] worker: ${error.message}`))
    this.workers.add(worker)
    return {
      close: async () => {
        this.workers.delete(worker)
        await worker.close()
      },
    }
  }

  /** Deletes every key of this queue (tests and benchmarks on their own prefix only). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true })
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close()))
    this.workers.clear()
    await this.queue.close()
  }

  private jobOptions(job: JobSpec) {
    const keepSeconds = this.options.keepCompletedSeconds ?? 7 * 24 * 3600
    return {
      jobId: job.id,
      delay: Math.max(0, job.runAt - Date.now()),
      attempts: job.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential' as const, delay: job.backoffMs ?? DEFAULT_BACKOFF_MS },
      removeOnComplete: { age: keepSeconds },
      removeOnFail: false,
    }
  }
}

function dataOf(job: JobSpec): JobData {
  return { payload: job.payload, runAt: job.runAt }
}

function stateOf(state: string): JobState {
  switch (state) {
    case 'delayed':
    case 'active':
    case 'completed':
    case 'failed':
      return state
    default:
      // waiting, prioritized, waiting-children: due and not yet taken.
      return 'waiting'
  }
}

function infoOf(job: BullJob, state: string): JobInfo {
  const mapped = stateOf(state)
  return {
    id: job.id ?? '',
    name: job.name,
    payload: job.data.payload,
    state: mapped,
    // The due time the job was given (a retry's backoff delays it further without changing this).
    runAt: job.data.runAt,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    failedReason: job.failedReason || null,
  }
}
