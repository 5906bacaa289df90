import assert from 'node:assert/strict'
import { ManualClock } from '../../../application/leases/clock.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { REGISTRY_COLLECTION } from '../../../application/readModels/projectionRegistry.js'
import { ReadModelNotReady, ReadModels } from '../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import type { Projection } from '../../../projections/projection.js'
import { BUILDS_COLLECTION, type BuildDocument } from '../../../projections/projectionBuilds.js'
import {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionStatus,
} from '../../../projections/projectionRunner.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { foldItemCounts, readWholeLog } from './support/itemCountsFold.js'
import { itemCountsProjection } from './support/itemCountsProjection.js'
import { dumpReadModel } from './support/readModelDump.js'
import { SeverableStore } from './support/severableStore.js'
import { appendSteps, simpleHistory, stepEvent } from './support/testEvents.js'
import { waitUntil } from './support/waitUntil.js'

describe('ProjectionRunner', () => {
  let events: MemoryEventStore
  let documents: MemoryDocumentStore
  let clock: ManualClock
  let running: ProjectionRunner[]

  const runner = (projection: Projection, extra: Partial<ProjectionRunnerOptions> = {}) => {
    const r = new ProjectionRunner({
      projection,
      events,
      documents,
      clock,
      leaseRetryMs: 5,
      retryDelayMs: 5,
      retireDelayMs: 0,
      idleFlushMs: 1,
      ...extra,
    })
    running.push(r)
    return r
  }

  beforeEach(() => {
    events = new MemoryEventStore()
    documents = new MemoryDocumentStore()
    clock = new ManualClock()
    running = []
  })

  afterEach(async () => {
    await Promise.all(running.map((r) => r.stop()))
  })

  it('builds the read model from the log, then follows live appends, reporting checkpoint, head and lag', async () => {
    await appendSteps(events, simpleHistory(40))
    const r = runner(itemCountsProjection())
    const before = await r.status()
    assert.equal(before.state, 'stopped')
    assert.equal(before.lag, 40)
    await assert.rejects(new ReadModels(documents).collection('itemCounts', 'items'), ReadModelNotReady)

    r.start()
    await r.waitForCheckpoint(40)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))

    const head = await appendSteps(events, simpleHistory(25, 40))
    await r.waitForCheckpoint(head)
    await waitUntil(async () => (await r.status()).state === 'live')
    const status = await r.status()
    assert.equal(status.checkpoint, 65)
    assert.equal(status.headPosition, 65)
    assert.equal(status.lag, 0)
    assert.equal(status.lastError, null)
    assert.ok(status.eventsPerSecond > 0)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })

  it('advances the checkpoint past events it does not handle, so lag reflects the whole log', async () => {
    const noise = simpleHistory(12).map((s) => ({ ...s, type: 'Noise' as const }))
    await appendSteps(events, noise)
    const r = runner(itemCountsProjection())
    r.start()
    await r.waitForCheckpoint(12)
    const status = await r.status()
    assert.equal(status.lag, 0)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), { items: [], streams: [] })
  })

  it('stops on a throwing handler with the failing event in its status, keeping the last committed batch; a restart equals a clean run', async () => {
    await appendSteps(events, simpleHistory(50))
    const failAt = 27
    const failing = itemCountsProjection({
      beforeApply: (e: RecordedEvent) => {
        if (e.position === failAt) throw new Error('boom')
      },
    })
    // The first build goes through a rebuild (pages of 10); live batches are 10 too.
    const r = runner(failing, { rebuildPageSize: 10, batchSize: 10 })
    r.start()
    await waitUntil(async () => (await r.status()).state === 'failed')
    const status: ProjectionStatus = await r.status()
    const failedEvent = (await readWholeLog(events))[failAt - 1] as RecordedEvent
    assert.ok(status.lastError?.event)
    assert.equal(status.lastError.event.position, failAt)
    assert.equal(status.lastError.event.type, failedEvent.type)
    assert.equal(status.lastError.event.streamId, failedEvent.streamId)
    assert.match(status.lastError.event.error, /boom/)
    await r.stop()

    // The failed first build was never switched in: nothing serves reads, the build records the failure.
    assert.equal(await documents.collection(REGISTRY_COLLECTION).count({}), 0)
    const [build] = await documents.collection<BuildDocument>(BUILDS_COLLECTION).find({ projection: 'itemCounts' })
    assert.equal(build?.checkpoint, 20)
    assert.equal(build?.failure?.position, failAt)

    const fixed = runner(itemCountsProjection(), { rebuildPageSize: 10, batchSize: 10 })
    fixed.start()
    await fixed.waitForCheckpoint(50)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })

  it('a handler failing mid-batch while live leaves the read model as of the last committed batch', async () => {
    await appendSteps(events, simpleHistory(30))
    let armed = false
    const failAt = 47
    const projection = itemCountsProjection({
      beforeApply: (e) => {
        if (armed && e.position === failAt) throw new Error('live boom')
      },
    })
    const r = runner(projection, { batchSize: 10 })
    r.start()
    await r.waitForCheckpoint(30)
    armed = true
    // One append of 20 events arrives at once: live batches 31-40, 41-50 (fails at 47).
    await events.appendToStream('shop-9', simpleHistory(20, 100).map(stepEvent), { expectedRevision: 'any' })
    await waitUntil(async () => (await r.status()).state === 'failed')
    const status = await r.status()
    assert.equal(status.checkpoint, 40)
    assert.equal(status.lastError?.event?.position, failAt)
    assert.deepEqual(await dumpReadModel(documents, projection), foldItemCounts(await readWholeLog(events, 40)))
    await r.stop()

    armed = false
    r.start() // the same runner starts again once the cause is gone
    await r.waitForCheckpoint(50)
    assert.equal((await r.status()).lastError, null)
    assert.deepEqual(await dumpReadModel(documents, projection), foldItemCounts(await readWholeLog(events)))
  })

  it('retries with backoff, error in its status, when the event subscription ends under it', async () => {
    await appendSteps(events, simpleHistory(5))
    const r = runner(itemCountsProjection())
    r.start()
    await r.waitForCheckpoint(5)
    await events.close()
    await waitUntil(async () => /subscription ended/.test((await r.status()).lastError?.message ?? ''))
    assert.notEqual((await r.status()).state, 'failed', 'infrastructure errors are retried, not fatal')
  })

  it('a store outage inside a handler (a retryable store error) is retried, not a handler failure', async () => {
    await appendSteps(events, simpleHistory(20))
    let outages = 3
    const projection = itemCountsProjection({
      beforeApply: (e) => {
        if (e.position === 7 && outages > 0) {
          outages--
          throw Object.assign(new Error('store unavailable'), { retryable: true })
        }
      },
    })
    const r = runner(projection)
    r.start()
    await r.waitForCheckpoint(20)
    const status = await r.status()
    assert.notEqual(status.state, 'failed')
    assert.equal(outages, 0, 'the outage was hit and retried')
    assert.deepEqual(await dumpReadModel(documents, projection), foldItemCounts(await readWholeLog(events)))
  })

  it('falls back to apply() per event when applyBatch throws, and names the failing event', async () => {
    await appendSteps(events, simpleHistory(30))
    let failAt = 0
    const base = itemCountsProjection({
      beforeApply: (e) => {
        if (e.position === failAt) throw new Error('per-event boom')
      },
    })
    const batchBroken: Projection = {
      ...base,
      applyBatch: async () => {
        throw new Error('batch path broken')
      },
    }
    const r = runner(batchBroken, { batchSize: 10, rebuildPageSize: 10 })
    r.start()
    await r.waitForCheckpoint(30)
    assert.deepEqual(await dumpReadModel(documents, base), foldItemCounts(await readWholeLog(events)))

    failAt = 37
    await appendSteps(events, simpleHistory(10, 30))
    await waitUntil(async () => (await r.status()).state === 'failed')
    const status = await r.status()
    assert.equal(status.lastError?.event?.position, 37)
    assert.match(status.lastError?.event?.error ?? '', /per-event boom/)
    assert.ok(status.checkpoint >= 30 && status.checkpoint < 37)
    assert.deepEqual(
      await dumpReadModel(documents, base),
      foldItemCounts(await readWholeLog(events, status.checkpoint)),
    )
  })

  it('rebuilds blue/green when the code bumps the version: the old build serves until the switch, then is dropped', async () => {
    await appendSteps(events, simpleHistory(60))
    const v1 = runner(itemCountsProjection())
    v1.start()
    await v1.waitForCheckpoint(60)
    await v1.stop()
    const v1Model = await dumpReadModel(documents, itemCountsProjection())
    const v1Collections = (await new ReadModels(documents).active('itemCounts'))?.collections
    assert.ok(v1Collections)

    // v2 pauses before its fifth transaction (after four pages of 7), so the test can look at
    // what readers get meanwhile. (Not inside a transaction: the stores serialise readers with it.)
    let reachedGate: () => void = () => undefined
    const atGate = new Promise<void>((resolve) => {
      reachedGate = resolve
    })
    let openGate: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      openGate = resolve
    })
    const gated = new SeverableStore(documents)
    gated.beforeTransaction = async (n) => {
      if (n === 5) {
        reachedGate()
        await gate
      }
    }
    const pages: number[] = []
    const v2Projection = itemCountsProjection({ version: 2, qtyFactor: 10 })
    const v2 = runner(v2Projection, {
      documents: gated,
      rebuildPageSize: 7,
      onRebuildProgress: (p) => pages.push(p.position),
    })
    v2.start()
    await atGate
    const during = await v2.status()
    assert.equal(during.state, 'rebuilding')
    assert.equal(during.checkpoint, 28, 'four pages of 7 committed')
    assert.equal(during.rebuild?.head, 60)
    assert.equal(during.lag, 32)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), v1Model, 'readers still get v1')
    openGate()
    await v2.waitForCheckpoint(60)
    assert.deepEqual(pages.slice(0, 4), [0, 7, 14, 21])

    const active = await new ReadModels(documents).active('itemCounts')
    assert.equal(active?.version, 2)
    assert.deepEqual(await dumpReadModel(documents, v2Projection), foldItemCounts(await readWholeLog(events), 10))
    await waitUntil(async () => {
      const names = await documents.listCollections()
      return !Object.values(v1Collections).some((c) => names.includes(c))
    })
    assert.equal(await documents.collection(BUILDS_COLLECTION).count({ projection: 'itemCounts' }), 1)

    // And it goes on live with the new build.
    const head = await appendSteps(events, simpleHistory(5, 60))
    await v2.waitForCheckpoint(head)
    assert.deepEqual(await dumpReadModel(documents, v2Projection), foldItemCounts(await readWholeLog(events), 10))
  })

  it('refuses to run (state stopped) when the read model is at a newer version than its code', async () => {
    await appendSteps(events, simpleHistory(5))
    await rebuildProjection({ projection: itemCountsProjection({ version: 3 }), events, documents, clock })
    const old = runner(itemCountsProjection({ version: 2 }))
    old.start()
    await waitUntil(async () => (await old.status()).state === 'stopped')
    assert.match((await old.status()).lastError?.message ?? '', /version 3/)
    assert.equal((await new ReadModels(documents).active('itemCounts'))?.version, 3)
  })

  it('follows a build switched in by a rebuild elsewhere (the CLI) from that build’s checkpoint', async () => {
    await appendSteps(events, simpleHistory(30))
    const live = runner(itemCountsProjection())
    live.start()
    await live.waitForCheckpoint(30)
    const before = (await live.status()).buildId
    const appending = appendSteps(events, simpleHistory(30, 30))
    const rebuilt = await rebuildProjection({
      projection: itemCountsProjection(),
      events,
      documents,
      clock,
      pageSize: 4,
      retireDelayMs: 0,
    })
    await appending
    assert.notEqual(rebuilt.buildId, before)
    const head = await appendSteps(events, simpleHistory(5, 60))
    await waitUntil(async () => (await live.status()).buildId === rebuilt.buildId)
    await live.waitForCheckpoint(head)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })
})
