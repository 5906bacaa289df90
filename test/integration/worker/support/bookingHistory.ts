// Writes the events the notification worker reacts to (a service point, bookings confirmed,
// moved, cancelled) straight to an event store, each checked against its codec through the
// catalogue, as the booking service would have written them.
import { randomUUID } from 'node:crypto'
import type { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { EventStore, NewEvent } from '../../../../application/ports/eventStore.js'
import type { BookedSlot, BookingCustomer } from '../../../../domain/booking/events.js'

export const POINT = {
  pointId: 'lodz-polnoc',
  name: 'Opony Łódź Północ',
  street: 'ul. Zgierska 12',
  postalCode: '91-002',
  city: 'Łódź',
  timeZone: 'Europe/Warsaw',
}

const staff = { id: 'staff-1', role: 'service_point_employee' as const }

export class BookingHistory {
  constructor(
    private readonly events: EventStore,
    private readonly catalogue: EventCatalogue,
  ) {}

  async point(): Promise<void> {
    await this.append(`servicepoint-${POINT.pointId}`, 'ServicePointCreated', {
      pointId: POINT.pointId,
      name: POINT.name,
      address: { street: POINT.street, postalCode: POINT.postalCode, city: POINT.city, country: 'PL' },
      geo: { lat: 51.8, lon: 19.45 },
      contacts: { phone: null, email: null },
      networkId: 'net-1',
      timeZone: POINT.timeZone,
      weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      bays: [],
      managerId: null,
    })
  }

  /** BookingRequested + BookingConfirmed, as the booking service appends them. Returns the confirm's position. */
  async book(bookingId: string, start: number, customer: Partial<BookingCustomer> = {}): Promise<number> {
    const slot = slotAt(start)
    const stream = `booking-${bookingId}`
    await this.append(stream, 'BookingRequested', {
      bookingId,
      pointId: POINT.pointId,
      timeZone: POINT.timeZone,
      bookedBy: { actor: staff, channel: 'staff_phone' },
      customer: {
        customerId: `customer-${bookingId}`,
        fleetId: null,
        name: 'Jan',
        phone: '600 100 200',
        email: `jan.${bookingId}@example.com`,
        ...customer,
      },
      vehicle: { plate: 'EL12345', plateCountry: 'PL', vehicleClass: 'passenger', wheels: 4, rimInches: 16 },
      services: [{ code: 'TYRE_CHANGE', minutes: 45 }],
      goods: [],
      durationMinutes: 45,
      slot,
      note: null,
    })
    return this.append(stream, 'BookingConfirmed', { bookingId })
  }

  async reschedule(bookingId: string, from: number, to: number): Promise<number> {
    return this.append(`booking-${bookingId}`, 'BookingRescheduled', {
      bookingId,
      from: slotAt(from),
      to: slotAt(to),
      reason: null,
    })
  }

  async cancel(bookingId: string): Promise<number> {
    return this.append(`booking-${bookingId}`, 'BookingCancelled', {
      bookingId,
      reason: 'customer called',
      cancelledAt: new Date().toISOString(),
    })
  }

  async append(stream: string, type: string, data: unknown): Promise<number> {
    const checked = this.catalogue.encode({ type, data })
    const event: NewEvent = {
      type,
      data: checked.data,
      metadata: {
        eventId: randomUUID(),
        correlationId: randomUUID(),
        causationId: null,
        actor: staff,
        occurredAt: new Date().toISOString(),
        schemaVersion: checked.schemaVersion,
      },
    }
    return (await this.events.appendToStream(stream, [event], { expectedRevision: 'any' })).position
  }
}

export function slotAt(start: number): BookedSlot {
  return {
    bayId: 'bay-1',
    staffId: 'staff-1',
    start: new Date(start).toISOString(),
    end: new Date(start + 45 * 60_000).toISOString(),
  }
}
