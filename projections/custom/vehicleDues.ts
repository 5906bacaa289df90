// Built-in report `fleetDues` (head office and the fleet's HQ, his fleet only): per fleet, branch,
// vehicle, kind of due (inspection, warranty, insurance) and its date, one row per due the vehicle's
// record holds now. Upcoming dues are a date range: from=<today>&to=<in 60 days>; period=month
// counts them per month. Rows follow the vehicle: a new date replaces the old, a vehicle moved to
// another branch or fleet takes its dues along, one that left its fleet drops out. A custom projection
// because the dates (equipment stream) and the fleet and branch (fleet stream) are joined.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { equipmentEventCodecs } from '../../domain/equipment/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import {
  decodeAny,
  Facts,
  FLEET_MEMBERSHIP_TYPES,
  type Keys,
  type Membership,
  membershipChanges,
  OwnedRows,
  ReportRows,
} from './support/reportRows.js'

export const report: ReportShape = {
  report: 'fleetDues',
  projection: 'fleetDues',
  version: 1,
  title: 'Fleet: upcoming dues',
  description:
    'Per fleet, branch, vehicle, kind (inspection, warranty, insurance) and due date: the dues the vehicles’ records ' +
    'hold now. Take from=today for the upcoming ones; period=month counts them per month.',
  builtIn: true,
  keys: [
    { name: 'fleetId', bucket: null },
    { name: 'branchId', bucket: null },
    { name: 'vehicleId', bucket: null },
    { name: 'kind', bucket: null },
    { name: 'dueOn', bucket: 'day' },
  ],
  measures: [{ name: 'dues', op: 'count' }],
  scopePointKey: null,
  scopeFleetKey: 'fleetId',
}

const rows = new ReportRows(report)
interface VehicleFacts {
  membership: Membership | null
  dues: { inspection: string | null; warranty: string | null; insurance: string | null }
}
const vehicles = new Facts<VehicleFacts>('vehicles')
const owned = new OwnedRows(rows, 'owned')
const NO_DUES = { inspection: null, warranty: null, insurance: null }

async function update(view: ProjectionView, vehicleId: string, change: Partial<VehicleFacts>): Promise<void> {
  const before = (await vehicles.get(view, vehicleId)) ?? { membership: null, dues: NO_DUES }
  const next = { ...before, ...change }
  await vehicles.set(view, vehicleId, next)
  const m = next.membership
  const due: Array<{ keys: Keys; values: { dues: number } }> = []
  if (m)
    for (const [kind, dueOn] of Object.entries(next.dues))
      if (dueOn)
        due.push({ keys: { fleetId: m.fleetId, branchId: m.branchId, vehicleId, kind, dueOn }, values: { dues: 1 } })
  await owned.replace(view, vehicleId, due)
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if ((FLEET_MEMBERSHIP_TYPES as readonly string[]).includes(event.type)) {
    for (const change of membershipChanges(event))
      await update(view, change.equipmentId, { membership: change.membership })
    return
  }
  const e = decodeAny(equipmentEventCodecs, event)
  if (e.type !== 'EquipmentServiceDatesSet') return
  await update(view, e.data.equipmentId, {
    dues: { inspection: e.data.nextInspectionOn, warranty: e.data.warrantyEndsOn, insurance: e.data.insuranceEndsOn },
  })
}

export const projection: Projection = {
  name: 'fleetDues',
  version: 1,
  types: [...FLEET_MEMBERSHIP_TYPES, 'EquipmentServiceDatesSet'],
  collections: ['rows', 'vehicles', 'owned'],
  indexes: { rows: [{ keys: { 'k.fleetId': 1, 'k.dueOn': 1 } }] },
  apply,
}
