// What the platform tells customers about, and the facts each message is written from.

export type NotificationKind = 'booking_confirmed' | 'booking_rescheduled' | 'booking_cancelled' | 'booking_reminder'

export const SUPPORTED_LOCALES = ['pl', 'en', 'ro', 'ru'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]

/** Everything a template may say, already formatted for the customer's locale and the point's zone. */
export interface MessageFacts {
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

export interface RenderedMessage {
  readonly subject: string
  /** The e-mail body. */
  readonly text: string
  /** The SMS body: short, one segment where the language allows. */
  readonly sms: string
}

export type LocaleTemplates = Readonly<Record<NotificationKind, (facts: MessageFacts) => RenderedMessage>>
