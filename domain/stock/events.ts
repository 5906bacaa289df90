// Events of a point's stock: stream `stock-<pointId>`, one stream per service point.
//
// Why one stream per point and not per item: an order reserves several parts at once (four tyres,
// valves, weights) and must get all or none, which one decision on one stream gives without a
// saga; the low-stock list is a fold of one stream; and a workshop's stock moves a few hundred
// times a day at most, so appends rarely contend and a year's stream folds in milliseconds. If a
// point ever outgrows that, snapshot the state (it is small: one record per sku) and fold from it.
import * as t from 'io-ts'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { Money } from '../shared/money.js'

export const StockLine = t.type({ sku: t.string, quantity: t.number })
export type StockLine = t.TypeOf<typeof StockLine>

export const ReleaseReason = t.keyof({
  order_cancelled: null,
  line_declined: null,
  not_needed: null,
  order_closed: null,
})
export type ReleaseReason = t.TypeOf<typeof ReleaseReason>

export const AdjustmentReason = t.keyof({ stocktake: null, damaged: null, lost: null, other: null })
export type AdjustmentReason = t.TypeOf<typeof AdjustmentReason>

export const stockEventCodecs = {
  StockReceived: t.type({
    pointId: t.string,
    receiptId: t.string,
    lines: t.array(t.type({ sku: t.string, quantity: t.number, unitCost: t.union([Money, t.null]) })),
    supplier: t.union([t.string, t.null]),
    /** The supplier's delivery note or invoice number. */
    documentRef: t.union([t.string, t.null]),
    at: t.string,
  }),
  StockReserved: t.type({ pointId: t.string, workOrderId: t.string, lines: t.array(StockLine), at: t.string }),
  StockReservationReleased: t.type({
    pointId: t.string,
    workOrderId: t.string,
    lines: t.array(StockLine),
    reason: ReleaseReason,
    at: t.string,
  }),
  /** Handed to a technician; `fromReservation` of each line came out of the order's reservation. */
  StockIssued: t.type({
    pointId: t.string,
    issueId: t.string,
    workOrderId: t.union([t.string, t.null]),
    technicianId: t.string,
    lines: t.array(t.type({ sku: t.string, quantity: t.number, fromReservation: t.number })),
    at: t.string,
  }),
  /** Unused parts back on the shelf (free again, not back into a reservation). */
  StockReturned: t.type({
    pointId: t.string,
    returnId: t.string,
    workOrderId: t.union([t.string, t.null]),
    technicianId: t.string,
    lines: t.array(StockLine),
    at: t.string,
  }),
  /** A correction to what is physically there (a count, damage, loss): delta may be negative. */
  StockAdjusted: t.type({
    pointId: t.string,
    adjustmentId: t.string,
    sku: t.string,
    delta: t.number,
    reason: AdjustmentReason,
    note: t.union([t.string, t.null]),
    at: t.string,
  }),
  StockMinimumLevelSet: t.type({ pointId: t.string, sku: t.string, minimum: t.number }),
}
export type StockEvent = EventsOf<typeof stockEventCodecs>

export const stockEventDefinitions = firstVersionDefinitions(stockEventCodecs)
