// Events of the billing context:
// - stream `billing-<contractId>`: one ContractMonthBilled per contract and month (the run is
//   idempotent per month);
// - stream `orderbilling-<orderId>`: one WorkOrderBilled per work order.
// Both carry the whole invoice (or null when there was nothing to charge), so documents, exports
// and reports are built from the events alone.
import * as t from 'io-ts'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { Invoice } from './invoice.js'

export const UsageMinutesCodec = t.type({ serviceCode: t.string, minutes: t.number })

export const monthlyBillingEventCodecs = {
  ContractMonthBilled: t.type({
    contractId: t.string,
    /** 'YYYY-MM' in the contract's calendar. */
    month: t.string,
    /** The days of the month the contract was in force, or null: none (nothing billed). */
    period: t.union([t.type({ from: t.string, to: t.string }), t.null]),
    usage: t.array(UsageMinutesCodec),
    invoice: t.union([Invoice, t.null]),
    at: t.string,
  }),
}
export type MonthlyBillingEvent = EventsOf<typeof monthlyBillingEventCodecs>

export const orderBillingEventCodecs = {
  WorkOrderBilled: t.type({
    orderId: t.string,
    contractId: t.union([t.string, t.null]),
    workDate: t.string,
    /** Minutes on the contract's hourly/tiered services: summed per month into the monthly run. */
    deferredUsage: t.array(UsageMinutesCodec),
    invoice: t.union([Invoice, t.null]),
    at: t.string,
  }),
}
export type OrderBillingEvent = EventsOf<typeof orderBillingEventCodecs>

export const billingEventDefinitions = [
  ...firstVersionDefinitions(monthlyBillingEventCodecs),
  ...firstVersionDefinitions(orderBillingEventCodecs),
]
