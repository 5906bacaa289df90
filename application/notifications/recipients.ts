// Checking and normalising recipients before anything is handed to a provider: a message to an
// invalid address is refused here, with the reason, and never sent.
import { InvalidRecipient } from '../ports/notifier.js'

// The WHATWG HTML "valid e-mail address" grammar, with at least one dot in the domain (a bare
// host name is a typo in a customer's address, not a deliverable one).
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/

/** Country calling codes of the markets the network serves, for numbers written without one. */
const CALLING_CODES: Readonly<Record<string, string>> = { PL: '48', RO: '40', MD: '373', UA: '380', DE: '49' }

export function normaliseEmail(raw: string): string {
  const email = raw.trim()
  if (email.length > 254) throw new InvalidRecipient('email', raw, 'longer than 254 characters')
  if (!EMAIL.test(email)) throw new InvalidRecipient('email', raw, 'not of the form name@domain.tld')
  const [local = '', domain = ''] = email.split('@')
  if (local.length > 64) throw new InvalidRecipient('email', raw, 'the part before @ is longer than 64 characters')
  // Domains are case-insensitive; the local part is left as written (some servers care).
  return `${local}@${domain.toLowerCase()}`
}

/**
 * A phone number in E.164. Spaces, dashes, dots and brackets are dropped, `00` becomes `+`, and a
 * number without a country code gets the service point's (`country`, ISO 3166 alpha-2).
 */
export function normalisePhone(raw: string, country: string | null = null): string {
  const compact = raw.trim().replace(/[\s\-.()/]/g, '')
  let phone = compact.startsWith('00') ? `+${compact.slice(2)}` : compact
  if (!phone.startsWith('+')) {
    const code = country ? CALLING_CODES[country.toUpperCase()] : undefined
    if (!code) throw new InvalidRecipient('sms', raw, 'no country code, and none known for the point')
    phone = `+${code}${phone.replace(/^0+/, '')}`
  }
  if (!E164.test(phone)) throw new InvalidRecipient('sms', raw, 'not a phone number in international (E.164) form')
  return phone
}

export function isValidEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= 254
}

export function isE164(value: string): boolean {
  return E164.test(value)
}
