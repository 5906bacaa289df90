// A compiled definition is an engine projection: built from a log written through the deciders, its
// rows say what happened, whatever the batch sizes (per event, or pages of any size).
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import { ManualClock } from '../../../application/leases/clock.js'
import type { ReportRowDoc } from '../../../application/reports/reportRows.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { bookingsReport } from '../../../projections/reports/builtIn/builtInReports.js'
import { must, NetworkLog } from '../projections/serviceNetwork/support/networkLog.js'
import { dumpReadModel } from '../projections/support/readModelDump.js'
import { language } from './support/language.js'

const MONDAY = '2026-03-02'

async function smallNetwork(): Promise<NetworkLog> {
  const log = new NetworkLog()
  await log.openPoint({ pointId: 'p1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.0 }, MONDAY, 3)
  await log.openPoint({ pointId: 'p2', name: 'Łódź', city: 'Łódź', lat: 51.8, lon: 19.4 }, MONDAY, 3)
  must(
    await log.book({
      bookingId: 'b1',
      pointId: 'p1',
      date: MONDAY,
      time: '09:00',
      customerId: 'c1',
      plate: 'WA 12345',
    }),
  )
  must(await log.book({ bookingId: 'b2', pointId: 'p1', date: MONDAY, time: '10:00', minutes: 30, plate: 'WA 12345' }))
  must(await log.book({ bookingId: 'b3', pointId: 'p2', date: MONDAY, time: '11:00', plate: 'KR 9XY12' }))
  must(await log.cancel('b2'))
  must(await log.noShow('b3'))
  must(await log.checkIn('b1'))
  must(await log.complete('b1'))
  return log
}

async function build(log: NetworkLog, pageSize: number) {
  const compiled = language.compile(bookingsReport, 1, true)
  const documents = new MemoryDocumentStore()
  await rebuildProjection({
    projection: compiled.projection,
    events: log.events,
    documents,
    clock: new ManualClock(),
    pageSize,
    retireDelayMs: 0,
  })
  return dumpReadModel(documents, compiled.projection)
}

describe('compiled report projection', () => {
  it('counts, sums, averages, extremes and distinct values per point and local day', async () => {
    const log = await smallNetwork()
    const dump = await build(log, 1000)
    const rows = dump.rows as ReportRowDoc[]
    const byPoint = Object.fromEntries(rows.map((r) => [`${r.k.pointId} ${r.k.day}`, r.m]))
    // The NetworkLog's clock writes every event on 2026-03-01 (07:00 and later in Warsaw).
    assert.deepEqual(Object.keys(byPoint).sort(), ['p1 2026-03-01', 'p2 2026-03-01'])
    const p1 = byPoint['p1 2026-03-01']
    const p2 = byPoint['p2 2026-03-01']
    assert.ok(p1 && p2)
    assert.deepEqual(
      [p1.bookings, p1.bookedMinutes, p1.cancellations, p1.noShows, p1.checkIns, p1.completed, p1.vehicles],
      [2, 90, 1, 0, 1, 1, ['WA12345']],
    )
    assert.deepEqual([p2.bookings, p2.noShows, p2.cancellations, p2.vehicles], [1, 1, 0, ['KR9XY12']])
    const lead = p1.leadTimeHours as { sum: number; count: number }
    assert.equal(lead.count, 2)
    assert.ok((p1.minLeadTimeHours as number) > 0 && (p1.minLeadTimeHours as number) < (p1.maxLeadTimeHours as number))
    assert.equal(lead.sum, (p1.minLeadTimeHours as number) + (p1.maxLeadTimeHours as number))
    // Remembered per booking stream; distinct values kept in the row (for roll-ups), the month kept ready too.
    assert.deepEqual(
      (dump.streams ?? []).map((s) => s._id),
      ['booking-b1', 'booking-b2', 'booking-b3'],
    )
    assert.equal(dump.distinct, undefined)
    assert.deepEqual(
      (dump.rows_month as ReportRowDoc[]).map((r) => [r._id, r.m.bookings, r.m.vehicles]),
      [
        ['["p1","2026-03"]', 2, ['WA12345']],
        ['["p2","2026-03"]', 1, ['KR9XY12']],
      ],
    )
  })

  it('per-event and paged builds write the same documents, byte for byte', async () => {
    const log = await smallNetwork()
    const one = JSON.stringify(await build(log, 1))
    for (const pageSize of [2, 7, 1000]) assert.equal(JSON.stringify(await build(log, pageSize)), one)
  })

  it('a definition with a fixed zone and a filter counts only what passes the filter', async () => {
    const log = await smallNetwork()
    const checked = language.check(
      'yaml',
      `name: bigVisits
events: [BookingRequested]
filter: { data.durationMinutes: { $gte: 60 }, data.vehicle.plate: { $ne: KR9XY12 } }
groupBy: [{ path: data.pointId }, { bucket: day, timeZone: Asia/Tokyo, rollups: [week, month] }]
measures:
  - { name: n, op: count }
  - { name: longest, op: max, path: data.durationMinutes }
  - { name: customers, op: distinct, path: data.customer.customerId, storage: documents }
`,
    )
    assert.ok(isRight(checked), JSON.stringify(checked))
    const compiled = language.compile(checked.right, 3)
    assert.equal(compiled.projection.name, 'report-bigVisits')
    assert.equal(compiled.projection.version, 3)
    const documents = new MemoryDocumentStore()
    await rebuildProjection({ projection: compiled.projection, events: log.events, documents, retireDelayMs: 0 })
    const dump = await dumpReadModel(documents, compiled.projection)
    const pick = (rows: unknown) => (rows as ReportRowDoc[]).map((r) => [r._id, r.m.n, r.m.longest, r.m.customers])
    assert.deepEqual(pick(dump.rows), [['["p1","2026-03-01"]', 1, 60, 1]])
    assert.deepEqual(pick(dump.rows_week), [['["p1","2026-W09"]', 1, 60, 1]])
    assert.deepEqual(pick(dump.rows_month), [['["p1","2026-03"]', 1, 60, 1]])
    assert.deepEqual(
      (dump.distinct ?? []).map((d) => d.row),
      ['rows:["p1","2026-03-01"]', 'rows_month:["p1","2026-03"]', 'rows_week:["p1","2026-W09"]'],
    )
  })
})
