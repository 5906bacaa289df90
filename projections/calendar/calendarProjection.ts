// The `calendar` read model: booking entries placed on point, bay and local day, and per point and
// day the minutes booked (for utilisation). Built from booking events alone (they carry the slot
// and the point's zone), never from the clock, so a rebuild equals the live run. The day schedule's
// SlotReserved/SlotReleased are the capacity guard's business; a slot reserved for a booking that
// was never requested is not a visit and does not belong on a calendar.
import type { Update } from '../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { CALENDAR, type CalendarEntryView, dayId, HOLDING_STATUSES } from '../../application/queries/calendarViews.js'
import { type BookedSlot, type BookingEvent, bookingEventCodecs } from '../../domain/booking/events.js'
import { formatLocalTime, MINUTE, parseInstant, toLocal } from '../../domain/shared/localTime.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeEvent } from '../serviceNetwork/decodeEvent.js'

/** Where a slot lies in the booking's zone: its local date and wall-clock start and end. */
export function placeSlot(
  timeZone: string,
  slot: BookedSlot,
): Pick<CalendarEntryView, 'date' | 'bayId' | 'staffId' | 'start' | 'end' | 'localStart' | 'localEnd' | 'minutes'> {
  const start = parseInstant(slot.start) ?? 0
  const end = parseInstant(slot.end) ?? start
  const from = toLocal(timeZone, start)
  const to = toLocal(timeZone, end)
  // Visits never cross midnight; one ending exactly at midnight ends at '24:00' of its own day.
  const endMinute = to.date === from.date ? to.minuteOfDay : 1440
  return {
    date: from.date,
    bayId: slot.bayId,
    staffId: slot.staffId,
    start: slot.start,
    end: slot.end,
    localStart: formatLocalTime(from.minuteOfDay),
    localEnd: formatLocalTime(endMinute),
    minutes: Math.round((end - start) / MINUTE),
  }
}

type Requested = Extract<BookingEvent, { type: 'BookingRequested' }>

function requestedEntry(event: Requested, occurredAt: string): CalendarEntryView {
  const d = event.data
  return {
    _id: d.bookingId,
    bookingId: d.bookingId,
    pointId: d.pointId,
    timeZone: d.timeZone,
    ...placeSlot(d.timeZone, d.slot),
    status: 'requested',
    customerId: d.customer.customerId,
    fleetId: d.customer.fleetId,
    contact: { name: d.customer.name, phone: d.customer.phone, email: d.customer.email },
    plate: d.vehicle.plate,
    vehicleClass: d.vehicle.vehicleClass,
    services: d.services.map((s) => ({ code: s.code, minutes: s.minutes })),
    goodsCount: d.goods.reduce((n, g) => n + g.quantity, 0),
    channel: d.bookedBy.channel,
    bookedBy: d.bookedBy.actor.id,
    note: d.note,
    rescheduleCount: 0,
    cancelReason: null,
    requestedAt: occurredAt,
    checkedInAt: null,
    completedAt: null,
    updatedAt: occurredAt,
  }
}

/** The entry after a later event of its booking; the decider has already judged the transition. */
export function evolveEntry(entry: CalendarEntryView, event: BookingEvent): CalendarEntryView {
  switch (event.type) {
    case 'BookingRequested':
      return entry // a booking is requested once (its stream must not exist)
    case 'BookingConfirmed':
      return { ...entry, status: 'confirmed' }
    case 'BookingRescheduled':
      return { ...entry, ...placeSlot(entry.timeZone, event.data.to), rescheduleCount: entry.rescheduleCount + 1 }
    case 'BookingCancelled':
      return { ...entry, status: 'cancelled', cancelReason: event.data.reason }
    case 'BookingCheckedIn':
      return { ...entry, status: 'checked_in', checkedInAt: event.data.at }
    case 'BookingCompleted':
      return { ...entry, status: 'completed', completedAt: event.data.at }
    case 'BookingMarkedNoShow':
      return { ...entry, status: 'no_show' }
  }
}

interface DayCounts {
  bookedMinutes: number
  bookings: number
  cancelled: number
  noShows: number
}

/** What one entry adds to its day's counters. */
function contribution(entry: CalendarEntryView): DayCounts {
  const holding = HOLDING_STATUSES.includes(entry.status)
  return {
    bookedMinutes: holding ? entry.minutes : 0,
    bookings: holding ? 1 : 0,
    cancelled: entry.status === 'cancelled' ? 1 : 0,
    noShows: entry.status === 'no_show' ? 1 : 0,
  }
}

/** Moves the entry's contribution from where it was (before) to where it is (after), in one $inc per day. */
async function moveCounts(
  view: ProjectionView,
  before: CalendarEntryView | null,
  after: CalendarEntryView,
): Promise<void> {
  const deltas = new Map<string, { pointId: string; date: string; counts: DayCounts }>()
  const add = (entry: CalendarEntryView, sign: 1 | -1) => {
    const key = dayId(entry.pointId, entry.date)
    const slot = deltas.get(key) ?? {
      pointId: entry.pointId,
      date: entry.date,
      counts: { bookedMinutes: 0, bookings: 0, cancelled: 0, noShows: 0 },
    }
    const c = contribution(entry)
    slot.counts.bookedMinutes += sign * c.bookedMinutes
    slot.counts.bookings += sign * c.bookings
    slot.counts.cancelled += sign * c.cancelled
    slot.counts.noShows += sign * c.noShows
    deltas.set(key, slot)
  }
  if (before) add(before, -1)
  add(after, 1)
  const days = view.collection(CALENDAR.days)
  for (const [id, { pointId, date, counts }] of deltas) {
    if (Object.values(counts).every((n) => n === 0)) continue
    // Every counter is $inc'ed (zeros too) so a day's document always has all four.
    const update: Update = { $inc: { ...counts } }
    await days.updateOne({ _id: id, pointId, date }, update, { upsert: true })
  }
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeEvent(bookingEventCodecs, event)
  const entries = view.collection(CALENDAR.entries)
  const bookingId = decoded.data.bookingId
  const current = (await entries.findOne({ _id: bookingId })) as CalendarEntryView | null
  if (decoded.type === 'BookingRequested') {
    if (current) return
    const entry = requestedEntry(decoded, event.metadata.occurredAt)
    await entries.insertOne(entry)
    await moveCounts(view, null, entry)
    return
  }
  // Later events of a booking whose request was never recorded cannot come from the decider.
  if (!current) return
  const next = { ...evolveEntry(current, decoded), updatedAt: event.metadata.occurredAt }
  await entries.replaceOne({ _id: bookingId }, next)
  await moveCounts(view, current, next)
}

export const calendarProjection: Projection = {
  name: CALENDAR.projection,
  version: 1,
  types: Object.keys(bookingEventCodecs),
  collections: [CALENDAR.entries, CALENDAR.days],
  indexes: {
    [CALENDAR.entries]: [
      // a point's day or week, in time order
      { keys: { pointId: 1, date: 1, start: 1 } },
      // one bay's day
      { keys: { pointId: 1, bayId: 1, date: 1, start: 1 } },
      // a customer's and a fleet's bookings, in time order
      { keys: { customerId: 1, start: 1 } },
      { keys: { fleetId: 1, start: 1 } },
    ],
    // utilisation over a date range
    [CALENDAR.days]: [{ keys: { pointId: 1, date: 1 } }],
  },
  apply,
}
