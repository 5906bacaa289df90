// Queries on the `workOrders` read model: a point's board by status, its overdue alerts, lists of
// orders (a customer's own, a fleet's, a point's, the network's), and technicians' workload for
// the assignment suggestions. Overdue is decided here, at the caller's `now`, from the projected
// promised date: the same rule as domain/work-order/overdue.ts (past the promise, not yet ready
// or closed), applied as a query.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import type { DomainError } from '../../domain/shared/decider.js'
import type { WorkOrderStatus } from '../../domain/work-order/events.js'
import { DONE_STATUSES } from '../../domain/work-order/lifecycle.js'
import type { FleetBranchLookup } from '../customers/fleetBranchScope.js'
import type { Filter } from '../ports/documentStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import { type Page, type Paging, POINT_STAFF, refuseUnless } from '../queries/viewer.js'
import { BOARD_COLUMNS, WORK_ORDERS, type WorkOrderDocument, type WorkOrderListItem } from './workOrderListView.js'

const WITHOUT_STATE = { projection: { state: 0 as const } }

export interface BoardColumn {
  readonly status: WorkOrderStatus
  readonly orders: ReadonlyArray<WorkOrderListItem & { readonly overdueMinutes: number | null }>
}

export interface OverdueOrder extends WorkOrderListItem {
  readonly overdueMinutes: number
}

export interface OrderListFilter {
  readonly pointId?: string
  readonly status?: WorkOrderStatus
  readonly equipmentId?: string
  readonly customerId?: string
  readonly fleetId?: string
  readonly openOnly?: boolean
}

const strip = ({ _id, state: _state, ...item }: WorkOrderDocument): WorkOrderListItem => item as WorkOrderListItem

export function overdueMinutesOf(item: Pick<WorkOrderListItem, 'promisedAt' | 'status'>, now: string): number | null {
  if (item.promisedAt === null || DONE_STATUSES.includes(item.status)) return null
  const late = Date.parse(now) - Date.parse(item.promisedAt)
  return late > 0 ? Math.floor(late / 60_000) : null
}

export class WorkOrderQueries {
  constructor(
    private readonly readModels: ReadModelReader,
    /** Branch-restricted fleet managers list their branches' vehicles' orders only. */
    private readonly fleetBranches: FleetBranchLookup | null = null,
  ) {}

  private orders() {
    return this.readModels.collection<WorkOrderDocument>(WORK_ORDERS.projection, WORK_ORDERS.orders)
  }

  /** The point's open orders (ready ones too: they wait for pickup), in columns by status, oldest first. */
  async board(
    by: Principal,
    pointId: string,
    now: string,
  ): Promise<Either<DomainError, { pointId: string; columns: BoardColumn[] }>> {
    const denied = refuseUnless(by, POINT_STAFF, { pointId }, 'the point’s board')
    if (denied) return left(denied)
    const docs = await (await this.orders()).find({ pointId, open: true }, { sort: { openedAt: 1 }, ...WITHOUT_STATE })
    const columns = BOARD_COLUMNS.map((status) => ({
      status,
      orders: docs
        .filter((d) => d.status === status)
        .map((d) => ({ ...strip(d), overdueMinutes: overdueMinutesOf(d, now) })),
    }))
    return right({ pointId, columns })
  }

  /** Orders past their promised date and not yet ready, most late first. */
  async overdue(
    by: Principal,
    pointId: string,
    now: string,
  ): Promise<Either<DomainError, { pointId: string; now: string; items: OverdueOrder[] }>> {
    const denied = refuseUnless(by, POINT_STAFF, { pointId }, 'the point’s alerts')
    if (denied) return left(denied)
    const docs = await (await this.orders()).find(
      { pointId, status: { $nin: [...DONE_STATUSES] }, promisedAt: { $lt: now } },
      { sort: { promisedAt: 1 }, ...WITHOUT_STATE },
    )
    const items = docs.flatMap((d) => {
      const minutes = overdueMinutesOf(d, now)
      return minutes === null ? [] : [{ ...strip(d), overdueMinutes: minutes }]
    })
    return right({ pointId, now, items })
  }

  /**
   * Orders the caller may see, newest first: head office any (filtered as asked), a point's staff
   * their point's, a customer his own, a fleet's people the fleet's.
   */
  async list(by: Principal, filter: OrderListFilter, paging: Paging): Promise<Page<WorkOrderListItem>> {
    const scope: Filter = {}
    const t = by.tenant
    if (t.scope === 'point') scope.pointId = t.pointId
    if (t.scope === 'customer') scope.customerId = t.customerId
    if (t.scope === 'fleet') scope.fleetId = t.fleetId
    const restricted = this.fleetBranches ? await this.fleetBranches.restrictionOf(by) : null
    if (restricted) scope.equipmentId = { $in: restricted.equipmentIds() }
    const wanted: Filter = {
      ...(filter.pointId !== undefined ? { pointId: filter.pointId } : {}),
      ...(filter.status !== undefined ? { status: filter.status } : {}),
      ...(filter.equipmentId !== undefined ? { equipmentId: filter.equipmentId } : {}),
      ...(filter.customerId !== undefined ? { customerId: filter.customerId } : {}),
      ...(filter.fleetId !== undefined ? { fleetId: filter.fleetId } : {}),
      ...(filter.openOnly ? { open: true } : {}),
    }
    // The caller's scope always wins: asking for another point's orders finds none of them.
    const query: Filter = { $and: [scope, wanted] }
    const orders = await this.orders()
    const [items, total] = await Promise.all([
      orders.find(query, { sort: { openedAt: -1 }, skip: paging.offset, limit: paging.limit, ...WITHOUT_STATE }),
      orders.count(query),
    ])
    return { items: items.map(strip), total, limit: paging.limit, offset: paging.offset }
  }

  /** Minutes of open labour per technician at a point, an order's minutes shared among its technicians. */
  async workload(pointId: string): Promise<Record<string, number>> {
    const docs = await (await this.orders()).find(
      { pointId, open: true },
      { projection: { technicianIds: 1, labourMinutes: 1 } },
    )
    const out: Record<string, number> = {}
    for (const d of docs) {
      const share = d.technicianIds.length > 0 ? d.labourMinutes / d.technicianIds.length : 0
      for (const id of d.technicianIds) out[id] = Math.round((out[id] ?? 0) + share)
    }
    return out
  }
}
