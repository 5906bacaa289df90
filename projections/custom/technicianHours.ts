// Built-in report `technicianHours` (a service point's own figures): per point, technician and local
// day, the minutes clocked on work orders and the labour minutes billed for them. An order's billed
// labour (its invoice's labour lines, in minutes) is shared among the technicians who clocked on it,
// in proportion to their clocked minutes (largest remainder, ties by technician id), on the day it
// was billed; labour billed on an order nobody clocked on counts under technician null. A custom
// projection because it joins the order's clock with its invoice, another stream.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { orderBillingEventCodecs } from '../../domain/billing/events.js'
import { workOrderEventCodecs } from '../../domain/work-order/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeAny, Facts, POINT_ZONE_TYPES, PointZones, ReportRows } from './support/reportRows.js'

export const report: ReportShape = {
  report: 'technicianHours',
  projection: 'technicianHours',
  version: 1,
  title: 'Technicians’ hours: clocked and billed',
  description:
    'Per service point, technician and local day: minutes clocked on work orders, labour minutes billed (an ' +
    'order’s billed labour shared by the technicians’ clocked minutes on it, on the day it was billed), clock ' +
    'entries, and billed ÷ clocked (billedShare). period=week or month rolls the days up.',
  builtIn: true,
  keys: [
    { name: 'pointId', bucket: null },
    { name: 'technicianId', bucket: null },
    { name: 'day', bucket: 'day' },
  ],
  measures: [
    { name: 'clockedMinutes', op: 'sum' },
    { name: 'billedMinutes', op: 'sum' },
    { name: 'clockEntries', op: 'count' },
    { name: 'billedShare', op: 'avg' },
  ],
  scopePointKey: 'pointId',
}

const rows = new ReportRows(report)
const zones = new PointZones()
const orders = new Facts<{ pointId: string; clocked: Record<string, number> }>('orders')

/** Whole minutes shared in proportion to weights: largest remainder, ties by key. */
export function share(total: number, weights: Readonly<Record<string, number>>): Record<string, number> {
  const keys = Object.keys(weights).sort()
  const sum = keys.reduce((n, k) => n + (weights[k] ?? 0), 0)
  if (sum <= 0) return {}
  const exact = keys.map((k) => ({ k, v: (total * (weights[k] ?? 0)) / sum }))
  const out: Record<string, number> = Object.fromEntries(exact.map((e) => [e.k, Math.floor(e.v)]))
  let left = total - Object.values(out).reduce((n, v) => n + v, 0)
  for (const e of [...exact].sort((a, b) => b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)) || (a.k < b.k ? -1 : 1))) {
    if (left <= 0) break
    out[e.k] = (out[e.k] ?? 0) + 1
    left--
  }
  return out
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if (await zones.track(view, event)) return
  if (event.type === 'WorkOrderBilled') {
    const billed = decodeAny(orderBillingEventCodecs, event).data
    const order = await orders.get(view, billed.orderId)
    if (!order || !billed.invoice) return
    const minutes = billed.invoice.lines
      .filter((l) => l.kind === 'labour' && l.unit === 'minute')
      .reduce((n, l) => n + l.quantity, 0)
    if (minutes <= 0) return
    const day = await zones.dayOf(view, order.pointId, billed.at)
    const shares = share(minutes, order.clocked)
    const parts = Object.keys(shares).length > 0 ? Object.entries(shares) : [[null, minutes] as const]
    for (const [technicianId, billedMinutes] of parts)
      await rows.add(
        view,
        { pointId: order.pointId, technicianId, day },
        { billedMinutes, billedShare: { sum: billedMinutes, count: 0 } },
      )
    return
  }
  const order = decodeAny(workOrderEventCodecs, event)
  if (order.type === 'WorkOrderOpened') {
    await orders.set(view, order.data.workOrderId, { pointId: order.data.pointId, clocked: {} })
    return
  }
  if (order.type !== 'LabourClockedOut') return
  const known = await orders.get(view, order.data.workOrderId)
  if (!known) return
  const { technicianId, minutes, at } = order.data
  await orders.set(view, order.data.workOrderId, {
    pointId: known.pointId,
    clocked: { ...known.clocked, [technicianId]: (known.clocked[technicianId] ?? 0) + minutes },
  })
  await rows.add(
    view,
    { pointId: known.pointId, technicianId, day: await zones.dayOf(view, known.pointId, at) },
    { clockedMinutes: minutes, clockEntries: 1, billedShare: { sum: 0, count: minutes } },
  )
}

export const projection: Projection = {
  name: 'technicianHours',
  version: 1,
  types: [...POINT_ZONE_TYPES, 'WorkOrderOpened', 'LabourClockedOut', 'WorkOrderBilled'],
  collections: ['rows', 'points', 'orders'],
  indexes: { rows: [{ keys: { 'k.pointId': 1, 'k.day': 1 } }] },
  apply,
}
