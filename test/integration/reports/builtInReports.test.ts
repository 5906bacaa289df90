// The built-in cyclic reports over a platform history, read through the report service as each kind
// of reader would: head office every row, a point's manager his point's, a fleet's manager his
// fleet's, a customer his own; figures checked against sums worked out from the log itself; periods,
// grouping, columns and a saved variant over the custom reports.
import assert from 'node:assert/strict'
import { isLeft } from 'fp-ts/lib/Either.js'
import request from 'supertest'
import { reportsModule } from '../../../api/reports/reportRoutes.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import type { ReportQuery } from '../../../application/reports/reportQuery.js'
import type { Principal } from '../../../domain/access/principal.js'
import { CUSTOMERS, FLEET, POINTS } from '../../property/support/platformReportHistory.js'
import { accessFixture } from '../../unit/access/support/accessFixture.js'
import { type Cast, testApi } from '../api/support/testApi.js'
import { type PlatformReports, platformReports, READERS } from './support/platformReports.js'

let p: PlatformReports
const meta = { now: '2026-12-01T08:00:00.000Z', correlationId: 'test', causationId: null }
const PAGE = { limit: 10_000, offset: 0 }

async function rows(viewer: Principal, report: string, query: ReportQuery = {}) {
  const table = await p.reports.service.table(viewer, report, query, PAGE)
  if (isLeft(table)) throw new Error(`${report}: ${JSON.stringify(table.left)}`)
  return table.right.rows
}
async function refused(viewer: Principal, report: string, query: ReportQuery = {}) {
  const table = await p.reports.service.table(viewer, report, query, PAGE)
  return isLeft(table) ? table.left.code : 'answered'
}
const sum = (xs: ReadonlyArray<Record<string, unknown>>, column: string) =>
  xs.reduce((n, r) => n + (typeof r[column] === 'number' ? (r[column] as number) : 0), 0)

async function log(): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = []
  for await (const e of p.events.readAll()) all.push(e)
  return all
}

