// The `servicePoints` read model (collection `points`): one document per service point, written by
// projections/serviceNetwork/servicePointsProjection.ts and read by the point and calendar queries
// and by nearest-point search. Its shape is the contract between them, so it lives here.
import type { Capabilities, CapabilityRequirement } from '../../domain/service-network/capabilities.js'
import { satisfies } from '../../domain/service-network/capabilities.js'
import type { Address, Contacts } from '../../domain/service-network/events.js'
import type {
  DateException,
  OpeningRules,
  SeasonalHours,
  WeeklyHours,
} from '../../domain/service-network/openingHours.js'
import type { Document } from '../ports/documentStore.js'

export const SERVICE_POINTS = { projection: 'servicePoints', points: 'points' } as const

export interface BayView {
  readonly bayId: string
  readonly name: string
  readonly features: Capabilities['features']
  /** Largest rim the bay's changer takes; null = no limit known (takes any rim). */
  readonly rimMaxInches: number | null
}

export interface ServicePointView extends Document {
  /** The point id. */
  _id: string
  pointId: string
  networkId: string
  name: string
  address: Address
  geo: { lat: number; lon: number }
  timeZone: string
  contacts: Contacts
  /**
   * What at least one bay can do (the union over bays, as domain `pointCapabilities`): the same
   * shape as the domain's Capabilities, so nearest-point search can use it directly.
   */
  capabilities: Capabilities
  bays: BayView[]
  bayCount: number
  weeklyHours: WeeklyHours
  /** Sorted by `from`. */
  seasons: SeasonalHours[]
  /** Holidays and special days, sorted by date. */
  exceptions: DateException[]
  /** The assigned manager's account id (the domain keeps at most one); [] when none. */
  managerIds: string[]
  active: boolean
  deactivationReason: string | null
  /** Folded (lower case, no diacritics) name and city for prefix search. */
  search: { name: string; city: string }
  /** occurredAt of the point's first and latest event. */
  createdAt: string
  updatedAt: string
  /** Revision of the point's stream last applied (clients may compare it with what they changed). */
  revision: number
}

/** The opening rules the domain's hour functions take, from the projected point. */
export function openingRulesOf(point: Pick<ServicePointView, 'weeklyHours' | 'seasons' | 'exceptions'>): OpeningRules {
  return {
    weeklyHours: point.weeklyHours,
    seasons: point.seasons,
    exceptions: Object.fromEntries(point.exceptions.map((e) => [e.date, e])),
  }
}

/**
 * Whether one bay of the point can take a visit with this requirement. Stricter than checking the
 * union of capabilities: run-flat on one bay and 22" rims on another do not make a 22" run-flat bay.
 */
export function pointSatisfies(point: Pick<ServicePointView, 'bays'>, requirement: CapabilityRequirement): boolean {
  return point.bays.some((b) => satisfies({ features: b.features, rimMaxInches: b.rimMaxInches }, requirement))
}
