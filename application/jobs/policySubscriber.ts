// Follows the event log from a checkpoint and turns events into jobs, one active instance at a
// time (a lease), with the projection runner's discipline: for each batch, first enqueue every
// job the batch's events ask for, then save the checkpoint. A crash between the two repeats the
// batch on restart, and since job ids derive from event and booking ids the repeat changes
// nothing: no job is lost (the checkpoint never passes an event whose jobs are not in the queue)
// and none is doubled.
//
// While the queue is unreachable (Redis down) an enqueue waits or fails; either way the
// checkpoint stays where it was and the batch is tried again, with backoff, until it goes through.
import { type Clock, systemClock } from '../leases/clock.js'
import { type HeldLease, holdLease, sleep } from '../leases/heldLease.js'
import { Lease } from '../leases/lease.js'
import type { DocumentStore } from '../ports/documentStore.js'
import type { EventStore, RecordedEvent } from '../ports/eventStore.js'
import type { JobQueue } from '../ports/jobQueue.js'
import { applyJobOps, type JobOp } from './jobOps.js'
import { CheckpointMovedElsewhere, loadCheckpoint, saveCheckpoint, storedCheckpoint } from './subscriberCheckpoint.js'
import { subscriptionBatches } from './subscriptionBatches.js'

export type SubscriberState = 'standby' | 'catching-up' | 'live' | 'stopped'

export interface SubscriberStatus {
  readonly name: string
  readonly state: SubscriberState
  readonly checkpoint: number
  readonly headPosition: number
  /** headPosition − checkpoint: how far behind the log the jobs are. */
  readonly lag: number
  readonly lastError: string | null
  readonly holder: string
}

export interface PolicySubscriberOptions {
  /** Names the checkpoint and the lease (`subscriber:<name>`). */
  readonly name: string
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly handles: (eventType: string) => boolean
  /** With jobsFor: where the jobs go. */
  readonly queue?: JobQueue
  /** The jobs one event asks for; throwing retries the batch (after a backoff). */
  readonly jobsFor?: (event: RecordedEvent) => Promise<ReadonlyArray<JobOp>>
  /**
   * Instead of (or besides) jobs: a reaction run for each handled event, in log order, before the
   * checkpoint passes it; it must be idempotent (a crash repeats the batch). Throwing retries the
   * batch after a backoff. `signal` fires when the subscriber stops or loses its lease; `batch` says
   * when the event's batch arrived and whether it came live (appended after the subscriber had
   * caught up) or from the backlog.
   */
  readonly react?: (
    event: RecordedEvent,
    signal: AbortSignal,
    batch: { readonly receivedAt: number; readonly live: boolean },
  ) => Promise<void>
  readonly holder?: string
  /**
   * A subscriber that has never saved a checkpoint starts at the log's head instead of its start
   * (it saves that position first): for reactions that only matter for what happens from now on.
   */
  readonly startAtHead?: boolean
  readonly clock?: Clock
  /** Most events per batch (one checkpoint save each). Default 200. */
  readonly batchSize?: number
  /** A partial batch is handled once nothing more arrived for this long. Default 10 ms. */
  readonly idleMs?: number
  /** Default 15 s: a standby takes over at most this long after the active instance died. */
  readonly leaseTtlMs?: number
  /** How often a standby tries for the lease. Default 1 s. */
  readonly leaseRetryMs?: number
  /** First retry delay after a failed batch, doubling up to 30 s. Default 500 ms. */
  readonly retryDelayMs?: number
  readonly log?: (line: string) => void
}

interface Waiter {
  readonly position: number
  readonly resolve: () => void
}

export class PolicySubscriber {
  readonly name: string
  readonly holder: string
  private readonly clock: Clock
  private readonly log: (line: string) => void
  private state: SubscriberState = 'stopped'
  private checkpoint = 0
  private lastError: string | null = null
  private stopController: AbortController | null = null
  private loop: Promise<void> | null = null
  private waiters: Waiter[] = []

  constructor(private readonly options: PolicySubscriberOptions) {
    this.name = options.name
    this.holder = options.holder ?? `${process.pid}-${Math.random().toString(36).slice(2, 10)}`
    this.clock = options.clock ?? systemClock
    this.log = options.log ?? ((line) => console.error(`[${options.name}] ${line}`))
    if (!options.react && !(options.jobsFor && options.queue))
      throw new Error(`subscriber ${options.name} needs react, or jobsFor with a queue`)
  }

  start(): void {
    if (this.loop) throw new Error(`subscriber ${this.name} is already running`)
    this.stopController = new AbortController()
    this.loop = this.run(this.stopController.signal).finally(() => {
      this.loop = null
      this.state = 'stopped'
    })
  }

