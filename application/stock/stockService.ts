// A point's stock of parts and goods (stream `stock-<pointId>`, domain/stock): deliveries in,
// reservations for orders (made and released by the work-order policies too), parts handed to
// technicians and brought back, counts, minimum levels. Current levels are read from the folded
// stream (cached, caught up on every read), so an answer right after a write shows the write;
// the `stockLevels` read model serves the listings and the low-stock list.
//
// Who: head office and the point's own people. Deliveries, counts and minimum levels are for the
// point's manager, its own account and head office; handing parts out and taking them back, and
// holding or freeing them for an order, for anyone working there.
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import { catalogueGoods } from '../../domain/service-network/catalogueDecider.js'
import { bucketEntries } from '../../domain/shared/bucketMap.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { Money } from '../../domain/shared/money.js'
import type { StockCommand } from '../../domain/stock/commands.js'
import type { AdjustmentReason, ReleaseReason, StockLine } from '../../domain/stock/events.js'
import { type LowStockLine, lowStock } from '../../domain/stock/lowStock.js'
import { reservedFor, type StockState, stockDecider, stockStream } from '../../domain/stock/stockDecider.js'
import { workOrderStream } from '../../domain/work-order/workOrderDecider.js'
import { deterministicUuid } from '../commands/commandContext.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { type ExternalStockSource, ExternalStockUnavailable } from '../ports/externalStock.js'
import type { NetworkReader } from '../serviceNetwork/networkReader.js'
import { isStaffOf, tenantDenied } from '../serviceNetwork/pointAccess.js'
import { pointNotFound, type RequestMeta } from '../serviceNetwork/servicePointService.js'
import type { StreamStateCache } from '../serviceNetwork/streamStateCache.js'
import { isPointStaffRole } from '../workOrders/workOrderAccess.js'
import type { OrderFold } from '../workOrders/workOrderView.js'

export interface StockLevel {
  readonly sku: string
  readonly onHand: number
  readonly reserved: number
  readonly available: number
  readonly minimum: number
}

/**
 * Where stock levels come from. Today the point's own event-sourced stock; later an external
 * warehouse or accounting system may answer instead (an adapter implementing this port).
 */
export interface StockLevelSource {
  levels(pointId: string, skus?: ReadonlyArray<string>): Promise<StockLevel[]>
}

export type StockChange =
  | {
      readonly kind: 'Receive'
      readonly receiptId?: string
      readonly lines: ReadonlyArray<{
        readonly sku: string
        readonly quantity: number
        readonly unitCost?: Money | null
      }>
      readonly supplier?: string | null
      readonly documentRef?: string | null
    }
  | { readonly kind: 'Reserve'; readonly workOrderId: string; readonly lines: ReadonlyArray<StockLine> }
  | {
      readonly kind: 'Release'
      readonly workOrderId: string
      /** Left out: everything the order holds. */
      readonly lines?: ReadonlyArray<StockLine> | null
      readonly reason?: ReleaseReason
    }
  | {
      readonly kind: 'Issue'
      readonly issueId?: string
      readonly workOrderId?: string | null
      readonly technicianId: string
      readonly lines: ReadonlyArray<StockLine>
    }
  | {
      readonly kind: 'Return'
      readonly returnId?: string
      readonly workOrderId?: string | null
      readonly technicianId: string
      readonly lines: ReadonlyArray<StockLine>
    }
  | {
      readonly kind: 'Adjust'
      readonly adjustmentId?: string
      readonly sku: string
      readonly countedQuantity: number
      readonly reason: AdjustmentReason
      readonly note?: string | null
    }
  | { readonly kind: 'SetMinimum'; readonly sku: string; readonly minimum: number }

const MANAGING: ReadonlyArray<StockChange['kind']> = ['Receive', 'Adjust', 'SetMinimum']

export interface StockServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: NetworkReader
  readonly stock: StreamStateCache<StockState>
  readonly orders: StreamStateCache<OrderFold>
  readonly newId?: () => string
  /** An external warehouse/accounting system that answers stock queries (get) when configured. */
  readonly external?: ExternalStockSource
}

/**
 * Where a stock answer came from. 'external': the configured system answered (minimum levels are
 * the point's own). 'own': the point's own stock, either because no external system is configured
 * (external null) or because it could not answer (external.answered false, with the reason).
 */
