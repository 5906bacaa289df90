// The embedded JobQueue: a durable scheduler in one SQLite file (DATA_DIR/jobs.sqlite), so
// `npm start` keeps reminders across restarts without Redis. Same semantics as the BullMQ adapter
// (test/contract/jobQueue).
//
// A job is one row. Processors claim due rows in an IMMEDIATE transaction (so two processes
// sharing the file never claim the same row) and hold them with a lease (`locked_until`, renewed
// while the handler runs). A processor that dies leaves its rows active until the lease runs out;
// then any processor takes them again. Completing or failing is fenced by the claim's token, so a
// processor that lost its lease cannot overwrite what its successor did.
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { type Clock, systemClock } from '../../../application/leases/clock.js'
import {
  backoffDelay,
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
import { JobWakeup } from './jobWakeup.js'

export interface SqliteJobQueueOptions {
  readonly clock?: Clock
  /** How long a claimed job is ours without renewal; a dead processor's jobs run again after it. Default 30 s. */
  readonly lockMs?: number
  /** Longest sleep between looks for due jobs (other processes' inserts are seen by polling). Default 250 ms. */
  readonly pollMs?: number
  /** Completed jobs are kept this long so re-scheduling their id stays a no-op. Default 7 days. */
  readonly keepCompletedMs?: number
}

/** Row states; 'pending' is reported as waiting or delayed depending on run_at. */
type RowState = 'pending' | 'active' | 'completed' | 'failed'

interface JobRow {
  id: string
  name: string
  payload: string
  state: RowState
  run_at: number
  attempts_made: number
  max_attempts: number
  backoff_ms: number
  failed_reason: string | null
  lock_token: string | null
  finished_at: number | null
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  run_at INTEGER NOT NULL,
  attempts_made INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  backoff_ms INTEGER NOT NULL,
  failed_reason TEXT,
  locked_until INTEGER,
  lock_token TEXT,
  finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS jobs_state_run_at ON jobs (state, run_at);
CREATE INDEX IF NOT EXISTS jobs_state_locked ON jobs (state, locked_until);
`

const COLUMNS =
  'id, name, payload, state, run_at, attempts_made, max_attempts, backoff_ms, failed_reason, lock_token, finished_at'

export class SqliteJobQueue implements JobQueue {
  private readonly db: Database.Database
  private readonly clock: Clock
  private readonly lockMs: number
  private readonly pollMs: number
  private readonly keepCompletedMs: number
  private readonly wakeup = new JobWakeup()
  private readonly processors = new Set<SqliteJobProcessor>()
  private closed = false

  constructor(file: string, options: SqliteJobQueueOptions = {}) {
    this.clock = options.clock ?? systemClock
    this.lockMs = options.lockMs ?? 30_000
    this.pollMs = options.pollMs ?? 250
    this.keepCompletedMs = options.keepCompletedMs ?? 7 * 24 * 3600_000
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    // FULL: an acknowledged schedule survives a power cut. The subscriber moves its checkpoint
    // past an event right after enqueueing its jobs, so a job lost here would never be re-made.
    this.db.pragma('synchronous = FULL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(SCHEMA)
  }

  async schedule(job: JobSpec): Promise<void> {
    checkJobSpec(job)
    this.open()
    this.insertIgnore(job)
    this.wakeup.wake()
  }

  async scheduleMany(jobs: ReadonlyArray<JobSpec>): Promise<void> {
    for (const job of jobs) checkJobSpec(job)
    this.open()
    this.db.transaction(() => {
      for (const job of jobs) this.insertIgnore(job)
    })()
    this.wakeup.wake()
  }

  async reschedule(job: JobSpec): Promise<RescheduleOutcome> {
    checkJobSpec(job)
    this.open()
    const outcome = this.db
      .transaction((): RescheduleOutcome => {
        const row = this.row(job.id)
        if (!row) {
          this.insertIgnore(job)
          return 'added'
        }
        if (row.state === 'active') return 'active'
        if (row.state === 'pending') {
          this.db.prepare('UPDATE jobs SET run_at = ? WHERE id = ?').run(job.runAt, job.id)
          return 'moved'
        }
        // Finished (completed or failed): the job runs again, for the new time, from a clean slate.
        this.db.prepare('DELETE FROM jobs WHERE id = ?').run(job.id)
        this.insertIgnore(job)
        return 'added'
      })
      .immediate()
    this.wakeup.wake()
    return outcome
  }

  async cancel(id: string): Promise<boolean> {
    checkJobId(id)
    this.open()
    return this.db.prepare(`DELETE FROM jobs WHERE id = ? AND state != 'active'`).run(id).changes > 0
  }

  async get(id: string): Promise<JobInfo | null> {
    this.open()
    const row = this.row(id)
    return row ? this.info(row) : null
  }

  async failed(limit = 100): Promise<JobInfo[]> {
    this.open()
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM jobs WHERE state = 'failed' ORDER BY finished_at DESC, id LIMIT ?`)
      .all(limit) as JobRow[]
    return rows.map((r) => this.info(r))
  }

  async retry(id: string): Promise<boolean> {
    this.open()
    const changed = this.db
      .prepare(
        `UPDATE jobs SET state = 'pending', run_at = ?, attempts_made = 0, failed_reason = NULL, finished_at = NULL
         WHERE id = ? AND state = 'failed'`,
      )
      .run(this.clock.now(), id).changes
    if (changed > 0) this.wakeup.wake()
    return changed > 0
  }

  async counts(): Promise<JobCounts> {
    this.open()
    const now = this.clock.now()
    const row = this.db
      .prepare(
        `SELECT
           SUM(state = 'pending' AND run_at <= @now) AS waiting,
           SUM(state = 'pending' AND run_at > @now) AS delayed,
           SUM(state = 'active') AS active,
           SUM(state = 'failed') AS failed,
           SUM(state = 'completed') AS completed
         FROM jobs`,
      )
      .get({ now }) as Record<keyof JobCounts, number | null>
    return {
      waiting: row.waiting ?? 0,
      delayed: row.delayed ?? 0,
      active: row.active ?? 0,
      failed: row.failed ?? 0,
      completed: row.completed ?? 0,
    }
  }

  process(handler: JobHandler, options: ProcessOptions = {}): JobProcessor {
    this.open()
    const processor = new SqliteJobProcessor(this, handler, options.concurrency ?? 4, () =>
      this.processors.delete(processor),
    )
    this.processors.add(processor)
    processor.start()
    return processor
  }

  async close(): Promise<void> {
    if (this.closed) return
    await Promise.all([...this.processors].map((p) => p.close()))
    this.closed = true
    this.wakeup.wake()
    this.db.close()
  }

  // ── used by the processor ───────────────────────────────────────────────────────────────────

  /** Claims up to `max` due jobs for `token`, first taking back jobs whose processor's lease ran out. */
  claim(max: number, token: string): JobRow[] {
    if (this.closed) return []
    const now = this.clock.now()
    return this.db
      .transaction(() => {
        // A stalled job goes back to pending; the crashed attempt is not counted against it.
        this.db
          .prepare(`UPDATE jobs SET state = 'pending', lock_token = NULL, locked_until = NULL
                    WHERE state = 'active' AND locked_until < ?`)
          .run(now)
        const rows = this.db
          .prepare(`SELECT ${COLUMNS} FROM jobs WHERE state = 'pending' AND run_at <= ? ORDER BY run_at, id LIMIT ?`)
          .all(now, max) as JobRow[]
        const take = this.db.prepare(`UPDATE jobs SET state = 'active', lock_token = ?, locked_until = ? WHERE id = ?`)
        for (const row of rows) take.run(token, now + this.lockMs, row.id)
        return rows
      })
      .immediate()
  }

  /** Extends the claim; false when the job is no longer ours (taken back after our lease ran out). */
  extendLock(id: string, token: string): boolean {
    if (this.closed) return false
    return (
      this.db
        .prepare(`UPDATE jobs SET locked_until = ? WHERE id = ? AND lock_token = ? AND state = 'active'`)
        .run(this.clock.now() + this.lockMs, id, token).changes > 0
    )
  }

  complete(row: JobRow, token: string): void {
    if (this.closed) return
    const now = this.clock.now()
    this.db
      .prepare(`UPDATE jobs SET state = 'completed', attempts_made = attempts_made + 1, finished_at = ?,
                failed_reason = NULL, lock_token = NULL, locked_until = NULL WHERE id = ? AND lock_token = ?`)
      .run(now, row.id, token)
    this.purgeCompleted(now)
  }

  fail(row: JobRow, token: string, error: unknown): void {
    if (this.closed) return
    const now = this.clock.now()
    const reason = error instanceof Error ? error.message : String(error)
    const attemptsMade = row.attempts_made + 1
    const permanent = error instanceof PermanentJobFailure
    if (permanent || attemptsMade >= row.max_attempts) {
      this.db
        .prepare(`UPDATE jobs SET state = 'failed', attempts_made = ?, failed_reason = ?, finished_at = ?,
                  lock_token = NULL, locked_until = NULL WHERE id = ? AND lock_token = ?`)
        .run(attemptsMade, reason, now, row.id, token)
      return
    }
    this.db
      .prepare(`UPDATE jobs SET state = 'pending', attempts_made = ?, failed_reason = ?, run_at = ?,
                lock_token = NULL, locked_until = NULL WHERE id = ? AND lock_token = ?`)
      .run(attemptsMade, reason, now + backoffDelay(row.backoff_ms, attemptsMade), row.id, token)
  }

  /** Milliseconds until the next pending job is due (capped at the poll interval). */
  nextWaitMs(): number {
    if (this.closed) return this.pollMs
    const next = this.db.prepare(`SELECT MIN(run_at) AS at FROM jobs WHERE state = 'pending'`).get() as {
      at: number | null
    }
    if (next.at === null) return this.pollMs
    return Math.max(0, Math.min(this.pollMs, next.at - this.clock.now()))
  }

  get lockDurationMs(): number {
    return this.lockMs
  }

  get isClosed(): boolean {
    return this.closed
  }

  wakeups(): JobWakeup {
    return this.wakeup
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  private insertIgnore(job: JobSpec): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, name, payload, state, run_at, max_attempts, backoff_ms)
         VALUES (?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(
        job.id,
        job.name,
        JSON.stringify(job.payload),
        job.runAt,
        job.attempts ?? DEFAULT_ATTEMPTS,
        job.backoffMs ?? DEFAULT_BACKOFF_MS,
      )
  }

  private row(id: string): JobRow | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`).get(id) as JobRow | undefined
  }

  private info(row: JobRow): JobInfo {
    const state: JobState =
      row.state === 'pending' ? (row.run_at <= this.clock.now() ? 'waiting' : 'delayed') : row.state
    return {
      id: row.id,
      name: row.name,
      payload: JSON.parse(row.payload) as JobPayload,
      state,
      runAt: row.run_at,
      attemptsMade: row.attempts_made,
      maxAttempts: row.max_attempts,
      failedReason: row.failed_reason,
    }
  }

  private purgeCompleted(now: number): void {
    this.db.prepare(`DELETE FROM jobs WHERE state = 'completed' AND finished_at < ?`).run(now - this.keepCompletedMs)
  }

  private open(): void {
    if (this.closed) throw new Error('job queue is closed')
  }
}

export type { JobRow }

/** Takes due jobs and runs them, at most `concurrency` at once, until closed. */
class SqliteJobProcessor implements JobProcessor {
  private readonly token = randomUUID()
  private readonly running = new Set<Promise<void>>()
  private stopping = false
  private loop: Promise<void> | null = null

  constructor(
    private readonly queue: SqliteJobQueue,
    private readonly handler: JobHandler,
    private readonly concurrency: number,
    private readonly onClosed: () => void,
  ) {}

  start(): void {
    this.loop = this.run()
  }

  async close(): Promise<void> {
    this.stopping = true
    this.queue.wakeups().wake()
    await this.loop
    await Promise.allSettled([...this.running])
    this.onClosed()
  }

  private async run(): Promise<void> {
    while (!this.stopping && !this.queue.isClosed) {
      const free = this.concurrency - this.running.size
      let claimed: JobRow[] = []
      if (free > 0) {
        try {
          claimed = this.queue.claim(free, this.token)
        } catch (error) {
          // SQLITE_BUSY beyond busy_timeout or a closing database: look again after a pause.
          console.error(`[jobs] claiming due jobs failed: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
      for (const row of claimed) this.track(this.runOne(row))
      // Sleep until the next job is due, a job finishes (a slot frees), or something is scheduled here.
      const stillFree = free - claimed.length
      await this.queue.wakeups().wait(stillFree > 0 ? this.queue.nextWaitMs() : 1_000)
    }
  }

  private track(task: Promise<void>): void {
    this.running.add(task)
    void task.finally(() => {
      this.running.delete(task)
      this.queue.wakeups().wake()
    })
  }

  private async runOne(row: JobRow): Promise<void> {
    const renew = setInterval(
      () => {
        if (!this.queue.extendLock(row.id, this.token)) clearInterval(renew)
      },
      Math.max(10, Math.floor(this.queue.lockDurationMs / 3)),
    )
    renew.unref()
    try {
      await this.handler({
        id: row.id,
        name: row.name,
        payload: JSON.parse(row.payload) as JobPayload,
        attempt: row.attempts_made + 1,
        maxAttempts: row.max_attempts,
      })
      clearInterval(renew)
      this.queue.complete(row, this.token)
    } catch (error) {
      clearInterval(renew)
      try {
        this.queue.fail(row, this.token, error)
      } catch (storeError) {
        // The row stays active and is taken back when its lock runs out: retried, not lost.
        console.error(`[jobs] recording the failure of ${row.id} failed: ${String(storeError)}`)
      }
    }
  }
}
