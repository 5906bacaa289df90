import assert from 'node:assert/strict'
import { ManualClock } from '../../../application/leases/clock.js'
import { Lease } from '../../../application/leases/lease.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { BUILDS_COLLECTION } from '../../../projections/projectionBuilds.js'
import {
  RebuildAborted,
  RebuildInProgress,
  type RebuildProgress,
  rebuildLeaseName,
  rebuildProjection,
} from '../../../projections/rebuild.js'
import { foldItemCounts, readWholeLog } from './support/itemCountsFold.js'
import { itemCountsProjection } from './support/itemCountsProjection.js'
import { dumpReadModel } from './support/readModelDump.js'
import { appendSteps, simpleHistory } from './support/testEvents.js'

describe('rebuildProjection', () => {
  let events: MemoryEventStore
  let documents: MemoryDocumentStore
  let clock: ManualClock

  beforeEach(() => {
    events = new MemoryEventStore()
    documents = new MemoryDocumentStore()
    clock = new ManualClock()
  })

  it('replays the log in pages into a fresh build, reports progress and switches readers to it', async () => {
    await appendSteps(events, simpleHistory(45))
    const progress: RebuildProgress[] = []
    const result = await rebuildProjection({
      projection: itemCountsProjection(),
      events,
      documents,
      clock,
      pageSize: 10,
      onProgress: (p) => progress.push(p),
    })
    assert.equal(result.events, 45)
    assert.equal(result.checkpoint, 45)
    assert.equal(result.previous, null)
    assert.ok(result.seconds >= 0)
    assert.deepEqual(
      progress.map((p) => [p.phase, p.events, p.position, p.head]),
      [
        ['replaying', 0, 0, 45],
        ['replaying', 10, 10, 45],
        ['replaying', 20, 20, 45],
        ['replaying', 30, 30, 45],
        ['replaying', 40, 40, 45],
        ['replaying', 45, 45, 45],
        ['switched', 45, 45, 45],
      ],
    )
    const active = await new ReadModels(documents).active('itemCounts')
    assert.equal(active?.buildId, result.buildId)
    assert.deepEqual(active?.collections, {
      items: `itemCounts.items.v1.${result.buildId}`,
      streams: `itemCounts.streams.v1.${result.buildId}`,
    })
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })

  it('replaces the previous build and drops it after the switch', async () => {
    await appendSteps(events, simpleHistory(20))
    const first = await rebuildProjection({ projection: itemCountsProjection(), events, documents, clock })
    await appendSteps(events, simpleHistory(20, 20))
    const second = await rebuildProjection({
      projection: itemCountsProjection(),
      events,
      documents,
      clock,
      retireDelayMs: 0,
    })
    assert.deepEqual(second.previous, { version: 1, buildId: first.buildId })
    assert.equal(second.events, 40)
    const names = await documents.listCollections()
    assert.ok(!names.some((n) => n.endsWith(first.buildId)), 'old physical collections dropped')
    assert.equal(await documents.collection(BUILDS_COLLECTION).count({ buildId: first.buildId }), 0)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })

  it('refuses to run while another process holds the rebuild lease', async () => {
    await new Lease(documents, rebuildLeaseName('itemCounts'), 'other-host:1', { ttlMs: 30_000, clock }).tryAcquire()
    await assert.rejects(
      rebuildProjection({ projection: itemCountsProjection(), events, documents, clock }),
      (e: unknown) => e instanceof RebuildInProgress && e.holder === 'other-host:1',
    )
  })

  it('when aborted leaves readers on the old build; a resumed rebuild continues from the unfinished build’s checkpoint', async () => {
    await appendSteps(events, simpleHistory(10))
    const old = await rebuildProjection({ projection: itemCountsProjection(), events, documents, clock })
    await appendSteps(events, simpleHistory(40, 10))
    const controller = new AbortController()
    await assert.rejects(
      rebuildProjection({
        projection: itemCountsProjection(),
        events,
        documents,
        clock,
        pageSize: 10,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.position >= 20) controller.abort()
        },
      }),
      RebuildAborted,
    )
    assert.equal((await new ReadModels(documents).active('itemCounts'))?.buildId, old.buildId)

    const resumed = await rebuildProjection({
      projection: itemCountsProjection(),
      events,
      documents,
      clock,
      pageSize: 10,
      resume: true,
      retireDelayMs: 0,
    })
    assert.equal(resumed.events, 30, 'positions 21..50 only')
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
    assert.equal(await documents.collection(BUILDS_COLLECTION).count({ projection: 'itemCounts' }), 1)
  })

  it('without resume starts over and drops the unfinished build', async () => {
    await appendSteps(events, simpleHistory(30))
    const controller = new AbortController()
    await assert.rejects(
      rebuildProjection({
        projection: itemCountsProjection(),
        events,
        documents,
        clock,
        pageSize: 10,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.position >= 10) controller.abort()
        },
      }),
      RebuildAborted,
    )
    const fresh = await rebuildProjection({
      projection: itemCountsProjection(),
      events,
      documents,
      clock,
      pageSize: 10,
    })
    assert.equal(fresh.events, 30)
    const names = await documents.listCollections()
    assert.ok(names.filter((n) => n.startsWith('itemCounts.')).every((n) => n.endsWith(fresh.buildId)))
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })

  it('rebuilds an empty log into an empty, registered read model', async () => {
    const result = await rebuildProjection({ projection: itemCountsProjection(), events, documents, clock })
    assert.equal(result.events, 0)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), { items: [], streams: [] })
  })
})
