// A booking as people see it: everything its events say, folded from `booking-<bookingId>`.
// The decider's state keeps only what decisions need; this view keeps who booked, for whom,
// which car, which services and goods, and when each step happened.
import type { BookingStatus } from '../../domain/booking/bookingDecider.js'
import type {
  BookedSlot,
  BookingChannel,
  BookingCustomer,
  BookingEvent,
  BookingVehicle,
  OrderedGoods,
} from '../../domain/booking/events.js'
import type { Actor } from '../../domain/shared/actor.js'
import { formatLocalTime, parseInstant, toLocal } from '../../domain/shared/localTime.js'
import type { DomainEvent } from '../eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../ports/eventStore.js'
import type { StreamFold } from '../serviceNetwork/streamStateCache.js'

export interface BookingView {
  readonly bookingId: string
  readonly status: BookingStatus
  readonly pointId: string
  readonly timeZone: string
  readonly bookedBy: { readonly actor: Actor; readonly channel: BookingChannel } | null
  readonly customer: BookingCustomer | null
  readonly vehicle: BookingVehicle | null
  readonly services: ReadonlyArray<{ readonly code: string; readonly minutes: number }>
  readonly goods: ReadonlyArray<OrderedGoods>
  readonly durationMinutes: number
  readonly slot: BookedSlot | null
  /** The slot's local date and wall-clock start at the point. */
  readonly date: string | null
  readonly localTime: string | null
  readonly note: string | null
  readonly requestedAt: string | null
  readonly confirmedAt: string | null
  readonly rescheduleCount: number
  readonly cancellation: { readonly reason: string; readonly at: string } | null
  readonly checkedInAt: string | null
  readonly completedAt: string | null
  readonly noShowAt: string | null
}

export const noBooking: BookingView = {
  bookingId: '',
  status: 'none',
  pointId: '',
  timeZone: 'UTC',
  bookedBy: null,
  customer: null,
  vehicle: null,
  services: [],
  goods: [],
  durationMinutes: 0,
  slot: null,
  date: null,
  localTime: null,
  note: null,
  requestedAt: null,
  confirmedAt: null,
  rescheduleCount: 0,
  cancellation: null,
  checkedInAt: null,
  completedAt: null,
  noShowAt: null,
}

function withSlot(view: BookingView, slot: BookedSlot): BookingView {
  const start = parseInstant(slot.start)
  const local = start === null ? null : toLocal(view.timeZone, start)
  return { ...view, slot, date: local?.date ?? null, localTime: local ? formatLocalTime(local.minuteOfDay) : null }
}

export function evolveBookingView(view: BookingView, event: BookingEvent, at: string): BookingView {
  switch (event.type) {
    case 'BookingRequested': {
      const d = event.data
      return withSlot(
        {
          ...view,
          bookingId: d.bookingId,
          status: 'requested',
          pointId: d.pointId,
          timeZone: d.timeZone,
          bookedBy: d.bookedBy,
          customer: d.customer,
          vehicle: d.vehicle,
          services: d.services,
          goods: d.goods,
          durationMinutes: d.durationMinutes,
          note: d.note,
          requestedAt: at,
        },
        d.slot,
      )
    }
    case 'BookingConfirmed':
      return { ...view, status: 'confirmed', confirmedAt: at }
    case 'BookingRescheduled':
      return withSlot({ ...view, rescheduleCount: view.rescheduleCount + 1 }, event.data.to)
    case 'BookingCancelled':
      return { ...view, status: 'cancelled', cancellation: { reason: event.data.reason, at: event.data.cancelledAt } }
    case 'BookingCheckedIn':
      return { ...view, status: 'checked_in', checkedInAt: event.data.at }
    case 'BookingCompleted':
      return { ...view, status: 'completed', completedAt: event.data.at }
    case 'BookingMarkedNoShow':
      return { ...view, status: 'no_show', noShowAt: event.data.at }
  }
}

export const bookingViewFold: StreamFold<BookingView> = {
  initialState: noBooking,
  evolve: (view: BookingView, event: DomainEvent, recorded: RecordedEvent) =>
    evolveBookingView(view, event as BookingEvent, recorded.metadata.occurredAt),
}

/** Whether the booking still needs the slot it names (a finished visit keeps its place in the day's history). */
export function bookingHoldsSlot(view: BookingView): boolean {
  return (
    view.status === 'requested' ||
    view.status === 'confirmed' ||
    view.status === 'checked_in' ||
    view.status === 'completed'
  )
}
