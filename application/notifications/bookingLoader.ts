// A booking as of a revision, folded from its stream through the catalogue (so old event
// versions are upcast): what a message about a booking event, or a reminder, is written from.
import { bookingStream } from '../../domain/booking/bookingDecider.js'
import type { BookingEvent } from '../../domain/booking/events.js'
import { type BookingView, evolveBookingView, noBooking } from '../booking/bookingView.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { BookingSlotLookup } from './bookingReminderPolicy.js'

export class BookingLoader implements BookingSlotLookup {
  constructor(
    private readonly events: EventStore,
    private readonly catalogue: EventCatalogue,
  ) {}

  /** The booking after the event at `revision` (the whole stream when omitted); null when it does not exist. */
  async load(bookingId: string, revision?: number): Promise<BookingView | null> {
    let view = noBooking
    const options = revision === undefined ? {} : { maxCount: revision + 1 }
    for await (const recorded of this.events.readStream(bookingStream(bookingId), options)) {
      const event = this.catalogue.decode(recorded) as BookingEvent
      view = evolveBookingView(view, event, recorded.metadata.occurredAt)
    }
    return view.status === 'none' ? null : view
  }

  async slotStartAt(bookingId: string, revision: number): Promise<string | null> {
    return (await this.load(bookingId, revision))?.slot?.start ?? null
  }
}
