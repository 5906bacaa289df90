// Built-in report `utilisation` (head office, and a point's manager): per service point and local
// day, the minutes booked against the bay-minutes open (the point's opening hours that day, with its
// seasons and exceptions, DST included, times its bays; none while it is deactivated). A booking
// counts on its visit's day from its request until it is cancelled (a no-show held its slot and
// still counts); a reschedule moves it.
//
// Every open day has a row, with or without bookings, as the calendar has every open day: from the
// day the point was created up to the later of "today" (the local date of the latest event this
// projection has read; it reads every point and booking event, so in a working network that is the
// current day) and the point's farthest booked day. A day gets its capacity when it is reached so,
// and again whenever the point's hours, seasons, exceptions or bays change (every day then shows
// the point's current hours, as the calendar's utilisation does). Deactivation and reactivation
// count from their local day: the days a point was inactive have no capacity, whatever changes
// later. A closed day without bookings has no row. Days are kept in the event's terms only (no
// clock), so a rebuild equals the live run.
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
import { addDays, localToInstant, MINUTE } from '../../domain/shared/localTime.js'
import { placeSlot } from '../calendar/calendarProjection.js'
import type { Projection, ProjectionView } from '../projection.js'
import { type Contribution, Contributions, decodeAny, Facts, localDay, ReportRows } from './support/reportRows.js'

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

/** A point as this report keeps it: its state, and which of its days have their capacity. */
interface PointFacts {
  readonly state: ServicePointState
  /** The local day it was created: its first day. */
  readonly from: string
  /** The last day that has its capacity (null: none yet). */
  readonly through: string | null
  /** Local days from which it was inactive, each to the day before it was reactivated (to: null: still). */
  readonly inactive: ReadonlyArray<{ readonly from: string; readonly to: string | null }>
}

const points = new Facts<PointFacts>('points')
const bookings = new Facts<{ pointId: string; timeZone: string; day: string; minutes: number }>('bookings')
const held = new Contributions(rows, 'held')
/**
 * When some point's "today" next passes the last day it has (the earliest start of a point's day
 * after its `through`); null: no point yet. Events before it leave the points alone.
 */
const clock = new Facts<{ next: number | null }>('clock')
const HOURS_TYPES = new Set([
  'WeeklyOpeningHoursSet',
  'OpeningHoursExceptionSet',
  'OpeningHoursExceptionRemoved',
  'SeasonalOpeningHoursSet',
  'SeasonalOpeningHoursRemoved',
  'BayAdded',
  'BayChanged',
  'BayRemoved',
])

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

/** A day's capacity as this report counts it: the current hours, none on a day the point was inactive. */
function capacityOfDay(point: PointFacts, day: string): number {
  if (point.state.status === 'none' || day < point.from) return 0
  if (point.inactive.some((p) => p.from <= day && (p.to === null || day <= p.to))) return 0
  return capacityOn({ ...point.state, status: 'active' }, day)
}

/** Sets a day's capacity (and the ratio's denominator); a closed day without bookings keeps no row. */
async function setCapacity(view: ProjectionView, point: PointFacts, pointId: string, day: string): Promise<void> {
  const { id } = rows.keyDoc({ pointId, day })
  const row = (await view.collection('rows').findOne({ _id: id })) as ReportRowDoc | null
  const capacity = capacityOfDay(point, day)
  const delta = capacity - ((row?.m.capacityMinutes as number | undefined) ?? 0)
  if (delta !== 0)
    await rows.add(view, { pointId, day }, { capacityMinutes: delta, utilisation: { sum: 0, count: delta } })
}

/** Gives every day after `through` up to `day` its capacity. */
async function reach(view: ProjectionView, pointId: string, point: PointFacts, day: string): Promise<PointFacts> {
  if (point.through !== null && point.through >= day) return point
  for (let d = point.through === null ? point.from : addDays(point.through, 1); d <= day; d = addDays(d, 1))
    await setCapacity(view, point, pointId, d)
  const next = { ...point, through: day }
  await points.set(view, pointId, next)
  return next
}

