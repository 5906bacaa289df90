// The repair policies: what each order event asks of other streams, how a reservation is brought
// in line with the approved parts, and that running a reaction again (a retried request, a second
// runner) changes nothing.
import assert from 'node:assert/strict'
import { handleCommand } from '../../../../application/commands/handleCommand.js'
import { reactionsTo, reservationChanges } from '../../../../application/workOrders/repairPolicies.js'
import type { StockEvent } from '../../../../domain/stock/events.js'
import { stockDecider } from '../../../../domain/stock/stockDecider.js'
import type { WorkOrderEvent } from '../../../../domain/work-order/events.js'
import { workOrderDecider, workOrderStream } from '../../../../domain/work-order/workOrderDecider.js'
import {
  evolveWorkOrder,
  initialWorkOrderState,
  type WorkOrderState,
} from '../../../../domain/work-order/workOrderState.js'
import { HQ, repairWorld, staffOf } from '../../projections/workOrders/support/repairWorld.js'

const T = '2026-03-02T10:00:00.000Z'
const part = (lineId: string, sku: string, quantity: number) => ({
  lineId,
  kind: 'part' as const,
  description: sku,
  sku,
  quantity,
  unitPrice: { amountMinor: 100, currency: 'PLN' },
  vatRatePercent: 23,
  photos: [],
  problemId: null,
  recommendationId: null,
})

function order(...events: WorkOrderEvent[]): WorkOrderState {
  const opened: WorkOrderEvent = {
    type: 'WorkOrderOpened',
    data: {
      workOrderId: 'wo-1',
      pointId: 'p1',
      equipment: { equipmentId: 'car-1', kind: 'vehicle', typeCode: 'passenger_car', label: 'DW1' },
      customer: { customerId: 'c1', fleetId: null, name: null, phone: null, email: null },
      intake: {
        conditionNotes: '',
        accessories: [],
        mileageKm: 1000,
        odometerReplaced: false,
        customerDescription: 'x',
        photos: [],
      },
      promisedAt: null,
      reworkOf: null,
      bookingId: null,
      trackingCodeHash: null,
      openedBy: { id: 'e', role: 'service_point_employee' },
      openedAt: T,
    },
  }
  return [opened, ...events].reduce(evolveWorkOrder, initialWorkOrderState)
}

const approved = (...lineIds: string[]): WorkOrderEvent => ({
  type: 'EstimateLinesDecided',
  data: {
    workOrderId: 'wo-1',
    revision: 1,
    decisions: lineIds.map((lineId) => ({ lineId, decision: 'approved' as const, reason: null })),
    decidedBy: { name: 'Jan', actor: { id: 'e', role: 'service_point_employee' } },
    channel: 'phone',
    at: T,
  },
})

function stock(...events: StockEvent[]) {
  return events.reduce(stockDecider.evolve, stockDecider.initialState)
}

