// The `vehicleVisits` read model (collection `vehicles`): where and when a car was last serviced,
// by normalised plate, so nearest-point search can put the car's own point first.
import type { VehicleClass } from '../../domain/service-network/capabilities.js'
import type { Document } from '../ports/documentStore.js'

export const VEHICLE_VISITS = { projection: 'vehicleVisits', vehicles: 'vehicles', bookings: 'bookings' } as const

export interface VehicleVisitView extends Document {
  /** The normalised plate (upper case, no spaces), as bookings record it. */
  _id: string
  plate: string
  plateCountry: string
  vehicleClass: VehicleClass
  /** Visits: bookings the car was checked in for (a completed visit was checked in first). */
  visitCount: number
  lastPointId: string
  /** When the car last checked in (UTC ISO-8601). */
  lastVisitAt: string
  lastBookingId: string
}

/** What the projection remembers of a booking to attribute its check-in to a car (internal). */
export interface VisitBookingView extends Document {
  _id: string
  plate: string
  plateCountry: string
  vehicleClass: VehicleClass
  pointId: string
  visited: boolean
}
