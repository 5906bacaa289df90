// Runs projections live while a history is written in chunks: after some chunks the runners are
// let catch up, after others the writing goes on while they work (the races a rebuild must match).
import type { Clock } from '../../../../application/leases/clock.js'
import type { DocumentStore } from '../../../../application/ports/documentStore.js'
import type { EventStore } from '../../../../application/ports/eventStore.js'
import type { Projection } from '../../../../projections/projection.js'
import { ProjectionRunner } from '../../../../projections/projectionRunner.js'

export async function projectLiveWhileWriting<Step>(options: {
  readonly projections: readonly Projection[]
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly clock: Clock
  readonly batchSize: number
  readonly chunks: ReadonlyArray<ReadonlyArray<Step>>
  readonly perform: (step: Step) => Promise<unknown>
}): Promise<void> {
  const { events, documents, clock, batchSize } = options
  const runners = options.projections.map(
    (projection) =>
      new ProjectionRunner({ projection, events, documents, clock, batchSize, idleFlushMs: 1, retireDelayMs: 0 }),
  )
  const caughtUp = async () => {
    const head = await events.headPosition()
    await Promise.all(runners.map((r) => r.waitForCheckpoint(head)))
  }
  for (const r of runners) r.start()
  try {
    for (const chunk of options.chunks) {
      for (const step of chunk) await options.perform(step)
      // Sometimes let the runners catch up, sometimes write on while they work.
      if (chunk.length % 2 === 0) await caughtUp()
    }
    await caughtUp()
  } finally {
    await Promise.all(runners.map((r) => r.stop()))
  }
}
