// Request and response shapes of the booking routes (requests decode with these; responses document).
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import {
  BookedSlot,
  BookingChannel,
  BookingCustomer,
  BookingVehicle,
  OrderedGoods,
} from '../../domain/booking/events.js'
import { CapabilityRequirement, StaffSkill, VehicleClass } from '../../domain/service-network/capabilities.js'
import { Actor } from '../../domain/shared/actor.js'
import { IntegerFromQuery, listFromQuery } from '../serviceNetwork/queryCodecs.js'

export const SlotSearchQuery = t.exact(
  t.intersection([
    t.type({ date: t.string, services: listFromQuery(t.string, 'ServiceCodeList'), vehicleClass: VehicleClass }),
    t.partial({ wheels: IntegerFromQuery, rimInches: IntegerFromQuery, time: t.string, desiredStart: t.string }),
  ]),
)

const VehicleBody = t.exact(
  t.intersection([
    t.type({ plate: t.string, vehicleClass: VehicleClass }),
    t.partial({ plateCountry: t.string, wheels: t.number, rimInches: t.union([t.number, t.null]) }),
  ]),
)

const CustomerBody = t.exact(
  t.partial({ customerId: EntityId, fleetId: EntityId, name: t.string, phone: t.string, email: t.string }),
)

export const CreateBookingBody = t.exact(
  t.intersection([
    t.type({ pointId: EntityId, services: t.array(t.string), vehicle: VehicleBody }),
    t.partial({
      start: t.string,
      date: t.string,
      time: t.string,
      goods: t.array(t.exact(t.type({ sku: t.string, quantity: t.number }))),
      customer: CustomerBody,
      channel: t.keyof({ staff_phone: null, staff_desk: null }),
      bayId: EntityId,
      staffId: EntityId,
      note: t.string,
    }),
  ]),
)

export const RescheduleBody = t.exact(
  t.partial({ start: t.string, date: t.string, time: t.string, bayId: EntityId, staffId: EntityId, reason: t.string }),
)

export const CancelBody = t.exact(t.partial({ reason: t.string }))

const SlotBody = t.type({
  start: t.string,
  end: t.string,
  date: t.string,
  localTime: t.string,
  bayId: t.string,
  staffId: t.string,
})

export const SlotSearchBody = t.type({
  pointId: t.string,
  date: t.string,
  timeZone: t.string,
  durationMinutes: t.number,
  gridMinutes: t.number,
  services: t.array(t.type({ code: t.string, minutes: t.number })),
  requirement: CapabilityRequirement,
  skills: t.array(StaffSkill),
  slots: t.array(SlotBody),
  desired: t.union([
    t.type({
      start: t.string,
      free: t.boolean,
      slot: t.union([SlotBody, t.null]),
      reason: t.union([t.string, t.null]),
      before: t.array(SlotBody),
      after: t.array(SlotBody),
    }),
    t.null,
  ]),
})

const Status = t.keyof({
  requested: null,
  confirmed: null,
  cancelled: null,
  checked_in: null,
  completed: null,
  no_show: null,
})
const At = t.union([t.string, t.null])

export const BookingViewBody = t.type({
  bookingId: t.string,
  status: Status,
  pointId: t.string,
  timeZone: t.string,
  bookedBy: t.type({ actor: Actor, channel: BookingChannel }),
  customer: BookingCustomer,
  vehicle: BookingVehicle,
  services: t.array(t.type({ code: t.string, minutes: t.number })),
  goods: t.array(OrderedGoods),
  durationMinutes: t.number,
  slot: BookedSlot,
  date: t.string,
  localTime: t.string,
  note: t.union([t.string, t.null]),
  requestedAt: At,
  confirmedAt: At,
  rescheduleCount: t.number,
  cancellation: t.union([t.type({ reason: t.string, at: t.string }), t.null]),
  checkedInAt: At,
  completedAt: At,
  noShowAt: At,
})
