// The repair-history read model from realistic histories (two cars, a fleet van, three points'
// worth of visits), and the queries over it: what each viewer sees of an item's, a customer's and
// a fleet's history.
import assert from 'node:assert/strict'
import type { Either } from 'fp-ts/lib/Either.js'
import { RepairHistoryQueries } from '../../../../application/audit/repairHistoryQueries.js'
import { REPAIR_HISTORY } from '../../../../application/audit/repairHistoryViews.js'
import type { Collection } from '../../../../application/ports/documentStore.js'
import type { DomainError } from '../../../../domain/shared/decider.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../../infrastructure/event-store/memory/memoryEventStore.js'
import { repairHistoryProjection } from '../../../../projections/repairHistory/repairHistoryProjection.js'
import {
  customerC1,
  customerC2,
  employeeP1,
  employeeP2,
  fleetManagerF1,
  fleetManagerF2,
  hq,
} from '../../audit/support/principals.js'
import {
  completeOrder,
  mechanic,
  Recorder,
  receiveParts,
  registerCar,
  workshopCatalogue,
} from '../../audit/support/workshop.js'
import { project } from '../serviceNetwork/support/project.js'

function ok<T>(answer: Either<DomainError, T>): T {
  if (answer._tag === 'Left') assert.fail(JSON.stringify(answer.left))
  return answer.right
}
const code = <T>(answer: Either<DomainError, T>) => (answer._tag === 'Left' ? answer.left.code : 'allowed')

