// Built-in report `tyreState` (head office and the fleet's HQ, his fleet only): per fleet, branch and
// vehicle, the state of its tyres now: tyres mounted, the latest tread reading of each mounted tyre
// (the lowest, the average, how many are below 3 mm and below 1.6 mm, the legal minimum), and
// readings taken. Grouped by branch or fleet, the lowest and the average span the vehicles. Rows
// follow the vehicle's fleet and branch. A custom projection: the tyres (equipment stream) and the
// fleet and branch (fleet stream) are joined, and a state is replaced, not summed.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { equipmentEventCodecs } from '../../domain/equipment/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import {
  decodeAny,
  Facts,
  FLEET_MEMBERSHIP_TYPES,
  type Membership,
  membershipChanges,
  OwnedRows,
  ReportRows,
} from './support/reportRows.js'

export const report: ReportShape = {
  report: 'tyreState',
  projection: 'tyreState',
  version: 1,
  title: 'Fleet: tyre state',
  description:
    'Per fleet, branch and vehicle, now: tyres mounted, tyres with a reading, the lowest and the average latest ' +
    'tread depth (mm), tyres below 3 mm and below 1.6 mm, and readings taken so far.',
  builtIn: true,
  keys: [
    { name: 'fleetId', bucket: null },
    { name: 'branchId', bucket: null },
    { name: 'vehicleId', bucket: null },
  ],
  measures: [
    { name: 'tyresMounted', op: 'sum' },
    { name: 'tyresMeasured', op: 'sum' },
    { name: 'minTreadMm', op: 'min' },
    { name: 'avgTreadMm', op: 'avg' },
    { name: 'below3mm', op: 'sum' },
    { name: 'belowLegal', op: 'sum' },
    { name: 'readings', op: 'sum' },
  ],
  scopePointKey: null,
  scopeFleetKey: 'fleetId',
  scopeBranchKey: 'branchId',
}

const LEGAL_MINIMUM_MM = 1.6
const rows = new ReportRows(report)
interface VehicleFacts {
  membership: Membership | null
  /** Mounted tyre id → its latest tread depth (null: never measured). */
  tyres: Record<string, number | null>
  readings: number
}
const vehicles = new Facts<VehicleFacts>('vehicles')
const owned = new OwnedRows(rows, 'owned')

async function update(
  view: ProjectionView,
  vehicleId: string,
  change: (v: VehicleFacts) => VehicleFacts,
): Promise<void> {
  const next = change((await vehicles.get(view, vehicleId)) ?? { membership: null, tyres: {}, readings: 0 })
  await vehicles.set(view, vehicleId, next)
  const m = next.membership
  if (!m) return owned.replace(view, vehicleId, [])
  const depths = Object.values(next.tyres).filter((d): d is number => d !== null)
  const values: Record<string, number | { sum: number; count: number }> = {
    tyresMounted: Object.keys(next.tyres).length,
    tyresMeasured: depths.length,
    avgTreadMm: { sum: depths.reduce((n, d) => n + d, 0), count: depths.length },
    below3mm: depths.filter((d) => d < 3).length,
    belowLegal: depths.filter((d) => d < LEGAL_MINIMUM_MM).length,
    readings: next.readings,
  }
  if (depths.length > 0) values.minTreadMm = Math.min(...depths)
  await owned.replace(view, vehicleId, [{ keys: { fleetId: m.fleetId, branchId: m.branchId, vehicleId }, values }])
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if ((FLEET_MEMBERSHIP_TYPES as readonly string[]).includes(event.type)) {
    for (const change of membershipChanges(event))
      await update(view, change.equipmentId, (v) => ({ ...v, membership: change.membership }))
    return
  }
  const e = decodeAny(equipmentEventCodecs, event)
  switch (e.type) {
    case 'TyreMounted':
      return update(view, e.data.equipmentId, (v) => ({
        ...v,
        tyres: { ...v.tyres, [e.data.tyre.tyreId]: e.data.treadDepthMm },
        readings: v.readings + (e.data.treadDepthMm === null ? 0 : 1),
      }))
    case 'TyreDismounted':
      return update(view, e.data.equipmentId, (v) => {
        const { [e.data.tyreId]: _gone, ...tyres } = v.tyres
        return { ...v, tyres }
      })
    case 'TreadDepthsMeasured':
      return update(view, e.data.equipmentId, (v) => {
        const tyres = { ...v.tyres }
        for (const r of e.data.readings) if (Object.hasOwn(tyres, r.tyreId)) tyres[r.tyreId] = r.depthMm
        return { ...v, tyres, readings: v.readings + e.data.readings.length }
      })
    default:
      return
  }
}

export const projection: Projection = {
  name: 'tyreState',
  version: 1,
  types: [...FLEET_MEMBERSHIP_TYPES, 'TyreMounted', 'TyreDismounted', 'TreadDepthsMeasured'],
  collections: ['rows', 'vehicles', 'owned'],
  indexes: { rows: [{ keys: { 'k.fleetId': 1 } }] },
  apply,
}
