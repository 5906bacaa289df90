// The projection engine on the production read-model adapter: ProjectionRunner and rebuild
// writing through MongoDocumentStore and the real `mongodb` driver to the MongoDB stand-in
// (session transactions, retryable writes, cursors over TCP). Every built-in projection is run
// over a realistic service-network history and must give exactly what the memory store gives;
// a rebuild must give exactly what the live run gave; dropped connections must change nothing.
import assert from 'node:assert/strict'
import type { DocumentStore } from '../../../application/ports/documentStore.js'
import type { EventStore } from '../../../application/ports/eventStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import type { Projection } from '../../../projections/projection.js'
import { ProjectionRunner } from '../../../projections/projectionRunner.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { builtInProjections } from '../../../projections/registry.js'
import { streamIndexProjection } from '../../../projections/streamIndex/streamIndexProjection.js'
import { MongoStandIn } from '../../support/mongoStandIn/mongoStandIn.js'
import { project } from '../../unit/projections/serviceNetwork/support/project.js'
import { foldItemCounts, readWholeLog } from '../../unit/projections/support/itemCountsFold.js'
import { itemCountsProjection } from '../../unit/projections/support/itemCountsProjection.js'
import { dumpReadModel } from '../../unit/projections/support/readModelDump.js'
import { appendSteps, simpleHistory } from '../../unit/projections/support/testEvents.js'
import { networkHistory } from './support/networkHistory.js'
import { openStandInStore, type StandInStore } from './support/standInStore.js'

// Quick heartbeats: after a dropped connection the driver waits for one before using the server again.
const CLIENT = { serverSelectionTimeoutMS: 2000, minHeartbeatFrequencyMS: 50 }

function runnersFor(
  projections: readonly Projection[],
  events: EventStore,
  documents: DocumentStore,
  batchSize: number,
) {
  return projections.map(
    (projection) =>
      new ProjectionRunner({
        projection,
        events,
        documents,
        batchSize,
        idleFlushMs: 2,
        retireDelayMs: 0,
        retryDelayMs: 20,
        leaseRetryMs: 50,
      }),
  )
}

async function caughtUp(runners: readonly ProjectionRunner[], events: EventStore): Promise<void> {
  const head = await events.headPosition()
  await Promise.all(runners.map((r) => r.waitForCheckpoint(head, 30_000)))
}

async function rebuildAll(projections: readonly Projection[], events: EventStore, documents: DocumentStore) {
  for (const projection of projections)
    await rebuildProjection({ projection, events, documents, pageSize: 97, retireDelayMs: 0 })
}

