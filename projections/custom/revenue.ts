// Built-in report `revenue` (head office, and a point's own figures): per service point, currency
// and local day of issue, what was invoiced: work orders' invoices under the point that did the work,
// contracts' monthly invoices under point null (they belong to the network). Net, VAT and gross,
// and the net split by line kind (services, labour, parts, monthly fees, usage). A custom projection
// because an order's invoice (stream orderbilling-…) does not name the point (stream workorder-…).
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { monthlyBillingEventCodecs, orderBillingEventCodecs } from '../../domain/billing/events.js'
import type { Invoice } from '../../domain/billing/invoice.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeAny, Facts, POINT_ZONE_TYPES, PointZones, ReportRows } from './support/reportRows.js'

export const report: ReportShape = {
  report: 'revenue',
  projection: 'revenue',
  version: 1,
  title: 'Revenue',
  description:
    'Per service point (null: contracts’ monthly invoices), currency and local day of issue: invoices, net, VAT ' +
    'and gross (minor units), and the net of services, labour, parts, monthly fees and usage. period=week or ' +
    'month rolls the days up.',
  builtIn: true,
  keys: [
    { name: 'pointId', bucket: null },
    { name: 'currency', bucket: null },
    { name: 'day', bucket: 'day' },
  ],
  measures: [
    { name: 'invoices', op: 'count' },
    { name: 'netMinor', op: 'sum' },
    { name: 'vatMinor', op: 'sum' },
    { name: 'grossMinor', op: 'sum' },
    { name: 'servicesNetMinor', op: 'sum' },
    { name: 'labourNetMinor', op: 'sum' },
    { name: 'partsNetMinor', op: 'sum' },
    { name: 'feesNetMinor', op: 'sum' },
    { name: 'usageNetMinor', op: 'sum' },
  ],
  scopePointKey: 'pointId',
}

const rows = new ReportRows(report)
const zones = new PointZones()
const orders = new Facts<{ pointId: string }>('orders')

const KIND_MEASURE = {
  service: 'servicesNetMinor',
  labour: 'labourNetMinor',
  part: 'partsNetMinor',
  monthly_fee: 'feesNetMinor',
  usage: 'usageNetMinor',
} as const

async function addInvoice(view: ProjectionView, pointId: string | null, invoice: Invoice): Promise<void> {
  const deltas: Record<string, number> = {
    invoices: 1,
    netMinor: invoice.totals.netMinor,
    vatMinor: invoice.totals.vatMinor,
    grossMinor: invoice.totals.grossMinor,
  }
  for (const line of invoice.lines) {
    const measure = KIND_MEASURE[line.kind]
    deltas[measure] = (deltas[measure] ?? 0) + line.netMinor
  }
  const day = await zones.dayOf(view, pointId, invoice.issuedAt)
  await rows.add(view, { pointId, currency: invoice.currency, day }, deltas)
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if (await zones.track(view, event)) return
  if (event.type === 'WorkOrderOpened') {
    const data = event.data as { workOrderId: string; pointId: string }
    return orders.set(view, data.workOrderId, { pointId: data.pointId })
  }
  if (event.type === 'ContractMonthBilled') {
    const billed = decodeAny(monthlyBillingEventCodecs, event).data
    if (billed.invoice) await addInvoice(view, null, billed.invoice)
    return
  }
  const billed = decodeAny(orderBillingEventCodecs, event).data
  if (!billed.invoice) return
  await addInvoice(view, (await orders.get(view, billed.orderId))?.pointId ?? null, billed.invoice)
}

export const projection: Projection = {
  name: 'revenue',
  version: 1,
  types: [...POINT_ZONE_TYPES, 'WorkOrderOpened', 'WorkOrderBilled', 'ContractMonthBilled'],
  collections: ['rows', 'points', 'orders'],
  indexes: { rows: [{ keys: { 'k.pointId': 1, 'k.day': 1 } }] },
  apply,
}
