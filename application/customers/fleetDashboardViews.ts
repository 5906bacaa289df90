// The fleet dashboard read model (projection `fleetDashboard`): one document per vehicle with its
// status, last service, service dates, tyres and spend; per fleet a summary of counts; spend per
// fleet and month (and across all fleets under fleetId '*'); the fleet contracts' schedules.
// Written from fleet, booking, work-order, equipment, contract and billing events alone, so a
// rebuild equals the live run; everything that depends on "now" (what is due, what is breached)
// is computed when the dashboard is asked.
import type { TermsVersion } from '../../domain/contract/contractTimeline.js'
import type { ContractHolder } from '../../domain/contract/events.js'
import type { EquipmentStatus, Season } from '../../domain/equipment/events.js'
import type { Urgency } from '../../domain/equipment/tyreWear.js'
import type { LocalDate } from '../../domain/shared/localTime.js'
import type { YearMonth } from '../../domain/shared/yearMonth.js'
import type { Document } from '../ports/documentStore.js'

export const FLEET_DASHBOARD = {
  projection: 'fleetDashboard',
  vehicles: 'vehicles',
  equipment: 'equipment',
  plates: 'plates',
  bookings: 'bookings',
  orders: 'orders',
  summaries: 'summaries',
  spend: 'spend',
  contracts: 'contracts',
  keys: 'vehicleKeys',
} as const

/** The spend documents summed over every fleet carry this fleet id. */
export const ALL_FLEETS = '*'

export const VEHICLE_STATUSES = ['in_operation', 'booked', 'in_workshop', 'irreparable', 'scrapped', 'removed'] as const
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number]

export interface ServiceVisit {
  readonly pointId: string
  /** UTC ISO-8601 */
  readonly at: string
  readonly source: 'booking' | 'work_order'
  /** The booking or work order. */
  readonly ref: string
}

export interface TyreStateView {
  readonly position: string
  readonly tyreId: string
  readonly brand: string
  readonly size: string
  readonly season: Season
  readonly dotYear: number | null
  readonly depthMm: number | null
  readonly measuredAt: string | null
  /** Predicted as of the latest tyre or mileage event of the vehicle. */
  readonly replaceBefore: LocalDate | null
  readonly reason: string | null
  readonly urgency: Urgency
}

export interface DashboardVehicleDoc extends Document {
  _id: string
  equipmentId: string
  /** null while only repair-side events (work orders, equipment) have named the vehicle. */
  fleetId: string | null
  branchId: string | null
  plate: string | null
  plateCountry: string | null
  vin: string | null
  make: string | null
  model: string | null
  year: number | null
  driverId: string | null
  /** In the fleet (added and not removed). */
  inService: boolean
  status: VehicleStatus
  equipmentStatus: EquipmentStatus | null
  openOrders: string[]
  /** Bookings checked in and not yet completed. */
  checkedIn: string[]
  /** Bookings requested and not yet checked in, cancelled or missed. */
  openBookings: Array<{ bookingId: string; pointId: string; start: string }>
  lastService: ServiceVisit | null
  serviceDates: {
    nextInspectionOn: LocalDate | null
    warrantyEndsOn: LocalDate | null
    insuranceEndsOn: LocalDate | null
  }
  mileageKm: number | null
  tyres: TyreStateView[]
  /** The earliest predicted tyre replacement. */
  tyreReplaceBefore: LocalDate | null
  /** The earliest of the service dates and the tyre replacement: what "due soon" filters on. */
  nextDueOn: LocalDate | null
  spendTotalNetMinor: number
  spendByMonth: Record<YearMonth, number>
  updatedAt: string
}

export interface FleetSummaryDoc extends Document {
  _id: string
  fleetId: string
  customerId: string
  name: string
  branches: Record<string, string>
  /** Vehicles in service. */
  vehicles: number
  byStatus: Record<VehicleStatus, number>
  openOrders: number
  updatedAt: string
}

