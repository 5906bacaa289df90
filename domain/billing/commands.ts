// Commands of the billing context. Invoice ids and numbers come from the application (numbering is
// a sequence the domain does not keep); `now` is the issue time.
import type { ContractOnDate, ContractState } from '../contract/contractTimeline.js'
import type { YearMonth } from '../shared/yearMonth.js'
import type { InvoiceBuyer } from './invoice.js'
import type { CataloguePriceList, UsageMinutes, WorkDone } from './orderPricing.js'

export interface RunMonthlyBilling {
  readonly kind: 'RunMonthlyBilling'
  readonly contractId: string
  readonly month: YearMonth
  /** The contract folded from its stream. */
  readonly contract: ContractState
  /** The month's minutes per hourly/tiered service (e.g. summed from WorkOrderBilled.deferredUsage). */
  readonly usage: ReadonlyArray<UsageMinutes>
  readonly invoiceId: string
  readonly invoiceNumber: string
  readonly now: string
}
export type MonthlyBillingCommand = RunMonthlyBilling

export interface BillWorkOrder {
  readonly kind: 'BillWorkOrder'
  readonly orderId: string
  readonly work: WorkDone
  /** The contract in force on the work date (`contractAsOf`), or null. */
  readonly contract: ContractOnDate | null
  readonly catalogue: CataloguePriceList
  readonly buyer: InvoiceBuyer
  readonly invoiceId: string
  readonly invoiceNumber: string
  readonly now: string
}
export type OrderBillingCommand = BillWorkOrder