describe('repair policies', () => {
  it('opening an order puts the item in service, records the intake mileage, and links a rework to its original', () => {
    const state = order()
    const reactions = reactionsTo(
      {
        type: 'WorkOrderOpened',
        data: {
          workOrderId: 'wo-2',
          pointId: 'p1',
          equipment: { equipmentId: 'car-1', kind: 'vehicle', typeCode: 'passenger_car', label: 'DW1' },
          customer: { customerId: 'c1', fleetId: null, name: null, phone: null, email: null },
          intake: {
            conditionNotes: '',
            accessories: [],
            mileageKm: 5000,
            odometerReplaced: false,
            customerDescription: 'comeback',
            photos: [],
          },
          promisedAt: null,
          reworkOf: { workOrderId: 'wo-1', reason: 'vibration again' },
          bookingId: null,
          trackingCodeHash: null,
          openedBy: { id: 'e', role: 'service_point_employee' },
          openedAt: T,
        },
      },
      { ...state, workOrderId: 'wo-2' },
    )
    assert.deepEqual(
      reactions.map((r) => [r.name, r.target]),
      [
        ['equipment-in_service', 'equipment'],
        ['mileage', 'equipment'],
        ['link-rework', 'workorder'],
      ],
    )
  })

  it('a reservation is brought in line with the approved parts: reserve what is missing, release the excess, count what was issued', () => {
    const state = order(
      { type: 'EstimateLineAdded', data: { workOrderId: 'wo-1', line: part('L1', 'TYRE', 4) } },
      { type: 'EstimateLineAdded', data: { workOrderId: 'wo-1', line: part('L2', 'VALVE', 4) } },
      { type: 'EstimateLineAdded', data: { workOrderId: 'wo-1', line: part('L3', 'TYRE', 2) } },
      approved('L1', 'L2'),
    )
    assert.deepEqual(reservationChanges(state, stock()), {
      reserve: [
        { sku: 'TYRE', quantity: 4 },
        { sku: 'VALVE', quantity: 4 },
      ],
      release: [],
    })
    const held = stock(
      {
        type: 'StockReceived',
        data: {
          pointId: 'p1',
          receiptId: 'r',
          lines: [
            { sku: 'TYRE', quantity: 9, unitCost: null },
            { sku: 'SPARE', quantity: 1, unitCost: null },
          ],
          supplier: null,
          documentRef: null,
          at: T,
        },
      },
      {
        type: 'StockReserved',
        data: {
          pointId: 'p1',
          workOrderId: 'wo-1',
          lines: [
            { sku: 'TYRE', quantity: 6 },
            { sku: 'SPARE', quantity: 1 },
          ],
          at: T,
        },
      },
      {
        type: 'StockIssued',
        data: {
          pointId: 'p1',
          issueId: 'i',
          workOrderId: 'wo-1',
          technicianId: 't',
          lines: [{ sku: 'TYRE', quantity: 1, fromReservation: 1 }],
          at: T,
        },
      },
    )
    // Wanted TYRE 4 (1 issued already, so 3 held), VALVE 4; held TYRE 5 and SPARE 1.
    assert.deepEqual(reservationChanges(state, held), {
      reserve: [{ sku: 'VALVE', quantity: 4 }],
      release: [
        { sku: 'SPARE', quantity: 1 },
        { sku: 'TYRE', quantity: 2 },
      ],
    })
  })

  it('line changes after a reopening give parts back; before any decision there is nothing to give', () => {
    const removed: WorkOrderEvent = { type: 'EstimateLineRemoved', data: { workOrderId: 'wo-1', lineId: 'L1' } }
    assert.deepEqual(reactionsTo(removed, order()), [])
    const reopened = { ...order(), revision: 2 }
    assert.deepEqual(
      reactionsTo(removed, reopened).map((r) => r.name),
      ['release-changed-parts'],
    )
  })

  it('running the reactions to the same events again appends nothing', async () => {
    const w = await repairWorld()
    const staff = staffOf('p1')
    w.ok(await w.repair.stock.change(HQ, 'p1', { kind: 'Receive', lines: [{ sku: 'TYRE', quantity: 8 }] }, w.meta()))
    w.ok(
      await w.repair.equipment.register(
        staff,
        {
          equipmentId: 'car-1',
          typeCode: 'passenger_car',
          make: 'Kia',
          registration: { plate: 'DW 12345' },
          owner: { kind: 'customer', customerId: 'c1' },
        },
        w.meta(),
      ),
    )
    const opened = w.ok(
      await w.repair.workOrders.open(
        staff,
        { pointId: 'p1', equipmentId: 'car-1', intake: { customerDescription: 'x', mileageKm: 100 } },
        w.meta(),
      ),
    )
    const id = opened.order.workOrderId
    w.ok(
      await w.repair.workOrders.change(
        staff,
        id,
        { kind: 'AddLine', line: { kind: 'goods', sku: 'TYRE', quantity: 4, lineId: 'tyres' } },
        w.meta(),
      ),
    )
    w.ok(await w.repair.workOrders.sendEstimate(staff, id, { channel: 'in_person' }, w.meta()))
    const decision = {
      revision: 1,
      decidedByName: 'Jan',
      channel: 'phone' as const,
      decisions: [{ lineId: 'tyres', decision: 'approved' as const }],
    }
    const first = w.ok(await w.repair.workOrders.decide(staff, id, decision, w.meta('decide-1')))
    assert.ok(first.policies.some((p) => p.outcome === 'applied'))
    const count = (await w.events()).length
    // The same request again (same Idempotency-Key): the same event ids, so nothing new anywhere.
    const again = w.ok(await w.repair.workOrders.decide(staff, id, decision, w.meta('decide-1')))
    assert.ok(
      again.policies.every((p) => p.outcome !== 'refused'),
      JSON.stringify(again.policies),
    )
    assert.equal((await w.events()).length, count)
    const reserved = (await w.events()).filter((e) => e.type === 'StockReserved')
    assert.equal(reserved.length, 1)
    assert.equal(reserved[0]?.metadata.causationId !== null, true, 'the policy names the event that caused it')
  })

  it('a retry (same Idempotency-Key) after a crash between the order’s append and its reactions completes them', async () => {
    const w = await repairWorld()
    const staff = staffOf('p1')
    w.ok(await w.repair.stock.change(HQ, 'p1', { kind: 'Receive', lines: [{ sku: 'VALVE', quantity: 8 }] }, w.meta()))
    w.ok(
      await w.repair.equipment.register(
        staff,
        {
          equipmentId: 'car-1',
          typeCode: 'passenger_car',
          make: 'Kia',
          registration: { plate: 'DW 12345' },
          owner: { kind: 'customer', customerId: 'c1' },
        },
        w.meta(),
      ),
    )
    const id = w.ok(
      await w.repair.workOrders.open(
        staff,
        { pointId: 'p1', equipmentId: 'car-1', intake: { customerDescription: 'x' } },
        w.meta(),
      ),
    ).order.workOrderId
    w.ok(
      await w.repair.workOrders.change(
        staff,
        id,
        { kind: 'AddLine', line: { kind: 'goods', sku: 'VALVE', quantity: 4, lineId: 'v' } },
        w.meta(),
      ),
    )
    w.ok(await w.repair.workOrders.sendEstimate(staff, id, { channel: 'in_person' }, w.meta()))
    // The first attempt appended the decision (its first step's ids) and died before the reactions.
    const meta = w.meta('key-1')
    w.ok(
      await handleCommand({
        store: w.store,
        catalogue: w.catalogue,
        decider: workOrderDecider,
        streamId: workOrderStream(id),
        command: {
          kind: 'DecideEstimateLines',
          workOrderId: id,
          actor: { id: staff.id, role: staff.role },
          now: meta.now,
          revision: 1,
          decisions: [{ lineId: 'v', decision: 'approved', reason: null }],
          decidedByName: 'Jan',
          channel: 'phone',
          accessCodeHash: null,
        },
        context: { ...meta, actor: { id: staff.id, role: staff.role }, commandId: 'key-1|0' },
      }),
    )
    assert.equal((await w.events()).filter((e) => e.type === 'StockReserved').length, 0)
    const retried = w.ok(
      await w.repair.workOrders.decide(
        staff,
        id,
        { revision: 1, decidedByName: 'Jan', channel: 'phone', decisions: [{ lineId: 'v', decision: 'approved' }] },
        meta,
      ),
    )
    assert.ok(retried.policies.some((p) => p.policy.endsWith(':reserve') && p.outcome === 'applied'))
    assert.equal((await w.events()).filter((e) => e.type === 'EstimateLinesDecided').length, 1, 'decided once')
    assert.equal((await w.events()).filter((e) => e.type === 'StockReserved').length, 1)
  })
})