describe('built-in cyclic reports over a platform history', function () {
  this.timeout(60_000)
  before(async () => {
    p = await platformReports()
  })
  after(async () => {
    await p.close()
  })

  it('lists to each reader the reports he may read', async () => {
    const names = async (viewer: Principal) => {
      const list = await p.reports.service.reports(viewer)
      return isLeft(list) ? list.left.code : list.right.map((r) => r.report).sort()
    }
    const all = await names(READERS.hq)
    for (const r of ['utilisation', 'revenue', 'slaCompliance', 'ratings', 'technicianHours', 'partsUsed'])
      assert.ok((all as string[]).includes(r), r)
    assert.deepEqual(await names(READERS.fleet), ['fleetCosts', 'tyreState', 'vehicleDues', 'vehicleVisits'])
    assert.deepEqual(await names(READERS.customer), ['vehicleDues', 'vehicleVisits'])
    assert.ok(((await names(READERS.manager)) as string[]).includes('technicianHours'))
    assert.ok(!((await names(READERS.manager)) as string[]).includes('fleetCosts'))
    assert.equal(await names(READERS.employee), 'ROLE_NOT_ALLOWED')
  })

  it('revenue per point adds up to the invoices in the log; a point sees only its own', async () => {
    const invoices = (await log()).flatMap((e) => {
      const invoice = (e.data as { invoice?: { totals: { netMinor: number }; orderId: string | null } }).invoice
      return (e.type === 'WorkOrderBilled' || e.type === 'ContractMonthBilled') && invoice ? [invoice] : []
    })
    assert.ok(invoices.length > 3, `invoices: ${invoices.length}`)
    const total = await rows(READERS.hq, 'revenue', { period: 'total' })
    assert.equal(
      sum(total, 'netMinor'),
      invoices.reduce((n, i) => n + i.totals.netMinor, 0),
    )
    assert.equal(sum(total, 'invoices'), invoices.length)
    const own = await rows(READERS.manager, 'revenue', { period: 'month' })
    assert.ok(own.length > 0 && own.every((r) => r.pointId === POINTS[0]))
    assert.equal(
      await refused(READERS.manager, 'revenue', { filters: { pointId: [POINTS[1]] } }),
      'TENANT_ACCESS_DENIED',
    )
  })

  it('utilisation: booked minutes over bay-minutes open, rolled up as the ratio of the sums', async () => {
    const days = await rows(READERS.hq, 'utilisation', { filters: { pointId: [POINTS[0]] } })
    assert.ok(days.length > 3)
    for (const d of days) {
      assert.ok((d.capacityMinutes as number) >= 0)
      if ((d.capacityMinutes as number) > 0)
        assert.ok(
          Math.abs((d.utilisation as number) - (d.bookedMinutes as number) / (d.capacityMinutes as number)) < 1e-9,
        )
    }
    const [month] = await rows(READERS.hq, 'utilisation', {
      period: 'total',
      groupBy: ['pointId'],
      filters: { pointId: [POINTS[0]] },
    })
    assert.ok(month)
    assert.ok(
      Math.abs((month.utilisation as number) - sum(days, 'bookedMinutes') / sum(days, 'capacityMinutes')) < 1e-9,
      JSON.stringify(month),
    )
    assert.equal(await refused(READERS.fleet, 'utilisation'), 'ROLE_NOT_ALLOWED')
  })

  it('technicians’ hours: every clocked minute counted, billed labour shared among those who clocked', async () => {
    const events = await log()
    const clocked = events
      .filter((e) => e.type === 'LabourClockedOut' && e.streamId.startsWith('workorder-rwo-'))
      .reduce((n, e) => n + (e.data as { minutes: number }).minutes, 0)
    const table = await rows(READERS.hq, 'technicianHours', { period: 'total', groupBy: ['technicianId'] })
    assert.ok(clocked > 0)
    assert.equal(sum(table, 'clockedMinutes'), clocked)
    const billed = events
      .filter((e) => e.type === 'WorkOrderBilled')
      .flatMap(
        (e) =>
          (e.data as { invoice: { lines: Array<{ kind: string; quantity: number }> } | null }).invoice?.lines ?? [],
      )
      .filter((l) => l.kind === 'labour')
      .reduce((n, l) => n + l.quantity, 0)
    assert.equal(sum(table, 'billedMinutes'), billed)
  })

  it('parts used: issued less returned per SKU, by week', async () => {
    const events = await log()
    const net = events
      .filter(
        (e) =>
          (e.type === 'StockIssued' || e.type === 'StockReturned') &&
          (e.data as { pointId: string }).pointId === POINTS[0],
      )
      .flatMap((e) =>
        (e.data as { lines: Array<{ quantity: number }> }).lines.map(
          (l) => (e.type === 'StockIssued' ? 1 : -1) * l.quantity,
        ),
      )
      .reduce((n, q) => n + q, 0)
    const weeks = await rows(READERS.manager, 'partsUsed', { period: 'week', columns: ['used', 'issued'] })
    assert.ok(weeks.length > 0 && weeks.every((r) => typeof r.week === 'string' && r.pointId === POINTS[0]))
    assert.equal(sum(weeks, 'used'), net)
  })

  it('SLA compliance and ratings per point', async () => {
    const sla = await rows(READERS.hq, 'slaCompliance', { period: 'total', groupBy: ['pointId'] })
    assert.ok(sum(sla, 'resolved') > 0, JSON.stringify(sla))
    for (const r of sla)
      if ((r.withSla as number) > 0) assert.ok((r.compliance as number) >= 0 && (r.compliance as number) <= 1)
    for (const [type, count, avg] of [
      ['TicketRated', 'ticketRatings', 'avgTicketStars'],
      ['ServiceRated', 'serviceRatings', 'avgServiceStars'],
    ] as const) {
      const ratings = (await log()).filter((e) => e.type === type)
      const rated = await rows(READERS.hq, 'ratings', { period: 'total' })
      assert.ok(ratings.length > 0, type)
      assert.equal(sum(rated, count), ratings.length)
      const stars = ratings.reduce((n, e) => n + (e.data as { stars: number }).stars, 0)
      // Each point's average weighs its ratings: together they give back every star given.
      const weighed = rated.reduce((n, r) => n + ((r[avg] as number | null) ?? 0) * (r[count] as number), 0)
      assert.ok(Math.abs(weighed - stars) < 1e-9, `${type}: ${weighed} vs ${stars}`)
    }
  })

  it('a fleet’s manager reads his fleet’s costs, dues and tyres, and nobody else’s', async () => {
    for (const report of ['fleetCosts', 'vehicleDues', 'tyreState', 'vehicleVisits']) {
      const own = await rows(READERS.fleet, report)
      assert.ok(
        own.every((r) => r.fleetId === FLEET),
        report,
      )
      assert.equal(
        await refused(READERS.fleet, report, { filters: { fleetId: ['fleet-other'] } }),
        'TENANT_ACCESS_DENIED',
      )
    }
    assert.ok((await rows(READERS.fleet, 'tyreState')).length > 0)
    const branches = await rows(READERS.fleet, 'fleetCosts', { period: 'total', groupBy: ['fleetId', 'branchId'] })
    assert.ok(branches.length > 0)
    assert.ok(new Set(branches.map((b) => b.branchId)).size === branches.length)
    const upcoming = await rows(READERS.fleet, 'vehicleDues', {
      from: '2026-12-01',
      period: 'month',
      groupBy: ['kind', 'dueOn'],
    })
    assert.ok(upcoming.every((r) => (r.month as string) >= '2026-12'))
  })

  it('every built-in variant offered to a reader runs for him, over the custom reports too', async () => {
    for (const [who, viewer] of Object.entries(READERS)) {
      const offered = await p.reports.service.variants(viewer)
      if (who === 'employee') {
        assert.ok(isLeft(offered))
        continue
      }
      if (isLeft(offered)) assert.fail(JSON.stringify(offered.left))
      assert.ok(offered.right.length > 0, who)
      for (const variant of offered.right) {
        const run = await p.reports.service.variantTable(viewer, variant.variantId, {}, PAGE)
        assert.ok(!isLeft(run), `${who} ${variant.variantId}: ${JSON.stringify(run)}`)
      }
    }
    const fleet = await p.reports.service.variants(READERS.fleet)
    assert.ok(!isLeft(fleet))
    assert.deepEqual(fleet.right.map((v) => v.variantId).sort(), [
      'duesPerMonth',
      'fleetCostsPerBranch',
      'fleetCostsPerVehicle',
      'fleetTyres',
      'myVisits',
    ])
  })

  it('a customer sees the dues of the vehicles he owns now, nobody else’s', async () => {
    const events = await log()
    const owners = new Map<string, string | null>()
    for (const e of events)
      if (e.type === 'EquipmentOwnerChanged') {
        const d = e.data as { equipmentId: string; to: { kind: string; customerId?: string } }
        owners.set(d.equipmentId, d.to.kind === 'customer' ? (d.to.customerId ?? null) : null)
      }
    const mine = [...owners].filter(([, c]) => c === CUSTOMERS[0]).map(([v]) => v)
    const dues = await rows(READERS.customer, 'vehicleDues', { groupBy: ['vehicleId'] })
    assert.ok(
      dues.every((r) => mine.includes(r.vehicleId as string)),
      JSON.stringify({ dues, mine }),
    )
    assert.ok(dues.length > 0, 'the sample gives the customer a vehicle with dues')
  })

  it('a customer reads his own vehicles’ history and upcoming visits, and saves his own variant', async () => {
    const mine = await rows(READERS.customer, 'vehicleVisits')
    assert.ok(mine.length > 0)
    assert.ok(mine.every((r) => r.customerId === CUSTOMERS[0]))
    assert.equal(
      await refused(READERS.customer, 'vehicleVisits', { filters: { customerId: [CUSTOMERS[1]] } }),
      'TENANT_ACCESS_DENIED',
    )
    assert.equal(await refused(READERS.customer, 'revenue'), 'ROLE_NOT_ALLOWED')
    const saved = await p.reports.service.saveVariant(
      READERS.customer,
      {
        variantId: 'my-upcoming',
        report: 'vehicleVisits',
        title: 'My next visits',
        query: {
          from: '2026-11-27',
          period: 'month',
          groupBy: ['vehicle', 'day'],
          columns: ['upcoming', 'bookedMinutes'],
        },
      },
      meta,
    )
    assert.ok(!isLeft(saved), JSON.stringify(saved))
    const run = await p.reports.service.variantTable(READERS.customer, 'my-upcoming', {}, PAGE)
    if (isLeft(run)) assert.fail(JSON.stringify(run.left))
    assert.deepEqual(
      run.right.columns.map((c) => c.name),
      ['vehicle', 'month', 'upcoming', 'bookedMinutes'],
    )
    assert.equal(
      sum(run.right.rows, 'upcoming'),
      sum(await rows(READERS.customer, 'vehicleVisits', { from: '2026-11-27' }), 'upcoming'),
    )
    // Somebody else's variant is not his.
    assert.ok(isLeft(await p.reports.service.variantTable(READERS.fleet, 'my-upcoming', {}, PAGE)))
  })

  it('over HTTP: each role reaches the custom reports its scope allows, as JSON and CSV', async () => {
    const api = await testApi({
      fixture: accessFixture({ store: p.events }),
      modules: [reportsModule(p.reports.service)],
    })
    const get = (path: string, who: Cast) => request(api.app).get(path).set('Authorization', api.bearer(who))
    const hq = await get('/reports/fleetCosts/rows?period=total&groupBy=fleetId', 'head_office')
    assert.equal(hq.status, 200, JSON.stringify(hq.body))
    assert.ok(
      hq.body.rows.some((r: { fleetId: string }) => r.fleetId === FLEET),
      JSON.stringify(hq.body.rows),
    )
    // The test accounts belong to fleet f1 and customer c1, which have no rows: empty, not others'.
    const fleet = await get('/reports/fleetCosts/rows', 'fleet_manager_f1')
    assert.equal(fleet.status, 200)
    assert.deepEqual(fleet.body.rows, [])
    assert.equal((await get(`/reports/fleetCosts/rows?f.fleetId=${FLEET}`, 'fleet_manager_f1')).status, 403)
    assert.equal((await get('/reports/tyreState/rows.csv', 'fleet_f1')).status, 200)
    assert.equal((await get('/reports/utilisation/rows', 'fleet_manager_f1')).status, 403)
    assert.deepEqual((await get('/reports/vehicleVisits/rows', 'customer')).body.rows, [])
    assert.equal((await get(`/reports/vehicleVisits/rows?f.customerId=${CUSTOMERS[0]}`, 'customer')).status, 403)
    assert.equal((await get('/reports/revenue/rows', 'customer')).status, 403)
    assert.equal((await get('/reports/technicianHours/rows', 'employee_p1')).status, 403)
    const csv = await get('/reports/technicianHours/rows.csv?period=month', 'head_office')
    assert.equal(csv.status, 200)
    assert.match(
      csv.text,
      /^\uFEFFpointId,technicianId,month,clockedMinutes,billedMinutes,clockEntries,billedShare\r\n/,
    )
  })
})
