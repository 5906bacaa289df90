// The projection engine on the production read-model adapter: ProjectionRunner and rebuild
// writing through MongoDocumentStore and the real `mongodb` driver to the MongoDB stand-in
// (session transactions, retryable writes, cursors over TCP), and to a real server as well when
// MONGO_URL is set (a printed skip otherwise). Every built-in projection is run over two histories,
// a generated service-network one and the whole platform written through its application services
// (work orders, equipment, stock, customers, contracts, tickets, billing), and must give exactly
// what the embedded memory and SQLite stores give; every projection must be filled by one of
// them; a rebuild must give exactly what the live run gave; dropped connections (stand-in only: they need its fail points) must change nothing.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { DocumentStore } from '../../../application/ports/documentStore.js'
import type { EventStore } from '../../../application/ports/eventStore.js'
import { eventCatalogue } from '../../../infrastructure/composition.js'
import { SqliteDocumentStore } from '../../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import type { Projection } from '../../../projections/projection.js'
import { ProjectionRunner, type ProjectionStatus } from '../../../projections/projectionRunner.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { builtInProjections } from '../../../projections/registry.js'
import { builtInReportDefinitions } from '../../../projections/reports/builtIn/builtInReports.js'
import { CUSTOM_PROJECTIONS_DIR, loadCustomProjections } from '../../../projections/reports/customProjections.js'
import { ReportLanguage } from '../../../projections/reports/reportLanguage.js'
import { streamIndexProjection } from '../../../projections/streamIndex/streamIndexProjection.js'
import { MongoStandIn } from '../../support/mongoStandIn/mongoStandIn.js'
import { project } from '../../unit/projections/serviceNetwork/support/project.js'
import { foldItemCounts, readWholeLog } from '../../unit/projections/support/itemCountsFold.js'
import { itemCountsProjection } from '../../unit/projections/support/itemCountsProjection.js'
import { dumpReadModel } from '../../unit/projections/support/readModelDump.js'
import { appendSteps, simpleHistory } from '../../unit/projections/support/testEvents.js'
import { waitUntil } from '../../unit/projections/support/waitUntil.js'
import { networkHistory } from './support/networkHistory.js'
import { platformHistory } from './support/platformHistory.js'
import { openMongoStore, openStandInStore, type StandInStore } from './support/standInStore.js'

// Quick heartbeats: after a dropped connection the driver waits for one before using the server again.
const CLIENT = { serverSelectionTimeoutMS: 2000, minHeartbeatFrequencyMS: 50 }

/**
 * Every projection the application runs: the built-in read models, the built-in reports compiled
 * from their definitions, and the custom TypeScript projections of projections/custom (as the
 * report runtime loads them; one whose name is taken is left out there and here).
 */
const reportLanguage = new ReportLanguage(eventCatalogue())
const customProjections = await loadCustomProjections(
  CUSTOM_PROJECTIONS_DIR,
  builtInProjections.map((p) => p.name),
)
const ALL_PROJECTIONS: readonly Projection[] = [
  ...builtInProjections,
  ...builtInReportDefinitions.map((d) => reportLanguage.compile(d, d.version ?? 1, true).projection),
  ...customProjections.projections,
]

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

/** Runners follow a log of item events; the read model must be its fold, and a rebuild must equal it. */
async function engineRun(documents: DocumentStore): Promise<void> {
  const events = new MemoryEventStore()
  const projections = [itemCountsProjection(), streamIndexProjection]
  const runners = runnersFor(projections, events, documents, 50)
  for (const r of runners) r.start()
  try {
    for (let chunk = 0; chunk < 6; chunk++) await appendSteps(events, simpleHistory(100, chunk * 100))
    await caughtUp(runners, events)
  } finally {
    await Promise.all(runners.map((r) => r.stop()))
  }
  const live = await Promise.all(projections.map((p) => dumpReadModel(documents, p)))
  assert.deepEqual(live[0], foldItemCounts(await readWholeLog(events)))
  assert.equal(live[1]?.streams?.length, 3)
  await rebuildAll(projections, events, documents)
  assert.deepEqual(await Promise.all(projections.map((p) => dumpReadModel(documents, p))), live)
}

/**
 * The engine and every built-in projection against one MongoDB (the stand-in in `npm test`, a
 * real server too when MONGO_URL is set): what needs no fault injection.
 */
