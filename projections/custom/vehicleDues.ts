// Built-in report `vehicleDues` (head office; a fleet's HQ his fleet's vehicles; an individual
// customer his own): per fleet, branch, customer, vehicle, kind of due (inspection, warranty,
// insurance) and its date, one row per due the vehicle's record holds now. Upcoming dues are a date
// range: from=<today>&to=<in 60 days>; period=month counts them per month. Rows follow the vehicle: a
// new date replaces the old, a vehicle moved to another branch or fleet takes its dues along, one that
// left its fleet drops out of it, and a change of owner moves them to the new customer. A custom
// projection because the dates and the owner (equipment stream) and the fleet and branch (fleet
// stream) are joined.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { type EquipmentOwner, equipmentEventCodecs } from '../../domain/equipment/events.js'
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
  report: 'vehicleDues',
  projection: 'vehicleDues',
  version: 1,
  title: 'Vehicles: upcoming dues',
  description:
    'Per fleet, branch, customer, vehicle, kind (inspection, warranty, insurance) and due date: the dues the ' +
    'vehicles’ records hold now. Take from=today for the upcoming ones; period=month counts them per month.',
  builtIn: true,
  keys: [
    { name: 'fleetId', bucket: null },
    { name: 'branchId', bucket: null },
    { name: 'customerId', bucket: null },
    { name: 'vehicleId', bucket: null },
    { name: 'kind', bucket: null },
    { name: 'dueOn', bucket: 'day' },
  ],
  measures: [{ name: 'dues', op: 'count' }],
  scopePointKey: null,
  scopeFleetKey: 'fleetId',
  scopeBranchKey: 'branchId',
  scopeCustomerKey: 'customerId',
}

const rows = new ReportRows(report)
interface VehicleFacts {
  membership: Membership | null
  /** The individual customer who owns it (a fleet's vehicles: null). */
  customerId: string | null
  dues: { inspection: string | null; warranty: string | null; insurance: string | null }
}
const vehicles = new Facts<VehicleFacts>('vehicles')
const owned = new OwnedRows(rows, 'owned')
const NO_DUES = { inspection: null, warranty: null, insurance: null }

const customerOf = (owner: EquipmentOwner): string | null => (owner.kind === 'customer' ? owner.customerId : null)

async function update(view: ProjectionView, vehicleId: string, change: Partial<VehicleFacts>): Promise<void> {
  const before = (await vehicles.get(view, vehicleId)) ?? { membership: null, customerId: null, dues: NO_DUES }
  const next = { ...before, ...change }
  await vehicles.set(view, vehicleId, next)
  const m = next.membership
  const due: Array<{ keys: Keys; values: { dues: number } }> = []
  for (const [kind, dueOn] of Object.entries(next.dues))
    if (dueOn)
      due.push({
        keys: {
          fleetId: m?.fleetId ?? null,
          branchId: m?.branchId ?? null,
          customerId: next.customerId,
          vehicleId,
          kind,
          dueOn,
        },
        values: { dues: 1 },
      })
  await owned.replace(view, vehicleId, due)
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if ((FLEET_MEMBERSHIP_TYPES as readonly string[]).includes(event.type)) {
    for (const change of membershipChanges(event))
      await update(view, change.equipmentId, { membership: change.membership })
    return
  }
  const e = decodeAny(equipmentEventCodecs, event)
  if (e.type === 'EquipmentRegistered') await update(view, e.data.equipmentId, { customerId: customerOf(e.data.owner) })
  else if (e.type === 'EquipmentOwnerChanged')
    await update(view, e.data.equipmentId, { customerId: customerOf(e.data.to) })
  else if (e.type === 'EquipmentServiceDatesSet')
    await update(view, e.data.equipmentId, {
      dues: { inspection: e.data.nextInspectionOn, warranty: e.data.warrantyEndsOn, insurance: e.data.insuranceEndsOn },
    })
}

export const projection: Projection = {
  name: 'vehicleDues',
  version: 1,
  types: [...FLEET_MEMBERSHIP_TYPES, 'EquipmentRegistered', 'EquipmentOwnerChanged', 'EquipmentServiceDatesSet'],
  collections: ['rows', 'vehicles', 'owned'],
  indexes: { rows: [{ keys: { 'k.fleetId': 1, 'k.dueOn': 1 } }, { keys: { 'k.customerId': 1, 'k.dueOn': 1 } }] },
  apply,
}