export interface SpendDoc extends Document {
  /** `<fleetId>|<YYYY-MM>`; fleetId '*' sums every fleet. */
  _id: string
  fleetId: string
  month: YearMonth
  currency: string | null
  netMinor: number
  grossMinor: number
  /** Under the contract: monthly fees, usage, packages, included and discounted services. */
  contractNetMinor: number
  /** Priced from the catalogue: work the contract does not cover. */
  extraNetMinor: number
  /** Per branch of the vehicle when billed; 'none' for fees and vehicles without a branch. */
  byBranch: Record<string, number>
  invoices: number
}

export interface DashboardContractDoc extends Document {
  _id: string
  contractId: string
  fleetId: string
  contractNumber: string
  holder: ContractHolder
  currency: string
  timeZone: string
  validFrom: LocalDate
  validTo: LocalDate | null
  status: 'active' | 'terminated'
  versions: TermsVersion[]
  amendmentIds: string[]
}

export const emptyByStatus = (): Record<VehicleStatus, number> =>
  Object.fromEntries(VEHICLE_STATUSES.map((s) => [s, 0])) as Record<VehicleStatus, number>

/** A vehicle's status from what the projection knows; the order of the checks is the precedence. */
export function vehicleStatusOf(
  v: Pick<
    DashboardVehicleDoc,
    'fleetId' | 'inService' | 'equipmentStatus' | 'openOrders' | 'checkedIn' | 'openBookings'
  >,
): VehicleStatus {
  if (v.fleetId !== null && !v.inService) return 'removed'
  if (v.equipmentStatus === 'scrapped') return 'scrapped'
  if (v.equipmentStatus === 'irreparable') return 'irreparable'
  if (
    v.openOrders.length > 0 ||
    v.checkedIn.length > 0 ||
    v.equipmentStatus === 'in_service' ||
    v.equipmentStatus === 'on_site'
  )
    return 'in_workshop'
  if (v.openBookings.length > 0) return 'booked'
  return 'in_operation'
}

export const plateKey = (fleetId: string, plateCountry: string, plate: string): string =>
  `${fleetId}|${plateCountry}|${plate}`

/**
 * Sort keys of the vehicles: the dashboard's lists ("at a workshop, by plate", "due first", "tyres
 * to replace first", "costing most") are ranges of one key each. Every key is a tiny document whose
 * _id is the key itself, `<kind>|<fleetId>|<sort value>|…|<equipmentId>`, so a list is a range scan
 * of the primary key in order, and its length an index count: no sorting of a fleet's 5,000 large
 * vehicle documents per request.
 */
export interface VehicleKeyDoc extends Document {
  _id: string
  equipmentId: string
}

export type KeyKind = 'fleet' | 'status' | 'due' | 'dueAll' | 'tyre' | 'spend'

const SPEND_RANK_BASE = 9_000_000_000_000_000

/** The keys a vehicle is listed under now. */
export function vehicleKeysOf(v: DashboardVehicleDoc): string[] {
  const f = v.fleetId
  if (f === null) return []
  const plate = v.plate ?? ''
  const id = v.equipmentId
  const keys = [
    // in the fleet (1) or removed (0), by plate
    `fleet|${f}|${v.inService ? 1 : 0}|${plate}|${id}`,
    `status|${f}|${v.status}|${plate}|${id}`,
  ]
  if (v.inService && v.nextDueOn) keys.push(`due|${f}|${v.nextDueOn}|${id}`, `dueAll|${v.nextDueOn}|${f}|${id}`)
  if (v.inService && v.tyreReplaceBefore) keys.push(`tyre|${f}|${v.tyreReplaceBefore}|${id}`)
  // Most spent first: the rank is what is left of a large base, 16 digits.
  if (v.spendTotalNetMinor > 0)
    keys.push(`spend|${f}|${String(SPEND_RANK_BASE - v.spendTotalNetMinor).padStart(16, '0')}|${id}`)
  return keys
}

/** The keys of one kind from `from` up to and including every key starting with `through`. */
export const keyRange = (kind: KeyKind, from: string, through: string) => ({
  _id: { $gte: `${kind}|${from}`, $lt: `${kind}|${through}\uffff` },
})
