// SQLite EventStore: the embedded default. One file, WAL, durable commits (synchronous=FULL),
// safe to open from two processes (the API and a worker) at once.
//
// Ordering guarantee (why subscribeToAll can simply read "position > checkpoint"): SQLite lets
// one connection of one process write at a time (BEGIN IMMEDIATE takes the database-wide write
// lock), positions are assigned inside that transaction, and a reader only sees committed
// transactions. So the transaction holding position 11 commits before any transaction can
// allocate 12, and no reader, in this process or another, can see 12 without 11.
// Positions may have gaps (a rolled-back savepoint), never reorderings.
import type Database from 'better-sqlite3'
import { validateAppend } from '../../../application/eventLog/appendRules.js'
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../../../application/ports/eventStore.js'
import { LiveSignal } from '../liveSignal.js'
import { decodeRow, type EventRow, prepareEvent } from './eventRows.js'
import { type EventsDatabaseOptions, openEventsDatabase } from './eventsSchema.js'
import { GroupCommit } from './groupCommit.js'
import { HeadPoller } from './headPoller.js'
import { WalCheckpointer, type WalCheckpointerStats, WRITER_SAFETY_CHECKPOINT_PAGES } from './walCheckpointer.js'

export interface SqliteEventStoreOptions extends EventsDatabaseOptions {
  /** Rows fetched per query by readStream, readAll and subscriptions (memory stays flat). */
  readonly pageSize?: number
  /** How often, while a subscription waits, the store looks for appends made by other processes. */
  readonly pollIntervalMs?: number
  /** Most appends written in one group-commit transaction. */
  readonly maxGroupSize?: number
  /**
   * Checkpoint the WAL from a worker thread instead of inside the commit that fills it (files only).
   * Default off: measured on this 2-vCPU machine it made no difference to batched appends (58-61k
   * events/s either way, load 0.6; mixed results under load), and it costs a thread per store and
   * a WAL of up to ~33 MB. Off gives SQLite's own automatic checkpoint (1,000 pages, in the commit).
   */
  readonly backgroundCheckpoint?: boolean
  /** How often the background checkpointer runs a PASSIVE checkpoint. */
  readonly checkpointIntervalMs?: number
}

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata'

