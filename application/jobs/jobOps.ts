// What a policy asks of the job queue for one event, and carrying it out for a batch of events.
import type { JobQueue, JobSpec } from '../ports/jobQueue.js'

export type JobOp =
  | { readonly op: 'schedule'; readonly job: JobSpec }
  | { readonly op: 'reschedule'; readonly job: JobSpec }
  | { readonly op: 'cancel'; readonly id: string }

const idOf = (op: JobOp): string => (op.op === 'cancel' ? op.id : op.job.id)

/**
 * Applies the ops in their order per job id (a reschedule then a cancel of one reminder must not
 * swap); different ids run concurrently, and lone schedules go in one scheduleMany round trip.
 */
export async function applyJobOps(queue: JobQueue, ops: ReadonlyArray<JobOp>, concurrency = 16): Promise<void> {
  const byId = new Map<string, JobOp[]>()
  for (const op of ops) {
    const list = byId.get(idOf(op))
    if (list) list.push(op)
    else byId.set(idOf(op), [op])
  }
  const lone: JobSpec[] = []
  const chains: JobOp[][] = []
  for (const list of byId.values()) {
    const only = list[0]
    if (list.length === 1 && only?.op === 'schedule') lone.push(only.job)
    else chains.push(list)
  }
  if (lone.length > 0) await queue.scheduleMany(lone)
  let next = 0
  const runChains = async () => {
    while (next < chains.length) {
      const chain = chains[next++] ?? []
      for (const op of chain) {
        if (op.op === 'schedule') await queue.schedule(op.job)
        else if (op.op === 'reschedule') await queue.reschedule(op.job)
        else await queue.cancel(op.id)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, chains.length) }, runChains))
}
