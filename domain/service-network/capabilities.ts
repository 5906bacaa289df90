// What a bay can do, what a service needs, and what a staff member knows.
// A vehicle class is also a bay feature: a truck needs a bay (lift, space) that takes trucks.
import * as t from 'io-ts'

export const VehicleClass = t.keyof({ passenger: null, suv: null, van: null, truck: null })
export type VehicleClass = t.TypeOf<typeof VehicleClass>

export const BayFeature = t.keyof({
  passenger: null,
  suv: null,
  van: null,
  truck: null,
  run_flat: null,
  tpms: null,
  wheel_alignment: null,
  tyre_storage: null,
  balancing: null,
  tyre_repair: null,
  nitrogen_inflation: null,
  rim_repair: null,
})
export type BayFeature = t.TypeOf<typeof BayFeature>

/** A bay's equipment: its features and the largest rim (inches) its changer takes, null = no rim limit known. */
export const Capabilities = t.type({ features: t.array(BayFeature), rimMaxInches: t.union([t.number, t.null]) })
export type Capabilities = t.TypeOf<typeof Capabilities>

/** What a visit needs of a bay: every feature, and a changer for rims of at least rimInches. */
export const CapabilityRequirement = t.type({
  features: t.array(BayFeature),
  rimInches: t.union([t.number, t.null]),
})
export type CapabilityRequirement = t.TypeOf<typeof CapabilityRequirement>

export const StaffSkill = t.keyof({
  tyre_fitting: null,
  balancing: null,
  wheel_alignment: null,
  tpms: null,
  run_flat: null,
  tyre_repair: null,
  truck_tyres: null,
  tyre_storage: null,
})
export type StaffSkill = t.TypeOf<typeof StaffSkill>

export const NO_REQUIREMENT: CapabilityRequirement = { features: [], rimInches: null }

export function satisfies(capabilities: Capabilities, requirement: CapabilityRequirement): boolean {
  if (!requirement.features.every((f) => capabilities.features.includes(f))) return false
  // A bay without a stated rim limit is taken to handle any rim a requirement names: the limit is
  // entered for the bays that have one, and refusing every bay without it would block all bookings.
  if (requirement.rimInches !== null && capabilities.rimMaxInches !== null)
    return capabilities.rimMaxInches >= requirement.rimInches
  return true
}

/** A point's capabilities are what at least one of its bays can do (a visit takes one bay). */
export function unionOfCapabilities(all: ReadonlyArray<Capabilities>): Capabilities {
  const features = new Set<BayFeature>()
  let rimMaxInches: number | null = null
  let unlimited = false
  for (const c of all) {
    for (const f of c.features) features.add(f)
    if (c.rimMaxInches === null) unlimited = true
    else rimMaxInches = Math.max(rimMaxInches ?? 0, c.rimMaxInches)
  }
  return { features: [...features].sort(), rimMaxInches: unlimited ? null : rimMaxInches }
}

export function mergeRequirements(all: ReadonlyArray<CapabilityRequirement>): CapabilityRequirement {
  const features = new Set<BayFeature>()
  let rimInches: number | null = null
  for (const r of all) {
    for (const f of r.features) features.add(f)
    if (r.rimInches !== null) rimInches = Math.max(rimInches ?? 0, r.rimInches)
  }
  return { features: [...features].sort(), rimInches }
}

export function capabilitiesProblems(c: Capabilities, path: string): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = []
  if (new Set(c.features).size !== c.features.length)
    problems.push({ path: `${path}.features`, message: 'must not repeat a feature' })
  if (c.rimMaxInches !== null && !(Number.isInteger(c.rimMaxInches) && c.rimMaxInches >= 10 && c.rimMaxInches <= 26))
    problems.push({ path: `${path}.rimMaxInches`, message: 'must be a whole number of inches between 10 and 26' })
  return problems
}
