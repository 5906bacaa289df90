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

/** Several queues on one report: each by name, and their counts summed. */
export interface JobQueuesHealth extends JobQueueHealth {
  /** Each queue's own state, counts and subscriber lag, by queue name. */
  readonly queues: Readonly<Record<string, JobQueueHealth>>
}

/**
 * The health of several queues (the notifications', the due-service reminders', the report
 * e-mails'): ok only when every one is; counts summed (null when a queue could not be counted);
 * the subscribers' lags side by side; the detail names the queues that are not ok.
 */
export function jobQueuesHealth(
  queues: Readonly<Record<string, () => Promise<JobQueueHealth>>>,
): () => Promise<JobQueuesHealth> {
  return async () => {
    const names = Object.keys(queues)
    const reports = await Promise.all(
      names.map((name) =>
        (queues[name] as () => Promise<JobQueueHealth>)().catch(
          (error: unknown): JobQueueHealth => ({
            ok: false,
            counts: null,
            lag: {},
            detail: error instanceof Error ? error.message : String(error),
          }),
        ),
      ),
    )
    const byName = Object.fromEntries(names.map((name, i) => [name, reports[i] as JobQueueHealth]))
    const counted = reports.every((r) => r.counts !== null)
    const counts: JobCounts | null = counted
      ? reports.reduce<JobCounts>(
          (sum, r) => {
            const c = r.counts as JobCounts
            return {
              waiting: sum.waiting + c.waiting,
              delayed: sum.delayed + c.delayed,
              active: sum.active + c.active,
              failed: sum.failed + c.failed,
              completed: sum.completed + c.completed,
            }
          },
          { waiting: 0, delayed: 0, active: 0, failed: 0, completed: 0 },
        )
      : null
    const notOk = names.filter((name) => !byName[name]?.ok)
    return {
      ok: notOk.length === 0,
      counts,
      lag: Object.assign({}, ...reports.map((r) => r.lag)),
      detail:
        notOk.length === 0
          ? names.map((name) => `${name}: ${byName[name]?.detail ?? 'ok'}`).join('; ')
          : notOk.map((name) => `${name}: ${byName[name]?.detail ?? 'not ok'}`).join('; '),
      queues: byName,
    }
  }
}
