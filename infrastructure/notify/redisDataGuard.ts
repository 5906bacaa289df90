// What BullMQ cannot tell us: that Redis came back WITHOUT its data (a server without persistence
// restarted, a failover to an empty replica, a flush). The subscribers' checkpoints (in the document
// store) then say "enqueued" for jobs Redis no longer holds: delayed reminders, overdue alerts, SLA
// warnings, and messages not yet sent. Left alone, those are lost.
//
// The guard keeps a marker key in Redis (`<JOBS_PREFIX>:notify-data`). Whenever its connection is
// (re)established it sets the marker only if absent; when it had to set it and some subscriber
// has a checkpoint past 0, Redis has lost what the checkpoints account for, so the guard stops
// those subscribers, moves their checkpoints back to 0 and starts them again: the policies re-derive
// every job from the log (ids from events and subjects, so nothing is doubled; the dispatcher's
// sent-check skips what was sent; messages about events older than the policies' age limit are not
// re-sent at all), and reminders and alerts are placed again at their times.
//
// Each worker with jobs in Redis runs a guard of its own, with its own marker: the notification
// worker (`notify-data`: the booking, work-order and helpdesk subscribers), the due-service worker
// (`due-data`: its reminder subscriber), and the report e-mail worker (`report-data`: no
// subscriber; its scheduler places each active subscription's job again at once, `onDataLost`).
//
// Cost: one replay of the log per loss of Redis data (and once when this guard first meets a Redis
// that never had the marker). In a deployment with several workers, a subscriber whose lease is held
// by another process notices the moved checkpoint at its next batch.
import { Redis } from 'ioredis'
import type { PolicySubscriber } from '../../application/jobs/policySubscriber.js'
import {
  CheckpointMovedElsewhere,
  loadCheckpoint,
  saveCheckpoint,
} from '../../application/jobs/subscriberCheckpoint.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'

export interface RedisDataGuardOptions {
  readonly url: string
  readonly prefix: string
  /** The marker key's name under the prefix (one per worker). Default `notify-data`. */
  readonly marker?: string
  /** Where the subscribers' checkpoints are (needed when there are subscribers). */
  readonly documents: DocumentStore | null
  readonly subscribers: ReadonlyArray<PolicySubscriber>
  /**
   * Run while the subscribers are stopped, before they replay: forget what mirrors the lost jobs
   * (the due-service ledger), so that the replay places them again.
   */
  readonly beforeReplay?: () => Promise<void>
  /** Called whenever Redis is found without the marker (after any rewinds), e.g. to place jobs again. */
  readonly onDataLost?: () => Promise<void>
  readonly log: (line: string) => void
}

export interface RedisDataGuard {
  close(): Promise<void>
}

export const redisDataMarker = (prefix: string, marker = 'notify-data'): string => `${prefix}:${marker}`

export function guardRedisData(options: RedisDataGuardOptions): RedisDataGuard {
  const client = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: false })
  // Connection errors are logged by the queue already; without a listener they would be unhandled.
  client.on('error', () => undefined)
  let running: Promise<void> = Promise.resolve()
  let closed = false
  const key = redisDataMarker(options.prefix, options.marker)
  const check = async (): Promise<void> => {
    const created = await client.set(key, new Date().toISOString(), 'NX')
    if (created !== 'OK' || closed) return
    const documents = options.documents
    const behind: PolicySubscriber[] = []
    if (documents)
      for (const s of options.subscribers) if ((await loadCheckpoint(documents, s.name)) > 0) behind.push(s)
    if (documents && behind.length > 0) {
      options.log(
        `Redis has none of the jobs the checkpoints account for (no ${key} key): ` +
          `replaying the log from the start for ${behind.map((s) => s.name).join(', ')}`,
      )
      for (const subscriber of behind) await subscriber.stop()
      for (const subscriber of behind) await rewind(documents, subscriber.name)
      await options.beforeReplay?.()
      if (!closed) for (const subscriber of behind) subscriber.start()
    }
    if (options.onDataLost && !closed) {
      options.log(`Redis has no ${key} key: placing the jobs again`)
      await options.onDataLost()
    }
  }
  client.on('ready', () => {
    running = running.then(check).catch((error: unknown) => {
      options.log(`checking Redis for lost jobs failed: ${error instanceof Error ? error.message : String(error)}`)
    })
  })
  return {
    async close() {
      closed = true
      await running
      client.disconnect()
    },
  }
}

/** Moves a checkpoint back to 0, whatever it is now (compare-and-set, again if it moved meanwhile). */
async function rewind(documents: DocumentStore, name: string): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const current = await loadCheckpoint(documents, name)
    if (current === 0) return
    try {
      await saveCheckpoint(documents, name, current, 0, new Date().toISOString())
      return
    } catch (error) {
      if (!(error instanceof CheckpointMovedElsewhere)) throw error
    }
  }
  throw new Error(`could not move the checkpoint of ${name} back: it kept moving`)
}
