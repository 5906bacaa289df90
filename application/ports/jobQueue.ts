// The JobQueue port: durable jobs that run at a given time, with retries. Policies (booking
// reminders, messages about events) schedule jobs here; the worker processes them.
// Adapters: BullMQ on Redis (production, infrastructure/jobs/bullmq) and an embedded scheduler
// on SQLite (infrastructure/jobs/embedded), both passing test/contract/jobQueue.
//
// Job ids are chosen by the caller and derived from what the job is about (an event id, a booking
// id and a reminder kind), never random: scheduling the same id twice is a no-op, which is what
// makes "enqueue, then checkpoint" safe to repeat after a crash, and what lets a reschedule find
// the reminder it has to move.
import type { JsonValue } from './documentStore.js'

/**
 * `<kind>-<rest>`: a letter-led kind, a hyphen, then letters, digits, `_`, `-`, `.` (e.g.
 * `reminder-24h-<bookingId>`). BullMQ refuses `:` (its key separator); the hyphen keeps ids clear
 * of BullMQ's own key names (`wait`, `marker`, `meta`…) and of its numeric automatic ids. Every
 * adapter refuses the same ids.
 */
export const JOB_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.]*-[A-Za-z0-9_.-]{1,190}$/

export type JobPayload = { readonly [key: string]: JsonValue }

export interface JobSpec {
  /** Deterministic id; see JOB_ID_PATTERN. */
  readonly id: string
  /** What kind of job this is: the handler dispatches on it. */
  readonly name: string
  /** JSON only: it is stored in Redis or SQLite. */
  readonly payload: JobPayload
  /** Epoch ms; a time in the past means as soon as possible. */
  readonly runAt: number
  /** Attempts before the job is kept as failed. Default 5. */
  readonly attempts?: number
  /** Exponential backoff: retry n (n ≥ 1) waits backoffMs · 2^(n−1). Default 30 s. */
  readonly backoffMs?: number
}

export const DEFAULT_ATTEMPTS = 5
export const DEFAULT_BACKOFF_MS = 30_000

/** waiting: due, not yet taken; delayed: due later (or backing off before a retry). */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed'

export interface JobInfo {
  readonly id: string
  readonly name: string
  readonly payload: JobPayload
  readonly state: JobState
  /** Epoch ms the job is (or was last) due at. */
  readonly runAt: number
  readonly attemptsMade: number
  readonly maxAttempts: number
  /** Why the last attempt failed; kept while the job is failed (and while it backs off). */
  readonly failedReason: string | null
}

export interface JobCounts {
  readonly waiting: number
  readonly delayed: number
  readonly active: number
  readonly failed: number
  readonly completed: number
}

/** What a handler is given for one attempt. */
export interface JobContext {
  readonly id: string
  readonly name: string
  readonly payload: JobPayload
  /** 1-based number of this attempt. */
  readonly attempt: number
  readonly maxAttempts: number
}

/** Resolves: the job is done. Throws: the attempt failed (retried with backoff unless permanent). */
export type JobHandler = (job: JobContext) => Promise<void>

export interface ProcessOptions {
  /** Jobs run at once by this processor. Default 4. */
  readonly concurrency?: number
}

export interface JobProcessor {
  /** Lets running jobs finish, takes no new ones. */
  close(): Promise<void>
}

/** What reschedule did: moved a pending job, or (re)added one because none was pending. */
export type RescheduleOutcome = 'moved' | 'added' | 'active'

export interface JobQueue {
  /**
   * Adds the job unless a job with its id is known (pending, running, failed, or completed within
   * the retention window); then nothing changes. Idempotent: safe to repeat after a crash.
   */
  schedule(job: JobSpec): Promise<void>
  /** schedule() for many jobs in one round trip where the adapter can. */
  scheduleMany(jobs: ReadonlyArray<JobSpec>): Promise<void>
  /**
   * Makes the job with this id run at job.runAt: a waiting or delayed job is moved (its attempts
   * kept), a finished or unknown one is added afresh (payload from `job`). A job running right now
   * cannot be moved ('active'): its handler is expected to check that it is still due.
   */
  reschedule(job: JobSpec): Promise<RescheduleOutcome>
  /** Removes the job unless it is running. True when a job was removed. */
  cancel(id: string): Promise<boolean>
  get(id: string): Promise<JobInfo | null>
  /** Failed jobs, most recently failed first. */
  failed(limit?: number): Promise<JobInfo[]>
  /** Gives a failed job a fresh set of attempts, due now. False when no such failed job. */
  retry(id: string): Promise<boolean>
  counts(): Promise<JobCounts>
  /** Starts taking due jobs; any number of processors (in any processes) may share one queue. */
  process(handler: JobHandler, options?: ProcessOptions): JobProcessor
  close(): Promise<void>
}

/** Thrown by a handler when retrying cannot help (an invalid address): the job fails at once. */
export class PermanentJobFailure extends Error {
  readonly code = 'PERMANENT_JOB_FAILURE'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PermanentJobFailure'
  }
}

export class InvalidJob extends Error {
  readonly code = 'INVALID_JOB'
  constructor(message: string) {
    super(message)
    this.name = 'InvalidJob'
  }
}

/** The checks every adapter makes before storing a job, so both refuse the same jobs. */
export function checkJobSpec(job: JobSpec): void {
  if (!JOB_ID_PATTERN.test(job.id))
    throw new InvalidJob(`job id ${JSON.stringify(job.id)} must match ${JOB_ID_PATTERN} (no ':')`)
  if (!job.name) throw new InvalidJob(`job ${job.id}: name is required`)
  if (!Number.isFinite(job.runAt)) throw new InvalidJob(`job ${job.id}: runAt must be epoch milliseconds`)
  const attempts = job.attempts ?? DEFAULT_ATTEMPTS
  if (!Number.isInteger(attempts) || attempts < 1) throw new InvalidJob(`job ${job.id}: attempts must be ≥ 1`)
  const backoff = job.backoffMs ?? DEFAULT_BACKOFF_MS
  if (!Number.isFinite(backoff) || backoff < 0) throw new InvalidJob(`job ${job.id}: backoffMs must be ≥ 0`)
}

export function checkJobId(id: string): void {
  if (!JOB_ID_PATTERN.test(id)) throw new InvalidJob(`job id ${JSON.stringify(id)} must match ${JOB_ID_PATTERN}`)
}

/** Delay before retry n (1-based) under exponential backoff. */
export function backoffDelay(backoffMs: number, retry: number): number {
  return backoffMs * 2 ** Math.max(0, retry - 1)
}
