// Tax identification numbers of companies. Polish NIP: 10 digits, the last a checksum of the first
// nine with weights 6 5 7 2 3 4 5 6 7 (mod 11; a remainder of 10 never occurs in an issued NIP).
// Written as 123-456-32-18, 123-45-63-218 or with the EU VAT prefix PL; stored as 10 digits.
// Other countries: only the shape is checked (letters and digits), since each has its own rules.
import { type Either, left, right } from 'fp-ts/lib/Either.js'

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const

export function isValidNip(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false
  const sum = NIP_WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0)
  const check = sum % 11
  return check !== 10 && check === Number(digits[9])
}

/** A typed tax id → its stored form (country's own spelling without separators), or what is wrong. */
export function normaliseTaxId(country: string, value: string): Either<string, string> {
  const compact = value.replace(/[\s\-.]/g, '').toUpperCase()
  if (country === 'PL') {
    const digits = compact.startsWith('PL') ? compact.slice(2) : compact
    if (!/^\d{10}$/.test(digits)) return left('a Polish NIP has 10 digits, e.g. 123-456-32-18')
    return isValidNip(digits) ? right(digits) : left('is not a valid NIP: the check digit does not match')
  }
  return /^[A-Z0-9]{2,20}$/.test(compact) ? right(compact) : left('must be 2-20 letters and digits')
}
