// The read routes end to end: events written through the deciders, projected by the real
// projections into a memory document store, read through the query services and the API, by
// every role, including what each role must not see.
import assert from 'node:assert/strict'
import request from 'supertest'
import { calendarModule } from '../../../api/calendar/calendarRoutes.js'
import { readQueries } from '../../../application/queries/readQueries.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { PLN, valve } from '../../unit/projections/serviceNetwork/support/catalogueItems.js'
import { project } from '../../unit/projections/serviceNetwork/support/project.js'
import { type Cast, type TestApi, testApi } from '../api/support/testApi.js'
import { MONDAY, network, READ_PROJECTIONS, TUESDAY } from './support/network.js'

let api: TestApi

// Built once for the whole file: the routes only read.
describe('read API', () => {
  before(async () => {
    const { readModels } = await project((await network()).events, READ_PROJECTIONS)
    api = await testApi({ modules: [calendarModule(readQueries(readModels))] })
  })

  const get = (path: string, who?: Cast) => {
    const r = request(api.app).get(path)
    return who ? r.set('Authorization', api.bearer(who)) : r
  }

  async function expectStatus(path: string, cases: ReadonlyArray<[Cast | null, number, string?]>) {
    for (const [who, status, code] of cases) {
      const res = await get(path, who ?? undefined)
      assert.equal(res.status, status, `${who ?? 'anonymous'} GET ${path}: ${JSON.stringify(res.body)}`)
      if (status >= 400) {
        assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/)
        if (code) assert.equal(res.body.code, code, `${who} GET ${path}`)
      }
    }
  }

  describe('read API: points and catalogue', () => {
    it('lists active points to anybody, searched by name/city prefix (diacritics ignored) and bay capability', async () => {
      const all = await get('/points')
      assert.equal(all.status, 200)
      assert.deepEqual(
        all.body.items.map((p: { pointId: string }) => p.pointId),
        ['p2', 'p1'], // by folded name: "lodz baluty" < "wroclaw krzyki"
      )
      assert.equal(all.body.total, 2)
      assert.equal(all.body.items[0].managerIds, undefined, 'no internal fields in public')
      const ids = async (query: string) =>
        (await get(`/points?${query}`)).body.items.map((p: { pointId: string }) => p.pointId)
      assert.deepEqual(await ids('q=lodz'), ['p2'])
      assert.deepEqual(await ids('city=wroc'), ['p1'])
      assert.deepEqual(await ids('features=run_flat'), ['p2', 'p1'])
      assert.deepEqual(await ids('features=run_flat,tpms'), ['p1'])
      assert.deepEqual(await ids('features=run_flat&rimInches=20'), ['p1'])
      assert.deepEqual(await ids('limit=1&offset=1'), ['p1'])
      const bad = await get('/points?features=warp_drive&limit=0')
      assert.equal(bad.status, 400)
      assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['features.0', 'limit'])
    })

    it('shows an active point’s details publicly; unknown and inactive points are 404 problems', async () => {
      const p1 = await get('/points/p1')
      assert.equal(p1.status, 200)
      assert.equal(p1.body.name, 'Wrocław Krzyki')
      assert.equal(p1.body.bays.length, 3)
      assert.deepEqual(p1.body.weeklyHours.sun, [])
      await expectStatus('/points/p3', [[null, 404, 'SERVICE_POINT_NOT_FOUND']])
      await expectStatus('/points/nowhere', [[null, 404, 'SERVICE_POINT_NOT_FOUND']])
    })

    it('the network view: head office every point, a point’s staff their own; nobody else', async () => {
      const hq = await get('/network/points', 'head_office')
      assert.deepEqual(
        hq.body.items.map((p: { pointId: string }) => p.pointId),
        ['p2', 'p1', 'p3'],
      )
      assert.equal(hq.body.items[2].active, false)
      assert.equal(hq.body.items[2].deactivationReason, 'moved')
      const mine = await get('/network/points', 'employee_p1')
      assert.deepEqual(
        mine.body.items.map((p: { pointId: string }) => p.pointId),
        ['p1'],
      )
      await expectStatus('/network/points', [
        [null, 401],
        ['customer', 403, 'ROLE_NOT_ALLOWED'],
        ['fleet_manager_f1', 403, 'ROLE_NOT_ALLOWED'],
      ])
      await expectStatus('/network/points/p3', [
        ['head_office', 200],
        ['manager_p1', 403, 'TENANT_ACCESS_DENIED'],
      ])
      await expectStatus('/network/points/p1', [
        ['point_p1', 200],
        ['employee_p2', 403, 'TENANT_ACCESS_DENIED'],
        ['customer', 403, 'ROLE_NOT_ALLOWED'],
      ])
      await expectStatus('/network/points/nowhere', [['head_office', 404, 'SERVICE_POINT_NOT_FOUND']])
    })

    it('lists the catalogue publicly: active items by default, text search across locales', async () => {
      const services = await get('/catalogue/services')
      assert.deepEqual(
        services.body.items.map((s: { code: string }) => s.code),
        ['TYRE-CHANGE'],
      )
      assert.equal(services.body.items[0].search, undefined)
      const all = await get('/catalogue/services?includeRetired=true')
      assert.deepEqual(
        all.body.items.map((s: { code: string; active: boolean }) => [s.code, s.active]),
        [
          ['RUNFLAT-FIT', false],
          ['TYRE-CHANGE', true],
        ],
      )
      assert.equal((await get('/catalogue/services?q=wymiana')).body.total, 1)
      assert.equal((await get('/catalogue/services?q=runflat')).body.total, 0)
      const goods = await get('/catalogue/goods?kind=tpms_sensor')
      assert.deepEqual(goods.body.items[0].price, PLN(150))
      assert.equal((await get('/catalogue/goods?q=zawor')).body.items[0].sku, valve.sku)
      await expectStatus('/catalogue/goods?kind=spaceship', [[null, 400, 'VALIDATION_FAILED']])
    })
  })

  describe('read API: calendars', () => {
    it('a point’s day: per bay in time order, without cancelled or moved-away visits, with its load', async () => {
      const res = await get(`/points/p1/calendar/days/${MONDAY}`, 'manager_p1')
      assert.equal(res.status, 200)
      assert.deepEqual(res.body.open, [
        { from: '08:00', to: '12:00' },
        { from: '12:30', to: '18:00' },
      ])
      const onBays = res.body.bays.flatMap((b: { bayId: string; entries: Array<{ bookingId: string }> }) =>
        b.entries.map((e) => e.bookingId),
      )
      assert.deepEqual(onBays.sort(), ['c1-mon', 'f1-mon', 'f2-mon'])
      assert.deepEqual(res.body.unassigned, [])
      // 570 open minutes × 3 bays; 60 + 90 + 30 booked
      assert.deepEqual(res.body.load, {
        bookedMinutes: 180,
        bookings: 3,
        cancelled: 1,
        noShows: 0,
        openBayMinutes: 1710,
        utilisation: 0.1053,
      })
      const withCancelled = await get(`/points/p1/calendar/days/${MONDAY}?includeCancelled=true`, 'head_office')
      const ids = withCancelled.body.bays.flatMap((b: { entries: Array<{ bookingId: string; status: string }> }) =>
        b.entries.map((e) => `${e.bookingId}:${e.status}`),
      )
      assert.ok(ids.includes('gone:cancelled'))
      assert.ok(!ids.some((i: string) => i.startsWith('moved')))
    })

    it('a point’s week, by ISO week or any date in it; a bay’s day', async () => {
      const byWeek = await get('/points/p1/calendar/weeks/2026-W10', 'employee_p1')
      assert.equal(byWeek.status, 200)
      assert.equal(byWeek.body.from, MONDAY)
      assert.equal(byWeek.body.to, '2026-03-08')
      assert.deepEqual(
        byWeek.body.days.map((d: { entries: Array<{ bookingId: string }> }) =>
          d.entries.map((e) => e.bookingId).sort(),
        ),
        [['c1-mon', 'f1-mon', 'f2-mon'], ['c1-tue'], ['moved'], [], [], [], []],
      )
      assert.deepEqual(byWeek.body.days[6].open, [], 'closed on Sunday')
      assert.equal(byWeek.body.days[6].load.utilisation, null)
      const byDate = await get('/points/p1/calendar/weeks/2026-03-05', 'point_p1')
      assert.deepEqual(byDate.body, byWeek.body)

      const monday = await get(`/points/p1/calendar/days/${MONDAY}`, 'head_office')
      const bay = monday.body.bays.find((b: { entries: unknown[] }) => b.entries.length > 0)
      const bayDay = await get(`/points/p1/bays/${bay.bayId}/calendar/days/${MONDAY}`, 'employee_p1')
      assert.equal(bayDay.status, 200)
      assert.deepEqual(bayDay.body.entries, bay.entries)
    })

    it('refuses other points’ staff, fleets, customers and anonymous callers', async () => {
      for (const path of [
        `/points/p1/calendar/days/${MONDAY}`,
        '/points/p1/calendar/weeks/2026-W10',
        `/points/p1/bays/bay-1/calendar/days/${MONDAY}`,
      ])
        await expectStatus(path, [
          [null, 401],
          ['head_office', 200],
          ['point_p1', 200],
          ['employee_p1', 200],
          ['employee_p2', 403, 'TENANT_ACCESS_DENIED'],
          ['manager_p2', 403, 'TENANT_ACCESS_DENIED'],
          ['fleet_manager_f1', 403, 'ROLE_NOT_ALLOWED'],
          ['fleet_f1', 403, 'ROLE_NOT_ALLOWED'],
          ['customer', 403, 'ROLE_NOT_ALLOWED'],
        ])
    })

    it('bad dates and weeks are 400 problems; unknown points and bays 404 problems', async () => {
      await expectStatus('/points/p1/calendar/days/2026-02-30', [['head_office', 400, 'VALIDATION_FAILED']])
      await expectStatus('/points/p1/calendar/days/tomorrow', [['manager_p1', 400, 'VALIDATION_FAILED']])
      await expectStatus('/points/p1/calendar/weeks/2026-W54', [['head_office', 400, 'VALIDATION_FAILED']])
      await expectStatus(`/points/nowhere/calendar/days/${MONDAY}`, [['head_office', 404, 'SERVICE_POINT_NOT_FOUND']])
      await expectStatus('/points/nowhere/calendar/weeks/2026-W10', [['head_office', 404, 'SERVICE_POINT_NOT_FOUND']])
      await expectStatus(`/points/p1/bays/bay-9/calendar/days/${MONDAY}`, [['head_office', 404, 'BAY_NOT_FOUND']])
      const res = await get('/points/p1/calendar/days/2026-02-30', 'head_office')
      assert.deepEqual(res.body.errors, [{ path: 'date', message: 'must be a date YYYY-MM-DD' }])
    })
  })

  describe('read API: bookings of a customer and of a fleet', () => {
    it('a customer sees only his own bookings, at every point, in time order', async () => {
      const res = await get('/me/bookings', 'customer')
      assert.equal(res.status, 200)
      assert.deepEqual(
        res.body.items.map((e: { bookingId: string }) => e.bookingId),
        ['c1-mon', 'c1-p2', 'c1-tue'],
      )
      assert.ok(res.body.items.every((e: { customerId: string }) => e.customerId === 'c1'))
      const tuesday = await get(`/me/bookings?from=${TUESDAY}&to=${TUESDAY}&limit=1`, 'customer')
      assert.deepEqual(
        { ids: tuesday.body.items.map((e: { bookingId: string }) => e.bookingId), total: tuesday.body.total },
        { ids: ['c1-p2'], total: 2 },
      )
      await expectStatus('/me/bookings', [
        [null, 401],
        ['head_office', 403, 'ROLE_NOT_ALLOWED'],
        ['fleet_manager_f1', 403, 'ROLE_NOT_ALLOWED'],
        ['employee_p1', 403, 'ROLE_NOT_ALLOWED'],
      ])
      await expectStatus(`/me/bookings?from=${TUESDAY}&to=${MONDAY}`, [['customer', 422, 'CALENDAR_QUERY_INVALID']])
      await expectStatus('/me/bookings?from=2026-3-1', [['customer', 400, 'VALIDATION_FAILED']])
    })

    it('a fleet’s manager and company account see the fleet’s bookings; no one else’s fleet', async () => {
      const res = await get('/fleets/f1/bookings', 'fleet_manager_f1')
      assert.equal(res.status, 200)
      assert.deepEqual(
        res.body.items.map((e: { bookingId: string }) => e.bookingId),
        ['f1-mon'],
      )
      await expectStatus('/fleets/f1/bookings', [
        [null, 401],
        ['fleet_f1', 200],
        ['head_office', 200],
        ['customer', 403, 'ROLE_NOT_ALLOWED'],
        ['manager_p1', 403, 'ROLE_NOT_ALLOWED'],
      ])
      await expectStatus('/fleets/f2/bookings', [
        ['fleet_manager_f1', 403, 'TENANT_ACCESS_DENIED'],
        ['fleet_f1', 403, 'TENANT_ACCESS_DENIED'],
        ['head_office', 200],
      ])
    })
  })

  describe('read API: utilisation', () => {
    it('per day for head office and the point’s manager', async () => {
      const res = await get(`/points/p1/utilisation?from=${MONDAY}&to=2026-03-08`, 'manager_p1')
      assert.equal(res.status, 200)
      assert.equal(res.body.bayCount, 3)
      assert.deepEqual(
        res.body.days.map((d: { date: string; bookedMinutes: number; openBayMinutes: number }) => [
          d.date,
          d.bookedMinutes,
          d.openBayMinutes,
        ]),
        [
          [MONDAY, 180, 1710],
          [TUESDAY, 60, 1710],
          ['2026-03-04', 60, 1710],
          ['2026-03-05', 0, 1710],
          ['2026-03-06', 0, 1710],
          ['2026-03-07', 0, 900], // Saturday 09:00–14:00
          ['2026-03-08', 0, 0], // Sunday: closed
        ],
      )
      assert.deepEqual(res.body.total, { bookedMinutes: 300, openBayMinutes: 9450, utilisation: 0.0317 })
    })

    it('refuses employees, other points’ managers, fleets and customers; checks the range', async () => {
      const path = `/points/p1/utilisation?from=${MONDAY}&to=${TUESDAY}`
      await expectStatus(path, [
        [null, 401],
        ['head_office', 200],
        ['manager_p1', 200],
        ['manager_p2', 403, 'TENANT_ACCESS_DENIED'],
        ['employee_p1', 403, 'ROLE_NOT_ALLOWED'],
        ['point_p1', 403, 'ROLE_NOT_ALLOWED'],
        ['fleet_manager_f1', 403, 'ROLE_NOT_ALLOWED'],
        ['customer', 403, 'ROLE_NOT_ALLOWED'],
      ])
      await expectStatus(`/points/p1/utilisation?from=${MONDAY}`, [['head_office', 400, 'VALIDATION_FAILED']])
      await expectStatus(`/points/p1/utilisation?from=${TUESDAY}&to=${MONDAY}`, [
        ['head_office', 422, 'CALENDAR_QUERY_INVALID'],
      ])
      await expectStatus(`/points/p1/utilisation?from=2026-01-01&to=2026-12-31`, [
        ['head_office', 422, 'CALENDAR_QUERY_INVALID'],
      ])
      await expectStatus(`/points/nowhere/utilisation?from=${MONDAY}&to=${TUESDAY}`, [
        ['head_office', 404, 'SERVICE_POINT_NOT_FOUND'],
      ])
    })
  })

  describe('read API: documentation and readiness', () => {
    it('documents every read route in /openapi.json with its roles and responses', async () => {
      const doc = (await get('/openapi.json')).body
      for (const [path, method] of [
        ['/points', 'get'],
        ['/points/{pointId}', 'get'],
        ['/network/points', 'get'],
        ['/network/points/{pointId}', 'get'],
        ['/catalogue/services', 'get'],
        ['/catalogue/goods', 'get'],
        ['/points/{pointId}/calendar/days/{date}', 'get'],
        ['/points/{pointId}/calendar/weeks/{week}', 'get'],
        ['/points/{pointId}/bays/{bayId}/calendar/days/{date}', 'get'],
        ['/points/{pointId}/utilisation', 'get'],
        ['/me/bookings', 'get'],
        ['/fleets/{fleetId}/bookings', 'get'],
      ] as const) {
        const op = doc.paths[path]?.[method]
        assert.ok(op, `${method} ${path}`)
        assert.ok(op.responses['200'].content['application/json'].schema, `${path} documents its answer`)
      }
      assert.match(doc.paths['/points/{pointId}/utilisation'].get.description, /head_office, service_point_manager/)
    })

    it('answers 503 while the read models were never built', async () => {
      const empty = await testApi({
        modules: [calendarModule(readQueries(new ReadModels(new MemoryDocumentStore())))],
      })
      const res = await request(empty.app).get('/points')
      assert.equal(res.status, 503)
      assert.equal(res.body.code, 'READ_MODEL_NOT_READY')
      assert.equal(res.headers['retry-after'], '5')
    })
  })
})