function projectionSuite(label: string, url: () => string): void {
  describe(`projections on ${label} (MongoDocumentStore, real driver)`, function () {
    this.timeout(60_000)
    const open = () => openMongoStore(url(), CLIENT, { transactionTimeoutMs: 10_000 })

    it('live runners give the fold of the log exactly once, and a rebuild gives the same documents', async () => {
      const subject = await open()
      try {
        await engineRun(subject.store)
      } finally {
        await subject.close()
      }
    })

    // Projections whose read model some history filled, on every store alike.
    const exercised = new Set<string>()

    historySuite(
      'a service-network history (points, catalogue, bookings and their lives)',
      open,
      exercised,
      async () => {
        const history = await networkHistory()
        return {
          events: history.log.events,
          // In chunks, the runners sometimes caught up between them and sometimes behind.
          async write(caughtUp) {
            for (let chunk = 0; chunk < 6; chunk++) {
              await history.grow(60)
              if (chunk % 2 === 0) await caughtUp()
            }
          },
        }
      },
      (reference, events) => {
        assert.ok(events > 300, `events: ${events}`)
        const calendar = reference.get('calendar') as { entries?: unknown[] } | undefined
        assert.ok((calendar?.entries?.length ?? 0) >= 10, 'bookings reached the calendar')
      },
    )

    historySuite(
      'the platform written through its services (work orders, equipment, stock, customers, contracts, tickets, billing)',
      open,
      exercised,
      async () => {
        const history = platformHistory()
        return { events: history.events, write: () => history.write() }
      },
      (_reference, _events, log) => {
        for (const type of [
          'WorkOrderOpened',
          'EquipmentRegistered',
          'StockReceived',
          'CustomerRegistered',
          'FleetRegistered',
          'ContractSigned',
          'TicketOpened',
          'TicketResolved',
          'TicketConvertedToWorkOrder',
          'WorkOrderTicketLinked',
          'ContractCoverageClaimed',
          'ContractMonthBilled',
        ])
          assert.ok(log.has(type), `the history has ${type}`)
      },
    )

    describe('coverage', () => {
      it('every projection (read models, built-in reports, custom projections) has documents on MongoDB from at least one history', () => {
        const missing = ALL_PROJECTIONS.map((p) => p.name).filter((name) => !exercised.has(name))
        assert.deepEqual(missing, [], `projections no history exercises: ${missing.join(', ')}`)
      })
    })
  })
}

interface History {
  readonly events: EventStore
  /** Writes the history while runners follow it; `caughtUp` waits for them to reach the head. */
  readonly write: (caughtUp: () => Promise<void>) => Promise<void>
}

/**
 * Every built-in projection over one history: live runners on MongoDB while it is written, then a
 * rebuild on MongoDB, against the same log rebuilt on the embedded stores (memory and SQLite).
 */
