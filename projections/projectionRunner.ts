// Runs one projection as one active instance at a time: take the projection's lease, make sure
// the registry names a build of this code's version (rebuilding blue/green when it does not),
// then follow the log from the build's checkpoint in batches, each batch one transaction with
// its checkpoint. A handler that throws stops the projection with the failing event in its
// status; losing the lease stops processing until the lease is ours again.
import { type Clock, systemClock } from '../application/leases/clock.js'
import { type HeldLease, holdLease, sleep } from '../application/leases/heldLease.js'
import { Lease } from '../application/leases/lease.js'
import type { DocumentStore } from '../application/ports/documentStore.js'
import type { EventStore } from '../application/ports/eventStore.js'
import { CheckpointMoved, commitBatch, failedEvent, ProjectionHandlerFailed } from './batchCommit.js'
import { eventBatches } from './eventBatches.js'
import { checkProjection, eventTypeFilter, type Projection } from './projection.js'
import {
  activeRegistryEntry,
  type Build,
  BuildSuperseded,
  buildKey,
  type FailedEvent,
  loadBuild,
  recordFailure,
} from './projectionBuilds.js'
import { defaultHolder, type RebuildProgress, rebuildProjection } from './rebuild.js'
import { ThroughputMeter } from './throughputMeter.js'

export type ProjectionState =
  /** waiting for the lease: another instance runs this projection */
  | 'standby'
  /** writing a fresh build (first run or a version bump); the old build, if any, serves reads */
  | 'rebuilding'
  | 'catching-up'
  | 'live'
  | 'stopped'
  | 'failed'

export interface ProjectionError {
  readonly message: string
  /** UTC ISO-8601. */
  readonly at: string
  /** The event a handler failed on; null for infrastructure errors (which are retried). */
  readonly event: FailedEvent | null
}

export interface ProjectionStatus {
  readonly projection: string
  readonly version: number
  readonly state: ProjectionState
  readonly buildId: string | null
  /** Global position of the last event processed (of the build being written while rebuilding). */
  readonly checkpoint: number
  readonly headPosition: number
  /** headPosition − checkpoint: how many positions the read model is behind the log. */
  readonly lag: number
  readonly eventsPerSecond: number
  readonly lastError: ProjectionError | null
  readonly rebuild: RebuildProgress | null
  readonly holder: string
}

export interface ProjectionRunnerOptions {
  readonly projection: Projection
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly clock?: Clock
  /** Lease holder id of this instance. Default host:pid:random. */
  readonly holder?: string
  /** Most events per transaction. Default 500. */
  readonly batchSize?: number
  /** A partial batch is committed once the subscription has had nothing ready for this long. Default 5 ms. */
  readonly idleFlushMs?: number
  /** Default 15 s; a standby takes over at most this long after the holder died. */
  readonly leaseTtlMs?: number
  /** Default ttl/3. */
  readonly leaseRenewMs?: number
  /** How often a standby tries for the lease. Default 1 s. */
  readonly leaseRetryMs?: number
  /** First retry delay after an infrastructure error, doubling up to 30 s. Default 500 ms. */
  readonly retryDelayMs?: number
  readonly rebuildPageSize?: number
  /** How long an old build outlives a blue/green switch. Default 2 s. */
  readonly retireDelayMs?: number
  readonly onRebuildProgress?: (progress: RebuildProgress) => void
}

/** The registry holds a newer version than this code: a newer deployment owns the read model. */
export class ProjectionVersionAhead extends Error {
  readonly code = 'PROJECTION_VERSION_AHEAD'
  constructor(
    readonly projection: string,
    readonly registered: number,
    readonly running: number,
  ) {
    super(`projection ${projection}: the read model is at version ${registered}, this code has ${running}`)
    this.name = 'ProjectionVersionAhead'
  }
}

interface CheckpointWaiter {
  readonly position: number
  readonly resolve: () => void
  readonly reject: (error: Error) => void
}

export class ProjectionRunner {
  readonly name: string
  readonly holder: string
  private readonly clock: Clock
  private readonly meter = new ThroughputMeter()
  private readonly handles: (type: string) => boolean
  private state: ProjectionState = 'stopped'
  private build: Build | null = null
  private lastError: ProjectionError | null = null
  private rebuildProgress: RebuildProgress | null = null
  private stopController: AbortController | null = null
  private loop: Promise<void> | null = null
  private waiters: CheckpointWaiter[] = []
  /** Infrastructure errors since the last committed batch; sets the retry backoff. */
  private failuresInARow = 0

