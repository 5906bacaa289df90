// The utilisation report counts the capacity of every open day, also those without a booking: a
// week with bookings on Monday, Wednesday and Saturday has the bay-minutes of Tuesday, Thursday and
// Friday too (0 % utilised), with the opening hours' exception on Friday; Sunday (closed) has no row.
// A day after the last booking counts once the log's time has reached it; days a point was
// deactivated have no capacity. Built by the report platform from a log written through the deciders.
import assert from 'node:assert/strict'
import { isLeft } from 'fp-ts/lib/Either.js'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import type { ReportQuery } from '../../../application/reports/reportQuery.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { knownEventDefinitions } from '../../../projections/reports/reportLanguage.js'
import { type ReportPlatform, reportPlatform } from '../../../projections/reports/reportPlatform.js'
import { HQ, must, NetworkLog } from '../../unit/projections/serviceNetwork/support/networkLog.js'
import { READERS } from './support/platformReports.js'

// WEEKLY_HOURS of the network log: weekdays 08:00-12:00 and 12:30-18:00 (570 min), Saturday
// 09:00-14:00 (300 min), Sunday closed; three bays.
const WEEKDAY = 570 * 3
const SATURDAY = 300 * 3
const FRIDAY_EXCEPTION = 240 * 3 // 08:00-12:00 only

async function platform(log: NetworkLog): Promise<ReportPlatform> {
  const reports = await reportPlatform({
    events: log.events,
    documents: new MemoryDocumentStore(),
    catalogue: new EventCatalogue(knownEventDefinitions),
    tuning: { idleFlushMs: 1, retireDelayMs: 0, leaseRetryMs: 20, retryDelayMs: 20 },
    pollEveryMs: 50,
  })
  reports.runtime.start()
  const head = await log.events.headPosition()
  await reports.runtime.runner('utilisation')?.waitForCheckpoint(head)
  return reports
}

describe('utilisation: capacity of every open day, booked or not', function () {
  this.timeout(30_000)
  let reports: ReportPlatform | null = null
  afterEach(async () => {
    await reports?.runtime.stop()
    reports = null
  })

  async function rows(query: ReportQuery) {
    assert.ok(reports)
    const table = await reports.service.table(READERS.hq, 'utilisation', query, { limit: 1000, offset: 0 })
    if (isLeft(table)) assert.fail(JSON.stringify(table.left))
    return table.right.rows
  }

  it('a week with empty open days counts their bay-minutes; the week is booked ÷ all of them', async () => {
    const log = new NetworkLog()
    await log.openPoint({ pointId: 'p1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.03 }, '2026-03-02', 7)
    must(
      await log.point('p1', {
        kind: 'SetOpeningHoursException',
        actor: HQ,
        date: '2026-03-06',
        hours: [{ from: '08:00', to: '12:00' }],
        note: 'inventory',
      }),
    )
    for (const [bookingId, date, minutes] of [
      ['b-mon', '2026-03-02', 60],
      ['b-wed', '2026-03-04', 90],
      ['b-sat', '2026-03-07', 30],
    ] as const)
      must(await log.book({ bookingId, pointId: 'p1', date, time: '10:00', minutes }))
    reports = await platform(log)

    const days = await rows({ from: '2026-03-02', to: '2026-03-08', columns: ['bookedMinutes', 'capacityMinutes'] })
    assert.deepEqual(
      days.map((d) => [d.day, d.bookedMinutes, d.capacityMinutes]),
      [
        ['2026-03-02', 60, WEEKDAY],
        ['2026-03-03', 0, WEEKDAY], // no booking: still open
        ['2026-03-04', 90, WEEKDAY],
        ['2026-03-05', 0, WEEKDAY],
        ['2026-03-06', 0, FRIDAY_EXCEPTION], // the exception's hours
        ['2026-03-07', 30, SATURDAY],
      ], // Sunday the 8th is closed: no row
    )
    const tuesday = (await rows({ from: '2026-03-03', to: '2026-03-03' }))[0]
    assert.equal(tuesday?.utilisation, 0)
    assert.equal(tuesday?.bookings, 0)

    const [week] = await rows({ period: 'week', from: '2026-03-02', to: '2026-03-08' })
    const capacity = 4 * WEEKDAY + FRIDAY_EXCEPTION + SATURDAY
    assert.equal(week?.week, '2026-W10')
    assert.equal(week?.capacityMinutes, capacity)
    assert.equal(week?.bookedMinutes, 180)
    assert.ok(Math.abs((week?.utilisation as number) - 180 / capacity) < 1e-9)

    // The hours change: every day, booked or not, gets the new hours (as the calendar shows them).
    must(
      await log.point('p1', {
        kind: 'SetOpeningHoursException',
        actor: HQ,
        date: '2026-03-03',
        hours: [],
        note: 'closed',
      }),
    )
    await reports.runtime.runner('utilisation')?.waitForCheckpoint(await log.events.headPosition())
    assert.deepEqual(await rows({ from: '2026-03-03', to: '2026-03-03' }), [])
    const [after] = await rows({ period: 'week', from: '2026-03-02', to: '2026-03-08' })
    assert.equal(after?.capacityMinutes, capacity - WEEKDAY)
  })

  it('a day after the last booking counts when the log reaches it; inactive days have no capacity', async () => {
    const log = new NetworkLog()
    await log.openPoint({ pointId: 'p1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.03 }, '2026-03-02', 1)
    must(await log.book({ bookingId: 'b-mon', pointId: 'p1', date: '2026-03-02', time: '10:00', minutes: 60 }))
    // The log's time moves on to Thursday the 5th (events one minute apart); the point is
    // deactivated then, and reactivated on Saturday the 7th.
    log.advanceTo('2026-03-05T09:00:00.000Z')
    must(await log.point('p1', { kind: 'DeactivateServicePoint', actor: HQ, reason: 'renovation' }))
    log.advanceTo('2026-03-07T07:00:00.000Z')
    must(await log.point('p1', { kind: 'ReactivateServicePoint', actor: HQ }))
    reports = await platform(log)
    const days = await rows({ from: '2026-03-01', to: '2026-03-08', columns: ['bookedMinutes', 'capacityMinutes'] })
    assert.deepEqual(
      days.map((d) => [d.day, d.bookedMinutes, d.capacityMinutes]),
      [
        ['2026-03-02', 60, WEEKDAY],
        ['2026-03-03', 0, WEEKDAY],
        ['2026-03-04', 0, WEEKDAY], // reached by the log's time, no booking
        // 5th and 6th: inactive; 7th: reactivated, open on Saturday; the 8th not reached yet
        ['2026-03-07', 0, SATURDAY],
      ],
    )
  })
})
