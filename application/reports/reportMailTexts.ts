// The text of a scheduled report e-mail in the subscriber's language (pl, en, ro, ru; English for
// anything else): the subject and the body's lines. The subscription says the language (given when
// subscribing); a customer's subscription without one takes the customer's preferred language.
import type { Language } from '../../domain/customer/fields.js'
import type { Cadence, MailRange } from './reportEvents.js'

export interface ReportMailFacts {
  readonly title: string
  readonly report: string
  readonly periodKey: string
  /** Null for a report without a time bucket (sent as it is at `asOf`). */
  readonly dates: string | null
  readonly range: MailRange
  readonly cadence: Cadence
  readonly timeZone: string
  readonly asOf: string
  readonly rows: number
  readonly attached: number
  readonly filename: string
  readonly subscriptionId: string
}

interface Words {
  /** Put before the report's title in the subject (report titles themselves are not translated). */
  readonly subject: string
  readonly period: string
  readonly coming: string
  readonly asOf: string
  readonly rows: string
  readonly firstAttached: (n: number) => string
  readonly attachment: string
  readonly why: string
  readonly stop: string
  readonly cadence: Readonly<Record<Cadence, string>>
}

const WORDS: Readonly<Record<Language, Words>> = {
  en: {
    subject: '',
    period: 'Period',
    coming: 'Coming',
    asOf: 'As of',
    rows: 'Rows',
    firstAttached: (n) => `first ${n} attached`,
    attachment: 'Attached',
    why: 'You receive this because you subscribed (subscription',
    stop: 'To stop',
    cadence: { daily: 'daily', weekly: 'weekly', monthly: 'monthly' },
  },
  pl: {
    subject: 'Raport',
    period: 'Okres',
    coming: 'Nadchodzący okres',
    asOf: 'Stan na',
    rows: 'Wiersze',
    firstAttached: (n) => `w załączniku pierwsze ${n}`,
    attachment: 'Załącznik',
    why: 'Otrzymujesz tę wiadomość, ponieważ zasubskrybowałeś raport (subskrypcja',
    stop: 'Aby zrezygnować',
    cadence: { daily: 'codziennie', weekly: 'co tydzień', monthly: 'co miesiąc' },
  },
  ro: {
    subject: 'Raport',
    period: 'Perioada',
    coming: 'Perioada următoare',
    asOf: 'La data de',
    rows: 'Rânduri',
    firstAttached: (n) => `primele ${n} atașate`,
    attachment: 'Atașament',
    why: 'Primiți acest mesaj pentru că v-ați abonat (abonamentul',
    stop: 'Pentru dezabonare',
    cadence: { daily: 'zilnic', weekly: 'săptămânal', monthly: 'lunar' },
  },
  ru: {
    subject: 'Отчёт',
    period: 'Период',
    coming: 'Предстоящий период',
    asOf: 'По состоянию на',
    rows: 'Строк',
    firstAttached: (n) => `во вложении первые ${n}`,
    attachment: 'Вложение',
    why: 'Вы получили это письмо, потому что подписались (подписка',
    stop: 'Чтобы отписаться',
    cadence: { daily: 'ежедневно', weekly: 'еженедельно', monthly: 'ежемесячно' },
  },
}

/** The language a mail is written in: the one given if it is one of ours, else English. */
export function mailLanguage(language: string | null | undefined): Language {
  return language !== null && language !== undefined && Object.hasOwn(WORDS, language) ? (language as Language) : 'en'
}

export function reportMailText(
  language: string | null | undefined,
  f: ReportMailFacts,
): { subject: string; text: string } {
  const w = WORDS[mailLanguage(language)]
  const cadence = w.cadence[f.cadence]
  return {
    subject: `${w.subject ? `${w.subject} ` : ''}${f.title}: ${f.periodKey}`,
    text: [
      `${f.title} (${f.report})`,
      f.dates !== null
        ? `${f.range === 'coming' ? w.coming : w.period}: ${f.dates} (${cadence}, ${f.timeZone})`
        : `${w.asOf} ${f.asOf} (${cadence})`,
      `${w.rows}: ${f.rows}${f.rows > f.attached ? ` (${w.firstAttached(f.attached)})` : ''}`,
      `${w.attachment}: ${f.filename}`,
      '',
      `${w.why} ${f.subscriptionId}).`,
      `${w.stop}: DELETE /reports/subscriptions/${f.subscriptionId}`,
    ].join('\n'),
  }
}
