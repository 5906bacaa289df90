// Custom projection (an example of the contract, and a useful one): per service point and service
// code, how many times the service was booked and its booked minutes. A booking lists several
// services, and the definition language groups one value per event, so this one is TypeScript.
// Reschedules, cancellations and the like do not change what was booked, so only requests count.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { bookingEventCodecs } from '../../domain/booking/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeEvent } from '../serviceNetwork/decodeEvent.js'

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const booking = decodeEvent(bookingEventCodecs, event)
  if (booking.type !== 'BookingRequested') return
  const services = view.collection('services')
  const { pointId } = booking.data
  for (const service of booking.data.services)
    await services.updateOne(
      { _id: `${pointId}|${service.code}`, pointId, code: service.code },
      { $inc: { bookings: 1, minutes: service.minutes } },
      { upsert: true },
    )
}

export const projection: Projection = {
  name: 'servicesBooked',
  version: 1,
  types: ['BookingRequested'],
  collections: ['services'],
  indexes: { services: [{ keys: { pointId: 1 } }] },
  apply,
}
