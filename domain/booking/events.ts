// Events of the booking context: the day schedule (the capacity guard) and bookings.
import * as t from 'io-ts'
import { VehicleClass } from '../service-network/capabilities.js'
import { Actor } from '../shared/actor.js'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { Money } from '../shared/money.js'

// ── day schedule: stream `schedule-<pointId>-<YYYY-MM-DD>` (the point's local date) ──────────

export const ReleaseReason = t.keyof({ cancelled: null, rescheduled: null, no_show: null, other: null })
export type ReleaseReason = t.TypeOf<typeof ReleaseReason>

export const dayScheduleEventCodecs = {
  /** start/end: UTC ISO-8601; the slot is [start, end). */
  SlotReserved: t.type({
    pointId: t.string,
    date: t.string,
    bookingId: t.string,
    bayId: t.string,
    staffId: t.string,
    start: t.string,
    end: t.string,
  }),
  SlotReleased: t.type({ pointId: t.string, date: t.string, bookingId: t.string, reason: ReleaseReason }),
}
export type DayScheduleEvent = EventsOf<typeof dayScheduleEventCodecs>

// ── booking: stream `booking-<bookingId>` ─────────────────────────────────────────────────────

/** How the booking reached us: the customer online, a fleet manager, staff on the phone or at the desk. */
export const BookingChannel = t.keyof({
  customer_online: null,
  fleet_manager: null,
  staff_phone: null,
  staff_desk: null,
})
export type BookingChannel = t.TypeOf<typeof BookingChannel>

export const BookedSlot = t.type({ bayId: t.string, staffId: t.string, start: t.string, end: t.string })
export type BookedSlot = t.TypeOf<typeof BookedSlot>

export const BookingCustomer = t.type({
  customerId: t.union([t.string, t.null]),
  fleetId: t.union([t.string, t.null]),
  name: t.union([t.string, t.null]),
  phone: t.union([t.string, t.null]),
  email: t.union([t.string, t.null]),
})
export type BookingCustomer = t.TypeOf<typeof BookingCustomer>

export const BookingVehicle = t.type({
  /** Normalised: upper case, no spaces. */
  plate: t.string,
  /** 'PL' plates are checked against the Polish format; others only for plausible characters. */
  plateCountry: t.string,
  vehicleClass: VehicleClass,
  wheels: t.number,
  rimInches: t.union([t.number, t.null]),
})
export type BookingVehicle = t.TypeOf<typeof BookingVehicle>

export const BookedService = t.type({ code: t.string, minutes: t.number })
/** Goods ordered for the visit, priced when booked (the catalogue's price may change later). */
export const OrderedGoods = t.type({ sku: t.string, quantity: t.number, unitPrice: Money })
export type OrderedGoods = t.TypeOf<typeof OrderedGoods>

export const bookingEventCodecs = {
  BookingRequested: t.type({
    bookingId: t.string,
    pointId: t.string,
    /** The point's zone when booked: "the day of the visit" for check-in is a local date. */
    timeZone: t.string,
    bookedBy: t.type({ actor: Actor, channel: BookingChannel }),
    customer: BookingCustomer,
    vehicle: BookingVehicle,
    services: t.array(BookedService),
    goods: t.array(OrderedGoods),
    durationMinutes: t.number,
    slot: BookedSlot,
    note: t.union([t.string, t.null]),
  }),
  BookingConfirmed: t.type({ bookingId: t.string }),
  BookingRescheduled: t.type({
    bookingId: t.string,
    from: BookedSlot,
    to: BookedSlot,
    reason: t.union([t.string, t.null]),
  }),
  BookingCancelled: t.type({ bookingId: t.string, reason: t.string, cancelledAt: t.string }),
  BookingCheckedIn: t.type({ bookingId: t.string, at: t.string }),
  BookingCompleted: t.type({ bookingId: t.string, at: t.string }),
  BookingMarkedNoShow: t.type({ bookingId: t.string, at: t.string }),
}
export type BookingEvent = EventsOf<typeof bookingEventCodecs>

export const dayScheduleEventDefinitions = firstVersionDefinitions(dayScheduleEventCodecs)
export const bookingEventDefinitions = firstVersionDefinitions(bookingEventCodecs)
export const bookingContextEventDefinitions = [...dayScheduleEventDefinitions, ...bookingEventDefinitions]