describe('repair history', () => {
  const events = new MemoryEventStore()
  let queries: RepairHistoryQueries
  let documents: MemoryDocumentStore

  before(async () => {
    const r = new Recorder(events, workshopCatalogue())
    await receiveParts(r, 'p1')
    await receiveParts(r, 'p2')
    await registerCar(r, { equipmentId: 'car-1', owner: { kind: 'customer', customerId: 'c1' } })
    await registerCar(r, { equipmentId: 'van-1', plate: 'WX12345', owner: { kind: 'fleet', fleetId: 'f1' } })
    await completeOrder(r, { workOrderId: 'wo-1', equipmentId: 'car-1', mileageKm: 100_000 })
    r.tick(60 * 24 * 30)
    await completeOrder(r, { workOrderId: 'wo-2', equipmentId: 'car-1', pointId: 'p2', mileageKm: 110_000 })
    await completeOrder(r, {
      workOrderId: 'wo-3',
      equipmentId: 'van-1',
      customerId: null,
      fleetId: 'f1',
      customerName: 'Flota Sp. z o.o.',
      mileageKm: 50_000,
    })
    // The car is sold to c2, who brings it in: c1's orders stay in the car's history.
    await r.equipment(
      {
        kind: 'ChangeEquipmentOwner',
        equipmentId: 'car-1',
        owner: { kind: 'customer', customerId: 'c2' },
        now: r.tick(),
      },
      mechanic,
    )
    await completeOrder(r, {
      workOrderId: 'wo-4',
      equipmentId: 'car-1',
      customerId: 'c2',
      customerName: 'Ștefan Țurcanu',
      mileageKm: 120_000,
      open: true,
    })
    const built = await project(events, [repairHistoryProjection])
    documents = built.documents as MemoryDocumentStore
    queries = new RepairHistoryQueries(built.readModels)
  })

  it('keeps per order what was done, parts, labour, measurements, who and when', async () => {
    const history = ok(await queries.equipmentHistory(hq, 'car-1'))
    assert.deepEqual(
      history.orders.map((o) => o.workOrderId),
      ['wo-4', 'wo-2', 'wo-1'],
      'newest first',
    )
    const wo1 = history.orders.find((o) => o.workOrderId === 'wo-1')
    assert.ok(wo1)
    assert.equal(wo1.status, 'handed_over')
    assert.equal(wo1.pointId, 'p1')
    assert.deepEqual(
      wo1.lines.map((l) => [l.lineId, l.decision, l.netMinor]),
      [
        ['L1', 'approved', 12_000],
        ['L2', 'approved', 18_999],
        ['L3', 'declined', 10_667],
      ],
    )
    assert.deepEqual(wo1.lines[0]?.decidedBy?.name, 'Zażółć Gęślą-Jaźń')
    assert.equal(wo1.lines[0]?.decidedBy?.channel, 'link')
    assert.deepEqual(
      wo1.parts.map((p) => [p.sku, p.quantity, p.by.id]),
      [['BRK-PAD-F', 1, 'tech-lukasz']],
    )
    assert.ok(wo1.labourMinutes >= 0)
    assert.equal(wo1.labour.length, 1)
    assert.deepEqual(
      wo1.measurements.map((m) => [m.label, m.value, m.unit]),
      [['Głębokość bieżnika', 5.5, 'mm']],
    )
    assert.deepEqual(
      wo1.treads[0]?.readings.map((x) => [x.position, x.depthMm]),
      [
        ['FL', 5.5],
        ['FR', 5.4],
        ['RL', 6.1],
        ['RR', 6],
      ],
    )
    assert.equal(wo1.treads[0]?.mileageKm, 100_000)
    assert.equal(wo1.intake.mileageKm, 100_000)
    assert.equal(wo1.handover?.mileageKm, 100_003)
    assert.equal(wo1.handover?.by.id, 'emp-ola')
    assert.deepEqual(
      wo1.timeline.map((t) => t.status),
      ['intake', 'diagnosis', 'estimate', 'partially_approved', 'in_repair', 'ready', 'handed_over'],
    )
    assert.equal(wo1.estimate?.outcome, 'partially_approved')
    assert.equal(wo1.problems[0]?.defectLabel, 'Zużyte klocki hamulcowe')
    assert.equal(wo1.technicians[0]?.name, 'Łukasz Wiśniewski')
    assert.equal(history.orders[0]?.status, 'in_repair')
    assert.equal(history.tyres.filter((t) => t.what === 'mounted').length, 4)
    assert.equal(history.treads.length, 3, 'one reading per visit (wo-1, wo-2, wo-4)')
  })

  it('a point’s staff see their point’s orders; the owner sees the item’s history without earlier owners’ details', async () => {
    const p1 = ok(await queries.equipmentHistory(employeeP1, 'car-1'))
    assert.deepEqual(
      p1.orders.map((o) => o.workOrderId),
      ['wo-4', 'wo-1'],
    )
    assert.ok(
      p1.orders[1]?.log.every((l) => l.author.id === 'tech-lukasz'),
      'staff see who wrote the log',
    )
    const p2 = ok(await queries.equipmentHistory(employeeP2, 'car-1'))
    assert.deepEqual(
      p2.orders.map((o) => o.workOrderId),
      ['wo-2'],
    )

    const owner = ok(await queries.equipmentHistory(customerC2, 'car-1'))
    assert.equal(owner.orders.length, 3)
    const own = owner.orders.find((o) => o.workOrderId === 'wo-4')
    const earlier = owner.orders.find((o) => o.workOrderId === 'wo-1')
    assert.equal(own?.customer.name, 'Ștefan Țurcanu')
    assert.deepEqual(earlier?.customer, { name: null, phone: null, email: null })
    assert.equal(earlier?.openedBy.id, '', 'staff account ids stay inside')
    assert.ok(earlier?.log.every((l) => l.visibleToCustomer))
    assert.equal(
      code(await queries.equipmentHistory(customerC1, 'car-1')),
      'TENANT_ACCESS_DENIED',
      'sold: no longer his',
    )
    assert.equal(code(await queries.equipmentHistory(hq, 'nothing')), 'EQUIPMENT_NOT_FOUND')
  })

  it('a fleet’s manager sees his fleet’s equipment and orders; a customer his own orders', async () => {
    const van = ok(await queries.equipmentHistory(fleetManagerF1, 'van-1'))
    assert.deepEqual(
      van.orders.map((o) => o.workOrderId),
      ['wo-3'],
    )
    assert.equal(van.orders[0]?.customer.name, 'Flota Sp. z o.o.')
    assert.equal(code(await queries.equipmentHistory(fleetManagerF2, 'van-1')), 'TENANT_ACCESS_DENIED')
    assert.equal(code(await queries.equipmentHistory(fleetManagerF1, 'car-1')), 'TENANT_ACCESS_DENIED')
    assert.equal(code(await queries.equipmentHistory(customerC1, 'van-1')), 'TENANT_ACCESS_DENIED')
    assert.deepEqual(
      ok(await queries.fleetHistory(fleetManagerF1, 'f1')).orders.map((o) => o.workOrderId),
      ['wo-3'],
    )
    assert.equal(code(await queries.fleetHistory(fleetManagerF2, 'f1')), 'TENANT_ACCESS_DENIED')

    assert.deepEqual(
      ok(await queries.customerHistory(customerC1, 'c1')).orders.map((o) => o.workOrderId),
      ['wo-2', 'wo-1'],
    )
    assert.equal(code(await queries.customerHistory(customerC1, 'c2')), 'TENANT_ACCESS_DENIED')
    assert.equal(code(await queries.customerHistory(fleetManagerF1, 'c1')), 'ROLE_NOT_ALLOWED')
    assert.deepEqual(
      ok(await queries.customerHistory(employeeP2, 'c1')).orders.map((o) => o.workOrderId),
      ['wo-2'],
    )
    const c1 = ok(await queries.customerHistory(hq, 'c1'))
    assert.equal(c1.orders[0]?.treads[0]?.mileageKm, 110_000, 'readings joined from the equipment')
  })

  it('apply() event by event leaves the same documents as the batch path', async () => {
    const perEvent = new MemoryDocumentStore()
    const view = { collection: (name: string): Collection => perEvent.collection(`one.${name}`) }
    const types = new Set(repairHistoryProjection.types as readonly string[])
    for await (const e of events.readAll()) if (types.has(e.type)) await repairHistoryProjection.apply(e, view)
    const built = await project(events, [repairHistoryProjection], documents)
    for (const logical of [REPAIR_HISTORY.orders, REPAIR_HISTORY.equipment]) {
      const batch = await (await built.readModels.collection(REPAIR_HISTORY.projection, logical)).find(
        {},
        { sort: { _id: 1 } },
      )
      const single = await perEvent.collection(`one.${logical}`).find({}, { sort: { _id: 1 } })
      assert.deepEqual(single, batch, logical)
    }
  })
})
