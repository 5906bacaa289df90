// Booking messages: confirmation, change, cancellation (service updates) and reminders before the
// visit (the customer's reminders consent). Jobs: bookingReminderPolicy.ts; job → message:
// bookingMessages.ts.
import type { FamilyTemplates } from '../notificationKinds.js'
import { en } from '../templates/booking/en.js'
import { pl } from '../templates/booking/pl.js'
import { ro } from '../templates/booking/ro.js'
import { ru } from '../templates/booking/ru.js'

export interface BookingFacts {
  readonly customerName: string | null
  readonly pointName: string
  /** One line: street, postal code and city. */
  readonly pointAddress: string
  /** The visit's start, in the point's time zone, e.g. "niedziela, 30 marca 2025 10:00". */
  readonly when: string
  /** Rescheduled visits: the old start, formatted the same way. */
  readonly previousWhen: string | null
  readonly plate: string
  /** Where the customer reschedules or cancels. */
  readonly manageLink: string
}

export interface BookingKindFacts {
  readonly booking_confirmed: BookingFacts
  readonly booking_rescheduled: BookingFacts
  readonly booking_cancelled: BookingFacts
  readonly booking_reminder: BookingFacts
}

export type BookingKind = keyof BookingKindFacts

export const BOOKING_KINDS = {
  booking_confirmed: 'service_updates',
  booking_rescheduled: 'service_updates',
  booking_cancelled: 'service_updates',
  booking_reminder: 'reminders',
} as const satisfies Record<BookingKind, 'service_updates' | 'reminders' | 'marketing'>

export const BOOKING_TEMPLATES: FamilyTemplates<BookingKind> = { en, pl, ro, ru }
