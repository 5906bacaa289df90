// Keeping a lease while doing work: wait until it is ours, renew it on a timer, and tell the
// worker (through an AbortSignal) the moment it can no longer be sure it still holds it.
import type { Lease } from './lease.js'

export interface HoldOptions {
  /** How often to renew; well under the TTL so one slow renewal does not lose the lease. Default ttl/3. */
  readonly renewEveryMs?: number
  /** How often a standby tries to take the lease. Default 1000 ms. */
  readonly retryEveryMs?: number
  /** Aborting gives up waiting (holdLease returns null) and stops renewing. */
  readonly signal?: AbortSignal
}

export class HeldLease {
  private readonly lostController = new AbortController()
  private timer: NodeJS.Timeout | undefined
  private released = false

  constructor(
    readonly lease: Lease,
    /** Epoch ms (by the lease's clock) the lease is surely ours until. */
    private validUntil: number,
    private readonly renewEveryMs: number,
  ) {
    this.schedule()
  }

  /** Fires when the lease was taken by someone else, or could not be renewed before it expired. */
  get lost(): AbortSignal {
    return this.lostController.signal
  }

  /** Stops renewing and deletes the lease (if still ours) so a standby takes over at once. */
  async release(): Promise<void> {
    this.stop()
    if (this.lostController.signal.aborted) return
    this.lostController.abort(new Error(`lease ${this.lease.name} released`))
    await this.lease.release()
  }

  /**
   * Renews now instead of at the next tick: for a worker that just saw a sign (e.g. its fenced
   * write was refused) that someone else may hold the lease. False, and `lost` fires, if so.
   */
  async confirm(): Promise<boolean> {
    if (this.lostController.signal.aborted) return false
    const until = await this.lease.renew()
    if (until === null) {
      this.markLost(new Error(`lease ${this.lease.name} was taken over`))
      return false
    }
    this.validUntil = until
    return true
  }

  /** Stops renewing without deleting: the lease runs out by itself (what a crash looks like). */
  abandon(): void {
    this.stop()
    if (!this.lostController.signal.aborted) this.lostController.abort(new Error(`lease ${this.lease.name} abandoned`))
  }

  private stop(): void {
    this.released = true
    if (this.timer) clearTimeout(this.timer)
  }

  private schedule(): void {
    if (this.released) return
    this.timer = setTimeout(() => void this.renew(), this.renewEveryMs)
    // Renewal alone must not keep a process alive that has nothing else to do.
    this.timer.unref()
  }

  private async renew(): Promise<void> {
    if (this.released) return
    try {
      const until = await this.lease.renew()
      if (until === null) return this.markLost(new Error(`lease ${this.lease.name} was taken over`))
      this.validUntil = until
    } catch (error) {
      // A failed renewal is not a lost lease yet: it still runs until validUntil.
      if (this.lease.now() >= this.validUntil)
        return this.markLost(
          new Error(`lease ${this.lease.name} expired while the store was unreachable`, { cause: error }),
        )
    }
    this.schedule()
  }

  private markLost(reason: Error): void {
    this.stop()
    this.lostController.abort(reason)
  }
}

/** Waits until the lease is ours (retrying as a standby), then keeps it. Null when aborted first. */
export async function holdLease(lease: Lease, options: HoldOptions = {}): Promise<HeldLease | null> {
  const renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(lease.ttlMs / 3))
  const retryEveryMs = options.retryEveryMs ?? 1000
  const signal = options.signal
  while (!signal?.aborted) {
    const until = await lease.tryAcquire()
    if (until !== null) {
      if (signal?.aborted) {
        await lease.release()
        return null
      }
      return new HeldLease(lease, until, renewEveryMs)
    }
    await sleep(retryEveryMs, signal)
  }
  return null
}

/** setTimeout as a promise that also ends early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
