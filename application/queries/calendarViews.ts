// The `calendar` read model: one entry per booking (collection `entries`) placed on its point, bay
// and local day, kept current through reschedule, cancellation, check-in, completion and no-show;
// and per point and local day the booked minutes (collection `days`) that utilisation divides by
// the open bay-minutes. Calendars by point/day, point/week, bay/day, a customer's and a fleet's
// bookings are all queries on `entries`.
import type { BookingStatus } from '../../domain/booking/bookingDecider.js'
import type { BookingChannel } from '../../domain/booking/events.js'
import type { VehicleClass } from '../../domain/service-network/capabilities.js'
import type { Document } from '../ports/documentStore.js'

export const CALENDAR = { projection: 'calendar', entries: 'entries', days: 'days' } as const

export type EntryStatus = Exclude<BookingStatus, 'none'>

/** Statuses whose visit takes its bay's time: what utilisation counts and a calendar shows by default. */
export const HOLDING_STATUSES: ReadonlyArray<EntryStatus> = ['requested', 'confirmed', 'checked_in', 'completed']

/** A booking as calendars show it. */
export interface CalendarEntry {
  bookingId: string
  pointId: string
  /** The point's zone when booked: the local date and times below are in it. */
  timeZone: string
  /** Local date of the start (the day schedule the slot is held on). */
  date: string
  bayId: string
  staffId: string
  /** UTC ISO-8601, [start, end). */
  start: string
  end: string
  /** Local wall-clock 'HH:MM'; an end at midnight is '24:00'. */
  localStart: string
  localEnd: string
  minutes: number
  status: EntryStatus
  customerId: string | null
  fleetId: string | null
  contact: { name: string | null; phone: string | null; email: string | null }
  plate: string
  vehicleClass: VehicleClass
  services: Array<{ code: string; minutes: number }>
  goodsCount: number
  channel: BookingChannel
  bookedBy: string
  note: string | null
  rescheduleCount: number
  cancelReason: string | null
  requestedAt: string
  checkedInAt: string | null
  completedAt: string | null
  /** occurredAt of the booking's latest event. */
  updatedAt: string
}

export interface CalendarEntryView extends Document, CalendarEntry {
  /** The booking id. */
  _id: string
}

export const dayId = (pointId: string, date: string): string => `${pointId}:${date}`

export interface CalendarDayView extends Document {
  /** `${pointId}:${date}` */
  _id: string
  pointId: string
  date: string
  /** Minutes of bookings in HOLDING_STATUSES starting that day. */
  bookedMinutes: number
  bookings: number
  cancelled: number
  noShows: number
}
