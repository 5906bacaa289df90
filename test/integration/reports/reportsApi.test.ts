// Reports over HTTP: reading built-in reports (JSON and CSV) by role and tenant, saving variants,
// and the analysts' side — registering, changing (blue/green) and retiring definitions, listing and
// rebuilding projections — which only head office may do.
import assert from 'node:assert/strict'
import request from 'supertest'
import { systemClock } from '../../../application/leases/clock.js'
import { Lease } from '../../../application/leases/lease.js'
import { rebuildLeaseName } from '../../../projections/rebuild.js'
import { must } from '../../unit/projections/serviceNetwork/support/networkLog.js'
import { waitUntil } from '../../unit/projections/support/waitUntil.js'
import type { Cast } from '../api/support/testApi.js'
import { type ReportsFixture, reportsFixture } from './support/reportsFixture.js'

let f: ReportsFixture

const get = (path: string, who: Cast) => request(f.api.app).get(path).set('Authorization', f.api.bearer(who))
const post = (path: string, who: Cast, body: object) =>
  request(f.api.app).post(path).set('Authorization', f.api.bearer(who)).send(body)

const PER_POINT = `# bookings per point and month, with the vehicles' classes
name: byClass
events: [BookingRequested]
groupBy:
  - path: data.pointId
  - path: data.vehicle.vehicleClass
    name: vehicleClass
  - bucket: month
    timeZone: Europe/Warsaw
measures:
  - { name: bookings, op: count }
scope: { pointId: pointId }
`