  /** Finishes (or abandons, uncheckpointed) the batch in flight and releases the lease. */
  async stop(): Promise<void> {
    this.stopController?.abort()
    await this.loop
  }

  async status(): Promise<SubscriberStatus> {
    const head = await this.options.events.headPosition()
    const checkpoint =
      this.state === 'standby' || this.state === 'stopped' ? await this.storedCheckpoint() : this.checkpoint
    return {
      name: this.name,
      state: this.state,
      checkpoint,
      headPosition: head,
      lag: Math.max(0, head - checkpoint),
      lastError: this.lastError,
      holder: this.holder,
    }
  }

  /** Resolves once this instance has checkpointed at or past `position` (tests, read-your-writes). */
  waitForCheckpoint(position: number): Promise<void> {
    if (this.checkpoint >= position) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ position, resolve }))
  }

  private async run(stop: AbortSignal): Promise<void> {
    const lease = new Lease(this.options.documents, `subscriber:${this.name}`, this.holder, {
      ttlMs: this.options.leaseTtlMs ?? 15_000,
      clock: this.clock,
    })
    while (!stop.aborted) {
      this.state = 'standby'
      const held = await holdLease(lease, { signal: stop, retryEveryMs: this.options.leaseRetryMs ?? 1000 }).catch(
        (error: unknown) => {
          this.noteError('taking the lease', error)
          return null
        },
      )
      if (!held) {
        if (!stop.aborted) await sleep(this.options.leaseRetryMs ?? 1000, stop)
        continue
      }
      try {
        await this.whileHolding(held, stop)
      } finally {
        await held.release().catch(() => undefined)
      }
    }
  }

  private async whileHolding(held: HeldLease, stop: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([stop, held.lost])
    let failures = 0
    while (!signal.aborted) {
      try {
        await this.follow(signal, () => {
          failures = 0
        })
        if (!signal.aborted) throw new Error('the event subscription ended')
      } catch (error) {
        this.noteError('handling a batch', error)
        if (error instanceof CheckpointMovedElsewhere && !(await held.confirm().catch(() => true))) return
        failures++
        const base = this.options.retryDelayMs ?? 500
        await sleep(Math.min(30_000, base * 2 ** Math.min(failures - 1, 16)), signal)
      }
    }
  }

  private async follow(signal: AbortSignal, onProgress: () => void): Promise<void> {
    const { events, documents, queue } = this.options
    const stored = await storedCheckpoint(documents, this.name)
    if (stored === null && this.options.startAtHead) {
      const head = await events.headPosition()
      await saveCheckpoint(documents, this.name, 0, head, new Date(this.clock.now()).toISOString())
      this.checkpoint = head
    } else this.checkpoint = stored ?? 0
    this.state = this.checkpoint >= (await events.headPosition()) ? 'live' : 'catching-up'
    this.notifyWaiters()
    const subscription = events.subscribeToAll({ fromPosition: this.checkpoint, signal })
    for await (const batch of subscriptionBatches(
      subscription,
      this.options.batchSize ?? 200,
      this.options.idleMs ?? 10,
    )) {
      if (signal.aborted) return
      const ops: JobOp[] = []
      const arrival = { receivedAt: this.clock.now(), live: this.state === 'live' }
      for (const event of batch) {
        if (!this.options.handles(event.type)) continue
        if (this.options.react) await this.options.react(event, signal, arrival)
        if (signal.aborted) return
        if (this.options.jobsFor) ops.push(...(await this.options.jobsFor(event)))
      }
      // Enqueue first, checkpoint after: see the header.
      if (queue) await applyJobOps(queue, ops)
      if (signal.aborted) return
      const last = batch.at(-1)?.position ?? this.checkpoint
      await saveCheckpoint(documents, this.name, this.checkpoint, last, new Date(this.clock.now()).toISOString())
      this.checkpoint = last
      this.lastError = null
      onProgress()
      this.notifyWaiters()
      this.state = last >= (await events.headPosition()) ? 'live' : 'catching-up'
    }
  }

  private notifyWaiters(): void {
    const ready = this.waiters.filter((w) => w.position <= this.checkpoint)
    if (ready.length === 0) return
    this.waiters = this.waiters.filter((w) => w.position > this.checkpoint)
    for (const w of ready) w.resolve()
  }

  private noteError(what: string, error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error)
    this.log(`${what} failed: ${this.lastError}`)
  }

  private async storedCheckpoint(): Promise<number> {
    return loadCheckpoint(this.options.documents, this.name).catch(() => this.checkpoint)
  }
}
