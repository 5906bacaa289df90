// Property: for generated repair histories (equipment registered, tyres mounted and measured,
// orders opened and moved through estimate, approval, repair, handover or cancellation, stock
// received, reserved by the policies, issued, counted), the workOrders, equipmentRegistry and
// stockLevels read models built live (runners following the log while it is written, in random
// batch sizes) equal their rebuild from the log, and agree with the deciders' own states.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { loadState } from '../../../../application/commands/handleCommand.js'
import { ManualClock } from '../../../../application/leases/clock.js'
import type { StockLevelDocument } from '../../../../application/stock/stockLevelsView.js'
import { levelsOf } from '../../../../application/stock/stockService.js'
import type { WorkOrderDocument } from '../../../../application/workOrders/workOrderListView.js'
import { stockDecider, stockStream } from '../../../../domain/stock/stockDecider.js'
import { workOrderDecider, workOrderStream } from '../../../../domain/work-order/workOrderDecider.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { ProjectionRunner } from '../../../../projections/projectionRunner.js'
import { rebuildProjection } from '../../../../projections/rebuild.js'
import { equipmentRegistryProjection } from '../../../../projections/workOrders/equipmentRegistryProjection.js'
import { stockLevelsProjection } from '../../../../projections/workOrders/stockLevelsProjection.js'
import { workOrdersProjection } from '../../../../projections/workOrders/workOrdersProjection.js'
import { dumpReadModel } from '../support/readModelDump.js'
import { HQ, type RepairWorld, repairWorld, staffOf } from './support/repairWorld.js'

const PROJECTIONS = [workOrdersProjection, equipmentRegistryProjection, stockLevelsProjection]
const ITEMS = ['car-0', 'car-1', 'van-2'] as const
const SLOTS = 3
const POINTS = ['p1', 'p2'] as const
const SKUS = ['TYRE', 'VALVE'] as const

type Step =
  | 'forward'
  | 'diagnosis'
  | 'service'
  | 'tyres'
  | 'valves'
  | 'send'
  | 'approve'
  | 'decline'
  | 'mixed'
  | 'reopen'
  | 'removeLine'
  | 'repair'
  | 'ready'
  | 'handover'
  | 'cancel'
  | 'waiting'
  | 'promise'
  | 'technician'
  | 'issue'

type Op =
  | { kind: 'open'; slot: number; item: number; point: number; promised: boolean }
  | { kind: 'step'; slot: number; step: Step }
  | { kind: 'receive' | 'count' | 'minimum'; point: number; sku: number; quantity: number }
  | { kind: 'tread'; item: number; depth: number; km: number }

const slot = fc.integer({ min: 0, max: SLOTS - 1 })
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('open' as const),
      slot,
      item: fc.integer({ min: 0, max: ITEMS.length - 1 }),
      point: fc.integer({ min: 0, max: 1 }),
      promised: fc.boolean(),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      slot,
      step: fc.constantFrom<Step>(
        'forward',
        'forward',
        'forward',
        'forward',
        'forward',
        'forward',
        'diagnosis',
        'service',
        'tyres',
        'valves',
        'send',
        'approve',
        'decline',
        'mixed',
        'reopen',
        'removeLine',
        'repair',
        'ready',
        'handover',
        'cancel',
        'waiting',
        'promise',
        'technician',
        'issue',
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('receive' as const, 'count' as const, 'minimum' as const),
      point: fc.integer({ min: 0, max: 1 }),
      sku: fc.integer({ min: 0, max: SKUS.length - 1 }),
      quantity: fc.integer({ min: 0, max: 10 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tread' as const),
      item: fc.integer({ min: 0, max: ITEMS.length - 1 }),
      depth: fc.integer({ min: 10, max: 80 }),
      km: fc.integer({ min: 0, max: 3000 }),
    }),
  },
)

/** A history's state between steps: which order each slot holds. */
interface History {
  readonly w: RepairWorld
  readonly orders: Array<{ workOrderId: string; pointId: string } | null>
  readonly km: number[]
}

async function setUp(): Promise<History> {
  const w = await repairWorld()
  for (const [i, equipmentId] of ITEMS.entries()) {
    w.ok(
      await w.repair.equipment.register(
        HQ,
        {
          equipmentId,
          typeCode: equipmentId.startsWith('van') ? 'van' : 'passenger_car',
          make: 'Kia',
          registration: { plate: `DW ${10_000 + i}` },
          owner: i === 2 ? { kind: 'fleet', fleetId: 'f1' } : { kind: 'customer', customerId: `c${i}` },
        },
        w.meta(),
      ),
    )
    for (const position of ['FL', 'FR'] as const)
      w.ok(
        await w.repair.equipment.change(
          HQ,
          equipmentId,
          {
            kind: 'MountTyre',
            tyreId: `${equipmentId}-${position}`,
            position,
            brand: 'Dębica',
            size: '205/55R16',
            season: 'summer',
            treadDepthMm: 8,
            mileageKm: 1000,
          },
          w.meta(),
        ),
      )
  }
  // Some stock at each point, so approvals reserve parts (and later steps issue, count, run short).
  for (const pointId of POINTS)
    w.ok(
      await w.repair.stock.change(
        HQ,
        pointId,
        { kind: 'Receive', lines: SKUS.map((sku) => ({ sku, quantity: 6 })) },
        w.meta(),
      ),
    )
  return { w, orders: Array(SLOTS).fill(null), km: ITEMS.map(() => 1000) }
}

