// Two instances of one projection on one store: one processes, the other stands by, and when
// the first dies (or pauses past its lease) the second continues from the checkpoint with no
// event applied twice.
import assert from 'node:assert/strict'
import { ManualClock } from '../../../application/leases/clock.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../../projections/projectionRunner.js'
import { foldItemCounts, readWholeLog } from './support/itemCountsFold.js'
import { itemCountsProjection } from './support/itemCountsProjection.js'
import { dumpReadModel } from './support/readModelDump.js'
import { SeverableStore } from './support/severableStore.js'
import { appendSteps, simpleHistory } from './support/testEvents.js'
import { waitUntil } from './support/waitUntil.js'

describe('projection leases: one active instance', () => {
  const ttlMs = 1000
  let events: MemoryEventStore
  let documents: MemoryDocumentStore
  let clock: ManualClock
  let running: ProjectionRunner[]
  let applied: Record<string, number[]>

  const instance = (holder: string, extra: Partial<ProjectionRunnerOptions> = {}) => {
    applied[holder] = []
    const r = new ProjectionRunner({
      projection: itemCountsProjection({ beforeApply: (e) => void applied[holder]?.push(e.position) }),
      events,
      documents,
      clock,
      holder,
      leaseTtlMs: ttlMs,
      leaseRenewMs: 5,
      leaseRetryMs: 5,
      retryDelayMs: 5,
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
    applied = {}
  })

  afterEach(async () => {
    await Promise.all(running.map((r) => r.stop()))
  })

  it('lets only the lease holder process; after the holder dies the standby takes over at expiry', async () => {
    await appendSteps(events, simpleHistory(30))
    const aStore = new SeverableStore(documents)
    const a = instance('a', { documents: aStore })
    const b = instance('b')
    a.start()
    await a.waitForCheckpoint(30)
    b.start()
    await appendSteps(events, simpleHistory(10, 30))
    await a.waitForCheckpoint(40)
    await new Promise((r) => setTimeout(r, 30))
    assert.equal((await b.status()).state, 'standby')
    assert.equal((await a.status()).state, 'live')
    assert.deepEqual(applied.b, [], 'the standby applied nothing')

    aStore.sever() // a is dead to the store: no renewals, no commits
    await appendSteps(events, simpleHistory(10, 40))
    await new Promise((r) => setTimeout(r, 30))
    assert.equal((await b.status()).state, 'standby', 'b waits for the lease to expire')
    clock.advance(ttlMs)
    await b.waitForCheckpoint(50)
    assert.equal((await b.status()).checkpoint, 50)
    assert.ok(
      (applied.b ?? []).every((p) => p > 40),
      'b continued from the checkpoint',
    )
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })

  it('a holder paused past its lease cannot commit the batch the new holder already applied', async () => {
    await appendSteps(events, simpleHistory(20))
    const aStore = new SeverableStore(documents)
    // a renews so rarely that, once paused, its lease runs out (as in a long GC or VM pause).
    const a = instance('a', { documents: aStore, leaseRenewMs: 60_000 })
    const b = instance('b')
    a.start()
    await a.waitForCheckpoint(20)
    b.start()

    let paused: () => void = () => undefined
    const atPause = new Promise<void>((resolve) => {
      paused = resolve
    })
    let resume: () => void = () => undefined
    const resumed = new Promise<void>((resolve) => {
      resume = resolve
    })
    aStore.beforeTransaction = async () => {
      aStore.beforeTransaction = null
      paused()
      await resumed
    }
    await appendSteps(events, simpleHistory(10, 20))
    await atPause // a holds events 21..30 in a batch, not yet committed

    clock.advance(ttlMs)
    await b.waitForCheckpoint(30)
    resume() // a wakes up and tries to commit 21..30 again
    await waitUntil(async () => (await a.status()).state === 'standby')
    assert.match((await a.status()).lastError?.message ?? '', /checkpoint is no longer 20/, 'a was fenced out')
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))

    await appendSteps(events, simpleHistory(5, 30))
    await b.waitForCheckpoint(35)
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })

  it('hands over at once when the holder stops cleanly (it releases the lease)', async () => {
    await appendSteps(events, simpleHistory(10))
    const a = instance('a')
    const b = instance('b')
    a.start()
    await a.waitForCheckpoint(10)
    b.start()
    await a.stop()
    await appendSteps(events, simpleHistory(5, 10))
    await b.waitForCheckpoint(15) // no clock advance needed
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })
})
