// Queue depth, delayed and failed jobs and the subscriber's lag, for the readiness endpoint and
// operators. Failed jobs do not make the process unready (they wait for a person, see
// `npm run jobs -- failed`); an unreachable queue or a subscriber far behind the log does.
import type { JobCounts, JobQueue } from '../ports/jobQueue.js'
import type { PolicySubscriber } from './policySubscriber.js'

export interface JobQueueHealth {
  readonly ok: boolean
  readonly detail?: string
  readonly counts: JobCounts | null
  /** Events each subscriber is behind the head of the log. */
  readonly lag: Readonly<Record<string, number>>
}

export function jobQueueHealth(
  queue: JobQueue,
  subscribers: ReadonlyArray<PolicySubscriber>,
  maxLag = 10_000,
): () => Promise<JobQueueHealth> {
  return async () => {
    try {
      const [counts, statuses] = await Promise.all([queue.counts(), Promise.all(subscribers.map((s) => s.status()))])
      const lag = Object.fromEntries(statuses.map((s) => [s.name, s.lag]))
      const behind = statuses.filter((s) => s.lag > maxLag)
      return behind.length === 0
        ? {
            ok: true,
            counts,
            lag,
            detail: `waiting ${counts.waiting}, delayed ${counts.delayed}, failed ${counts.failed}`,
          }
        : { ok: false, counts, lag, detail: `behind by more than ${maxLag}: ${behind.map((s) => s.name).join(', ')}` }
    } catch (error) {
      return { ok: false, counts: null, lag: {}, detail: error instanceof Error ? error.message : String(error) }
    }
  }
}
