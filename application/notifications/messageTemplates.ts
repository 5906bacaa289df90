// Rendering a notification in the customer's language: templates per locale (templates/*.ts),
// dates in the service point's time zone. A locale without templates falls back to English and
// says so in the log, so a missing translation is noticed without a customer going uninformed.
import type { Address } from '../../domain/service-network/events.js'
import { BOOKING_TEMPLATES } from './kinds/booking.js'
import { DUE_SERVICE_TEMPLATES } from './kinds/dueService.js'
import { HELPDESK_TEMPLATES } from './kinds/helpdesk.js'
import { WORK_ORDER_TEMPLATES } from './kinds/workOrder.js'
import {
  type KindFacts,
  type Locale,
  type NotificationKind,
  type RenderedMessage,
  SUPPORTED_LOCALES,
  type Template,
  type TemplatesFor,
} from './notificationKinds.js'

/** Every family's templates, per locale: English complete (the type says so), the others may lack a kind. */
const TEMPLATES: { readonly en: TemplatesFor<NotificationKind> } & {
  readonly [L in Exclude<Locale, 'en'>]: Partial<TemplatesFor<NotificationKind>>
} = {
  en: { ...BOOKING_TEMPLATES.en, ...DUE_SERVICE_TEMPLATES.en, ...WORK_ORDER_TEMPLATES.en, ...HELPDESK_TEMPLATES.en },
  pl: { ...BOOKING_TEMPLATES.pl, ...DUE_SERVICE_TEMPLATES.pl, ...WORK_ORDER_TEMPLATES.pl, ...HELPDESK_TEMPLATES.pl },
  ro: { ...BOOKING_TEMPLATES.ro, ...DUE_SERVICE_TEMPLATES.ro, ...WORK_ORDER_TEMPLATES.ro, ...HELPDESK_TEMPLATES.ro },
  ru: { ...BOOKING_TEMPLATES.ru, ...DUE_SERVICE_TEMPLATES.ru, ...WORK_ORDER_TEMPLATES.ru, ...HELPDESK_TEMPLATES.ru },
}
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
  /** The locale the message was written in (English when the wanted one had no template). */
  readonly locale: Locale
}

/** A table of templates per locale: English complete, the others may lack a kind. */
export type TemplateTable = typeof TEMPLATES

/** The template of `kind` in the wanted locale, else the English one (and the gap is logged). */
export function pickTemplate<K extends NotificationKind>(
  table: TemplateTable,
  kind: K,
  requestedLocale: string | null,
  log: (line: string) => void,
): { readonly template: Template<K>; readonly locale: Locale } {
  const wanted = resolveLocale(requestedLocale, log)
  const own = (table[wanted] as Partial<TemplatesFor<NotificationKind>>)[kind] as Template<K> | undefined
  if (own) return { template: own, locale: wanted }
  log(`no ${wanted} template for ${kind}: writing it in English`)
  return { template: table.en[kind] as Template<K>, locale: 'en' }
}

const templateOf = <K extends NotificationKind>(kind: K, requestedLocale: string | null, log: (line: string) => void) =>
  pickTemplate(TEMPLATES, kind, requestedLocale, log)

/** `<locale>:<kind>` of every kind a supported locale has no template for (written in English). */
export function missingTemplates(): string[] {
  const missing: string[] = []
  for (const locale of SUPPORTED_LOCALES)
    for (const kind of Object.keys(TEMPLATES.en) as NotificationKind[])
      if (!(TEMPLATES[locale] as Partial<TemplatesFor<NotificationKind>>)[kind]) missing.push(`${locale}:${kind}`)
  return missing
}

export function renderMessage<K extends NotificationKind>(
  kind: K,
  requestedLocale: string | null,
  facts: KindFacts[K],
  log: (line: string) => void,
): Rendered {
  const { template, locale } = templateOf(kind, requestedLocale, log)
  return { ...template(facts), locale }
}

/** Who a message is written for: the facts may greet them by name. */
export interface Reader {
  /** Their language (BCP 47 or a bare code); null when unknown. */
  readonly locale: string | null
  readonly name: string | null
}

/**
 * A message about to be written: its kind and how to get its facts for a reader (dates are
 * formatted in the language the message is written in). `messageOf` keeps kind and facts together.
 */
export interface Message {
  readonly kind: NotificationKind
  render(reader: Reader, log: (line: string) => void): Rendered
}

export function messageOf<K extends NotificationKind>(
  kind: K,
  facts: (reader: { readonly locale: Locale; readonly name: string | null }) => KindFacts[K],
): Message {
  return {
    kind,
    render(reader, log) {
      const { template, locale } = templateOf(kind, reader.locale, log)
      return { ...template(facts({ locale, name: reader.name })), locale }
    },
  }
}
