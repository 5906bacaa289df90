// Vehicle identification numbers (ISO 3779). Every VIN is 17 characters of A–Z and 0–9 without
// I, O and Q (they read like 1 and 0). The check digit in position 9 is mandatory in North America
// only: European and Asian makers often put a letter or digit there that is no check digit at all,
// so a mismatch is recorded as information (it helps spot a typo at the desk) and never refused.

export type VinCheckDigit = 'valid' | 'mismatch'

export interface CheckedVin {
  /** Upper case, spaces and hyphens removed. */
  readonly vin: string
  readonly checkDigit: VinCheckDigit
}

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const
// Transliteration of letters to numbers (ISO 3779 / 49 CFR 565.15); I, O and Q never occur.
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
}

export function normaliseVin(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase()
}

/** The check digit the other 16 characters call for ('0'–'9' or 'X'). */
export function vinCheckDigit(vin: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const c = vin[i] as string
    const value = c >= '0' && c <= '9' ? Number(c) : (LETTER_VALUES[c] ?? 0)
    sum += value * (WEIGHTS[i] as number)
  }
  const r = sum % 11
  return r === 10 ? 'X' : String(r)
}

/** A normalised VIN and whether its check digit matches, or the reason it is not a VIN. */
export function checkVin(raw: string): { ok: true; value: CheckedVin } | { ok: false; reason: string } {
  const vin = normaliseVin(raw)
  if (vin.length !== 17) return { ok: false, reason: `must be 17 characters (got ${vin.length})` }
  if (/[IOQ]/.test(vin)) return { ok: false, reason: 'must not contain I, O or Q' }
  if (!VIN.test(vin)) return { ok: false, reason: 'must be letters A–Z and digits only' }
  return { ok: true, value: { vin, checkDigit: vin[8] === vinCheckDigit(vin) ? 'valid' : 'mismatch' } }
}
