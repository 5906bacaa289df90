// Checkpoints the WAL from a second connection on a worker thread, off the commit path.
//
// Why: with SQLite's default wal_autocheckpoint, the commit that pushes the WAL past 1,000 pages
// also copies those pages into the database file and fsyncs it, inside the appender's call: every
// ~90th batch of 100 events paid a checkpoint (8 MB written plus an fsync of the database file).
// Here the appending connection's automatic checkpoint is raised to a safety limit and a worker
// thread runs PASSIVE checkpoints on its own connection every `intervalMs`. PASSIVE never waits
// for or blocks the writer or readers; it copies what is committed and not yet in the database.
//
// What it does not change: durability (a commit is durable once its WAL frames are fsynced by the
// writer, before any checkpoint), ordering, or other processes (each opens its own store and
// checkpointer; checkpoints of one file from several connections are serialised by SQLite).
// If the worker cannot start or dies, the writer's own safety checkpoint keeps the WAL bounded.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** Pages after which the writer checkpoints itself if the background one has not kept up. */
export const WRITER_SAFETY_CHECKPOINT_PAGES = 4_000

// Plain CommonJS evaluated by the worker: no TypeScript loader is needed inside the thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs)
db.pragma('wal_autocheckpoint = 0')
let stopped = false
const timer = setInterval(() => {
  if (stopped) return
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ kind: 'checkpoint', log: r.log, checkpointed: r.checkpointed })
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message || error) })
  }
}, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m !== 'stop') return
  stopped = true
  clearInterval(timer)
  db.close()
  parentPort.postMessage({ kind: 'stopped' })
  parentPort.close()
})
`

export interface WalCheckpointerStats {
  /** Checkpoint passes run by the worker. */
  readonly passes: number
  /** Frames in the WAL and frames already copied to the database, as of the last pass. */
  readonly lastLogFrames: number
  readonly lastCheckpointedFrames: number
  readonly lastError: string | undefined
}

export class WalCheckpointer {
  private readonly worker: Worker
  private passes = 0
  private lastLogFrames = 0
  private lastCheckpointedFrames = 0
  private lastError: string | undefined
  private stopping: Promise<void> | undefined

  constructor(file: string, options: { readonly intervalMs: number; readonly busyTimeoutMs: number }) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver, intervalMs: options.intervalMs, busyTimeoutMs: options.busyTimeoutMs },
    })
    // The thread must never keep the process alive on its own, nor crash it.
    this.worker.unref()
    this.worker.on('message', (m: { kind: string; log?: number; checkpointed?: number; message?: string }) => {
      if (m.kind === 'checkpoint') {
        this.passes++
        this.lastLogFrames = m.log ?? 0
        this.lastCheckpointedFrames = m.checkpointed ?? 0
      } else if (m.kind === 'error') this.lastError = m.message
    })
    this.worker.on('error', (error) => {
      this.lastError = error.message
    })
  }

  get stats(): WalCheckpointerStats {
    return {
      passes: this.passes,
      lastLogFrames: this.lastLogFrames,
      lastCheckpointedFrames: this.lastCheckpointedFrames,
      lastError: this.lastError,
    }
  }

  /** Closes the worker's connection and ends the thread. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      const done = () => resolve()
      this.worker.once('exit', done)
      this.worker.on('message', (m: { kind: string }) => {
        if (m.kind === 'stopped') void this.worker.terminate().then(done, done)
      })
      try {
        this.worker.postMessage('stop')
      } catch {
        void this.worker.terminate().then(done, done)
      }
      // A thread that does not answer (it never started) is ended anyway.
      setTimeout(() => void this.worker.terminate().then(done, done), 2000).unref()
    })
    return this.stopping
  }
}