async function perform(h: History, step: Op): Promise<void> {
  const { w } = h
  switch (step.kind) {
    case 'open': {
      if (h.orders[step.slot]) return
      const pointId = POINTS[step.point] as string
      const opened = await w.repair.workOrders.open(
        staffOf(pointId),
        {
          pointId,
          equipmentId: ITEMS[step.item] as string,
          intake: { customerDescription: 'check' },
          promisedAt: step.promised ? '2026-03-02T12:00:00.000Z' : null,
        },
        w.meta(),
      )
      if (opened._tag === 'Right') h.orders[step.slot] = { workOrderId: opened.right.order.workOrderId, pointId }
      return
    }
    case 'receive':
    case 'count':
    case 'minimum': {
      const pointId = POINTS[step.point] as string
      const sku = SKUS[step.sku] as string
      await w.repair.stock.change(
        HQ,
        pointId,
        step.kind === 'receive'
          ? { kind: 'Receive', lines: [{ sku, quantity: step.quantity + 1 }] }
          : step.kind === 'count'
            ? { kind: 'Adjust', sku, countedQuantity: step.quantity, reason: 'stocktake' }
            : { kind: 'SetMinimum', sku, minimum: step.quantity },
        w.meta(),
      )
      return
    }
    case 'tread': {
      const km = (h.km[step.item] as number) + step.km
      h.km[step.item] = km
      await w.repair.equipment.change(
        HQ,
        ITEMS[step.item] as string,
        { kind: 'RecordTreadDepths', readings: [{ position: 'FL', depthMm: step.depth / 10 }], mileageKm: km },
        { ...w.meta(), now: new Date(Date.parse('2026-03-02T00:00:00.000Z') + km * 3_600_000).toISOString() },
      )
      return
    }
    case 'step':
      return orderStep(h, step.slot, step.step)
  }
}

async function orderStep(h: History, n: number, step: Step): Promise<void> {
  const { w } = h
  const held = h.orders[n]
  if (!held) return
  const by = staffOf(held.pointId)
  const id = held.workOrderId
  const change = (c: Parameters<typeof w.repair.workOrders.change>[2]) =>
    w.repair.workOrders.change(by, id, c, w.meta())
  const view = await w.repair.workOrders.get(by, id, w.meta().now)
  if (view._tag === 'Left') return
  const order = view.right
  const pending = order.lines.filter((l) => l.decision === 'pending').map((l) => l.line.lineId)
  const decide = (decisionOf: (lineId: string, i: number) => 'approved' | 'declined') =>
    w.repair.workOrders.decide(
      by,
      id,
      {
        revision: order.revision,
        decidedByName: 'Jan',
        channel: 'phone',
        decisions: pending.map((lineId, i) => ({ lineId, decision: decisionOf(lineId, i) })),
      },
      w.meta(),
    )
  switch (step) {
    case 'forward':
      // One phase on toward handover, as a point works through an order.
      if (order.status === 'intake' || order.status === 'diagnosis') {
        if (order.lines.length === 0) {
          await change({ kind: 'AddLine', line: { kind: 'service', serviceCode: 'TYRE_CHANGE' } })
          await change({ kind: 'AddLine', line: { kind: 'goods', sku: 'TYRE', quantity: 2 } })
        }
        await w.repair.workOrders.sendEstimate(by, id, { channel: 'in_person' }, w.meta())
      } else if (order.status === 'estimate')
        await decide((_l, i) => (i < 2 || i < pending.length - 1 ? 'approved' : 'declined'))
      else if (order.status === 'approved' || order.status === 'partially_approved')
        await change({ kind: 'StartRepair' })
      else if (order.status === 'in_repair') await change({ kind: 'MarkReady' })
      else if (order.status === 'ready') await change({ kind: 'HandOver', receivedBy: 'Jan' })
      return
    case 'diagnosis':
      await change({ kind: 'StartDiagnosis' })
      return
    case 'service':
      await change({ kind: 'AddLine', line: { kind: 'service', serviceCode: 'TYRE_CHANGE' } })
      return
    case 'tyres':
      await change({ kind: 'AddLine', line: { kind: 'goods', sku: 'TYRE', quantity: 2 } })
      return
    case 'valves':
      await change({ kind: 'AddLine', line: { kind: 'goods', sku: 'VALVE', quantity: 3 } })
      return
    case 'send':
      await w.repair.workOrders.sendEstimate(by, id, { channel: 'in_person' }, w.meta())
      return
    case 'approve':
      await decide(() => 'approved')
      return
    case 'decline':
      await decide(() => 'declined')
      return
    case 'mixed':
      await decide((_l, i) => (i % 2 === 0 ? 'approved' : 'declined'))
      return
    case 'reopen':
      await change({ kind: 'ReopenEstimate', reason: 'more work found' })
      return
    case 'removeLine': {
      const last = order.lines.at(-1)
      if (last) await change({ kind: 'RemoveLine', lineId: last.line.lineId })
      return
    }
    case 'repair':
      await change({ kind: 'StartRepair' })
      return
    case 'ready':
      await change({ kind: 'MarkReady' })
      return
    case 'handover':
      await change({ kind: 'HandOver', receivedBy: 'Jan' })
      return
    case 'cancel':
      await change({ kind: 'Cancel', reason: 'changed mind' })
      return
    case 'waiting':
      await change(
        order.customStatus ? { kind: 'LeaveCustomStatus' } : { kind: 'EnterCustomStatus', code: 'waiting_for_parts' },
      )
      return
    case 'promise':
      await change({ kind: 'SetPromisedDate', promisedAt: order.promisedAt ? null : '2026-03-09T12:00:00.000Z' })
      return
    case 'technician':
      await change({ kind: 'AssignTechnician', technicianId: `${held.pointId}-anna` })
      return
    case 'issue':
      await w.repair.stock.change(
        by,
        held.pointId,
        { kind: 'Issue', technicianId: `${held.pointId}-jan`, workOrderId: id, lines: [{ sku: 'TYRE', quantity: 1 }] },
        w.meta(),
      )
      return
  }
}

