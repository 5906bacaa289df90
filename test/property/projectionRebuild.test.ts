// Property: for any event history, however its appends interleave with the live runner, a
// blue/green rebuild produces exactly the read model the live runner built (every document of
// every collection), and both equal an independent fold of the log.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ManualClock } from '../../application/leases/clock.js'
import { ReadModels } from '../../application/readModels/readModels.js'
import type { Actor } from '../../domain/shared/actor.js'
import { MemoryDocumentStore } from '../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../infrastructure/event-store/memory/memoryEventStore.js'
import { ProjectionRunner } from '../../projections/projectionRunner.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { streamIndexProjection } from '../../projections/streamIndex/streamIndexProjection.js'
import { foldItemCounts, readWholeLog } from '../unit/projections/support/itemCountsFold.js'
import { itemCountsProjection } from '../unit/projections/support/itemCountsProjection.js'
import { dumpReadModel } from '../unit/projections/support/readModelDump.js'
import { appendSteps, type HistoryStep } from '../unit/projections/support/testEvents.js'

const actor: fc.Arbitrary<Actor> = fc.record({
  id: fc.constantFrom('clerk-1', 'clerk-2', 'mgr-1'),
  role: fc.constantFrom('service_point_employee' as const, 'service_point_manager' as const),
})

const step: fc.Arbitrary<HistoryStep> = fc.record({
  stream: fc.constantFrom('shop-1', 'shop-2', 'workorder-a1', 'schedule-p1-2025-03-01', 'plain'),
  type: fc.constantFrom(
    'ItemAdded' as const,
    'ItemAdded' as const,
    'ItemRemoved' as const,
    'ItemTagged' as const,
    'Noise' as const,
  ),
  item: fc.constantFrom('a', 'b', 'c', 'd'),
  qty: fc.integer({ min: 1, max: 9 }),
  tag: fc.constantFrom('x', 'y', 'z'),
  actor,
  minute: fc.integer({ min: 0, max: 10_000 }),
})

/** The history cut into appends the live runner sees one after another. */
const history = fc.array(fc.array(step, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 })

describe('property: a rebuild equals the live run', () => {
  it('for random histories, batch sizes and page sizes (itemCounts and streamIndex)', async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        async (chunks, batchSize, pageSize) => {
          const events = new MemoryEventStore()
          const documents = new MemoryDocumentStore()
          const clock = new ManualClock()
          const projections = [itemCountsProjection(), streamIndexProjection]
          const runners = projections.map(
            (projection) =>
              new ProjectionRunner({
                projection,
                events,
                documents,
                clock,
                batchSize,
                idleFlushMs: 1,
                retireDelayMs: 0,
              }),
          )
          for (const r of runners) r.start()
          try {
            for (const chunk of chunks) {
              const head = await appendSteps(events, chunk)
              // Sometimes let the runner keep up, sometimes append the next chunk while it works.
              if (chunk.length % 2 === 0) await Promise.all(runners.map((r) => r.waitForCheckpoint(head)))
            }
            const head = await events.headPosition()
            await Promise.all(runners.map((r) => r.waitForCheckpoint(head)))
          } finally {
            await Promise.all(runners.map((r) => r.stop()))
          }

          const live = await Promise.all(projections.map((p) => dumpReadModel(documents, p)))
          assert.deepEqual(live[0], foldItemCounts(await readWholeLog(events)))
          const liveBuilds = await Promise.all(projections.map((p) => new ReadModels(documents).active(p.name)))

          for (const projection of projections)
            await rebuildProjection({ projection, events, documents, clock, pageSize, retireDelayMs: 0 })
          const rebuilt = await Promise.all(projections.map((p) => dumpReadModel(documents, p)))
          const rebuiltBuilds = await Promise.all(projections.map((p) => new ReadModels(documents).active(p.name)))
          assert.ok(
            rebuiltBuilds.every((b, i) => b && b.buildId !== liveBuilds[i]?.buildId),
            'fresh builds',
          )
          assert.deepEqual(rebuilt, live)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('streamIndex: applying a batch at once leaves the same documents as applying its events one by one', async () => {
    const perEvent = { ...streamIndexProjection, applyBatch: undefined }
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        async (steps, pageSize) => {
          const events = new MemoryEventStore()
          await appendSteps(events, steps)
          const clock = new ManualClock()
          const batched = new MemoryDocumentStore()
          const single = new MemoryDocumentStore()
          await rebuildProjection({ projection: streamIndexProjection, events, documents: batched, clock, pageSize })
          await rebuildProjection({ projection: perEvent, events, documents: single, clock, pageSize })
          assert.deepEqual(await dumpReadModel(batched, streamIndexProjection), await dumpReadModel(single, perEvent))
        },
      ),
      { numRuns: 60 },
    )
  })
})
