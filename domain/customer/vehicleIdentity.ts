// What identifies a fleet vehicle on paper: plate, VIN, make and model. Shared by the fleet decider
// and the import validation so a file row and a single added vehicle pass the same rules.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { validatePlate } from '../service-network/plateRegions.js'
import { type FieldProblem, nonBlank } from '../shared/validation.js'

export interface VehicleIdentity {
  readonly plate: string
  readonly plateCountry: string
  readonly vin: string
  readonly make: string
  readonly model: string
  readonly year: number | null
}

/**
 * A plate in its stored form: Polish plates against the Polish format, foreign ones only for
 * plausible characters (the same rule as bookings).
 */
export function normaliseVehiclePlate(plate: string, country: string): Either<string, string> {
  if (country === 'PL') return validatePlate(plate)
  const p = plate.replace(/[\s-]/g, '').toUpperCase()
  return /^[A-Z0-9]{2,12}$/.test(p) ? right(p) : left('must be 2-12 letters and digits')
}

/**
 * A VIN (ISO 3779): 17 characters, letters without I, O and Q (they read as 1 and 0).
 * The check digit in position 9 is only mandatory for North American vehicles; European VINs
 * often have any character there, so it is not checked.
 */
export function normaliseVin(vin: string): Either<string, string> {
  const v = vin.replace(/[\s-]/g, '').toUpperCase()
  if (v.length !== 17) return left(`must be 17 characters (has ${v.length})`)
  if (/[IOQ]/.test(v)) return left('may not contain the letters I, O or Q')
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(v)) return left('may contain only letters A-Z and digits')
  return right(v)
}

export function normaliseVehicleIdentity(
  v: VehicleIdentity,
  path: string,
): { identity: VehicleIdentity; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const at = (field: string) => (path === '' ? field : `${path}.${field}`)
  let plate = v.plate
  let vin = v.vin
  if (!/^[A-Z]{1,3}$/.test(v.plateCountry))
    problems.push({ path: at('plateCountry'), message: 'must be a country code such as PL, RO, UA' })
  else {
    const checked = normaliseVehiclePlate(v.plate, v.plateCountry)
    if (isLeft(checked)) problems.push({ path: at('plate'), message: checked.left })
    else plate = checked.right
  }
  const checkedVin = normaliseVin(v.vin)
  if (isLeft(checkedVin)) problems.push({ path: at('vin'), message: checkedVin.left })
  else vin = checkedVin.right
  problems.push(...nonBlank(v.make, at('make'), 60), ...nonBlank(v.model, at('model'), 60))
  // No clock in the domain: the upper bound only catches typos such as 20219.
  if (v.year !== null && !(Number.isInteger(v.year) && v.year >= 1900 && v.year <= 2100))
    problems.push({ path: at('year'), message: 'must be a year such as 2021' })
  return {
    identity: { plate, plateCountry: v.plateCountry, vin, make: v.make.trim(), model: v.model.trim(), year: v.year },
    problems,
  }
}
