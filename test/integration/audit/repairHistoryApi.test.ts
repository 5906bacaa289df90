// Repair history over HTTP: the read model built by the real projection from decider-made events,
// read by every role; each sees only what the rules give him.
import assert from 'node:assert/strict'
import request from 'supertest'
import { repairHistoryModule } from '../../../api/audit/repairHistoryRoutes.js'
import { RepairHistoryQueries } from '../../../application/audit/repairHistoryQueries.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { repairHistoryProjection } from '../../../projections/repairHistory/repairHistoryProjection.js'
import {
  completeOrder,
  Recorder,
  receiveParts,
  registerCar,
  workshopCatalogue,
} from '../../unit/audit/support/workshop.js'
import { project } from '../../unit/projections/serviceNetwork/support/project.js'
import { type Cast, type TestApi, testApi } from '../api/support/testApi.js'

describe('repair history API', () => {
  let api: TestApi

  before(async () => {
    const events = new MemoryEventStore()
    const r = new Recorder(events, workshopCatalogue())
    await receiveParts(r, 'p1')
    await receiveParts(r, 'p2')
    await registerCar(r, { equipmentId: 'car-1', owner: { kind: 'customer', customerId: 'c1' } })
    await registerCar(r, { equipmentId: 'van-1', plate: 'WX12345', owner: { kind: 'fleet', fleetId: 'f1' } })
    await completeOrder(r, { workOrderId: 'wo-1', equipmentId: 'car-1', mileageKm: 100_000 })
    await completeOrder(r, { workOrderId: 'wo-2', equipmentId: 'car-1', pointId: 'p2', mileageKm: 110_000 })
    await completeOrder(r, { workOrderId: 'wo-3', equipmentId: 'van-1', customerId: null, fleetId: 'f1', mileageKm: 9 })
    const { readModels } = await project(events, [repairHistoryProjection])
    api = await testApi({ modules: [repairHistoryModule(new RepairHistoryQueries(readModels))] })
  })

  const get = (path: string, who?: Cast) => {
    const r = request(api.app).get(path)
    return who ? r.set('Authorization', api.bearer(who)) : r
  }
  const ids = (body: { orders: Array<{ workOrderId: string }> }) => body.orders.map((o) => o.workOrderId)

  it('answers each role with what it may see, and refuses the rest', async () => {
    const cases: Array<[string, Cast | null, number, string[] | string]> = [
      ['/repair-history/equipment/car-1', 'head_office', 200, ['wo-2', 'wo-1']],
      ['/repair-history/equipment/car-1', 'employee_p1', 200, ['wo-1']],
      ['/repair-history/equipment/car-1', 'manager_p2', 200, ['wo-2']],
      ['/repair-history/equipment/car-1', 'customer', 200, ['wo-2', 'wo-1']],
      ['/repair-history/equipment/car-1', 'fleet_manager_f1', 403, 'TENANT_ACCESS_DENIED'],
      ['/repair-history/equipment/van-1', 'fleet_manager_f1', 200, ['wo-3']],
      ['/repair-history/equipment/van-1', 'fleet_f1', 200, ['wo-3']],
      ['/repair-history/equipment/van-1', 'customer', 403, 'TENANT_ACCESS_DENIED'],
      ['/repair-history/equipment/ghost', 'head_office', 404, 'EQUIPMENT_NOT_FOUND'],
      ['/repair-history/customers/c1', 'customer', 200, ['wo-2', 'wo-1']],
      ['/repair-history/customers/c9', 'customer', 403, 'TENANT_ACCESS_DENIED'],
      ['/repair-history/customers/c1', 'employee_p2', 200, ['wo-2']],
      ['/repair-history/customers/c1', 'fleet_manager_f1', 403, 'ROLE_NOT_ALLOWED'],
      ['/repair-history/fleets/f1', 'fleet_manager_f1', 200, ['wo-3']],
      ['/repair-history/fleets/f1', 'customer', 403, 'ROLE_NOT_ALLOWED'],
      ['/repair-history/fleets/f1', null, 401, 'AUTHENTICATION_REQUIRED'],
    ]
    for (const [path, who, status, expected] of cases) {
      const res = await get(path, who ?? undefined)
      assert.equal(res.status, status, `${who} ${path}: ${JSON.stringify(res.body).slice(0, 300)}`)
      if (Array.isArray(expected)) assert.deepEqual(ids(res.body), expected, `${who} ${path}`)
      else assert.equal(res.body.code, expected, `${who} ${path}`)
    }
  })

  it('a customer’s view carries what was done and measured but no staff-only detail', async () => {
    const res = await get('/repair-history/equipment/car-1', 'customer')
    const wo1 = res.body.orders.find((o: { workOrderId: string }) => o.workOrderId === 'wo-1')
    assert.deepEqual(
      wo1.lines.map((l: { decision: string }) => l.decision),
      ['approved', 'approved', 'declined'],
    )
    assert.equal(wo1.treads[0].readings.length, 4)
    assert.equal(wo1.openedBy.id, '')
    assert.ok(wo1.log.every((l: { visibleToCustomer: boolean }) => l.visibleToCustomer))
  })

  it('answers 503 while the read model has never been built', async () => {
    const empty = await testApi({
      modules: [repairHistoryModule(new RepairHistoryQueries(new ReadModels(new MemoryDocumentStore())))],
    })
    const res = await request(empty.app)
      .get('/repair-history/customers/c1')
      .set('Authorization', empty.bearer('customer'))
    assert.equal(res.status, 503)
    assert.equal(res.body.code, 'READ_MODEL_NOT_READY')
  })
})