describe('projections on MongoDB (real driver, MongoDB stand-in)', function () {
  this.timeout(60_000)
  let standIn: MongoStandIn
  let subject: StandInStore

  before(async () => {
    standIn = await MongoStandIn.start()
  })
  after(async () => {
    await standIn.stop()
  })
  beforeEach(async () => {
    subject = await openStandInStore(standIn, CLIENT, { transactionTimeoutMs: 10_000 })
  })
  afterEach(async () => {
    standIn.failCommand({ mode: 'off', data: { failCommands: [] } })
    await subject.close()
  })

  it('live runners give the fold of the log exactly once, and a rebuild gives the same documents', async () => {
    const events = new MemoryEventStore()
    const projections = [itemCountsProjection(), streamIndexProjection]
    const runners = runnersFor(projections, events, subject.store, 50)
    for (const r of runners) r.start()
    try {
      for (let chunk = 0; chunk < 6; chunk++) await appendSteps(events, simpleHistory(100, chunk * 100))
      await caughtUp(runners, events)
    } finally {
      await Promise.all(runners.map((r) => r.stop()))
    }
    const live = await Promise.all(projections.map((p) => dumpReadModel(subject.store, p)))
    assert.deepEqual(live[0], foldItemCounts(await readWholeLog(events)))
    assert.equal(live[1]?.streams?.length, 3)
    await rebuildAll(projections, events, subject.store)
    assert.deepEqual(await Promise.all(projections.map((p) => dumpReadModel(subject.store, p))), live)
    assert.equal(standIn.openTransactions, 0)
  })

  it('connections dropped mid-batch and acknowledgements lost on commit: nothing applied twice, nothing lost', async () => {
    const events = new MemoryEventStore()
    const projection = itemCountsProjection()
    const [runner] = runnersFor([projection], events, subject.store, 20)
    if (!runner) throw new Error('no runner')
    runner.start()
    try {
      await appendSteps(events, simpleHistory(100))
      await caughtUp([runner], events)
      // A statement of a batch loses its connection (the batch is re-run whole)...
      const hits = standIn.failPointHits
      standIn.failCommand({ mode: { times: 3 }, data: { failCommands: ['update'], closeConnection: true } })
      await appendSteps(events, simpleHistory(100, 100))
      await caughtUp([runner], events)
      assert.equal(standIn.failPointHits, hits + 3)
      // ...a batch commits but its acknowledgement is lost (the retried commit is recognised)...
      standIn.failCommand({
        mode: { times: 2 },
        data: { failCommands: ['commitTransaction'], closeConnectionAfterWrite: true },
      })
      await appendSteps(events, simpleHistory(100, 200))
      await caughtUp([runner], events)
      assert.equal(standIn.failPointHits, hits + 5)
      // ...and every connection drops at once while the runner works.
      const writing = appendSteps(events, simpleHistory(100, 300))
      setTimeout(() => standIn.dropConnections(), 5)
      await writing
      await caughtUp([runner], events)
      const status = await runner.status()
      assert.notEqual(status.state, 'failed', status.lastError?.message)
    } finally {
      await runner.stop()
    }
    assert.deepEqual(await dumpReadModel(subject.store, projection), foldItemCounts(await readWholeLog(events)))
  })

  describe('every built-in projection over a service-network history', () => {
    const live = new Map<string, unknown>()
    const rebuilt = new Map<string, unknown>()
    const reference = new Map<string, unknown>()
    let events = 0

    before(async function () {
      this.timeout(60_000)
      const history = await networkHistory()
      const documents = (await openStandInStore(standIn, CLIENT, { transactionTimeoutMs: 10_000 })).store
      try {
        // Live: runners follow the log while it is written, in small batches.
        const runners = runnersFor(builtInProjections, history.log.events, documents, 7)
        for (const r of runners) r.start()
        try {
          for (let chunk = 0; chunk < 6; chunk++) {
            await history.grow(60)
            if (chunk % 2 === 0) await caughtUp(runners, history.log.events)
          }
          await caughtUp(runners, history.log.events)
        } finally {
          await Promise.all(runners.map((r) => r.stop()))
        }
        for (const p of builtInProjections) live.set(p.name, await dumpReadModel(documents, p))
        await rebuildAll(builtInProjections, history.log.events, documents)
        for (const p of builtInProjections) rebuilt.set(p.name, await dumpReadModel(documents, p))
      } finally {
        await documents.close()
      }
      // The same log through the memory store, the reference the unit tests already trust.
      const memory = await project(history.log.events, builtInProjections)
      for (const p of builtInProjections) reference.set(p.name, await dumpReadModel(memory.documents, p))
      events = await history.events()
    })

    it('the history is realistic: hundreds of events, bookings on calendars', () => {
      assert.ok(events > 300, `events: ${events}`)
      const calendar = reference.get('calendar') as { entries?: unknown[] } | undefined
      assert.ok((calendar?.entries?.length ?? 0) >= 10, 'bookings reached the calendar')
    })

    for (const projection of builtInProjections) {
      it(`${projection.name}: live on MongoDB equals the memory store's, and its rebuild on MongoDB equals live`, () => {
        const expected = reference.get(projection.name) as Record<string, unknown[]>
        assert.ok(
          Object.values(expected).some((docs) => docs.length > 0),
          'the history gives this projection something to do',
        )
        assert.deepEqual(live.get(projection.name), expected)
        assert.deepEqual(rebuilt.get(projection.name), live.get(projection.name))
      })
    }
  })
})
