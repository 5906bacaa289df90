// The API with the report module over one memory event store that holds a small network's history
// (written through the deciders) and the test accounts; the report runtime runs its projections
// into a memory document store, fast-ticking so tests wait little.

import { reportsModule } from '../../../../api/reports/reportRoutes.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { DocumentStore } from '../../../../application/ports/documentStore.js'
import type { ReportFiles } from '../../../../application/reports/reportOutputs.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { knownEventDefinitions } from '../../../../projections/reports/reportLanguage.js'
import { type ReportPlatform, reportPlatform } from '../../../../projections/reports/reportPlatform.js'
import { accessFixture } from '../../../unit/access/support/accessFixture.js'
import { must, NetworkLog } from '../../../unit/projections/serviceNetwork/support/networkLog.js'
import { type TestApi, testApi } from '../../api/support/testApi.js'

export const MONDAY = '2026-03-02'

/** p1 (Wrocław) and p2 (Łódź); bookings at both, one cancelled at p1, one no-show at p2, one visit completed. */
export async function reportNetwork(): Promise<NetworkLog> {
  const log = new NetworkLog()
  await log.openPoint({ pointId: 'p1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.0 }, MONDAY, 3)
  await log.openPoint({ pointId: 'p2', name: 'Łódź', city: 'Łódź', lat: 51.8, lon: 19.4 }, MONDAY, 3)
  must(await log.book({ bookingId: 'b1', pointId: 'p1', date: MONDAY, time: '09:00', customerId: 'c1' }))
  must(await log.book({ bookingId: 'b2', pointId: 'p1', date: MONDAY, time: '10:00', minutes: 30, plate: 'WA 12345' }))
  must(await log.book({ bookingId: 'b3', pointId: 'p2', date: MONDAY, time: '11:00', plate: 'KR 9XY12' }))
  must(await log.cancel('b2'))
  must(await log.noShow('b3'))
  must(await log.checkIn('b1'))
  must(await log.complete('b1'))
  return log
}

export interface ReportsFixture {
  readonly api: TestApi
  readonly log: NetworkLog
  readonly documents: DocumentStore
  readonly reports: ReportPlatform
  /** Waits until every report runner this process holds has processed the whole log. */
  settle(): Promise<void>
  close(): Promise<void>
}

/** `files`: the XLSX/PDF writers the routes get (none: those formats answer 406). */
export async function reportsFixture(files: ReportFiles | null = null): Promise<ReportsFixture> {
  const log = await reportNetwork()
  const documents = new MemoryDocumentStore()
  const reports = await reportPlatform({
    events: log.events,
    documents,
    catalogue: new EventCatalogue(knownEventDefinitions),
    customDir: null,
    tuning: { idleFlushMs: 1, retireDelayMs: 0, leaseRetryMs: 20, retryDelayMs: 20 },
    pollEveryMs: 50,
  })
  const api = await testApi({
    fixture: accessFixture({ store: log.events }),
    modules: [reportsModule(reports.service, files)],
  })
  reports.runtime.start()
  const settle = async () => {
    const head = await log.events.headPosition()
    for (const info of await reports.runtime.known()) {
      const runner = reports.runtime.runner(info.name)
      if (runner && info.kind !== 'core') await runner.waitForCheckpoint(head)
    }
    await reports.runtime.runner('reportCatalog')?.waitForCheckpoint(head)
  }
  await settle()
  return { api, log, documents, reports, settle, close: () => reports.runtime.stop() }
}
