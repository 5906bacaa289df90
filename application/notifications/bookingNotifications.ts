// The booking notifications as one subscriber: booking events from the log → the reminder
// policy → jobs. The jobs are carried out by NotificationDispatcher (the queue's handler).
import type { BookingEvent } from '../../domain/booking/events.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import { PolicySubscriber, type PolicySubscriberOptions } from '../jobs/policySubscriber.js'
import type { DocumentStore } from '../ports/documentStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { JobQueue } from '../ports/jobQueue.js'
import type { BookingLoader } from './bookingLoader.js'
import type { BookingReminderPolicy } from './bookingReminderPolicy.js'

export const BOOKING_NOTIFICATIONS = 'booking-notifications'

export interface BookingNotificationsDeps {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly queue: JobQueue
  readonly catalogue: EventCatalogue
  readonly policy: BookingReminderPolicy
  readonly bookings: BookingLoader
}

export function bookingNotificationsSubscriber(
  deps: BookingNotificationsDeps,
  options: Partial<Omit<PolicySubscriberOptions, 'events' | 'documents' | 'queue' | 'handles' | 'jobsFor'>> = {},
): PolicySubscriber {
  return new PolicySubscriber({
    name: BOOKING_NOTIFICATIONS,
    ...options,
    events: deps.events,
    documents: deps.documents,
    queue: deps.queue,
    handles: (type) => deps.policy.handles(type),
    jobsFor: async (recorded) => {
      if (!recorded.streamId.startsWith('booking-')) return []
      // Decoding through the catalogue refuses a malformed event instead of guessing at it.
      const event = deps.catalogue.decode(recorded) as BookingEvent
      return deps.policy.jobsFor(recorded, event, deps.bookings)
    },
  })
}
