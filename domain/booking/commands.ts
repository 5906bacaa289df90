// Commands of the booking context. Time (`now`) and ids arrive on the command.

import type { CapabilityRequirement, StaffSkill } from '../service-network/capabilities.js'
import type { Actor } from '../shared/actor.js'
import type { LocalDate } from '../shared/localTime.js'
import type { DayResources } from './dayResources.js'
import type {
  BookedSlot,
  BookingChannel,
  BookingCustomer,
  BookingVehicle,
  OrderedGoods,
  ReleaseReason,
} from './events.js'

export type DayScheduleCommand =
  | {
      readonly kind: 'Reserve'
      readonly pointId: string
      readonly date: LocalDate
      readonly bookingId: string
      /** UTC ISO-8601. */
      readonly start: string
      readonly durationMinutes: number
      readonly requirement: CapabilityRequirement
      readonly skills: ReadonlyArray<StaffSkill>
      /** A specific bay / staff member, or null to let the guard pick (best fit). */
      readonly bayId: string | null
      readonly staffId: string | null
      /** The day as the point and staff schedule describe it: `resolveDay(point, roster, date)`. */
      readonly day: DayResources
      readonly now: string
    }
  | {
      readonly kind: 'Release'
      readonly pointId: string
      readonly date: LocalDate
      readonly bookingId: string
      readonly reason: ReleaseReason
    }

export type BookingCommand =
  | {
      readonly kind: 'RequestBooking'
      readonly bookingId: string
      readonly pointId: string
      readonly timeZone: string
      readonly bookedBy: { readonly actor: Actor; readonly channel: BookingChannel }
      readonly customer: BookingCustomer
      readonly vehicle: BookingVehicle
      readonly services: ReadonlyArray<{ readonly code: string; readonly minutes: number }>
      readonly goods: ReadonlyArray<OrderedGoods>
      readonly durationMinutes: number
      /** The slot the day schedule reserved for this booking. */
      readonly slot: BookedSlot
      readonly note: string | null
      /** Confirm at once (the slot is held); false leaves it 'requested' for staff to confirm. */
      readonly confirm: boolean
      readonly now: string
    }
  | { readonly kind: 'ConfirmBooking'; readonly bookingId: string }
  | {
      readonly kind: 'RescheduleBooking'
      readonly bookingId: string
      readonly slot: BookedSlot
      readonly reason: string | null
      readonly now: string
    }
  | { readonly kind: 'CancelBooking'; readonly bookingId: string; readonly reason: string; readonly now: string }
  | { readonly kind: 'CheckInBooking'; readonly bookingId: string; readonly now: string }
  | { readonly kind: 'CompleteBooking'; readonly bookingId: string; readonly now: string }
  | { readonly kind: 'MarkNoShow'; readonly bookingId: string; readonly now: string }
