// Phone numbers in E.164: '+', the country calling code and the subscriber number, at most 15
// digits, no spaces. SMS gateways (twilio) take this form, and one spelling per number lets the
// application find duplicates. Typed numbers are normalised once, at the edge of the domain.
import { type Either, left, right } from 'fp-ts/lib/Either.js'

const E164 = /^\+[1-9]\d{6,14}$/

/**
 * National number lengths for the calling codes of this market's customers. Other codes get only
 * the E.164 shape check: a table of every numbering plan is not worth its upkeep here.
 * Sources: ITU-T E.164 national numbering plans (PL, RO, UA, RU/KZ, MD, BY, LT, DE variable).
 */
const NATIONAL_LENGTH: ReadonlyArray<readonly [string, number]> = [
  ['48', 9], // Poland
  ['40', 9], // Romania
  ['380', 9], // Ukraine
  ['373', 8], // Moldova
  ['375', 9], // Belarus
  ['370', 8], // Lithuania
  ['7', 10], // Russia, Kazakhstan
]

/** True for a number already in E.164 form whose national part has the right length where known. */
export function isE164(value: string): boolean {
  if (!E164.test(value)) return false
  const digits = value.slice(1)
  const known = NATIONAL_LENGTH.find(([code]) => digits.startsWith(code))
  return known === undefined || digits.length - known[0].length === known[1]
}

/**
 * A typed number → E.164, or what is wrong with it. Spaces, dashes, dots and parentheses are
 * dropped, a leading 00 becomes +, and a number without an international prefix is taken as
 * national to `defaultCallingCode` (Poland by default: customers type "600 100 200").
 */
export function normalisePhone(raw: string, defaultCallingCode = '48'): Either<string, string> {
  const compact = raw.trim().replace(/[\s\-.()/]/g, '')
  if (compact === '') return left('is empty')
  let candidate: string
  if (compact.startsWith('+')) candidate = compact
  else if (compact.startsWith('00')) candidate = `+${compact.slice(2)}`
  else candidate = `+${defaultCallingCode}${compact.replace(/^0/, '')}`
  if (!/^\+\d+$/.test(candidate)) return left('may contain only digits after the leading +')
  if (!isE164(candidate)) return left('must be a phone number in international form such as +48 600 100 200')
  return right(candidate)
}
