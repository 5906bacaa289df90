// The `billing` read model: every invoice (from WorkOrderBilled and ContractMonthBilled, which
// carry it whole) and, per contract and month of the work date, the minutes of hourly and tiered
// services that orders deferred to the monthly run. An order is billed once, so its usage is added
// once; the list of orders makes that visible (and a replayed event cannot count twice).
import { BILLING, type InvoiceDoc, type UsageDoc, usageId } from '../../application/billing/billingViews.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { monthlyBillingEventCodecs, orderBillingEventCodecs } from '../../domain/billing/events.js'
import type { Invoice } from '../../domain/billing/invoice.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeBusinessEvent } from './decodeBusinessEvent.js'

const codecs = { ...monthlyBillingEventCodecs, ...orderBillingEventCodecs }

async function saveInvoice(
  view: ProjectionView,
  invoice: Invoice,
  kind: InvoiceDoc['kind'],
  month: string,
): Promise<void> {
  const doc: InvoiceDoc = {
    ...invoice,
    _id: invoice.invoiceId,
    kind,
    month,
    fleetId: invoice.buyer.fleetId,
    customerId: invoice.buyer.customerId,
  }
  await view.collection(BILLING.invoices).replaceOne({ _id: doc._id }, doc, { upsert: true })
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeBusinessEvent(codecs, event)
  if (decoded.type === 'ContractMonthBilled') {
    if (decoded.data.invoice) await saveInvoice(view, decoded.data.invoice, 'monthly', decoded.data.month)
    return
  }
  const { orderId, contractId, workDate, deferredUsage, invoice } = decoded.data
  const month = workDate.slice(0, 7)
  if (invoice) await saveInvoice(view, invoice, 'order', month)
  if (contractId === null || deferredUsage.length === 0) return
  const usage = view.collection(BILLING.usage)
  const id = usageId(contractId, month)
  const current = (await usage.findOne({ _id: id })) as UsageDoc | null
  if (current?.orders.includes(orderId)) return
  const minutes = { ...(current?.minutes ?? {}) }
  for (const u of deferredUsage) minutes[u.serviceCode] = (minutes[u.serviceCode] ?? 0) + u.minutes
  const doc: UsageDoc = { _id: id, contractId, month, minutes, orders: [...(current?.orders ?? []), orderId] }
  await usage.replaceOne({ _id: id }, doc, { upsert: true })
}

export const billingProjection: Projection = {
  name: BILLING.projection,
  version: 1,
  types: Object.keys(codecs),
  collections: [BILLING.invoices, BILLING.usage],
  indexes: {
    [BILLING.invoices]: [
      { keys: { issuedAt: 1 } },
      { keys: { fleetId: 1, issuedAt: 1 } },
      { keys: { customerId: 1, issuedAt: 1 } },
      { keys: { contractId: 1, month: 1 } },
    ],
    [BILLING.usage]: [{ keys: { month: 1 } }],
  },
  apply,
}
