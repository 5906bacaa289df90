// How documents print amounts, instants and distances in a locale: amounts from minor units with
// the locale's separators, instants on the point's wall clock, kilometres with grouping.
import type { Locale } from './documentKinds.js'

const INTL: Readonly<Record<Locale, string>> = { pl: 'pl-PL', en: 'en-GB', ro: 'ro-RO', ru: 'ru-RU' }

export function money(minor: number, currency: string, locale: Locale): string {
  const amount = new Intl.NumberFormat(INTL[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    minor / 100,
  )
  return `${amount} ${currency}`
}

/** 'YYYY-MM-DD HH:mm' on the wall clock of timeZone; '—' for null. */
export function dateTime(iso: string | null, timeZone: string): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

export function km(value: number | null, locale: Locale): string {
  return value === null ? '—' : `${new Intl.NumberFormat(INTL[locale]).format(value)} km`
}

export const percent = (value: number): string => `${value}%`
