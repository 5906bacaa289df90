// ReadModelSync over the projection engine: "has this projection applied the log as it is now?"
// answered from the runner's status, which reads the build's stored checkpoint, so it holds
// whichever process runs the projection (this one, or another one holding the lease).
import type { ReadModelSync } from '../../application/contracts/readModelSync.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import type { ProjectionRunner } from '../projectionRunner.js'

export interface RunnerLookup {
  runner(name: string): Pick<ProjectionRunner, 'status' | 'waitForCheckpoint'> | null
}

export function runnerSync(host: RunnerLookup, events: EventStore, timeoutMs = 5_000, pollMs = 20): ReadModelSync {
  return {
    async caughtUp(projection: string): Promise<boolean> {
      const runner = host.runner(projection)
      if (!runner) return true
      const head = await events.headPosition()
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const status = await runner.status()
        if (status.state !== 'rebuilding' && status.checkpoint >= head) return true
        if (status.state === 'failed') return false
        const left = deadline - Date.now()
        if (left <= 0) return false
        // In this process and following the log: wake on its commit rather than poll.
        if (status.state === 'live' || status.state === 'catching-up')
          return runner.waitForCheckpoint(head, left).then(
            () => true,
            () => false,
          )
        await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)))
      }
    },
  }
}
