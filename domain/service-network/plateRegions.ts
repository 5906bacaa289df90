// Polish registration plates: validation, and the region a plate's prefix encodes.
// Format (see plateRegionData.ts for sources):
// - regular plates: a 2- or 3-letter prefix (voivodeship letter + powiat letters) and a 4–5 character
//   resource part that contains digits, 7 or 8 characters in all (e.g. WA 12345, KRA 1A23, PO 5XY12);
// - individual plates: voivodeship letter, one digit, then 3–5 characters of which only the last two may
//   be digits (e.g. L0 BIBI, K6 Z17).
// Only plates of the 16 voivodeships are accepted; H (state services) and U (army) are not regions.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../shared/decider.js'
import type { GeoPoint } from '../shared/geo.js'
import { DISTRICTS, VOIVODESHIPS } from './plateRegionData.js'

export interface PlateRegion {
  /** The prefix that matched: 1 letter (voivodeship only) or 2–3 letters (district). */
  readonly prefix: string
  readonly level: 'district' | 'voivodeship'
  readonly name: string
  readonly voivodeship: string
  readonly centroid: GeoPoint
}

const REGULAR = /^[A-Z]{2}[A-Z0-9]{5,6}$/
const INDIVIDUAL = /^[A-Z][0-9](?=[A-Z0-9]{3,5}$)[A-Z]{1,5}[0-9]{0,2}$/

export function normalisePlate(plate: string): string {
  return plate.replace(/[\s-]+/g, '').toUpperCase()
}

/** The normalised plate, or a message saying what is wrong with it. */
export function validatePlate(plate: string): Either<string, string> {
  const p = normalisePlate(plate)
  if (p.length === 0) return left('is empty')
  if (!/^[A-Z0-9]+$/.test(p)) return left('may contain only the letters A-Z and digits (no Polish diacritics)')
  if (!VOIVODESHIPS[p[0] as string])
    return left(`does not start with a voivodeship letter (${Object.keys(VOIVODESHIPS).join('')})`)
  if (INDIVIDUAL.test(p)) return right(p)
  if (!REGULAR.test(p))
    return left('must be 7 or 8 characters: a 2–3 letter district prefix then 4–5 letters and digits')
  if (!/[0-9]/.test(p.slice(2))) return left('must have digits after the district prefix')
  if (/[0-9]/.test(p[2] as string) && p.length !== 7)
    return left('with a 2-letter district prefix must have exactly 5 characters after it')
  return right(p)
}

/** The most specific known region a plate's prefix encodes (district when known, else voivodeship). */
export function regionForPlate(plate: string): Either<DomainError, PlateRegion> {
  const checked = validatePlate(plate)
  if (isLeft(checked))
    return left(
      domainError('invalid', 'INVALID_REGISTRATION_PLATE', `the registration plate ${checked.left}`, [
        { path: 'plate', message: checked.left },
      ]),
    )
  const p = checked.right
  const voivodeship = VOIVODESHIPS[p[0] as string] as (typeof VOIVODESHIPS)[string]
  // Individual plates (letter + digit) carry only the voivodeship. On regular plates the resource part
  // after a 2-letter prefix always starts with a digit, so a letter in third place means a 3-letter
  // prefix: KNT… is powiat nowotarski (not listed: voivodeship), never KN (Nowy Sącz).
  if (!/[0-9]/.test(p[1] as string)) {
    const prefix = /[A-Z]/.test(p[2] as string) ? p.slice(0, 3) : p.slice(0, 2)
    const district = DISTRICTS[prefix]
    if (district)
      return right({
        prefix,
        level: 'district',
        name: district.name,
        voivodeship: voivodeship.name,
        centroid: { lat: district.lat, lon: district.lon },
      })
  }
  return right({
    prefix: p[0] as string,
    level: 'voivodeship',
    name: voivodeship.name,
    voivodeship: voivodeship.name,
    centroid: { lat: voivodeship.lat, lon: voivodeship.lon },
  })
}
