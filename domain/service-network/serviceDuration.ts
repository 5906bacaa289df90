// How long a visit takes and what it needs, from the chosen services and the vehicle.
//
// Rules:
// - A service's minutes for a vehicle: the most specific duration rule that matches wins — a rule
//   naming both the vehicle class and the number of wheels, then one naming the class only, then one
//   naming the wheels only, then the service's base minutes.
// - A visit's duration is the sum of its services' minutes: one bay and one staff member do them one
//   after another (no parallel work, no discount for combining; combos belong in the catalogue as
//   their own service with their own duration).
// - The bay must have every feature any service requires plus the vehicle class itself (a van needs a
//   bay that takes vans) and take the vehicle's rim size; the staff member must hold every skill any
//   service requires.
// - Refused: no services, a repeated service, an unknown or retired service, a duration of 0 or longer
//   than the longest opening range the point has (it could never be booked).
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { DomainError } from '../shared/decider.js'
import { domainError } from '../shared/decider.js'
import type { FieldProblem } from '../shared/validation.js'
import type { BayFeature, CapabilityRequirement, StaffSkill, VehicleClass } from './capabilities.js'
import { type CatalogueState, catalogueService } from './catalogueDecider.js'
import type { ServiceDefinition } from './events.js'

export interface VisitRequest {
  readonly serviceCodes: ReadonlyArray<string>
  readonly vehicleClass: VehicleClass
  /** Number of wheels worked on (4 for a car; 6 for a twin-tyre van; 1 for a single puncture). */
  readonly wheels: number
  readonly rimInches: number | null
}

export interface VisitPlan {
  readonly durationMinutes: number
  readonly lines: ReadonlyArray<{ readonly code: string; readonly minutes: number }>
  readonly requirement: CapabilityRequirement
  readonly skills: ReadonlyArray<StaffSkill>
}

export function serviceMinutes(service: ServiceDefinition, vehicleClass: VehicleClass, wheels: number): number {
  const rules = service.durationRules
  const match =
    rules.find((r) => r.vehicleClass === vehicleClass && r.wheels === wheels) ??
    rules.find((r) => r.vehicleClass === vehicleClass && r.wheels === null) ??
    rules.find((r) => r.vehicleClass === null && r.wheels === wheels)
  return match ? match.minutes : service.baseMinutes
}

/**
 * @param maxMinutes the longest a visit may be (the point's longest opening range,
 *   `longestOpeningRangeMinutes`); omit to skip that check.
 */
export function planVisit(
  catalogue: Pick<CatalogueState, 'services'>,
  request: VisitRequest,
  maxMinutes?: number,
): Either<DomainError, VisitPlan> {
  const problems: FieldProblem[] = []
  if (request.serviceCodes.length === 0) problems.push({ path: 'services', message: 'choose at least one service' })
  if (!(Number.isInteger(request.wheels) && request.wheels >= 1 && request.wheels <= 12))
    problems.push({ path: 'wheels', message: 'must be a whole number of wheels between 1 and 12' })
  if (
    request.rimInches !== null &&
    !(Number.isInteger(request.rimInches) && request.rimInches >= 10 && request.rimInches <= 26)
  )
    problems.push({ path: 'rimInches', message: 'must be a whole number of inches between 10 and 26' })
  const services: ServiceDefinition[] = []
  const seen = new Set<string>()
  request.serviceCodes.forEach((code, i) => {
    const item = catalogueService(catalogue, code)
    if (seen.has(code)) problems.push({ path: `services[${i}]`, message: `${code} is chosen twice` })
    else if (!item) problems.push({ path: `services[${i}]`, message: `unknown service ${code}` })
    else if (item.retired) problems.push({ path: `services[${i}]`, message: `service ${code} is no longer offered` })
    else services.push(item.definition)
    seen.add(code)
  })
  if (problems.length > 0) return left(domainError('invalid', 'VISIT_INVALID', 'the visit cannot be planned', problems))

  const lines = services.map((s) => ({
    code: s.code,
    minutes: serviceMinutes(s, request.vehicleClass, request.wheels),
  }))
  const durationMinutes = lines.reduce((sum, l) => sum + l.minutes, 0)
  if (durationMinutes <= 0)
    return left(
      domainError('invalid', 'IMPOSSIBLE_DURATION', 'the visit takes no time', [
        { path: 'services', message: 'total duration is 0' },
      ]),
    )
  if (maxMinutes !== undefined && durationMinutes > maxMinutes)
    return left(
      domainError(
        'invalid',
        'IMPOSSIBLE_DURATION',
        `the visit takes ${durationMinutes} min, longer than the point is ever open in one stretch (${maxMinutes} min)`,
        [{ path: 'services', message: `total duration ${durationMinutes} min exceeds ${maxMinutes} min` }],
      ),
    )
  const features = new Set<BayFeature>([request.vehicleClass])
  const skills = new Set<StaffSkill>()
  for (const s of services) {
    for (const f of s.requiredFeatures) features.add(f)
    if (s.requiredSkill !== null) skills.add(s.requiredSkill)
  }
  return right({
    durationMinutes,
    lines,
    requirement: { features: [...features].sort(), rimInches: request.rimInches },
    skills: [...skills].sort(),
  })
}
