import assert from 'node:assert/strict'
import type { StockCommand } from '../../../../domain/stock/commands.js'
import type { StockEvent } from '../../../../domain/stock/events.js'
import { lowStock } from '../../../../domain/stock/lowStock.js'
import {
  availableOf,
  type InsufficientStockError,
  itemOf,
  reservedFor,
  stockDecider,
} from '../../../../domain/stock/stockDecider.js'
import { scenario } from '../givenWhenThen.js'

const { given } = scenario(stockDecider)
const pointId = 'wro-1'
const now = '2026-03-02T09:00:00.000Z'
const TYRE = '205/55R16-MICH-P4'
const VALVE = 'VALVE-TR414'

const received: StockEvent = {
  type: 'StockReceived',
  data: {
    pointId,
    receiptId: 'PZ-1',
    lines: [
      { sku: TYRE, quantity: 6, unitCost: { amountMinor: 32_000, currency: 'PLN' } },
      { sku: VALVE, quantity: 10, unitCost: null },
    ],
    supplier: 'Oponeo B2B',
    documentRef: 'WZ/2026/77',
    at: now,
  },
}
const reserved = (workOrderId: string, lines: Array<[string, number]>): StockEvent => ({
  type: 'StockReserved',
  data: { pointId, workOrderId, lines: lines.map(([sku, quantity]) => ({ sku, quantity })), at: now },
})
const reserve = (workOrderId: string, lines: Array<[string, number]>): StockCommand => ({
  kind: 'ReserveStock',
  pointId,
  workOrderId,
  lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
  now,
})
const issue = (issueId: string, workOrderId: string | null, lines: Array<[string, number]>): StockCommand => ({
  kind: 'IssueStock',
  pointId,
  issueId,
  workOrderId,
  technicianId: 'tech-jan',
  lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
  now,
})

