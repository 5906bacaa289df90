// A lease: at most one holder of a named role (a projection's runner, a worker) at a time,
// kept in the DocumentStore as { _id: name, holder, expiresAt }.
//
// Acquiring and renewing are one conditional upsert whose filter matches only when the lease
// is expired or already ours. When someone else holds an unexpired lease the filter matches
// nothing, the upsert tries to insert a second document with the same _id and the store
// answers DuplicateKey: that is the "someone else holds it" answer, atomic on every adapter.
//
// A lease alone cannot stop a holder that was paused past expiry from writing once more;
// whatever the holder protects must also be fenced in its own writes (the projection engine
// compares-and-sets its checkpoint in the same transaction as its writes).
import { type Document, type DocumentStore, DuplicateKey } from '../ports/documentStore.js'
import type { Clock } from './clock.js'

export const LEASES_COLLECTION = 'leases'

export interface LeaseDocument extends Document {
  /** The lease's name, e.g. `projection:streamIndex`. */
  _id: string
  holder: string
  /** UTC ISO-8601; ISO strings of one format order like the instants they name. */
  expiresAt: string
}

export interface LeaseOptions {
  readonly ttlMs: number
  readonly clock: Clock
}

export class Lease {
  constructor(
    private readonly documents: DocumentStore,
    readonly name: string,
    readonly holder: string,
    private readonly options: LeaseOptions,
  ) {
    if (!(options.ttlMs > 0)) throw new Error(`lease ${name}: ttlMs must be positive`)
  }

  get ttlMs(): number {
    return this.options.ttlMs
  }

  /** The lease's notion of now (epoch ms), from its injected clock. */
  now(): number {
    return this.options.clock.now()
  }

  /**
   * Takes the lease if it is free or expired, or extends it if it is already ours.
   * Returns the instant (epoch ms) it is ours until, or null when someone else holds it.
   */
  async tryAcquire(): Promise<number | null> {
    const now = this.options.clock.now()
    const until = now + this.options.ttlMs
    try {
      await this.documents
        .collection<LeaseDocument>(LEASES_COLLECTION)
        .updateOne(
          { _id: this.name, $or: [{ holder: this.holder }, { expiresAt: { $lte: iso(now) } }] },
          { $set: { holder: this.holder, expiresAt: iso(until) } },
          { upsert: true },
        )
      return until
    } catch (error) {
      if (error instanceof DuplicateKey) return null
      throw error
    }
  }

  /** Renewing is acquiring again: it succeeds exactly when nobody else took the lease meanwhile. */
  renew(): Promise<number | null> {
    return this.tryAcquire()
  }

  /** Gives the lease up so a standby can take over at once instead of waiting for expiry. */
  async release(): Promise<void> {
    await this.documents.collection<LeaseDocument>(LEASES_COLLECTION).deleteOne({ _id: this.name, holder: this.holder })
  }

  /** Who holds the lease now (null when free or expired). */
  async currentHolder(): Promise<string | null> {
    const doc = await this.documents.collection<LeaseDocument>(LEASES_COLLECTION).findOne({ _id: this.name })
    if (!doc || doc.expiresAt <= iso(this.options.clock.now())) return null
    return doc.holder
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
