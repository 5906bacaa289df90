// Repair history from the `repairHistory` read model: per equipment (its orders, newest first, each
// with the readings taken during it), per customer and per fleet.
//
// Who sees what: head office everything; a point's staff the orders of their own point; a customer
// the equipment he owns and the orders he was the customer of; a fleet's people the fleet's
// equipment and the fleet's orders. The history of an item stays with the item (a used car's
// service book): its owner sees orders made for earlier owners, but without their contact details.
// Outside the point, staff-only detail (internal log entries, staff account ids) is left out.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import type { Actor } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import { POINT_STAFF, refuseUnless } from '../queries/viewer.js'
import {
  type MileageView,
  REPAIR_HISTORY,
  type RepairEquipmentView,
  type RepairOrder,
  type RepairOrderView,
  type TreadMeasurementView,
} from './repairHistoryViews.js'

/** An order as a viewer sees it in a history, with the readings taken during it. */
export type OrderHistoryEntry = Omit<RepairOrder, 'checklistLabels' | 'updatedAt'> & {
  readonly treads: ReadonlyArray<TreadMeasurementView>
  readonly mileageReadings: ReadonlyArray<MileageView>
}

export interface EquipmentHistory {
  readonly equipment: {
    readonly equipmentId: string
    readonly kind: string
    readonly label: string
    readonly make: string
    readonly model: string
    readonly registeredAt: string
  }
  /** Newest first. */
  readonly orders: ReadonlyArray<OrderHistoryEntry>
  /** Every reading over the item's life (also those taken outside an order, e.g. at registration). */
  readonly mileage: ReadonlyArray<MileageView>
  readonly treads: ReadonlyArray<TreadMeasurementView>
  readonly tyres: RepairEquipmentView['tyres']
}

export interface PartyHistory {
  readonly customerId?: string
  readonly fleetId?: string
  /** Newest first. */
  readonly orders: ReadonlyArray<OrderHistoryEntry>
}

const OUTSIDERS = new Set(['customer', 'fleet_client', 'fleet_manager'])
const isOutsider = (viewer: Principal) => OUTSIDERS.has(viewer.role)

/** Staff account ids stay inside the network; the role says enough to a customer. */
const anonymous = (actor: Actor): Actor => ({ id: actor.role === 'customer' ? actor.id : '', role: actor.role })

function present(
  viewer: Principal,
  order: RepairOrderView,
  readings: { treads: TreadMeasurementView[]; mileage: MileageView[] },
): OrderHistoryEntry {
  const { _id, checklistLabels: _labels, updatedAt: _updated, ...rest } = order
  const entry: OrderHistoryEntry = { ...rest, treads: readings.treads, mileageReadings: readings.mileage }
  if (!isOutsider(viewer)) return entry
  const own =
    (viewer.tenant.scope === 'customer' && order.customerId === viewer.tenant.customerId) ||
    (viewer.tenant.scope === 'fleet' && order.fleetId === viewer.tenant.fleetId)
  return {
    ...entry,
    customer: own ? entry.customer : { name: null, phone: null, email: null },
    openedBy: anonymous(entry.openedBy),
    timeline: entry.timeline.map((t) => ({ ...t, by: anonymous(t.by) })),
    measurements: entry.measurements.map((m) => ({ ...m, by: anonymous(m.by) })),
    parts: entry.parts.map((p) => ({ ...p, technicianId: '', by: anonymous(p.by) })),
    labour: entry.labour.map((l) => ({ ...l, technicianId: '' })),
    log: entry.log.filter((l) => l.visibleToCustomer).map((l) => ({ ...l, author: anonymous(l.author) })),
    handover: entry.handover ? { ...entry.handover, by: anonymous(entry.handover.by) } : null,
    treads: entry.treads.map((t) => ({ ...t, by: anonymous(t.by) })),
  }
}

function readingsByOrder(equipment: ReadonlyArray<RepairEquipmentView>) {
  const byOrder = new Map<string, { treads: TreadMeasurementView[]; mileage: MileageView[] }>()
  const slot = (id: string) => {
    let s = byOrder.get(id)
    if (!s) {
      s = { treads: [], mileage: [] }
      byOrder.set(id, s)
    }
    return s
  }
  for (const e of equipment) {
    for (const t of e.treads) if (t.workOrderId) slot(t.workOrderId).treads.push(t)
    for (const m of e.mileage) if (m.workOrderId) slot(m.workOrderId).mileage.push(m)
  }
  return (workOrderId: string) => byOrder.get(workOrderId) ?? { treads: [], mileage: [] }
}

