// Built-in report `utilisation` (head office, and a point's manager): per service point and local
// day of the visits, the minutes booked against the bay-minutes open (the point's opening hours that
// day, DST included, times its bays; none while it is deactivated). A booking counts on its visit's
// day from its request until it is cancelled (a no-show held its slot and still counts); a
// reschedule moves it. A day's capacity is worked out from the point as the log has it when the day
// first gets a booking, and again for all its days whenever its hours or bays change (so it shows
// the point's current hours, as the calendar's utilisation does). Days without a booking have no row:
// summed over a week or month, capacity is that of the days with bookings.
//
// `utilisation` is stored as an average of booked minutes over open minutes (sum: booked, count:
// open), so any roll-up divides the sums: booked ÷ capacity over the week, month or network.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportRowDoc } from '../../application/reports/reportRows.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { bookingEventCodecs } from '../../domain/booking/events.js'
import { servicePointEventCodecs } from '../../domain/service-network/events.js'
import { openingRangesOn } from '../../domain/service-network/openingHours.js'
import {
  initialServicePointState,
  type ServicePointState,
  servicePointDecider,
} from '../../domain/service-network/servicePointDecider.js'
import { localToInstant, MINUTE } from '../../domain/shared/localTime.js'
import { placeSlot } from '../calendar/calendarProjection.js'
import type { Projection, ProjectionView } from '../projection.js'
import { type Contribution, Contributions, decodeAny, Facts, ReportRows } from './support/reportRows.js'

export const report: ReportShape = {
  report: 'utilisation',
  projection: 'utilisation',
  version: 1,
  title: 'Utilisation: booked vs capacity',
  description:
    'Per service point and local day of the visits: bookings held, minutes booked, bay-minutes open ' +
    '(capacity) and utilisation (booked ÷ capacity, rolled up as the ratio of the sums). period=week or ' +
    'month rolls the days up.',
  builtIn: true,
  keys: [
    { name: 'pointId', bucket: null },
    { name: 'day', bucket: 'day' },
  ],
  measures: [
    { name: 'bookings', op: 'sum' },
    { name: 'bookedMinutes', op: 'sum' },
    { name: 'capacityMinutes', op: 'sum' },
    { name: 'utilisation', op: 'avg' },
  ],
  scopePointKey: 'pointId',
}

const rows = new ReportRows(report)
const points = new Facts<{ state: ServicePointState }>('points')
const bookings = new Facts<{ pointId: string; timeZone: string; day: string; minutes: number }>('bookings')
const held = new Contributions(rows, 'held')

/** Bay-minutes open on a local date: real minutes of each opening range (DST days differ) times the bays. */
export function capacityOn(state: ServicePointState, date: string): number {
  if (state.status !== 'active') return 0
  const minutes = openingRangesOn(state, date).reduce(
    (n, r) =>
      n +
      Math.round((localToInstant(state.timeZone, date, r.to) - localToInstant(state.timeZone, date, r.from)) / MINUTE),
    0,
  )
  return minutes * state.bays.length
}

/** Sets a day's capacity (and the ratio's denominator) from the point as known now. */
async function setCapacity(view: ProjectionView, row: ReportRowDoc, state: ServicePointState | null): Promise<void> {
  const capacity = state ? capacityOn(state, String(row.k.day)) : 0
  const before = (row.m.capacityMinutes as number) ?? 0
  if (capacity === before) return
  await rows.add(view, row.k, { capacityMinutes: capacity - before, utilisation: { sum: 0, count: capacity - before } })
}

async function hold(
  view: ProjectionView,
  bookingId: string,
  booking: { pointId: string; day: string; minutes: number } | null,
): Promise<void> {
  const next: Contribution[] = booking
    ? [
        {
          keys: { pointId: booking.pointId, day: booking.day },
          deltas: { bookings: 1, bookedMinutes: booking.minutes, utilisation: { sum: booking.minutes, count: 0 } },
        },
      ]
    : []
  await held.change(view, bookingId, next)
  if (!booking) return
  const { id } = rows.keyDoc({ pointId: booking.pointId, day: booking.day })
  const row = (await view.collection('rows').findOne({ _id: id })) as ReportRowDoc | null
  // A day seen for the first time gets its capacity now.
  if (row && (row.m.bookings as number) === 1 && (row.m.capacityMinutes as number) === 0)
    await setCapacity(view, row, (await points.get(view, booking.pointId))?.state ?? null)
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if (Object.hasOwn(servicePointEventCodecs, event.type)) {
    const e = decodeAny(servicePointEventCodecs, event)
    const pointId = e.data.pointId
    const state = servicePointDecider.evolve((await points.get(view, pointId))?.state ?? initialServicePointState, e)
    await points.set(view, pointId, { state })
    if (['ServicePointCreated', 'ServicePointTimeZoneChanged', 'ServicePointDetailsChanged'].includes(e.type)) return
    // Hours, bays or activity changed: every day of the point with bookings gets its capacity again.
    const days = (await view.collection('rows').find({ 'k.pointId': pointId }, { sort: { _id: 1 } })) as ReportRowDoc[]
    for (const row of days) await setCapacity(view, row, state)
    return
  }
  const b = decodeAny(bookingEventCodecs, event)
  const bookingId = b.data.bookingId
  if (b.type === 'BookingRequested') {
    const { pointId, timeZone, slot } = b.data
    const placed = placeSlot(timeZone, slot)
    const booking = { pointId, timeZone, day: placed.date, minutes: placed.minutes }
    await bookings.set(view, bookingId, booking)
    await hold(view, bookingId, booking)
    return
  }
  const known = await bookings.get(view, bookingId)
  if (!known) return
  if (b.type === 'BookingRescheduled') {
    const placed = placeSlot(known.timeZone, b.data.to)
    const booking = { ...known, day: placed.date, minutes: placed.minutes }
    await bookings.set(view, bookingId, booking)
    await hold(view, bookingId, booking)
  } else if (b.type === 'BookingCancelled') {
    await bookings.delete(view, bookingId)
    await hold(view, bookingId, null)
  }
}

export const projection: Projection = {
  name: 'utilisation',
  version: 1,
  types: [...Object.keys(servicePointEventCodecs), 'BookingRequested', 'BookingRescheduled', 'BookingCancelled'],
  collections: ['rows', 'points', 'bookings', 'held'],
  indexes: { rows: [{ keys: { 'k.pointId': 1, 'k.day': 1 } }] },
  apply,
}
