// Commands on a point's stock. Time (`now`) and ids (receipt, issue, return, adjustment) arrive
// on the command; quantities are whole units (a part sold by weight or volume has a sku per unit).
import type { Money } from '../shared/money.js'
import type { AdjustmentReason, ReleaseReason, StockLine } from './events.js'

export type StockCommand =
  | {
      readonly kind: 'ReceiveStock'
      readonly pointId: string
      readonly receiptId: string
      readonly lines: ReadonlyArray<{
        readonly sku: string
        readonly quantity: number
        readonly unitCost: Money | null
      }>
      readonly supplier: string | null
      readonly documentRef: string | null
      readonly now: string
    }
  | {
      readonly kind: 'ReserveStock'
      readonly pointId: string
      readonly workOrderId: string
      readonly lines: ReadonlyArray<StockLine>
      readonly now: string
    }
  | {
      readonly kind: 'ReleaseReservation'
      readonly pointId: string
      readonly workOrderId: string
      /** null releases everything the order still holds. */
      readonly lines: ReadonlyArray<StockLine> | null
      readonly reason: ReleaseReason
      readonly now: string
    }
  | {
      readonly kind: 'IssueStock'
      readonly pointId: string
      readonly issueId: string
      /** null for workshop consumables not charged to an order. */
      readonly workOrderId: string | null
      readonly technicianId: string
      readonly lines: ReadonlyArray<StockLine>
      readonly now: string
    }
  | {
      readonly kind: 'ReturnStock'
      readonly pointId: string
      readonly returnId: string
      readonly workOrderId: string | null
      readonly technicianId: string
      readonly lines: ReadonlyArray<StockLine>
      readonly now: string
    }
  | {
      readonly kind: 'AdjustStock'
      readonly pointId: string
      readonly adjustmentId: string
      readonly sku: string
      /** What a count found on the shelf; the event records the difference. */
      readonly countedQuantity: number
      readonly reason: AdjustmentReason
      readonly note: string | null
      readonly now: string
    }
  | { readonly kind: 'SetMinimumLevel'; readonly pointId: string; readonly sku: string; readonly minimum: number }