export interface StockSourceNote {
  readonly source: 'external' | 'own'
  readonly external: {
    readonly system: string
    readonly answered: boolean
    readonly reason?: string
    readonly asOf?: string | null
  } | null
}

export interface StockAnswer {
  readonly pointId: string
  readonly levels: ReadonlyArray<StockLevel>
  /** What the order holds now, for changes made for an order. */
  readonly heldByOrder?: ReadonlyArray<StockLine>
}

export function mayViewStock(by: Principal, pointId: string): DomainError | null {
  if (!isPointStaffRole(by))
    return domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only head office and the point’s staff see its stock')
  return isStaffOf(by, pointId) ? null : tenantDenied()
}

function mayChangeStock(by: Principal, pointId: string, kind: StockChange['kind']): DomainError | null {
  const denied = mayViewStock(by, pointId)
  if (denied) return denied
  if (MANAGING.includes(kind) && by.role === 'service_point_employee')
    return domainError(
      'forbidden',
      'ROLE_NOT_ALLOWED',
      'deliveries, counts and minimum levels are booked by the point’s manager or head office',
    )
  return null
}

export function levelsOf(state: StockState, skus?: ReadonlyArray<string>): StockLevel[] {
  return bucketEntries(state.items)
    .filter(([sku]) => skus === undefined || skus.includes(sku))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sku, item]) => ({
      sku,
      onHand: item.onHand,
      reserved: item.reserved,
      available: item.onHand - item.reserved,
      minimum: item.minimum,
    }))
}

export class StockService implements StockLevelSource {
  private readonly newId: () => string

  constructor(private readonly deps: StockServiceDeps) {
    this.newId = deps.newId ?? randomUUID
  }

  /** The port's answer: levels as the point's stream says now. */
  async levels(pointId: string, skus?: ReadonlyArray<string>): Promise<StockLevel[]> {
    return levelsOf((await this.deps.stock.load(stockStream(pointId))).state, skus)
  }

  /** Whether stock queries go to an external system first. */
  get hasExternal(): boolean {
    return this.deps.external !== undefined
  }

  /**
   * The point's levels: from the external system when one is configured and answers, else from the
   * point's own stock with a flag saying why (a stock query must not fail because the warehouse
   * system is down; the desk sees that the figures are its own).
   */
  async get(by: Principal, pointId: string): Promise<Either<DomainError, StockAnswer & StockSourceNote>> {
    const denied = mayViewStock(by, pointId)
    if (denied) return left(denied)
    const own = await this.levels(pointId)
    const external = this.deps.external
    if (!external) return right({ pointId, levels: own, source: 'own', external: null })
    try {
      const answer = await external.levels(pointId)
      const minimum = new Map(own.map((l) => [l.sku, l.minimum]))
      return right({
        pointId,
        levels: answer.levels.map((l) => ({ ...l, minimum: minimum.get(l.sku) ?? 0 })),
        source: 'external',
        external: { system: external.system, answered: true, asOf: answer.asOf },
      })
    } catch (error) {
      if (!(error instanceof ExternalStockUnavailable)) throw error
      return right({
        pointId,
        levels: own,
        source: 'own',
        external: { system: external.system, answered: false, reason: error.reason },
      })
    }
  }

  async low(by: Principal, pointId: string): Promise<Either<DomainError, { pointId: string; items: LowStockLine[] }>> {
    const denied = mayViewStock(by, pointId)
    if (denied) return left(denied)
    return right({ pointId, items: lowStock((await this.deps.stock.load(stockStream(pointId))).state) })
  }

