// Reading and writing the dashboard's vehicle documents with the fleet summaries kept in step:
// every change goes through `changeVehicle`, which recomputes the vehicle's status and moves its
// contribution (in service, status, open orders) from the summary it counted in to the one it
// counts in now, one $inc per fleet and event.
import {
  type DashboardVehicleDoc,
  FLEET_DASHBOARD,
  vehicleKeysOf,
  vehicleStatusOf,
} from '../../application/customers/fleetDashboardViews.js'
import type { ProjectionView } from '../projection.js'

export function emptyVehicle(equipmentId: string, at: string): DashboardVehicleDoc {
  return {
    _id: equipmentId,
    equipmentId,
    fleetId: null,
    branchId: null,
    plate: null,
    plateCountry: null,
    vin: null,
    make: null,
    model: null,
    year: null,
    driverId: null,
    inService: false,
    status: 'in_operation',
    equipmentStatus: null,
    openOrders: [],
    checkedIn: [],
    openBookings: [],
    lastService: null,
    serviceDates: { nextInspectionOn: null, warrantyEndsOn: null, insuranceEndsOn: null },
    mileageKm: null,
    tyres: [],
    tyreReplaceBefore: null,
    nextDueOn: null,
    spendTotalNetMinor: 0,
    spendByMonth: {},
    updatedAt: at,
  }
}

/** Summary increments per fleet, gathered over one event and written once. */
export class SummaryDeltas {
  private readonly byFleet = new Map<string, Record<string, number>>()

  add(doc: DashboardVehicleDoc | null, sign: 1 | -1): void {
    if (doc === null || doc.fleetId === null) return
    const inc = this.byFleet.get(doc.fleetId) ?? {}
    const bump = (path: string, n: number) => {
      if (n !== 0) inc[path] = (inc[path] ?? 0) + sign * n
    }
    bump('vehicles', doc.inService ? 1 : 0)
    bump(`byStatus.${doc.status}`, 1)
    bump('openOrders', doc.inService ? doc.openOrders.length : 0)
    this.byFleet.set(doc.fleetId, inc)
  }

  async flush(view: ProjectionView, at: string): Promise<void> {
    const summaries = view.collection(FLEET_DASHBOARD.summaries)
    for (const [fleetId, inc] of this.byFleet) {
      const nonZero = Object.fromEntries(Object.entries(inc).filter(([, n]) => n !== 0))
      if (Object.keys(nonZero).length === 0) continue
      await summaries.updateOne({ _id: fleetId }, { $inc: nonZero, $set: { updatedAt: at } })
    }
    this.byFleet.clear()
  }
}

/** The earliest of the vehicle's service dates and predicted tyre replacement. */
function nextDueOf(doc: DashboardVehicleDoc): string | null {
  const dates = [
    doc.serviceDates.nextInspectionOn,
    doc.serviceDates.warrantyEndsOn,
    doc.serviceDates.insuranceEndsOn,
    doc.tyreReplaceBefore,
  ].filter((d): d is string => d !== null)
  return dates.sort()[0] ?? null
}

/**
 * Loads the vehicle (or starts one), applies `change`, derives status and next due date, saves,
 * and records the summary movement. `change` returning null leaves everything as it was.
 */
export async function changeVehicle(
  view: ProjectionView,
  deltas: SummaryDeltas,
  equipmentId: string,
  at: string,
  change: (doc: DashboardVehicleDoc) => DashboardVehicleDoc | null,
  options: { readonly create?: boolean } = {},
): Promise<DashboardVehicleDoc | null> {
  const vehicles = view.collection(FLEET_DASHBOARD.vehicles)
  const current = (await vehicles.findOne({ _id: equipmentId })) as DashboardVehicleDoc | null
  if (!current && options.create === false) return null
  const changed = change(current ? { ...current } : emptyVehicle(equipmentId, at))
  if (changed === null) return current
  const next: DashboardVehicleDoc = { ...changed, updatedAt: at }
  next.status = vehicleStatusOf(next)
  next.nextDueOn = nextDueOf(next)
  deltas.add(current, -1)
  deltas.add(next, 1)
  await vehicles.replaceOne({ _id: equipmentId }, next, { upsert: true })
  // The vehicle's list keys: drop the ones it left, add the ones it joined.
  const before = new Set(current ? vehicleKeysOf(current) : [])
  const after = new Set(vehicleKeysOf(next))
  const keys = view.collection(FLEET_DASHBOARD.keys)
  for (const key of before) if (!after.has(key)) await keys.deleteOne({ _id: key })
  for (const key of after)
    if (!before.has(key)) await keys.replaceOne({ _id: key }, { _id: key, equipmentId }, { upsert: true })
  return next
}
