// Rendering a notification in the customer's language: templates per locale (templates/*.ts),
// dates in the service point's time zone. A locale without templates falls back to English and
// says so in the log, so a missing translation is noticed without a customer going uninformed.
import type { Address } from '../../domain/service-network/events.js'
import {
  type Locale,
  type LocaleTemplates,
  type MessageFacts,
  type NotificationKind,
  type RenderedMessage,
  SUPPORTED_LOCALES,
} from './notificationKinds.js'
import { en } from './templates/en.js'
import { pl } from './templates/pl.js'
import { ro } from './templates/ro.js'
import { ru } from './templates/ru.js'

const TEMPLATES: Readonly<Record<Locale, LocaleTemplates>> = { pl, en, ro, ru }

/** BCP 47 tags for date formatting: the region decides the date order and the names. */
const DATE_LOCALES: Readonly<Record<Locale, string>> = { pl: 'pl-PL', en: 'en-GB', ro: 'ro-RO', ru: 'ru-RU' }

export function isSupportedLocale(locale: string): locale is Locale {
  return (SUPPORTED_LOCALES as ReadonlyArray<string>).includes(locale)
}

/** The locale to write in: the customer's when we have templates for it, else English (logged). */
export function resolveLocale(requested: string | null, log: (line: string) => void): Locale {
  const base = (requested ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en'
  if (isSupportedLocale(base)) return base
  log(`no message templates for locale ${JSON.stringify(requested)}: falling back to English`)
  return 'en'
}

/** "niedziela, 30 marca 2025 10:00": the instant as a wall-clock time at the point. */
export function formatVisitTime(instantIso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instantIso))
}

export function formatAddress(address: Address | null): string {
  if (!address) return ''
  return `${address.street}, ${address.postalCode} ${address.city}`
}

export interface Rendered extends RenderedMessage {
  /** The locale the message was written in (English when the wanted one had no templates). */
  readonly locale: Locale
}

export function renderMessage(
  kind: NotificationKind,
  requestedLocale: string | null,
  facts: MessageFacts,
  log: (line: string) => void,
): Rendered {
  const locale = resolveLocale(requestedLocale, log)
  return { ...TEMPLATES[locale][kind](facts), locale }
}
