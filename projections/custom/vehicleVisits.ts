// Built-in report `vehicleVisits` (head office; the fleet's HQ his fleet's rows; an individual
// customer his own): per customer, fleet, vehicle (plate as booked, or the order's equipment label),
// service point and local day of the visit, the visits booked and still to come, completed, cancelled
// and missed, the minutes booked, and the work orders handed over and invoiced (gross) that day. A
// visit moves with its reschedules; from=<today> shows the upcoming ones, a range in the past the
// history. A custom projection: a booking's current state is counted on its current day (the language
// only adds per event), and orders are joined with their invoices.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { orderBillingEventCodecs } from '../../domain/billing/events.js'
import { bookingEventCodecs } from '../../domain/booking/events.js'
import { workOrderEventCodecs } from '../../domain/work-order/events.js'
import { placeSlot } from '../calendar/calendarProjection.js'
import type { Projection, ProjectionView } from '../projection.js'
import { Contributions, decodeAny, Facts, POINT_ZONE_TYPES, PointZones, ReportRows } from './support/reportRows.js'

export const report: ReportShape = {
  report: 'vehicleVisits',
  projection: 'vehicleVisits',
  version: 1,
  title: 'Vehicles: visits, history and upcoming services',
  description:
    'Per customer, fleet, vehicle, service point and local day of the visit: visits booked and still to come, ' +
    'completed, cancelled and missed, minutes booked, work orders handed over and invoiced gross (minor units). ' +
    'from=today for upcoming visits; a past range for the history.',
  builtIn: true,
  keys: [
    { name: 'customerId', bucket: null },
    { name: 'fleetId', bucket: null },
    { name: 'vehicle', bucket: null },
    { name: 'pointId', bucket: null },
    { name: 'day', bucket: 'day' },
  ],
  measures: [
    { name: 'upcoming', op: 'sum' },
    { name: 'completed', op: 'sum' },
    { name: 'cancelled', op: 'sum' },
    { name: 'noShows', op: 'sum' },
    { name: 'bookedMinutes', op: 'sum' },
    { name: 'ordersHandedOver', op: 'sum' },
    { name: 'invoicedGrossMinor', op: 'sum' },
  ],
  scopePointKey: 'pointId',
  scopeFleetKey: 'fleetId',
  scopeCustomerKey: 'customerId',
}

const rows = new ReportRows(report)
type Status = 'upcoming' | 'completed' | 'cancelled' | 'noShows'
interface BookingFacts {
  keys: { customerId: string | null; fleetId: string | null; vehicle: string; pointId: string }
  timeZone: string
  day: string
  minutes: number
  status: Status
}
const visits = new Facts<BookingFacts>('bookings')
const counted = new Contributions(rows, 'counted')
const zones = new PointZones()
const orders = new Facts<{ customerId: string | null; fleetId: string | null; vehicle: string; pointId: string }>(
  'orders',
)

async function count(view: ProjectionView, bookingId: string, b: BookingFacts): Promise<void> {
  await visits.set(view, bookingId, b)
  const deltas: Record<string, number> = { [b.status]: 1 }
  if (b.status === 'upcoming' || b.status === 'completed') deltas.bookedMinutes = b.minutes
  await counted.change(view, bookingId, [{ keys: { ...b.keys, day: b.day }, deltas }])
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if (await zones.track(view, event)) return
  if (event.type === 'WorkOrderBilled') {
    const billed = decodeAny(orderBillingEventCodecs, event).data
    const order = await orders.get(view, billed.orderId)
    if (!order || !billed.invoice) return
    const day = await zones.dayOf(view, order.pointId, billed.at)
    return rows.add(view, { ...order, day }, { invoicedGrossMinor: billed.invoice.totals.grossMinor })
  }
  if (event.type === 'WorkOrderOpened' || event.type === 'WorkOrderHandedOver') {
    const w = decodeAny(workOrderEventCodecs, event)
    if (w.type === 'WorkOrderOpened') {
      const { customer, equipment, pointId } = w.data
      await orders.set(view, w.data.workOrderId, {
        customerId: customer.customerId,
        fleetId: customer.fleetId,
        vehicle: equipment.label,
        pointId,
      })
    } else if (w.type === 'WorkOrderHandedOver') {
      const order = await orders.get(view, w.data.workOrderId)
      if (order)
        await rows.add(
          view,
          { ...order, day: await zones.dayOf(view, order.pointId, w.data.at) },
          { ordersHandedOver: 1 },
        )
    }
    return
  }
  const b = decodeAny(bookingEventCodecs, event)
  const bookingId = b.data.bookingId
  if (b.type === 'BookingRequested') {
    const { customer, vehicle, pointId, timeZone, slot } = b.data
    const placed = placeSlot(timeZone, slot)
    return count(view, bookingId, {
      keys: { customerId: customer.customerId, fleetId: customer.fleetId, vehicle: vehicle.plate, pointId },
      timeZone,
      day: placed.date,
      minutes: placed.minutes,
      status: 'upcoming',
    })
  }
  const known = await visits.get(view, bookingId)
  if (!known) return
  switch (b.type) {
    case 'BookingRescheduled': {
      const placed = placeSlot(known.timeZone, b.data.to)
      return count(view, bookingId, { ...known, day: placed.date, minutes: placed.minutes })
    }
    case 'BookingCancelled':
      return count(view, bookingId, { ...known, status: 'cancelled' })
    case 'BookingMarkedNoShow':
      return count(view, bookingId, { ...known, status: 'noShows' })
    case 'BookingCompleted':
      return count(view, bookingId, { ...known, status: 'completed' })
    default:
      return
  }
}

export const projection: Projection = {
  name: 'vehicleVisits',
  version: 1,
  types: [
    ...POINT_ZONE_TYPES,
    'BookingRequested',
    'BookingRescheduled',
    'BookingCancelled',
    'BookingMarkedNoShow',
    'BookingCompleted',
    'WorkOrderOpened',
    'WorkOrderHandedOver',
    'WorkOrderBilled',
  ],
  collections: ['rows', 'points', 'bookings', 'counted', 'orders'],
  indexes: {
    rows: [{ keys: { 'k.customerId': 1, 'k.day': 1 } }, { keys: { 'k.fleetId': 1, 'k.day': 1 } }],
  },
  apply,
}
