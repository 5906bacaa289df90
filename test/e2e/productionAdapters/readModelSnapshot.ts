// Everything the flow left behind, read through the API as its clients read it: the public and the
// staff point lists, the catalogue, calendars (days, the week, a bay), utilisation, the roster,
// customers' own bookings and each booking, and when present the work order, the board, the
// equipment, stock and the public status page. Keyed by what was asked, in a fixed order, so two
// runs compare entry by entry.
import type { BookingFlowRecord } from './bookingFlow.js'
import { POINT_ID } from './bookingFlow.js'
import type { CalendarDays } from './calendarDays.js'
import type { Http } from './http.js'
import { EQUIPMENT_ID, type WorkOrderFlowRecord } from './workOrderFlow.js'

export type Snapshot = Record<string, unknown>

export async function readModelSnapshot(
  http: Http,
  days: CalendarDays,
  booking: BookingFlowRecord,
  workOrder: WorkOrderFlowRecord | null,
): Promise<Snapshot> {
  const { headOffice, manager, employee } = booking.tokens
  const p = `/points/${POINT_ID}`
  const reads: Array<[string, string, string | null]> = [
    ['public points', '/points', null],
    ['public point', p, null],
    ['nearest points', '/points/nearest?lat=51.1&lon=17.0', null],
    ['services', '/catalogue/services', null],
    ['goods', '/catalogue/goods', null],
    ['network points', '/network/points', headOffice],
    ['network point', `/network${p}`, manager],
    ['staff roster', `${p}/staff?from=${days.today}&to=${days.week.at(-1)}`, manager],
    ['calendar today', `${p}/calendar/days/${days.today}?includeCancelled=true`, employee],
    ['calendar tomorrow', `${p}/calendar/days/${days.tomorrow}`, employee],
    ['calendar tomorrow with cancelled', `${p}/calendar/days/${days.tomorrow}?includeCancelled=true`, employee],
    ['calendar week', `${p}/calendar/weeks/${days.today}?includeCancelled=true`, headOffice],
    ['bay-2 tomorrow', `${p}/bays/bay-2/calendar/days/${days.tomorrow}`, employee],
    ['utilisation', `${p}/utilisation?from=${days.today}&to=${days.week.at(-1)}`, manager],
    ['alice: my bookings', '/me/bookings', booking.alice.token],
    ['race winner: my bookings', '/me/bookings', booking.racers.winner.token],
    ['race loser: my bookings', '/me/bookings', booking.racers.loser.token],
    ['alice booking', `/bookings/${booking.alice.bookingId}`, booking.alice.token],
    ['race winner booking', `/bookings/${booking.racers.winner.bookingId}`, booking.racers.winner.token],
    ['race loser booking', `/bookings/${booking.racers.loser.bookingId}`, booking.racers.loser.token],
    ['phone booking', `/bookings/${booking.phoneBookingId}`, employee],
  ]
  if (workOrder) {
    const w = `/work-orders/${workOrder.workOrderId}`
    reads.push(
      ['work order', w, employee],
      ['work order (customer)', w, booking.alice.token],
      ['work orders of the point', `/work-orders?pointId=${POINT_ID}`, headOffice],
      ['alice: my work orders', '/work-orders', booking.alice.token],
      ['work-order board', `${p}/work-orders/board`, employee],
      ['equipment', `/equipment/${EQUIPMENT_ID}`, employee],
      ['equipment list', '/equipment', headOffice],
      ['stock', `${p}/stock`, manager],
    )
  }
  const snapshot: Snapshot = { 'refused race booking': booking.refusal }
  for (const [name, path, token] of reads) snapshot[name] = await http.read(path, token)
  if (workOrder) {
    const status = await http.call('GET', `/tracking/${workOrder.workOrderId}`, {
      headers: { 'x-access-code': workOrder.trackingCode },
    })
    snapshot['status page'] = status.body
  }
  return snapshot
}