describe('reports API', function () {
  this.timeout(20_000)
  beforeEach(async () => {
    f = await reportsFixture()
  })
  afterEach(async () => {
    await f.close()
  })

  it('documents every report route in /openapi.json, with who may call it', async () => {
    const doc = await request(f.api.app).get('/openapi.json')
    assert.equal(doc.status, 200)
    for (const path of [
      '/reports/{report}/rows',
      '/reports/{report}/rows.csv',
      '/reports/variants/{variantId}/rows',
      '/reports/definitions',
      '/reports/projections/{name}/rebuild',
    ])
      assert.ok(doc.body.paths[path], path)
    assert.ok(doc.body.paths['/reports/definitions'].post.responses['422'])
  })

  it('lists the reports each role may read; fleets and customers only theirs; employees get 403', async () => {
    const hq = await get('/reports', 'head_office')
    assert.equal(hq.status, 200)
    assert.deepEqual(
      hq.body.items.map((r: { report: string }) => r.report),
      ['bookings', 'cancellationReasons', 'pointChanges', 'ratings'],
    )
    const manager = await get('/reports', 'manager_p1')
    assert.deepEqual(
      manager.body.items.map((r: { report: string }) => r.report),
      ['bookings', 'cancellationReasons', 'ratings'],
    )
    // Fleets and customers read the reports scoped to them (none among these booking reports).
    for (const who of ['customer', 'fleet_manager_f1'] as const)
      assert.deepEqual((await get('/reports', who)).body.items, [], who)
    assert.equal((await get('/reports/bookings/rows', 'customer')).status, 403)
    assert.equal((await get('/reports', 'employee_p1')).status, 403)
  })

  it('head office reads a built-in report per point, rolled up to months, as JSON and as CSV', async () => {
    const res = await get(
      '/reports/bookings/rows?period=month&columns=bookings,cancellations,noShows,leadTimeHours',
      'head_office',
    )
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(
      res.body.columns.map((c: { name: string }) => c.name),
      ['pointId', 'month', 'bookings', 'cancellations', 'noShows', 'leadTimeHours'],
    )
    assert.deepEqual(
      res.body.rows.map((r: Record<string, unknown>) => [r.pointId, r.month, r.bookings, r.cancellations, r.noShows]),
      [
        ['p1', '2026-03', 2, 1, 0],
        ['p2', '2026-03', 1, 0, 1],
      ],
    )
    assert.ok(res.body.rows[0].leadTimeHours > 0)
    const totals = await get('/reports/bookings/rows?period=total&groupBy=&columns=bookings,vehicles', 'head_office')
    assert.deepEqual(totals.body.rows, [{ bookings: 3, vehicles: 3 }])

    const csv = await get(
      '/reports/bookings/rows.csv?period=week&columns=bookings,noShows&sort=-noShows',
      'head_office',
    )
    assert.equal(csv.status, 200)
    assert.match(csv.headers['content-type'] ?? '', /^text\/csv/)
    assert.match(csv.headers['content-disposition'] ?? '', /attachment; filename="bookings-week\.csv"/)
    assert.equal(csv.text, '\uFEFFpointId,week,bookings,noShows\r\np2,2026-W09,1,1\r\np1,2026-W09,2,0\r\n')

    const bad = await get('/reports/bookings/rows?period=fortnight&columns=nope', 'head_office')
    assert.equal(bad.status, 400)
    const misfit = await get('/reports/bookings/rows?columns=nope', 'head_office')
    assert.equal(misfit.status, 422)
    assert.equal(misfit.body.code, 'INVALID_REPORT_QUERY')
    assert.equal((await get('/reports/nothing/rows', 'head_office')).status, 404)
  })

  it('a point’s manager sees only his point’s rows, and is refused another point’s', async () => {
    const own = await get('/reports/bookings/rows?period=month&columns=bookings', 'manager_p1')
    assert.equal(own.status, 200)
    assert.deepEqual(own.body.rows, [{ pointId: 'p1', month: '2026-03', bookings: 2 }])
    const other = await get('/reports/bookings/rows?f.pointId=p2', 'manager_p1')
    assert.equal(other.status, 403)
    assert.equal(other.body.code, 'TENANT_ACCESS_DENIED')
    assert.equal((await get('/reports/pointChanges/rows', 'manager_p1')).status, 403)
    assert.equal((await get('/reports/bookings/rows', 'customer')).status, 403)
  })

  it('users save their own variants, run them (JSON and CSV) and delete them; built-in variants are listed', async () => {
    const saved = await post('/reports/variants', 'manager_p1', {
      report: 'bookings',
      title: 'My no-shows',
      query: { period: 'month', columns: ['noShows', 'bookings'] },
    })
    assert.equal(saved.status, 201, JSON.stringify(saved.body))
    const list = await get('/reports/variants', 'manager_p1')
    const ids = list.body.items.map((v: { variantId: string }) => v.variantId)
    assert.ok(ids.includes('noShows') && ids.includes(saved.body.variantId))
    assert.ok(!(await get('/reports/variants', 'head_office')).body.items.some((v: { builtIn: boolean }) => !v.builtIn))
    const run = await get(`/reports/variants/${saved.body.variantId}/rows`, 'manager_p1')
    assert.deepEqual(run.body.rows, [{ pointId: 'p1', month: '2026-03', noShows: 0, bookings: 2 }])
    const weekly = await get(`/reports/variants/${saved.body.variantId}/rows.csv?period=week`, 'manager_p1')
    assert.match(weekly.text, /pointId,week,noShows,bookings\r\np1,2026-W09,0,2/)
    assert.equal((await get(`/reports/variants/${saved.body.variantId}/rows`, 'head_office')).status, 404)
    const preset = await get('/reports/variants/leadTime/rows', 'head_office')
    assert.equal(preset.status, 200)
    assert.equal(preset.body.variantTitle, 'Average lead time per point')
    const gone = await request(f.api.app)
      .delete(`/reports/variants/${saved.body.variantId}`)
      .set('Authorization', f.api.bearer('manager_p1'))
    assert.equal(gone.status, 204)
    assert.equal((await get(`/reports/variants/${saved.body.variantId}/rows`, 'manager_p1')).status, 404)
    const misfit = await post('/reports/variants', 'manager_p1', { report: 'pointChanges', title: 'x', query: {} })
    assert.equal(misfit.status, 403)
  })

  it('only head office may register definitions, list or rebuild projections', async () => {
    for (const who of ['manager_p1', 'point_p1', 'customer', 'fleet_f1'] as const) {
      assert.equal((await post('/reports/definitions', who, { format: 'yaml', source: PER_POINT })).status, 403, who)
      assert.equal((await get('/reports/projections', who)).status, 403, who)
      assert.equal((await get('/reports/definitions', who)).status, 403, who)
      assert.equal((await post('/reports/projections/report-bookings/rebuild', who, {})).status, 403, who)
    }
  })

  it('a bad definition is refused with every problem and its line', async () => {
    const bad = PER_POINT.replace('data.vehicle.vehicleClass', 'data.vehicle.klass').replace(
      'Europe/Warsaw',
      'Europe/Nowhere',
    )
    const res = await post('/reports/definitions', 'head_office', { format: 'yaml', source: bad })
    assert.equal(res.status, 422)
    assert.equal(res.body.code, 'INVALID_REPORT_DEFINITION')
    assert.deepEqual(
      res.body.errors.map((e: { line: number; path: string }) => [e.line, e.path]),
      [
        [6, 'groupBy.1.path'],
        [9, 'groupBy.2.timeZone'],
      ],
    )
    assert.match(res.body.errors[0].message, /^line 6: .*klass/)
    assert.match(res.body.detail, /2 problem\(s\); first: line 6/)
    const check = await post('/reports/definitions/check', 'head_office', { format: 'json', source: '{"name": ' })
    assert.equal(check.status, 422)
    assert.match(check.body.errors[0].message, /^line 1: not valid JSON/)
    const taken = await post('/reports/definitions', 'head_office', {
      format: 'yaml',
      source: PER_POINT.replace('name: byClass', 'name: bookings'),
    })
    assert.equal(taken.status, 409)
  })

  it('registering builds the report from the whole log; a change is rebuilt blue/green; history and retirement', async () => {
    const registered = await post('/reports/definitions', 'head_office', { format: 'yaml', source: PER_POINT })
    assert.equal(registered.status, 201, JSON.stringify(registered.body))
    assert.deepEqual(registered.body, { name: 'byClass', version: 1, changed: true, projection: 'report-byClass' })
    const again = await post('/reports/definitions', 'head_office', { format: 'yaml', source: PER_POINT })
    assert.deepEqual([again.status, again.body.changed, again.body.version], [200, false, 1])
    await waitUntil(async () => (await get('/reports/byClass/rows', 'head_office')).status === 200)
    const v1 = await get('/reports/byClass/rows', 'head_office')
    assert.deepEqual(
      v1.body.rows.map((r: Record<string, unknown>) => [r.pointId, r.vehicleClass, r.month, r.bookings]),
      [
        ['p1', 'passenger', '2026-03', 2],
        ['p2', 'passenger', '2026-03', 1],
      ],
    )
    // Live: a new booking shows up without a rebuild.
    must(await f.log.book({ bookingId: 'b4', pointId: 'p2', date: '2026-03-03', time: '13:00' }))
    await waitUntil(
      async () => (await get('/reports/byClass/rows?f.pointId=p2', 'head_office')).body.rows[0]?.bookings === 2,
    )

    // Change it while another process holds its rebuild: the old version keeps answering, old shape and all.
    const blocker = new Lease(f.documents, rebuildLeaseName('report-byClass'), 'someone-else', {
      ttlMs: 60_000,
      clock: systemClock,
    })
    assert.ok(await blocker.tryAcquire())
    const changed = PER_POINT.replace(
      '  - { name: bookings, op: count }',
      '  - { name: bookings, op: count }\n  - { name: minutes, op: sum, path: data.durationMinutes }',
    )
    const v2 = await post('/reports/definitions', 'head_office', { format: 'yaml', source: changed })
    assert.deepEqual([v2.status, v2.body.version, v2.body.changed], [201, 2, true])
    await waitUntil(async () => (await get('/reports/projections/report-byClass', 'head_office')).body.version === 2)
    const during = await get('/reports/byClass/rows', 'head_office')
    assert.equal(during.body.version, 1)
    assert.ok(!during.body.columns.some((c: { name: string }) => c.name === 'minutes'))
    await blocker.release()
    await waitUntil(async () => (await get('/reports/byClass/rows', 'head_office')).body.version === 2, 10_000)
    const after = await get('/reports/byClass/rows?f.pointId=p1', 'head_office')
    assert.deepEqual(after.body.rows, [
      { pointId: 'p1', vehicleClass: 'passenger', month: '2026-03', bookings: 2, minutes: 90 },
    ])

    const details = await get('/reports/definitions/byClass', 'head_office')
    assert.equal(details.status, 200)
    assert.equal(details.body.source, changed)
    assert.deepEqual(
      details.body.history.map((h: { version: number; change: string; by: { role: string } }) => [
        h.version,
        h.change,
        h.by.role,
      ]),
      [
        [1, 'registered', 'head_office'],
        [2, 'changed', 'head_office'],
      ],
    )
    assert.equal(details.body.history[0].by.id, f.api.accounts.head_office.accountId)

    const retired = await post('/reports/definitions/byClass/retire', 'head_office', { reason: 'replaced' })
    assert.equal(retired.status, 200)
    await waitUntil(async () => (await get('/reports/byClass/rows', 'head_office')).status === 404)
    assert.ok(
      !(await get('/reports', 'head_office')).body.items.some((r: { report: string }) => r.report === 'byClass'),
    )
  })

  it('lists every projection with its status, and rebuilds one on request', async () => {
    const list = await get('/reports/projections', 'head_office')
    assert.equal(list.status, 200)
    const byName = Object.fromEntries(list.body.items.map((p: { name: string }) => [p.name, p]))
    const bookings = byName['report-bookings']
    const head = await f.log.events.headPosition()
    assert.equal(bookings.kind, 'report')
    assert.equal(bookings.state, 'live')
    assert.equal(bookings.checkpoint, head)
    assert.equal(bookings.lag, 0)
    assert.equal(typeof bookings.eventsPerSecond, 'number')
    assert.ok(bookings.lastRebuild?.finishedAt)
    assert.ok(byName.reportCatalog)

    const before = await get('/reports/bookings/rows?period=total', 'head_office')
    const buildBefore = bookings.activeBuild.buildId
    const started = await post('/reports/projections/report-bookings/rebuild', 'head_office', {})
    assert.equal(started.status, 202)
    assert.equal(started.body.status, '/reports/projections/report-bookings')
    await waitUntil(async () => {
      const s = await get('/reports/projections/report-bookings', 'head_office')
      return s.body.activeBuild.buildId !== buildBefore && s.body.lag === 0
    })
    const after = await get('/reports/bookings/rows?period=total', 'head_office')
    assert.deepEqual(after.body.rows, before.body.rows)
    assert.equal((await post('/reports/projections/nothing/rebuild', 'head_office', {})).status, 404)
  })
})