/** Every day of the point with a capacity or a row, from `since` on, again. */
async function recount(view: ProjectionView, pointId: string, point: PointFacts, since: string): Promise<void> {
  const days = new Set<string>()
  if (point.through !== null)
    for (let d = since < point.from ? point.from : since; d <= point.through; d = addDays(d, 1)) days.add(d)
  const booked = (await view.collection('rows').find({ 'k.pointId': pointId }, { sort: { _id: 1 } })) as ReportRowDoc[]
  for (const row of booked) if (String(row.k.day) >= since) days.add(String(row.k.day))
  for (const day of [...days].sort()) await setCapacity(view, point, pointId, day)
}

/** The instant a point's "today" passes its last day with a capacity (null: none yet). */
function boundaryOf(point: PointFacts): number | null {
  return point.through === null ? null : localToInstant(point.state.timeZone, addDays(point.through, 1), 0)
}

/** Event time reached the next boundary: every point's "today" is reached, and the next boundary found. */
async function advanceClock(view: ProjectionView, occurredAt: string): Promise<void> {
  const seen = await clock.get(view, 'clock')
  if (seen && (seen.next === null || Date.parse(occurredAt) < seen.next)) return
  const all = (await view.collection('points').find({}, { sort: { _id: 1 } })) as unknown as Array<
    { _id: string } & PointFacts
  >
  let next: number | null = null
  for (const { _id, ...point } of all) {
    const reached = await reach(view, _id, point, localDay(point.state.timeZone, occurredAt))
    const boundary = boundaryOf(reached)
    if (boundary !== null && (next === null || boundary < next)) next = boundary
  }
  await clock.set(view, 'clock', { next })
}

/** A point's boundary earlier than the one kept (a new point, another zone) becomes the next. */
async function checkSooner(view: ProjectionView, point: PointFacts): Promise<void> {
  const boundary = boundaryOf(point)
  if (boundary === null) return
  const seen = await clock.get(view, 'clock')
  if (!seen || seen.next === null || boundary < seen.next) await clock.set(view, 'clock', { next: boundary })
}

async function applyPointEvent(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const e = decodeAny(servicePointEventCodecs, event)
  const pointId = e.data.pointId
  const known = await points.get(view, pointId)
  const state = servicePointDecider.evolve(known?.state ?? initialServicePointState, e)
  const today = localDay(state.timeZone, event.metadata.occurredAt)
  let point: PointFacts = known ? { ...known, state } : { state, from: today, through: null, inactive: [] }
  if (e.type === 'ServicePointDeactivated')
    point = { ...point, inactive: [...point.inactive, { from: today, to: null }] }
  if (e.type === 'ServicePointReactivated')
    point = {
      ...point,
      inactive: point.inactive.map((p) =>
        // reactivated the same day: to < from, no day inactive
        p.to === null ? { ...p, to: addDays(today, -1) } : p,
      ),
    }
  await points.set(view, pointId, point)
  if (!known) {
    await checkSooner(view, await reach(view, pointId, point, today))
    return
  }
  if (e.type === 'ServicePointTimeZoneChanged') await checkSooner(view, point)
  if (HOURS_TYPES.has(e.type)) await recount(view, pointId, point, point.from)
  else if (e.type === 'ServicePointDeactivated' || e.type === 'ServicePointReactivated')
    await recount(view, pointId, point, today)
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
  // The days up to the booked one get their capacity (the booked one among them).
  const point = await points.get(view, booking.pointId)
  if (point) await reach(view, booking.pointId, point, booking.day)
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  await advanceClock(view, event.metadata.occurredAt)
  if (Object.hasOwn(servicePointEventCodecs, event.type)) {
    await applyPointEvent(event, view)
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
  version: 2,
  types: [...Object.keys(servicePointEventCodecs), 'BookingRequested', 'BookingRescheduled', 'BookingCancelled'],
  collections: ['rows', 'points', 'bookings', 'held', 'clock'],
  indexes: { rows: [{ keys: { 'k.pointId': 1, 'k.day': 1 } }] },
  apply,
}