  constructor(private readonly options: ProjectionRunnerOptions) {
    checkProjection(options.projection)
    this.name = options.projection.name
    this.holder = options.holder ?? defaultHolder()
    this.clock = options.clock ?? systemClock
    this.handles = eventTypeFilter(options.projection)
  }

  /** Starts in the background (again after a failure, e.g. once the cause is fixed); see status(). */
  start(): void {
    if (this.loop) throw new Error(`projection ${this.name} is already running`)
    this.stopController = new AbortController()
    this.lastError = null
    this.rebuildProgress = null
    this.loop = this.run(this.stopController.signal).finally(() => {
      this.loop = null
    })
  }

  /** Finishes the batch in flight (or abandons it uncommitted), releases the lease. */
  async stop(): Promise<void> {
    this.stopController?.abort()
    await this.loop
  }

  async status(): Promise<ProjectionStatus> {
    const head = await this.options.events.headPosition()
    const checkpoint = this.rebuildProgress?.position ?? this.build?.checkpoint ?? (await this.storedCheckpoint())
    return {
      projection: this.name,
      version: this.options.projection.version,
      state: this.state,
      buildId: this.build?.buildId ?? null,
      checkpoint,
      headPosition: head,
      lag: Math.max(0, head - checkpoint),
      eventsPerSecond: this.meter.perSecond(),
      lastError: this.lastError,
      rebuild: this.rebuildProgress,
      holder: this.holder,
    }
  }

