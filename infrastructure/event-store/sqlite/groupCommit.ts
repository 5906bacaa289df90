// Group commit: appends made while a write is pending are collected and written together in
// one transaction (one fsync), each checked against its own expected revision.
//
// better-sqlite3 is synchronous, so a commit is never "in flight" on this thread; instead the
// first append of a group schedules the flush with setImmediate, and every append that arrives
// before that (concurrent callers, requests handled in the same event-loop turn, writers whose
// previous append just resolved) joins the group. A lone sequential writer pays one event-loop
// turn per append; 32 concurrent writers share one fsync.
import type Database from 'better-sqlite3'
import type { AppendResult } from '../../../application/ports/eventStore.js'
import { type PendingAppend, StreamAppender } from './streamAppender.js'

interface QueuedAppend extends PendingAppend {
  readonly resolve: (result: AppendResult) => void
  readonly reject: (error: unknown) => void
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown }

export class GroupCommit {
  private queue: QueuedAppend[] = []
  private scheduled = false
  private commits = 0
  private appendsWritten = 0
  private readonly writeGroup: Database.Transaction<(group: ReadonlyArray<PendingAppend>) => Outcome[]>

  constructor(
    db: Database.Database,
    /** Called after each commit that wrote something, to wake live subscribers. */
    private readonly afterCommit: () => void,
    /** Bounds one transaction so a burst does not hold the write lock (and other processes) for long. */
    private readonly maxGroupSize = 1000,
  ) {
    // Each append writes under its own savepoint (see StreamAppender): a failing append is
    // rolled back alone and gets its own error; the others in the group still commit.
    const appender = new StreamAppender(db)
    this.writeGroup = db.transaction((group: ReadonlyArray<PendingAppend>) =>
      group.map((pending): Outcome => {
        try {
          return { ok: true, result: appender.append(pending) }
        } catch (error) {
          // An error that ended the whole transaction (I/O, disk full) fails the group.
          if (!db.inTransaction) throw error
          return { ok: false, error }
        }
      }),
    )
  }

  enqueue(pending: PendingAppend): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...pending, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  /** Writes everything queued now; close() calls it so no accepted append is dropped. */
  flush(): void {
    this.scheduled = false
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroupSize)
      let outcomes: Outcome[]
      try {
        // BEGIN IMMEDIATE takes the write lock up front (waiting up to busy_timeout for another
        // process) so the reads that check expected revisions cannot be invalidated before commit.
        outcomes = this.writeGroup.immediate(group)
      } catch (error) {
        for (const q of group) q.reject(error)
        continue
      }
      this.commits++
      this.appendsWritten += group.length
      if (outcomes.some((o) => o.ok)) this.afterCommit()
      group.forEach((q, i) => {
        const o = outcomes[i] as Outcome
        if (o.ok) q.resolve(o.result)
        else q.reject(o.error)
      })
    }
  }

  /** Transactions committed and appends they carried: appends / commits is the mean group size. */
  get stats(): { readonly commits: number; readonly appends: number } {
    return { commits: this.commits, appends: this.appendsWritten }
  }

  rejectAll(error: Error): void {
    const queued = this.queue
    this.queue = []
    for (const q of queued) q.reject(error)
  }
}