function historySuite(
  title: string,
  open: () => Promise<StandInStore>,
  exercised: Set<string>,
  makeHistory: () => Promise<History>,
  realistic: (reference: Map<string, unknown>, events: number, types: ReadonlySet<string>) => void,
): void {
  describe(`every built-in projection over ${title}`, () => {
    const live = new Map<string, unknown>()
    const rebuilt = new Map<string, unknown>()
    const reference = new Map<string, unknown>()
    const onSqlite = new Map<string, unknown>()
    const types = new Set<string>()
    let events = 0
    let dir = ''

    before(async function () {
      this.timeout(120_000)
      const history = await makeHistory()
      const log = history.events
      const target = await open()
      const documents = target.store
      try {
        // Live: runners follow the log while it is written, in small batches.
        const runners = runnersFor(ALL_PROJECTIONS, log, documents, 7)
        for (const r of runners) r.start()
        try {
          await history.write(() => caughtUp(runners, log))
          await caughtUp(runners, log)
        } finally {
          await Promise.all(runners.map((r) => r.stop()))
        }
        for (const p of ALL_PROJECTIONS) live.set(p.name, await dumpReadModel(documents, p))
        await rebuildAll(ALL_PROJECTIONS, log, documents)
        for (const p of ALL_PROJECTIONS) rebuilt.set(p.name, await dumpReadModel(documents, p))
      } finally {
        await target.close()
      }
      // The same log through the embedded stores: memory (the reference the unit tests trust) and SQLite.
      const memory = await project(log, ALL_PROJECTIONS)
      for (const p of ALL_PROJECTIONS) reference.set(p.name, await dumpReadModel(memory.documents, p))
      dir = await mkdtemp(join(tmpdir(), 'mongo-projections-'))
      const sqlite = new SqliteDocumentStore(join(dir, 'readmodels.sqlite'))
      try {
        await project(log, ALL_PROJECTIONS, sqlite)
        for (const p of ALL_PROJECTIONS) onSqlite.set(p.name, await dumpReadModel(sqlite, p))
      } finally {
        await sqlite.close()
      }
      for (const e of await readWholeLog(log)) types.add(e.type)
      events = await log.headPosition()
    })

    after(async () => {
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    it('the history is realistic', () => {
      realistic(reference, events, types)
    })

    for (const projection of ALL_PROJECTIONS) {
      it(`${projection.name}: live on MongoDB equals the memory and SQLite stores, and its rebuild on MongoDB equals live`, () => {
        const expected = reference.get(projection.name) as Record<string, unknown[]>
        assert.deepEqual(onSqlite.get(projection.name), expected, 'SQLite and memory agree')
        assert.deepEqual(live.get(projection.name), expected)
        assert.deepEqual(rebuilt.get(projection.name), live.get(projection.name))
        if (Object.values(expected).some((docs) => docs.length > 0)) exercised.add(projection.name)
      })
    }
  })
}

let standIn: MongoStandIn

describe('MongoDB stand-in for the projection tests', () => {
  before(async () => {
    standIn = await MongoStandIn.start()
  })
  after(async () => {
    await standIn.stop()
  })

  projectionSuite('the MongoDB stand-in', () => standIn.url())

  describe('projections when connections fail (stand-in fail points)', function () {
    this.timeout(60_000)
    let subject: StandInStore

    beforeEach(async () => {
      subject = await openStandInStore(standIn, CLIENT, { transactionTimeoutMs: 10_000 })
    })
    afterEach(async () => {
      standIn.failCommand({ mode: 'off', data: { failCommands: [] } })
      await subject.close()
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

    it('no primary, in the middle of a handler, for longer than a transaction retries: the runner waits and carries on', async () => {
      // The transaction cut off by the outage stays open on the server, holding its documents,
      // until the server's transaction reaper ends it (60 s on MongoDB, 500 ms on this stand-in);
      // meanwhile the runner's retries meet WriteConflict and back off.
      const server = await MongoStandIn.start({ transactionLifetimeMs: 500 })
      // A store that gives up on a transaction quickly, so the outage outlasts its retries.
      const impatient = await openStandInStore(
        server,
        { ...CLIENT, serverSelectionTimeoutMS: 200 },
        { transactionTimeoutMs: 300 },
      )
      const events = new MemoryEventStore()
      let outage: Promise<void> | null = null
      const projection = itemCountsProjection({
        beforeApply: async (event) => {
          if (event.position < 130 || outage) return
          // The server stops answering hello (as a node shutting down does) and drops every
          // connection: the driver finds no primary, so the handler's next write fails in server
          // selection, inside the batch's transaction, and the engine wraps that failure as the
          // handler's. It must still come out as DocumentStoreUnavailable, not a failed projection.
          server.failCommand({ mode: 'alwaysOn', data: { failCommands: ['hello', 'isMaster'], errorCode: 91 } })
          server.dropConnections()
          // Let the driver notice first (a ping on the dead connection marks the server unknown),
          // so the handler's write fails in server selection, which the driver does not label.
          await impatient.store.ping().catch(() => undefined)
          outage = sleep(1000).then(() => server.failCommand({ mode: 'off', data: { failCommands: [] } }))
        },
      })
      const [runner] = runnersFor([projection], events, impatient.store, 20)
      if (!runner) throw new Error('no runner')
      runner.start()
      try {
        // Live first (the batch path), not in the initial rebuild.
        await appendSteps(events, simpleHistory(100))
        await caughtUp([runner], events)
        await appendSteps(events, simpleHistory(50, 100))
        await waitUntil(() => outage !== null, 10_000)
        // status() reads the stored checkpoint when the runner holds no build: it may fail meanwhile too.
        let during: ProjectionStatus | null = null
        await waitUntil(async () => {
          during = await runner.status().catch(() => null)
          return during?.lastError != null
        }, 10_000)
        const seen = during as ProjectionStatus | null
        assert.notEqual(seen?.state, 'failed', seen?.lastError?.message)
        assert.match(seen?.lastError?.message ?? '', /unavailable/i)
        await outage
        await caughtUp([runner], events)
        assert.notEqual((await runner.status()).state, 'failed')
      } finally {
        await runner.stop()
      }
      assert.deepEqual(await dumpReadModel(impatient.store, projection), foldItemCounts(await readWholeLog(events)))
      await impatient.close()
      await server.stop()
    })
  })
})

const mongoUrl = process.env.MONGO_URL
if (mongoUrl) projectionSuite('the MongoDB server at MONGO_URL', () => mongoUrl)
else
  describe('projections on the MongoDB server at MONGO_URL', () => {
    it('is skipped: MONGO_URL is not set', function () {
      console.log('      projections on a real MongoDB skipped: MONGO_URL not set (see docs/operations.md)')
      this.skip()
    })
  })
