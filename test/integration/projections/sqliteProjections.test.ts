// The projection engine on the embedded SQLite stores, including real processes that are
// killed: a crash mid-batch never double-applies, and a standby process takes over a killed
// lease holder from its checkpoint.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LEASES_COLLECTION, Lease, type LeaseDocument } from '../../../application/leases/lease.js'
import { SqliteDocumentStore } from '../../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { activeRegistryEntry, buildKey, loadBuild } from '../../../projections/projectionBuilds.js'
import { ProjectionRunner } from '../../../projections/projectionRunner.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { streamIndexProjection } from '../../../projections/streamIndex/streamIndexProjection.js'
import { foldItemCounts, readWholeLog } from '../../unit/projections/support/itemCountsFold.js'
import { itemCountsProjection } from '../../unit/projections/support/itemCountsProjection.js'
import { dumpReadModel } from '../../unit/projections/support/readModelDump.js'
import { appendSteps, simpleHistory } from '../../unit/projections/support/testEvents.js'
import { waitUntil } from '../../unit/projections/support/waitUntil.js'
import { type Child, spawnTs } from './support/childProcesses.js'

const PROCESS = 'test/integration/projections/support/projectionProcess.ts'

describe('projections on SQLite', function () {
  this.timeout(60_000)
  let dir: string
  let events: SqliteEventStore
  let documents: SqliteDocumentStore
  let children: Child[]

  const checkpointOf = async (name: string): Promise<number> => {
    const entry = await activeRegistryEntry(documents, name)
    if (!entry) return 0
    return (await loadBuild(documents, buildKey(name, entry.version, entry.buildId)))?.checkpoint ?? 0
  }
  const holderOf = async (name: string) =>
    (await documents.collection<LeaseDocument>(LEASES_COLLECTION).findOne({ _id: `projection:${name}` }))?.holder

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projections-'))
    events = new SqliteEventStore(join(dir, 'events.sqlite'), { synchronous: 'NORMAL', pollIntervalMs: 10 })
    documents = new SqliteDocumentStore(join(dir, 'readmodels.sqlite'))
    children = []
  })

  afterEach(async () => {
    for (const c of children) c.process.kill('SIGKILL')
    await Promise.all(children.map((c) => c.exited))
    await events.close()
    await documents.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a rebuild gives exactly the live result (every document of every collection)', async () => {
    const projections = [itemCountsProjection(), streamIndexProjection]
    const runners = projections.map(
      (projection) =>
        new ProjectionRunner({ projection, events, documents, batchSize: 50, idleFlushMs: 2, retireDelayMs: 0 }),
    )
    for (const r of runners) r.start()
    try {
      for (let chunk = 0; chunk < 10; chunk++) await appendSteps(events, simpleHistory(150, chunk * 150))
      const head = await events.headPosition()
      await Promise.all(runners.map((r) => r.waitForCheckpoint(head)))
    } finally {
      await Promise.all(runners.map((r) => r.stop()))
    }
    const live = await Promise.all(projections.map((p) => dumpReadModel(documents, p)))
    assert.deepEqual(live[0], foldItemCounts(await readWholeLog(events)))
    assert.equal(live[1]?.streams?.length, 3)
    for (const projection of projections)
      await rebuildProjection({ projection, events, documents, pageSize: 97, retireDelayMs: 0 })
    assert.deepEqual(await Promise.all(projections.map((p) => dumpReadModel(documents, p))), live)
  })

  it('a process killed in the middle of a batch leaves the last committed batch; a restart equals a clean run', async () => {
    await appendSteps(events, simpleHistory(100))
    const first = new ProjectionRunner({ projection: itemCountsProjection(), events, documents, retireDelayMs: 0 })
    first.start()
    await first.waitForCheckpoint(100)
    await first.stop()
    await appendSteps(events, simpleHistory(100, 100))

    const crashing = spawnTs(PROCESS, { DATA_DIR: dir, CRASH_AT: '175', BATCH: '30', HOLDER: 'crashing' })
    children.push(crashing)
    assert.equal((await crashing.exited).signal, 'SIGKILL')
    assert.ok(crashing.applied().includes(174), 'it was inside the batch holding 175')

    const checkpoint = await checkpointOf('itemCounts')
    assert.ok(checkpoint >= 100 && checkpoint < 175, `checkpoint ${checkpoint}`)
    assert.deepEqual(
      await dumpReadModel(documents, itemCountsProjection()),
      foldItemCounts(await readWholeLog(events, checkpoint)),
      'nothing of the killed batch is visible',
    )

    // The killed process's lease is still there; a restart under the same holder id continues at once.
    const restarted = new ProjectionRunner({
      projection: itemCountsProjection(),
      events,
      documents,
      holder: 'crashing',
      retireDelayMs: 0,
    })
    restarted.start()
    await restarted.waitForCheckpoint(200)
    await restarted.stop()
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
  })

  it('two processes: one processes, the other stands by and takes over after the holder is killed', async () => {
    await appendSteps(events, simpleHistory(100))
    const a = spawnTs(PROCESS, { DATA_DIR: dir, HOLDER: 'a', BATCH: '20' })
    children.push(a)
    await waitUntil(async () => (await checkpointOf('itemCounts')) === 100, 30_000)
    const b = spawnTs(PROCESS, { DATA_DIR: dir, HOLDER: 'b', BATCH: '20' })
    children.push(b)
    await waitUntil(() => b.stdout.includes('started'), 30_000)
    await appendSteps(events, simpleHistory(50, 100))
    await waitUntil(async () => (await checkpointOf('itemCounts')) === 150, 30_000)
    assert.equal(await holderOf('itemCounts'), 'a')
    assert.deepEqual(b.applied(), [], 'the standby applied nothing while a held the lease')

    a.process.kill('SIGKILL')
    await a.exited
    await appendSteps(events, simpleHistory(50, 150))
    await waitUntil(async () => (await checkpointOf('itemCounts')) === 200, 30_000)
    assert.equal(await holderOf('itemCounts'), 'b')
    assert.ok(
      b.applied().every((p) => p > 150),
      'b continued from the checkpoint',
    )
    assert.deepEqual(await dumpReadModel(documents, itemCountsProjection()), foldItemCounts(await readWholeLog(events)))
    assert.equal(
      await new Lease(documents, 'projection:itemCounts', 'x', { ttlMs: 1, clock: { now: Date.now } }).currentHolder(),
      'b',
    )
  })
})
