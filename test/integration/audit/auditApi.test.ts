// The audit routes over HTTP: who may call them (head office everywhere, a point's manager for his
// point's streams, nobody else), history paging, state as of an instant or a revision, the chain's
// verdict, and typed problems for bad input.
import assert from 'node:assert/strict'
import request from 'supertest'
import { auditModule } from '../../../api/audit/auditRoutes.js'
import { AuditService } from '../../../application/audit/streamAudit.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import {
  completeOrder,
  Recorder,
  receiveParts,
  registerCar,
  workshopCatalogue,
} from '../../unit/audit/support/workshop.js'
import { type Cast, type TestApi, testApi } from '../api/support/testApi.js'

describe('audit API', () => {
  let api: TestApi

  before(async () => {
    const store = new MemoryEventStore()
    const catalogue = workshopCatalogue()
    const r = new Recorder(store, catalogue)
    await registerCar(r, { equipmentId: 'eq-1' })
    await receiveParts(r)
    await completeOrder(r, { workOrderId: 'wo-1', equipmentId: 'eq-1', mileageKm: 120_000 })
    await registerCar(r, { equipmentId: 'eq-2', pointId: 'p2', plate: 'EL12345' })
    await receiveParts(r, 'p2')
    await completeOrder(r, { workOrderId: 'wo-2', equipmentId: 'eq-2', pointId: 'p2', mileageKm: 5_000 })
    api = await testApi({ modules: [auditModule(new AuditService(store, catalogue), null)] })
  })

  const get = (path: string, who?: Cast) => {
    const r = request(api.app).get(path)
    return who ? r.set('Authorization', api.bearer(who)) : r
  }

  it('head office reads any stream’s history, pages it, and sees who did what when', async () => {
    const res = await get('/audit/streams/workorder-wo-2/history', 'head_office')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.events[0].type, 'WorkOrderOpened')
    assert.deepEqual(res.body.events[0].actor, { id: 'emp-ola', role: 'service_point_employee' })
    assert.match(res.body.events[0].hash, /^[0-9a-f]{64}$/)
    assert.equal(res.body.head.hash, res.body.events.at(-1).hash)
    const page = await get('/audit/streams/workorder-wo-2/history?fromRevision=2&limit=3', 'head_office')
    assert.deepEqual(
      page.body.events.map((e: { revision: number }) => e.revision),
      [2, 3, 4],
    )
    assert.equal(page.body.nextRevision, 5)
    const categories = await get('/audit/categories', 'head_office')
    assert.ok(categories.body.categories.some((c: { category: string }) => c.category === 'workorder'))
  })

  it('rebuilds the state as of a revision or an instant; refuses what it cannot answer', async () => {
    const history = (await get('/audit/streams/workorder-wo-1/history', 'head_office')).body
    const sent = history.events.find((e: { type: string }) => e.type === 'EstimateSent')
    const byRevision = await get(`/audit/streams/workorder-wo-1/state?revision=${sent.revision}`, 'manager_p1')
    assert.equal(byRevision.status, 200, JSON.stringify(byRevision.body))
    assert.equal(byRevision.body.state.status, 'estimate')
    const byTime = await get(
      `/audit/streams/workorder-wo-1/state?asOf=${encodeURIComponent(sent.occurredAt)}`,
      'head_office',
    )
    assert.deepEqual(byTime.body.state, byRevision.body.state)
    assert.equal((await get('/audit/streams/workorder-wo-1/state', 'head_office')).body.state.status, 'handed_over')

    const problems: Array<[string, number, string]> = [
      ['/audit/streams/workorder-wo-1/state?revision=abc', 400, 'VALIDATION_FAILED'],
      ['/audit/streams/workorder-wo-1/state?asOf=yesterday', 422, 'AS_OF_INVALID'],
      ['/audit/streams/workorder-wo-1/state?asOf=2026-03-02T10:00:00Z&revision=1', 422, 'AS_OF_INVALID'],
      ['/audit/streams/workorder-wo-1/state?revision=100000', 422, 'AS_OF_INVALID'],
      ['/audit/streams/workorder-nope/state', 404, 'STREAM_NOT_FOUND'],
      ['/audit/streams/workorder-wo-1/history?limit=0', 400, 'VALIDATION_FAILED'],
    ]
    for (const [path, status, code] of problems) {
      const res = await get(path, 'head_office')
      assert.equal(res.status, status, `${path}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.code, code, path)
      assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/)
    }
  })

  it('verifies the chain', async () => {
    const res = await get('/audit/streams/equipment-eq-1/verify', 'head_office')
    assert.equal(res.status, 200)
    assert.equal(res.body.ok, true)
    assert.match(res.body.headHash, /^[0-9a-f]{64}$/)
  })

  it('a point’s manager audits his point’s streams only; other roles not at all', async () => {
    const cases: Array<[string, Cast | null, number, string?]> = [
      ['/audit/streams/workorder-wo-1/history', 'manager_p1', 200],
      ['/audit/streams/stock-p1/verify', 'manager_p1', 200],
      ['/audit/streams/workorder-wo-2/history', 'manager_p1', 403, 'TENANT_ACCESS_DENIED'],
      ['/audit/streams/workorder-wo-2/state', 'manager_p2', 200],
      ['/audit/streams/workorder-wo-1/verify', 'manager_p2', 403, 'TENANT_ACCESS_DENIED'],
      ['/audit/streams/workorder-wo-1/history', 'employee_p1', 403, 'ROLE_NOT_ALLOWED'],
      ['/audit/streams/workorder-wo-1/history', 'point_p1', 403, 'ROLE_NOT_ALLOWED'],
      ['/audit/streams/workorder-wo-1/history', 'customer', 403, 'ROLE_NOT_ALLOWED'],
      ['/audit/streams/workorder-wo-1/history', 'fleet_manager_f1', 403, 'ROLE_NOT_ALLOWED'],
      ['/audit/categories', 'employee_p2', 403, 'ROLE_NOT_ALLOWED'],
      ['/audit/streams/workorder-wo-1/history', null, 401],
    ]
    for (const [path, who, status, code] of cases) {
      const res = await get(path, who ?? undefined)
      assert.equal(res.status, status, `${who} ${path}: ${JSON.stringify(res.body)}`)
      if (code) assert.equal(res.body.code, code, `${who} ${path}`)
    }
  })

  it('documents every audit route in /openapi.json', async () => {
    const doc = (await get('/openapi.json')).body
    for (const path of [
      '/audit/categories',
      '/audit/streams/{streamId}/history',
      '/audit/streams/{streamId}/state',
      '/audit/streams/{streamId}/verify',
    ])
      assert.ok(doc.paths[path]?.get, path)
    assert.match(
      doc.paths['/audit/streams/{streamId}/state'].get.description,
      /Roles: head_office, service_point_manager/,
    )
  })
})
