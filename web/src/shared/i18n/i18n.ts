// Texts and formats in the user's language. Every text of the three clients lives in one file per
// locale (locales/pl.ts is the reference; another locale must have every key, the type checker
// says which are missing). Names that come with the data (the catalogue's services and goods) are
// shown in the chosen locale where the catalogue has them.
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { LocalizedText, Money } from '../api/types.js'
import { en } from './locales/en.js'
import { pl, type TextKey } from './locales/pl.js'

export type { TextKey }

export const LOCALES = {
  pl: { name: 'Polski', texts: pl },
  en: { name: 'English', texts: en },
} as const satisfies Record<string, { name: string; texts: Record<TextKey, string> }>

export type Locale = keyof typeof LOCALES
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[]

const STORAGE_KEY = 'tsn.locale'

export const isLocale = (s: string | null | undefined): s is Locale => !!s && s in LOCALES

/** The saved choice, else the browser's first language we have, else Polish (the network is Polish). */
export function initialLocale(): Locale {
  const saved = safeStorage()?.getItem(STORAGE_KEY)
  if (isLocale(saved)) return saved
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase()
    if (isLocale(base)) return base
  }
  return 'pl'
}

export function saveLocale(locale: Locale): void {
  safeStorage()?.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

export type Vars = Readonly<Record<string, string | number>>

export interface I18n {
  readonly locale: Locale
  /** A text with {name} placeholders filled in. */
  t(key: TextKey, vars?: Vars): string
  /** A text whose key is computed (an error code, a status): undefined when there is none. */
  maybe(key: string, vars?: Vars): string | undefined
  money(money: Money): string
  /** A local date 'YYYY-MM-DD' as e.g. "pt., 27 lis 2026". */
  date(date: string, style?: 'short' | 'long'): string
  /** A name in the catalogue's locales: the chosen one, else Polish, else English, else any. */
  name(names: LocalizedText, fallback: string): string
  percent(ratio: number): string
}

const fill = (text: string, vars?: Vars) =>
  vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all)) : text

export function makeI18n(locale: Locale): I18n {
  const texts: Readonly<Record<string, string>> = LOCALES[locale].texts
  const dates = {
    short: new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }),
    long: new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
  }
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  return {
    locale,
    t: (key, vars) => fill(texts[key] ?? key, vars),
    maybe: (key, vars) => (key in texts ? fill(texts[key] as string, vars) : undefined),
    money: (m) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(m.amountMinor / 100),
    // A local date is a calendar day, not an instant: format it as that day in UTC so no zone shifts it.
    date: (date, style = 'short') => {
      const ms = Date.parse(`${date}T00:00:00Z`)
      return Number.isNaN(ms) ? date : dates[style].format(ms)
    },
    name: (names, fallback) => names[locale] ?? names.pl ?? names.en ?? Object.values(names)[0] ?? fallback,
    percent: (ratio) => percent.format(ratio),
  }
}

export interface I18nContextValue extends I18n {
  setLocale(locale: Locale): void
}

export const I18nContext = createContext<I18nContextValue>({ ...makeI18n('pl'), setLocale: () => {} })

export const useI18n = (): I18nContextValue => useContext(I18nContext)