/** The read models must say what the deciders' states say. */
async function assertAgreesWithDeciders(h: History, dumps: Array<Record<string, unknown[]>>): Promise<void> {
  const [orders, , stock] = dumps as [{ orders: WorkOrderDocument[] }, unknown, { items: StockLevelDocument[] }]
  for (const held of h.orders) {
    if (!held) continue
    const { state } = await loadState(h.w.store, h.w.catalogue, workOrderDecider, workOrderStream(held.workOrderId))
    const doc = orders.orders.find((d) => d._id === held.workOrderId)
    assert.ok(doc, held.workOrderId)
    assert.equal(doc.status, state.status)
    assert.equal(doc.customStatus?.code ?? null, state.customStatus?.code ?? null)
    assert.equal(doc.promisedAt, state.promisedAt)
    assert.deepEqual(doc.technicianIds, Object.keys(state.technicians).sort())
  }
  for (const pointId of POINTS) {
    const { state } = await loadState(h.w.store, h.w.catalogue, stockDecider, stockStream(pointId))
    const projected = stock.items
      .filter((d) => d.pointId === pointId)
      .map((d) => ({ sku: d.sku, onHand: d.onHand, reserved: d.reserved, available: d.available, minimum: d.minimum }))
    assert.deepEqual(projected, levelsOf(state))
  }
}

describe('property: the repair read models rebuild exactly as they were built live', () => {
  it('workOrders, equipmentRegistry and stockLevels over generated repair histories', async function () {
    this.timeout(60_000)
    const seen = { statuses: new Set<string>(), reserved: 0 }
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 3, maxLength: 14 }), { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 50 }),
        async (chunks, batchSize, pageSize) => {
          const h = await setUp()
          const documents = new MemoryDocumentStore()
          const clock = new ManualClock()
          const runners = PROJECTIONS.map(
            (projection) =>
              new ProjectionRunner({
                projection,
                events: h.w.store,
                documents,
                clock,
                batchSize,
                idleFlushMs: 1,
                retireDelayMs: 0,
              }),
          )
          for (const r of runners) r.start()
          try {
            for (const chunk of chunks) {
              for (const step of chunk) await perform(h, step)
              if (chunk.length % 2 === 0) {
                const head = await h.w.store.headPosition()
                await Promise.all(runners.map((r) => r.waitForCheckpoint(head)))
              }
            }
            const head = await h.w.store.headPosition()
            await Promise.all(runners.map((r) => r.waitForCheckpoint(head)))
          } finally {
            await Promise.all(runners.map((r) => r.stop()))
          }
          const live = await Promise.all(PROJECTIONS.map((p) => dumpReadModel(documents, p)))
          const rebuilt = new MemoryDocumentStore()
          for (const projection of PROJECTIONS)
            await rebuildProjection({
              projection,
              events: h.w.store,
              documents: rebuilt,
              clock,
              pageSize,
              retireDelayMs: 0,
            })
          const again = await Promise.all(PROJECTIONS.map((p) => dumpReadModel(rebuilt, p)))
          assert.deepEqual(again, live)
          await assertAgreesWithDeciders(h, live)
          for (const d of (live[0] as { orders: WorkOrderDocument[] }).orders) seen.statuses.add(d.status)
          seen.reserved += (await h.w.events()).filter((e) => e.type === 'StockReserved').length
        },
      ),
      { numRuns: 20 },
    )
    // The generator reaches the interesting places (or the property says little).
    assert.ok(seen.statuses.size >= 5, [...seen.statuses].join(','))
    assert.ok(seen.reserved > 0)
  })
})
