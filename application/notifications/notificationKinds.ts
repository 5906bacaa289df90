// What the platform sends messages about. Each kind has its own typed facts (what its templates
// may say, already formatted for the reader's language and the point's zone), a purpose (which
// consent it needs) and templates per locale. Kinds come in families, one file each in kinds/
// (facts, purposes, templates); this file joins the families. docs/notifications.md says how to
// add a kind.
import type { MessagePurpose } from '../../domain/customer/contactChannel.js'
import { BOOKING_KINDS, type BookingKindFacts } from './kinds/booking.js'
import { DUE_SERVICE_KINDS, type DueServiceKindFacts } from './kinds/dueService.js'
import { HELPDESK_KINDS, type HelpdeskKindFacts } from './kinds/helpdesk.js'
import { WORK_ORDER_KINDS, type WorkOrderKindFacts } from './kinds/workOrder.js'

export const SUPPORTED_LOCALES = ['pl', 'en', 'ro', 'ru'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]

/** Every kind → the facts its templates are written from. A new family adds its interface here. */
export interface KindFacts extends BookingKindFacts, DueServiceKindFacts, WorkOrderKindFacts, HelpdeskKindFacts {}

export type NotificationKind = keyof KindFacts & string

/**
 * Every kind → its purpose, which decides the consent a customer must have given on a channel:
 * 'service_updates' (about something the customer asked for: contact details suffice),
 * 'reminders' or 'marketing' (the customer's consent for that purpose on that channel).
 * Messages to staff need no consent; their kinds say 'service_updates'.
 */
export const NOTIFICATION_KINDS: Readonly<Record<NotificationKind, MessagePurpose>> = {
  ...BOOKING_KINDS,
  ...DUE_SERVICE_KINDS,
  ...WORK_ORDER_KINDS,
  ...HELPDESK_KINDS,
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && Object.hasOwn(NOTIFICATION_KINDS, value)
}

export interface RenderedMessage {
  readonly subject: string
  /** The e-mail body. */
  readonly text: string
  /** The SMS body: short, one segment where the language allows. */
  readonly sms: string
}

export type Template<K extends NotificationKind> = (facts: KindFacts[K]) => RenderedMessage

/** One template per kind of `K`. */
export type TemplatesFor<K extends NotificationKind> = { readonly [P in K]: Template<P> }

/**
 * A family's templates per locale. English is complete (it is the fallback); another locale may
 * lack a kind for a while: that message is then written in English and the gap is logged.
 */
export type FamilyTemplates<K extends NotificationKind> = { readonly en: TemplatesFor<K> } & {
  readonly [L in Exclude<Locale, 'en'>]: Partial<TemplatesFor<K>>
}