  async change(
    by: Principal,
    pointId: string,
    change: StockChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, StockAnswer>> {
    const denied = mayChangeStock(by, pointId, change.kind)
    if (denied) return left(denied)
    const point = await this.deps.reader.point(pointId)
    if (point.status === 'none') return left(pointNotFound(pointId))
    const checked = await this.check(pointId, change)
    if (checked) return left(checked)
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: stockDecider,
      streamId: stockStream(pointId),
      command: this.commandFor(pointId, change, meta),
      context: { ...meta, actor: actorOf(by) },
    })
    if (isLeft(outcome)) return outcome
    const state = (await this.deps.stock.load(stockStream(pointId))).state
    const workOrderId = 'workOrderId' in change ? change.workOrderId : null
    return right({
      pointId,
      levels: levelsOf(state, this.skusOf(change)),
      ...(workOrderId
        ? {
            heldByOrder: Object.entries(reservedFor(state, workOrderId))
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([sku, quantity]) => ({ sku, quantity })),
          }
        : {}),
    })
  }

  private skusOf(change: StockChange): string[] | undefined {
    if ('lines' in change && change.lines) return change.lines.map((l) => l.sku)
    if ('sku' in change) return [change.sku]
    return undefined
  }

  /** What the stock decider cannot know: the goods are the network's, the order is this point's and open, the technician works here. */
  private async check(pointId: string, change: StockChange): Promise<DomainError | null> {
    if (change.kind === 'Receive' || change.kind === 'Reserve' || change.kind === 'Issue') {
      const catalogue = await this.deps.reader.catalogue()
      const problems = change.lines.flatMap((l, i) =>
        catalogueGoods(catalogue, l.sku) ? [] : [{ path: `lines[${i}].sku`, message: `unknown goods ${l.sku}` }],
      )
      if (problems.length > 0)
        return domainError('invalid', 'UNKNOWN_GOODS', 'some goods are not in the catalogue', problems)
    }
    const workOrderId = 'workOrderId' in change ? (change.workOrderId ?? null) : null
    if (workOrderId !== null) {
      const order = (await this.deps.orders.load(workOrderStream(workOrderId))).state.state
      if (!order.exists || order.pointId !== pointId)
        return domainError('not_found', 'WORK_ORDER_NOT_FOUND', `no work order ${workOrderId} at ${pointId}`)
      if (change.kind !== 'Release' && change.kind !== 'Return' && order.closedAt !== null)
        return domainError(
          'conflict',
          'WORK_ORDER_CLOSED',
          `order ${workOrderId} is ${order.status.replace(/_/g, ' ')}`,
        )
    }
    if (change.kind === 'Issue' || change.kind === 'Return') {
      const member = (await this.deps.reader.staff(pointId)).members[change.technicianId]
      if (!member)
        return domainError('not_found', 'STAFF_MEMBER_NOT_FOUND', `${change.technicianId} does not work at ${pointId}`)
    }
    return null
  }

  private commandFor(pointId: string, change: StockChange, meta: RequestMeta): StockCommand {
    const id = (given: string | undefined, purpose: string) =>
      given ?? (meta.commandId ? deterministicUuid(`${purpose}|${meta.commandId}`) : this.newId())
    const now = meta.now
    switch (change.kind) {
      case 'Receive':
        return {
          kind: 'ReceiveStock',
          pointId,
          receiptId: id(change.receiptId, 'receipt'),
          lines: change.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitCost: l.unitCost ?? null })),
          supplier: change.supplier ?? null,
          documentRef: change.documentRef ?? null,
          now,
        }
      case 'Reserve':
        return { kind: 'ReserveStock', pointId, workOrderId: change.workOrderId, lines: change.lines, now }
      case 'Release':
        return {
          kind: 'ReleaseReservation',
          pointId,
          workOrderId: change.workOrderId,
          lines: change.lines ?? null,
          reason: change.reason ?? 'not_needed',
          now,
        }
      case 'Issue':
        return {
          kind: 'IssueStock',
          pointId,
          issueId: id(change.issueId, 'issue'),
          workOrderId: change.workOrderId ?? null,
          technicianId: change.technicianId,
          lines: change.lines,
          now,
        }
      case 'Return':
        return {
          kind: 'ReturnStock',
          pointId,
          returnId: id(change.returnId, 'return'),
          workOrderId: change.workOrderId ?? null,
          technicianId: change.technicianId,
          lines: change.lines,
          now,
        }
      case 'Adjust':
        return {
          kind: 'AdjustStock',
          pointId,
          adjustmentId: id(change.adjustmentId, 'adjustment'),
          sku: change.sku,
          countedQuantity: change.countedQuantity,
          reason: change.reason,
          note: change.note ?? null,
          now,
        }
      case 'SetMinimum':
        return { kind: 'SetMinimumLevel', pointId, sku: change.sku, minimum: change.minimum }
    }
  }
}
