// What the clients work out themselves about a visit, with the same rules as the API
// (domain/service-network/serviceDuration.ts), to show minutes next to each service and to filter
// points by what the visit needs. The API computes the real duration when it searches slots.
import type { BayFeature, CatalogueService, VehicleClass } from '../api/types.js'

export const defaultWheels = (vehicleClass: VehicleClass): number => (vehicleClass === 'truck' ? 6 : 4)

export function serviceMinutes(service: CatalogueService, vehicleClass: VehicleClass): number {
  const wheels = defaultWheels(vehicleClass)
  const rules = service.durationRules
  const match =
    rules.find((r) => r.vehicleClass === vehicleClass && r.wheels === wheels) ??
    rules.find((r) => r.vehicleClass === vehicleClass && r.wheels === null) ??
    rules.find((r) => r.vehicleClass === null && r.wheels === wheels)
  return match ? match.minutes : service.baseMinutes
}

/** The bay features a visit needs: every chosen service's, and the vehicle class itself. */
export function featuresFor(services: readonly CatalogueService[], vehicleClass: VehicleClass): BayFeature[] {
  const features = new Set<BayFeature>([vehicleClass])
  for (const s of services) for (const f of s.requiredFeatures) features.add(f)
  return [...features]
}

export interface VehicleDraft {
  readonly plate: string
  readonly vehicleClass: VehicleClass
  /** '' when not known. */
  readonly rimInches: string
}

export const rimOf = (v: VehicleDraft): number | null => (v.rimInches ? Number(v.rimInches) : null)

/** Today's local date in the browser, as YYYY-MM-DD. */
export function today(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Today's date at a point (its time zone), as YYYY-MM-DD: check-in is allowed on that day only. */
export function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    )
  } catch {
    return today()
  }
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(ms).toISOString().slice(0, 10)
}
