// Built-in report `fleetCosts` (head office and the fleet's HQ, his fleet only): per fleet, branch,
// vehicle and month (head office's calendar), the work orders opened and handed over for the fleet's
// vehicles and what the fleet was invoiced (net and gross; contract-priced and catalogue-priced net),
// each line of an invoice under the vehicle it names (lines naming none, such as monthly fees, under
// vehicle null) and the branch the vehicle was in at that moment. A custom projection because the
// branch comes from the fleet's stream and the vehicle from the order's or the invoice's line.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { monthlyBillingEventCodecs, orderBillingEventCodecs } from '../../domain/billing/events.js'
import type { Invoice } from '../../domain/billing/invoice.js'
import { workOrderEventCodecs } from '../../domain/work-order/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import {
  decodeAny,
  Facts,
  FLEET_MEMBERSHIP_TYPES,
  HEAD_OFFICE_TIME_ZONE,
  localDay,
  type Membership,
  membershipChanges,
  ReportRows,
} from './support/reportRows.js'

export const report: ReportShape = {
  report: 'fleetCosts',
  projection: 'fleetCosts',
  version: 1,
  title: 'Fleet services and costs per vehicle and branch',
  description:
    'Per fleet, branch, vehicle (equipment id) and month: work orders opened and handed over, invoices, net and ' +
    'gross invoiced (minor units), and the net priced by the contract and by the catalogue. groupBy=fleetId,branchId ' +
    'for branches; period=total over the range.',
  builtIn: true,
  keys: [
    { name: 'fleetId', bucket: null },
    { name: 'branchId', bucket: null },
    { name: 'vehicleId', bucket: null },
    { name: 'month', bucket: 'month' },
  ],
  measures: [
    { name: 'ordersOpened', op: 'sum' },
    { name: 'ordersHandedOver', op: 'sum' },
    { name: 'invoiceLines', op: 'sum' },
    { name: 'netMinor', op: 'sum' },
    { name: 'grossMinor', op: 'sum' },
    { name: 'contractNetMinor', op: 'sum' },
    { name: 'catalogueNetMinor', op: 'sum' },
  ],
  scopePointKey: null,
  scopeFleetKey: 'fleetId',
  scopeBranchKey: 'branchId',
}

const rows = new ReportRows(report)
const vehicles = new Facts<Membership>('vehicles')
const orders = new Facts<{ fleetId: string; vehicleId: string }>('orders')

const monthOf = (at: string) => localDay(HEAD_OFFICE_TIME_ZONE, at).slice(0, 7)

async function branchOf(view: ProjectionView, fleetId: string, vehicleId: string | null): Promise<string | null> {
  if (!vehicleId) return null
  const m = await vehicles.get(view, vehicleId)
  return m && m.fleetId === fleetId ? m.branchId : null
}

async function addInvoice(view: ProjectionView, invoice: Invoice): Promise<void> {
  const fleetId = invoice.buyer.fleetId
  if (!fleetId) return
  const month = monthOf(invoice.issuedAt)
  for (const line of invoice.lines) {
    const vehicleId = line.equipmentId
    const contract = line.basis === 'catalogue' ? 0 : line.netMinor
    await rows.add(
      view,
      { fleetId, branchId: await branchOf(view, fleetId, vehicleId), vehicleId, month },
      {
        invoiceLines: 1,
        netMinor: line.netMinor,
        grossMinor: line.grossMinor,
        contractNetMinor: contract,
        catalogueNetMinor: line.netMinor - contract,
      },
    )
  }
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if ((FLEET_MEMBERSHIP_TYPES as readonly string[]).includes(event.type)) {
    for (const change of membershipChanges(event))
      if (change.membership) await vehicles.set(view, change.equipmentId, change.membership)
      else await vehicles.delete(view, change.equipmentId)
    return
  }
  if (event.type === 'ContractMonthBilled') {
    const invoice = decodeAny(monthlyBillingEventCodecs, event).data.invoice
    if (invoice) await addInvoice(view, invoice)
    return
  }
  if (event.type === 'WorkOrderBilled') {
    const invoice = decodeAny(orderBillingEventCodecs, event).data.invoice
    if (invoice) await addInvoice(view, invoice)
    return
  }
  const order = decodeAny(workOrderEventCodecs, event)
  if (order.type === 'WorkOrderOpened') {
    const fleetId = order.data.customer.fleetId
    if (!fleetId) return
    const vehicleId = order.data.equipment.equipmentId
    await orders.set(view, order.data.workOrderId, { fleetId, vehicleId })
    const keys = {
      fleetId,
      branchId: await branchOf(view, fleetId, vehicleId),
      vehicleId,
      month: monthOf(order.data.openedAt),
    }
    await rows.add(view, keys, { ordersOpened: 1 })
  } else if (order.type === 'WorkOrderHandedOver') {
    const known = await orders.get(view, order.data.workOrderId)
    if (!known) return
    const { fleetId, vehicleId } = known
    const keys = {
      fleetId,
      branchId: await branchOf(view, fleetId, vehicleId),
      vehicleId,
      month: monthOf(order.data.at),
    }
    await rows.add(view, keys, { ordersHandedOver: 1 })
  }
}

export const projection: Projection = {
  name: 'fleetCosts',
  version: 1,
  types: [
    ...FLEET_MEMBERSHIP_TYPES,
    'WorkOrderOpened',
    'WorkOrderHandedOver',
    'WorkOrderBilled',
    'ContractMonthBilled',
  ],
  collections: ['rows', 'vehicles', 'orders'],
  indexes: { rows: [{ keys: { 'k.fleetId': 1, 'k.month': 1 } }] },
  apply,
}