export class StoreClosed extends Error {
  constructor() {
    super('the SQLite event store is closed')
    this.name = 'StoreClosed'
  }
}

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database
  private readonly writes: GroupCommit
  private readonly appended = new LiveSignal()
  private readonly pageSize: number
  private readonly pollIntervalMs: number
  private closed = false
  private readonly streamForwards: Database.Statement<[string, number, number], EventRow>
  private readonly streamBackwards: Database.Statement<[string, number, number], EventRow>
  private readonly allForwards: Database.Statement<[number, number], EventRow>
  private readonly head: Database.Statement<[], { head: number }>
  private readonly otherProcesses: HeadPoller
  private readonly checkpointer: WalCheckpointer | undefined

  constructor(
    readonly file: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.db = openEventsDatabase(file, options)
    this.pageSize = Math.max(1, options.pageSize ?? 1000)
    if (options.backgroundCheckpoint === true && file !== ':memory:' && file !== '') {
      this.db.pragma(`wal_autocheckpoint = ${WRITER_SAFETY_CHECKPOINT_PAGES}`)
      this.checkpointer = new WalCheckpointer(file, {
        intervalMs: Math.max(1, options.checkpointIntervalMs ?? 100),
        busyTimeoutMs: Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000)),
      })
    }
    this.pollIntervalMs = Math.max(1, options.pollIntervalMs ?? 75)
    this.writes = new GroupCommit(this.db, () => this.appended.notify(), options.maxGroupSize)
    this.streamForwards = this.db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ) as Database.Statement<[string, number, number], EventRow>
    this.streamBackwards = this.db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ) as Database.Statement<[string, number, number], EventRow>
    this.allForwards = this.db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ) as Database.Statement<[number, number], EventRow>
    this.head = this.db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events')
    this.otherProcesses = new HeadPoller(
      () => (this.head.get() as { head: number }).head,
      () => this.appended.notify(),
      this.pollIntervalMs,
    )
  }

  async appendToStream(
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    { expectedRevision }: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) throw new StoreClosed()
    validateAppend(streamId, events)
    const prepared = events.map(prepareEvent)
    return this.writes.enqueue({ streamId, events: prepared, expectedRevision })
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards'
    const keepText = options.storedText === true
    let from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0)
    const statement = backwards ? this.streamBackwards : this.streamForwards
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY
    while (remaining > 0) {
      const rows = this.page(() => statement.all(streamId, from, Math.min(this.pageSize, remaining)))
      for (const row of rows) yield decodeRow(row, keepText)
      const last = rows.at(-1)
      if (!last || rows.length < this.pageSize) return
      remaining -= rows.length
      from = backwards ? last.revision - 1 : last.revision + 1
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const keepText = options.storedText === true
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY
    let after = options.fromPosition ?? 0
    while (remaining > 0) {
      const rows = this.page(() => this.allForwards.all(after, Math.min(this.pageSize, remaining)))
      for (const row of rows) yield decodeRow(row, keepText)
      const last = rows.at(-1)
      if (!last || rows.length < this.pageSize) return
      remaining -= rows.length
      after = last.position
    }
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const { signal } = options
    let checkpoint = options.fromPosition ?? 0
    let caughtUp = false
    while (!this.closed && !signal?.aborted) {
      // Armed before reading, so an append committed between the read and the wait still wakes us.
      const wake = caughtUp ? this.appended.next(signal) : undefined
      const rows = this.allForwards.all(checkpoint, this.pageSize)
      for (const row of rows) {
        const event = decodeRow(row)
        checkpoint = event.position
        yield event
        if (this.closed || signal?.aborted) return
      }
      caughtUp = rows.length < this.pageSize
      if (rows.length === 0 && wake) {
        this.otherProcesses.watch(checkpoint)
        try {
          await wake
        } finally {
          this.otherProcesses.unwatch()
        }
      }
    }
  }

  async headPosition(): Promise<number> {
    if (this.closed) throw new StoreClosed()
    return (this.head.get() as { head: number }).head
  }

  /** The connection's durability settings, for operations checks and the store's own tests. */
  settings(): { journalMode: string; synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'; busyTimeoutMs: number } {
    if (this.closed) throw new StoreClosed()
    const levels = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: levels[Number(this.db.pragma('synchronous', { simple: true }))] ?? 'OFF',
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    }
  }

  /**
   * Runs `work` with commits not fsynced one by one (synchronous=NORMAL on this connection), then
   * restores the configured level and checkpoints the WAL into the database file (which fsyncs
   * both), so everything `work` appended is durable once this resolves. For bulk loads of
   * throw-away data only (the demo seed of a new installation): a power cut in the middle may lose
   * the last commits of `work` (never corrupts the file, never touches what was committed before).
   */
  async withBatchedSync<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreClosed()
    const before = this.settings().synchronous
    if (before !== 'FULL' && before !== 'EXTRA') return work()
    this.db.pragma('synchronous = NORMAL')
    try {
      return await work()
    } finally {
      if (!this.closed) {
        this.writes.flush()
        this.db.pragma(`synchronous = ${before}`)
        this.db.pragma('wal_checkpoint(PASSIVE)')
      }
    }
  }

  /** Group-commit transactions so far and the appends they carried (appends / commits = mean group size). */
  writeStats(): { readonly commits: number; readonly appends: number } {
    return this.writes.stats
  }

  /** The background checkpointer's passes and last WAL sizes (undefined when it is off). */
  checkpointStats(): WalCheckpointerStats | undefined {
    return this.checkpointer?.stats
  }

  /** Writes appends already accepted, ends subscriptions, closes the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return
    this.writes.flush()
    this.closed = true
    this.otherProcesses.stop()
    this.writes.rejectAll(new StoreClosed())
    this.appended.notify()
    // The checkpointer's connection first, so the writer's is the last one and SQLite folds the
    // WAL into the database file and removes it on close, as without the checkpointer.
    await this.checkpointer?.stop()
    this.db.close()
  }

  private page(read: () => EventRow[]): EventRow[] {
    if (this.closed) throw new StoreClosed()
    return read()
  }
}

export function openSqliteEventStore(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
  return new SqliteEventStore(file, options)
}