describe('stock of a point', () => {
  it('receives goods with their delivery document, once per document', () => {
    const state = given([])
      .when({
        kind: 'ReceiveStock',
        pointId,
        receiptId: 'PZ-1',
        lines: received.data.lines as Array<{ sku: string; quantity: number; unitCost: null }>,
        supplier: 'Oponeo B2B',
        documentRef: 'WZ/2026/77',
        now,
      })
      .then([received])
    assert.deepEqual(itemOf(state, TYRE), { onHand: 6, reserved: 0, minimum: 0 })
    given([received])
      .when({
        kind: 'ReceiveStock',
        pointId,
        receiptId: 'PZ-1',
        lines: [{ sku: VALVE, quantity: 1, unitCost: null }],
        supplier: null,
        documentRef: null,
        now,
      })
      .thenError('STOCK_DOCUMENT_EXISTS', 'conflict')
    const error = given([])
      .when({
        kind: 'ReceiveStock',
        pointId,
        receiptId: 'PZ 2',
        lines: [{ sku: ' ', quantity: 0.5, unitCost: null }],
        supplier: null,
        documentRef: null,
        now,
      })
      .thenError('STOCK_INVALID', 'invalid')
    assert.deepEqual((error.fields ?? []).map((f) => f.path).sort(), ['lines[0].quantity', 'lines[0].sku', 'receiptId'])
  })

  it('reserves for an order all or nothing, and says what is available when it cannot', () => {
    const state = given([received])
      .when(
        reserve('wo-1', [
          [TYRE, 4],
          [VALVE, 4],
        ]),
      )
      .then([
        reserved('wo-1', [
          [TYRE, 4],
          [VALVE, 4],
        ]),
      ])
    assert.equal(availableOf(state, TYRE), 2)
    assert.deepEqual(reservedFor(state, 'wo-1'), { [TYRE]: 4, [VALVE]: 4 })
    const error = given([received, reserved('wo-1', [[TYRE, 4]])])
      .when(
        reserve('wo-2', [
          [VALVE, 4],
          [TYRE, 4],
          ['UNKNOWN-SKU', 1],
        ]),
      )
      .thenError('INSUFFICIENT_STOCK', 'conflict') as InsufficientStockError
    assert.deepEqual(error.shortages, [
      { sku: TYRE, requested: 4, available: 2 },
      { sku: 'UNKNOWN-SKU', requested: 1, available: 0 },
    ])
    assert.deepEqual(error.fields, [
      { path: 'lines[1].quantity', message: '4 requested, 2 available' },
      { path: 'lines[2].quantity', message: '1 requested, 0 available' },
    ])
  })

  it('releases a cancelled order’s reservation; releasing again is a no-op', () => {
    const history = [
      received,
      reserved('wo-1', [
        [TYRE, 4],
        [VALVE, 4],
      ]),
    ]
    const release: StockCommand = {
      kind: 'ReleaseReservation',
      pointId,
      workOrderId: 'wo-1',
      lines: null,
      reason: 'order_cancelled',
      now,
    }
    const released: StockEvent = {
      type: 'StockReservationReleased',
      data: {
        pointId,
        workOrderId: 'wo-1',
        lines: [
          { sku: TYRE, quantity: 4 },
          { sku: VALVE, quantity: 4 },
        ],
        reason: 'order_cancelled',
        at: now,
      },
    }
    const state = given(history).when(release).then([released])
    assert.equal(availableOf(state, TYRE), 6)
    assert.deepEqual(reservedFor(state, 'wo-1'), {})
    given([...history, released])
      .when(release)
      .then([])
    given(history)
      .when({ ...release, lines: [{ sku: TYRE, quantity: 5 }], reason: 'line_declined' })
      .thenError('RELEASE_EXCEEDS_RESERVATION', 'conflict')
  })

  it('issues to a technician from the order’s reservation first, then from free stock', () => {
    const history = [received, reserved('wo-1', [[TYRE, 2]]), reserved('wo-2', [[TYRE, 3]])]
    const state = given(history)
      .when(
        issue('RW-1', 'wo-1', [
          [TYRE, 3],
          [VALVE, 4],
        ]),
      )
      .then([
        {
          type: 'StockIssued',
          data: {
            pointId,
            issueId: 'RW-1',
            workOrderId: 'wo-1',
            technicianId: 'tech-jan',
            lines: [
              { sku: TYRE, quantity: 3, fromReservation: 2 },
              { sku: VALVE, quantity: 4, fromReservation: 0 },
            ],
            at: now,
          },
        },
      ])
    assert.deepEqual(itemOf(state, TYRE), { onHand: 3, reserved: 3, minimum: 0 }) // wo-2 still holds 3
    assert.deepEqual(reservedFor(state, 'wo-1'), {})
    // the other order's reservation is not free stock
    const error = given(history)
      .when(issue('RW-2', null, [[TYRE, 2]]))
      .thenError('INSUFFICIENT_STOCK') as InsufficientStockError
    assert.deepEqual(error.shortages, [{ sku: TYRE, requested: 2, available: 1 }])
    given(history)
      .when(issue('RW-3', 'wo-2', [[TYRE, 4]]))
      .events() // 3 reserved + 1 free
  })

  it('returns unused parts up to what was issued for the order', () => {
    const history = [received, reserved('wo-1', [[VALVE, 4]])]
    const issued = given(history)
      .when(issue('RW-1', 'wo-1', [[VALVE, 4]]))
      .events()
    const giveBack = (qty: number, returnId = 'ZW-1'): StockCommand => ({
      kind: 'ReturnStock',
      pointId,
      returnId,
      workOrderId: 'wo-1',
      technicianId: 'tech-jan',
      lines: [{ sku: VALVE, quantity: qty }],
      now,
    })
    const state = given([...history, ...issued])
      .when(giveBack(1))
      .events()
    const after = [...history, ...issued, ...state].reduce(stockDecider.evolve, stockDecider.initialState)
    assert.equal(itemOf(after, VALVE).onHand, 7)
    given([...history, ...issued])
      .when(giveBack(5))
      .thenError('RETURN_EXCEEDS_ISSUED', 'conflict')
    given([...history, ...issued, ...state])
      .when(giveBack(1))
      .thenError('STOCK_DOCUMENT_EXISTS')
  })

  it('a stocktake records the difference, even below what is reserved', () => {
    const history = [received, reserved('wo-1', [[TYRE, 4]])]
    const counted = given(history)
      .when({
        kind: 'AdjustStock',
        pointId,
        adjustmentId: 'INW-1',
        sku: TYRE,
        countedQuantity: 3,
        reason: 'stocktake',
        note: null,
        now,
      })
      .then([
        {
          type: 'StockAdjusted',
          data: { pointId, adjustmentId: 'INW-1', sku: TYRE, delta: -3, reason: 'stocktake', note: null, at: now },
        },
      ])
    assert.equal(availableOf(counted, TYRE), -1)
    given(history)
      .when({
        kind: 'AdjustStock',
        pointId,
        adjustmentId: 'INW-2',
        sku: TYRE,
        countedQuantity: 6,
        reason: 'stocktake',
        note: null,
        now,
      })
      .then([])
  })

  it('lists low stock against per-item minimum levels, worst first; levels passed in override', () => {
    const history: StockEvent[] = [
      received,
      reserved('wo-1', [[TYRE, 4]]),
      { type: 'StockMinimumLevelSet', data: { pointId, sku: TYRE, minimum: 4 } },
      { type: 'StockMinimumLevelSet', data: { pointId, sku: VALVE, minimum: 8 } },
    ]
    const state = history.reduce(stockDecider.evolve, stockDecider.initialState)
    assert.deepEqual(lowStock(state), [{ sku: TYRE, onHand: 6, reserved: 4, available: 2, minimum: 4, shortBy: 2 }])
    assert.deepEqual(
      lowStock(state, { [VALVE]: 20, 'BAL-WEIGHT-5G': 100 }).map((l) => [l.sku, l.shortBy]),
      [
        ['BAL-WEIGHT-5G', 100],
        [VALVE, 10],
        [TYRE, 2],
      ],
    )
    given(history).when({ kind: 'SetMinimumLevel', pointId, sku: TYRE, minimum: 4 }).then([])
    given(history).when({ kind: 'SetMinimumLevel', pointId, sku: TYRE, minimum: -1 }).thenError('STOCK_INVALID')
  })

  it('a point’s stream holds only that point’s stock', () => {
    given([received])
      .when({ ...reserve('wo-1', [[TYRE, 1]]), pointId: 'krk-2' })
      .thenError('STOCK_INVALID')
  })
})
