// The audit trail of notifications: every message sent, failed or withheld is an event on the
// stream `notification-<bookingId>`, so a booking's history shows who was told what, when and how.
//
// A stream of its own rather than the booking's: appending to `booking-<id>` would race the
// booking's commands for its expected revision and make the booking decider know about messages.
// The booking id is the subject (`bookingId`); `customerId` is in every event so a customer's view
// can collect them by customer once customers have their own streams (issue 6).
//
// Event ids derive from the notification id (deterministicUuid), so recording the same outcome
// twice (a retried job) is a no-op in the event store.
import * as t from 'io-ts'
import { firstVersionDefinitions } from '../../domain/shared/eventDefinition.js'
import type { EventDefinition } from '../eventLog/eventCatalogue.js'

export const notificationStream = (bookingId: string): string => `notification-${bookingId}`

export const NotificationChannelCodec = t.keyof({ email: null, sms: null })
export const NotificationKindCodec = t.keyof({
  booking_confirmed: null,
  booking_rescheduled: null,
  booking_cancelled: null,
  booking_reminder: null,
})

const Subject = {
  /** Stable id of this message on this channel: `<job's base id>-<channel>`. */
  notificationId: t.string,
  kind: NotificationKindCodec,
  bookingId: t.string,
  customerId: t.union([t.string, t.null]),
  /** The booking event the message is about; null for reminders (they are about the visit's time). */
  causedByEventId: t.union([t.string, t.null]),
}

export const notificationEventCodecs = {
  NotificationSent: t.type({
    ...Subject,
    channel: NotificationChannelCodec,
    /** The e-mail address or E.164 number it went to. */
    to: t.string,
    locale: t.string,
    subject: t.string,
    providerMessageId: t.string,
    /** UTC ISO-8601 of the provider's acceptance. */
    sentAt: t.string,
    attempt: t.number,
  }),
  /** Delivery failed for good: an invalid address, the provider's final no, or attempts exhausted. */
  NotificationFailed: t.type({
    ...Subject,
    channel: NotificationChannelCodec,
    to: t.string,
    reason: t.string,
    /** INVALID_RECIPIENT, PROVIDER_REFUSED or ATTEMPTS_EXHAUSTED. */
    code: t.string,
    failedAt: t.string,
    attempt: t.number,
  }),
  /** Nothing was sent on any channel: no contact details, or no consent for any channel. */
  NotificationWithheld: t.type({
    ...Subject,
    /** NO_CONTACT or NO_CONSENT. */
    code: t.string,
    reason: t.string,
    at: t.string,
  }),
}

export type NotificationEventData = {
  [K in keyof typeof notificationEventCodecs]: t.TypeOf<(typeof notificationEventCodecs)[K]>
}

export const notificationEventDefinitions: ReadonlyArray<EventDefinition> =
  firstVersionDefinitions(notificationEventCodecs)