  /** Resolves once this runner has committed a checkpoint at or past `position` (read-your-writes, tests). */
  waitForCheckpoint(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.build && this.build.checkpoint >= position && !this.rebuildProgress) return Promise.resolve()
    if (this.state === 'failed') return Promise.reject(new Error(this.lastError?.message ?? 'projection failed'))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        reject(new Error(`projection ${this.name} did not reach position ${position} within ${timeoutMs} ms`))
      }, timeoutMs)
      const waiter: CheckpointWaiter = {
        position,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      }
      this.waiters.push(waiter)
    })
  }

  private async run(stop: AbortSignal): Promise<void> {
    const lease = new Lease(this.options.documents, `projection:${this.name}`, this.holder, {
      ttlMs: this.options.leaseTtlMs ?? 15_000,
      clock: this.clock,
    })
    while (!stop.aborted) {
      this.state = 'standby'
      this.build = null
      const held = await holdLease(lease, {
        signal: stop,
        retryEveryMs: this.options.leaseRetryMs ?? 1000,
        ...(this.options.leaseRenewMs ? { renewEveryMs: this.options.leaseRenewMs } : {}),
      }).catch((error: unknown) => {
        this.noteError(error)
        return null
      })
      if (!held) {
        if (!stop.aborted) await sleep(this.options.leaseRetryMs ?? 1000, stop)
        continue
      }
      let finished = false
      try {
        finished = await this.whileHolding(held, stop)
      } finally {
        await held.release().catch(() => undefined)
      }
      if (finished) return
    }
    this.state = 'stopped'
    this.rejectWaiters(new Error(`projection ${this.name} stopped`))
  }

  /** Processes while the lease is ours. True when the runner must not go on (failed or outdated). */
  private async whileHolding(held: HeldLease, stop: AbortSignal): Promise<boolean> {
    const signal = AbortSignal.any([stop, held.lost])
    this.failuresInARow = 0
    while (!signal.aborted) {
      try {
        const build = await this.prepareBuild(signal)
        if (!build) continue
        await this.follow(build, signal)
        // A subscription ends by itself only when its store closed: retry with backoff, not in a tight loop.
        if (!signal.aborted) throw new Error(`projection ${this.name}: the event subscription ended`)
      } catch (error) {
        if (error instanceof ProjectionHandlerFailed) {
          await this.fail(error)
          return true
        }
        if (error instanceof ProjectionVersionAhead) {
          this.noteError(error)
          this.state = 'stopped'
          this.rejectWaiters(error)
          return true
        }
        this.rebuildProgress = null
        if (error instanceof BuildSuperseded) continue // a rebuild switched builds: follow the new one
        this.noteError(error)
        // Someone else committed to our build: most likely the lease passed while we were paused.
        if (error instanceof CheckpointMoved && !(await held.confirm().catch(() => true))) break
        this.failuresInARow++
        const base = this.options.retryDelayMs ?? 500
        await sleep(Math.min(30_000, base * 2 ** Math.min(this.failuresInARow - 1, 16)), signal)
      }
    }
    return false
  }

  /** The build to follow: the registered one of this version, after a blue/green rebuild if need be. */
  private async prepareBuild(signal: AbortSignal): Promise<Build | null> {
    const { projection, documents, events } = this.options
    const entry = await activeRegistryEntry(documents, this.name)
    if (entry && entry.version > projection.version)
      throw new ProjectionVersionAhead(this.name, entry.version, projection.version)
    if (entry && entry.version === projection.version) {
      const build = await loadBuild(documents, buildKey(this.name, entry.version, entry.buildId))
      if (!build)
        throw new Error(`projection ${this.name}: registered build ${entry.buildId} has no checkpoint document`)
      this.build = build
      return build
    }
    // Never built, or the code's version moved on: build afresh while the old build (if any) serves reads.
    this.state = 'rebuilding'
    this.meter.reset()
    let lastEvents = 0
    await rebuildProjection({
      projection,
      events,
      documents,
      signal,
      clock: this.clock,
      holder: this.holder,
      resume: true,
      retireInBackground: true,
      ...(this.options.rebuildPageSize ? { pageSize: this.options.rebuildPageSize } : {}),
      ...(this.options.retireDelayMs !== undefined ? { retireDelayMs: this.options.retireDelayMs } : {}),
      onProgress: (progress) => {
        this.meter.record(progress.events - lastEvents)
        lastEvents = progress.events
        this.rebuildProgress = progress
        this.options.onRebuildProgress?.(progress)
      },
    })
    this.rebuildProgress = null
    return null // the registry now names the new build: the next round follows it
  }

  private async follow(build: Build, signal: AbortSignal): Promise<void> {
    const { projection, documents, events } = this.options
    this.meter.reset()
    this.state = build.checkpoint >= (await events.headPosition()) ? 'live' : 'catching-up'
    this.notifyWaiters()
    const subscription = events.subscribeToAll({ fromPosition: build.checkpoint, signal })
    const batches = eventBatches(subscription, {
      maxEvents: this.options.batchSize ?? 500,
      idleMs: this.options.idleFlushMs ?? 5,
    })
    for await (const batch of batches) {
      // After a stop or a lost lease nothing more is committed; the next holder starts from the checkpoint.
      if (signal.aborted) break
      await commitBatch(documents, projection, this.handles, build, batch, { requireActive: true })
      this.meter.record(batch.length)
      this.lastError = null
      this.failuresInARow = 0
      this.notifyWaiters()
      const last = batch.at(-1)?.position ?? 0
      this.state = last >= (await events.headPosition()) ? 'live' : 'catching-up'
      // A catch-up runs on promises alone; yield so an API in the same process keeps answering.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  private async fail(error: ProjectionHandlerFailed): Promise<void> {
    const failure = failedEvent(error, this.clock)
    this.lastError = { message: error.message, at: failure.at, event: failure }
    this.state = 'failed'
    if (this.build) await recordFailure(this.options.documents, this.build, failure).catch(() => undefined)
    this.rejectWaiters(error)
  }

  private noteError(error: unknown): void {
    this.lastError = {
      message: error instanceof Error ? error.message : String(error),
      at: new Date(this.clock.now()).toISOString(),
      event: null,
    }
  }

  private notifyWaiters(): void {
    const checkpoint = this.build?.checkpoint ?? -1
    const ready = this.waiters.filter((w) => w.position <= checkpoint)
    if (ready.length === 0) return
    this.waiters = this.waiters.filter((w) => w.position > checkpoint)
    for (const w of ready) w.resolve()
  }

  private rejectWaiters(error: Error): void {
    const waiting = this.waiters
    this.waiters = []
    for (const w of waiting) w.reject(error)
  }

  private async storedCheckpoint(): Promise<number> {
    const entry = await activeRegistryEntry(this.options.documents, this.name)
    if (!entry) return 0
    const build = await loadBuild(this.options.documents, buildKey(this.name, entry.version, entry.buildId))
    return build?.checkpoint ?? 0
  }
}
