// The audit trail of notifications: every message sent, failed or withheld is an event on the
// stream of its subject's notifications (`notification-<bookingId>` for a booking,
// `notification-<subjectType>-<subjectId>` for anything else: a work order, a ticket, a customer),
// so the subject's history shows who was told what, when and how.
//
// A stream of its own rather than the subject's: appending to `booking-<id>` or `workorder-<id>`
// would race the aggregate's commands for its expected revision and make its decider know about
// messages. `customerId` is in every event about a customer, so a customer's view can collect them.
//
// Version 2 (subjects beyond bookings): `bookingId` became `subjectType` + `subjectId`; version-1
// events are upcast on read to subjectType 'booking'.
//
// Event ids derive from the notification id (deterministicUuid), so recording the same outcome
// twice (a retried job) is a no-op in the event store.
import * as t from 'io-ts'
import type { EventDefinition } from '../eventLog/eventCatalogue.js'
import { NOTIFICATION_KINDS } from './notificationKinds.js'

/** What a message is about; the type names the aggregate ('booking', 'workorder', 'ticket', 'customer', …). */
export interface NotificationSubject {
  readonly type: string
  readonly id: string
}

/** Booking streams keep their version-1 name, `notification-<bookingId>`. */
export const notificationStream = (subject: NotificationSubject): string =>
  subject.type === 'booking' ? `notification-${subject.id}` : `notification-${subject.type}-${subject.id}`

export const NotificationChannelCodec = t.keyof({ email: null, sms: null })
export const NotificationKindCodec = t.keyof(NOTIFICATION_KINDS)

const Subject = {
  /** Stable id of this message on this channel: `<job's base id>-<channel>`. */
  notificationId: t.string,
  kind: NotificationKindCodec,
  subjectType: t.string,
  subjectId: t.string,
  /** The customer told; null for messages to staff. */
  customerId: t.union([t.string, t.null]),
  /** The event the message is about; null for reminders (they are about the visit's time). */
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
  /**
   * Nobody could be found to tell (staff messages: the point has no manager and there is no head
   * office account): nothing was sent to anyone. `notificationId` is the message's base id.
   */
  NotificationUndeliverable: t.type({
    ...Subject,
    /** NO_RECIPIENT. */
    code: t.string,
    reason: t.string,
    at: t.string,
  }),
}

export type NotificationEventData = {
  [K in keyof typeof notificationEventCodecs]: t.TypeOf<(typeof notificationEventCodecs)[K]>
}

/** Version 1 named the booking (`bookingId`); version 2 names any subject. */
const fromBookingSubject = (data: unknown): unknown => {
  const { bookingId, ...rest } = data as { bookingId: unknown }
  return { ...rest, subjectType: 'booking', subjectId: bookingId }
}

export const notificationEventDefinitions: ReadonlyArray<EventDefinition> = Object.entries(notificationEventCodecs).map(
  ([type, codec]) => ({ type, schemaVersion: 2, codec, upcasters: { 1: fromBookingSubject } }),
)