const equipmentNotFound = (equipmentId: string) =>
  domainError('not_found', 'EQUIPMENT_NOT_FOUND', `there is no equipment ${equipmentId}`)

export class RepairHistoryQueries {
  constructor(private readonly readModels: ReadModelReader) {}

  private orders() {
    return this.readModels.collection<RepairOrderView>(REPAIR_HISTORY.projection, REPAIR_HISTORY.orders)
  }

  private equipment() {
    return this.readModels.collection<RepairEquipmentView>(REPAIR_HISTORY.projection, REPAIR_HISTORY.equipment)
  }

  async equipmentHistory(viewer: Principal, equipmentId: string): Promise<Either<DomainError, EquipmentHistory>> {
    const item = await (await this.equipment()).findOne({ _id: equipmentId })
    if (!item) return left(equipmentNotFound(equipmentId))
    const staff = POINT_STAFF.includes(viewer.role)
    if (!staff) {
      const refusal = refuseUnless(
        viewer,
        ['customer', 'fleet_client', 'fleet_manager'],
        {
          ...(item.customerId ? { customerId: item.customerId } : {}),
          ...(item.fleetId ? { fleetId: item.fleetId } : {}),
        },
        'this equipment',
      )
      if (refusal) return left(refusal)
    }
    const filter: Record<string, unknown> = { equipmentId }
    // A point's staff see what their point did to the item.
    if (viewer.tenant.scope === 'point') filter.pointId = viewer.tenant.pointId
    const orders = await (await this.orders()).find(filter, { sort: { openedAt: -1, _id: 1 } })
    const readings = readingsByOrder([item])
    const outsider = isOutsider(viewer)
    const by = (t: TreadMeasurementView) => (outsider ? { ...t, by: anonymous(t.by) } : t)
    return right({
      equipment: {
        equipmentId: item.equipmentId,
        kind: item.kind,
        label: item.label,
        make: item.make,
        model: item.model,
        registeredAt: item.registeredAt,
      },
      orders: orders.map((o) => present(viewer, o, readings(o.workOrderId))),
      mileage: item.mileage,
      treads: item.treads.map(by),
      tyres: item.tyres,
    })
  }

  async customerHistory(viewer: Principal, customerId: string): Promise<Either<DomainError, PartyHistory>> {
    const refusal =
      viewer.tenant.scope === 'point'
        ? refuseUnless(viewer, POINT_STAFF, { pointId: viewer.tenant.pointId }, 'this customer’s history')
        : refuseUnless(viewer, ['head_office', 'customer'], { customerId }, 'this customer’s history')
    if (refusal) return left(refusal)
    const filter: Record<string, unknown> = { customerId }
    if (viewer.tenant.scope === 'point') filter.pointId = viewer.tenant.pointId
    return right({ customerId, orders: await this.ordersWithReadings(viewer, filter) })
  }

  async fleetHistory(viewer: Principal, fleetId: string): Promise<Either<DomainError, PartyHistory>> {
    const refusal =
      viewer.tenant.scope === 'point'
        ? refuseUnless(viewer, POINT_STAFF, { pointId: viewer.tenant.pointId }, 'this fleet’s history')
        : refuseUnless(viewer, ['head_office', 'fleet_client', 'fleet_manager'], { fleetId }, 'this fleet’s history')
    if (refusal) return left(refusal)
    const filter: Record<string, unknown> = { fleetId }
    if (viewer.tenant.scope === 'point') filter.pointId = viewer.tenant.pointId
    return right({ fleetId, orders: await this.ordersWithReadings(viewer, filter) })
  }

  private async ordersWithReadings(viewer: Principal, filter: Record<string, unknown>): Promise<OrderHistoryEntry[]> {
    const orders = await (await this.orders()).find(filter, { sort: { openedAt: -1, _id: 1 } })
    const ids = [...new Set(orders.map((o) => o.equipmentId))]
    const items = ids.length > 0 ? await (await this.equipment()).find({ _id: { $in: ids } }) : []
    const readings = readingsByOrder(items)
    return orders.map((o) => present(viewer, o, readings(o.workOrderId)))
  }
}
