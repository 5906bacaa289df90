// The `vehicleVisits` read model: per car (normalised plate) how many visits it had, and the point
// and time of the last one, for "the point of the car's last service first". A visit is a booking
// the car was checked in for; check-in and completion name only the booking, so the projection
// remembers each booking's car and point in its own `bookings` collection.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import {
  VEHICLE_VISITS,
  type VehicleVisitView,
  type VisitBookingView,
} from '../../application/queries/vehicleVisitView.js'
import { bookingEventCodecs } from '../../domain/booking/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeEvent } from './decodeEvent.js'

const HANDLED = ['BookingRequested', 'BookingCheckedIn', 'BookingCompleted'] as const

async function recordVisit(view: ProjectionView, bookingId: string, at: string): Promise<void> {
  const bookings = view.collection(VEHICLE_VISITS.bookings)
  const booking = (await bookings.findOne({ _id: bookingId })) as VisitBookingView | null
  // Completion follows check-in, which already counted the visit; once per booking either way.
  if (!booking || booking.visited) return
  await bookings.updateOne({ _id: bookingId }, { $set: { visited: true } })
  const vehicles = view.collection(VEHICLE_VISITS.vehicles)
  const vehicle = (await vehicles.findOne({ _id: booking.plate })) as VehicleVisitView | null
  // Check-ins may be recorded out of time order (a desk catching up): the latest visit wins, by time.
  const latest = !vehicle || at >= vehicle.lastVisitAt
  const next: VehicleVisitView = {
    _id: booking.plate,
    plate: booking.plate,
    plateCountry: latest ? booking.plateCountry : (vehicle?.plateCountry ?? booking.plateCountry),
    vehicleClass: latest ? booking.vehicleClass : (vehicle?.vehicleClass ?? booking.vehicleClass),
    visitCount: (vehicle?.visitCount ?? 0) + 1,
    lastPointId: latest ? booking.pointId : (vehicle?.lastPointId ?? booking.pointId),
    lastVisitAt: latest ? at : (vehicle?.lastVisitAt ?? at),
    lastBookingId: latest ? bookingId : (vehicle?.lastBookingId ?? bookingId),
  }
  await vehicles.replaceOne({ _id: next._id }, next, { upsert: true })
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeEvent(bookingEventCodecs, event)
  switch (decoded.type) {
    case 'BookingRequested': {
      const { bookingId, pointId, vehicle } = decoded.data
      const doc: VisitBookingView = {
        _id: bookingId,
        plate: vehicle.plate,
        plateCountry: vehicle.plateCountry,
        vehicleClass: vehicle.vehicleClass,
        pointId,
        visited: false,
      }
      await view.collection(VEHICLE_VISITS.bookings).replaceOne({ _id: bookingId }, doc, { upsert: true })
      return
    }
    case 'BookingCheckedIn':
    case 'BookingCompleted':
      await recordVisit(view, decoded.data.bookingId, decoded.data.at)
      return
    default:
      return
  }
}

export const vehicleVisitsProjection: Projection = {
  name: VEHICLE_VISITS.projection,
  version: 1,
  types: HANDLED,
  collections: [VEHICLE_VISITS.vehicles, VEHICLE_VISITS.bookings],
  indexes: {
    // "cars last serviced here", newest first
    [VEHICLE_VISITS.vehicles]: [{ keys: { lastPointId: 1, lastVisitAt: -1 } }],
  },
  apply,
}
