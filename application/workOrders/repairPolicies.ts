// The repair side's policies (domain/work-order/README.md, "Policies"): what an order's events
// ask of the equipment, the point's stock and other orders. Pure: from an event and the order's
// state after it, the reactions; the stock ones are computed against the stock's state when run
// (reservationChanges), since what to reserve depends on what the order already holds.

import type { EquipmentCommand } from '../../domain/equipment/commands.js'
import type { EquipmentStatus } from '../../domain/equipment/events.js'
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { bucketGet } from '../../domain/shared/bucketMap.js'
import type { ReleaseReason, StockLine } from '../../domain/stock/events.js'
import { reservedFor, type StockState } from '../../domain/stock/stockDecider.js'
import type { WorkOrderCommand } from '../../domain/work-order/commands.js'
import type { WorkOrderEvent } from '../../domain/work-order/events.js'
import { approvedParts } from '../../domain/work-order/parts.js'
import { recommendationsDoneBy } from '../../domain/work-order/recommendations.js'
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'

export type Reaction =
  | { readonly name: string; readonly target: 'equipment'; readonly command: EquipmentCommand }
  | { readonly name: string; readonly target: 'workorder'; readonly command: WorkOrderCommand }
  | {
      readonly name: string
      readonly target: 'stock'
      readonly pointId: string
      readonly workOrderId: string
      /**
       * 'reconcile': reserve what approved part lines need beyond what the order holds and release
       * what it holds beyond them; 'release_all': release everything it still holds.
       */
      readonly mode: 'reconcile' | 'release_only' | 'release_all'
      readonly releaseReason: ReleaseReason
    }
  | { readonly name: string; readonly target: 'notify'; readonly message: 'ready' }

function equipmentStatus(state: WorkOrderState, to: EquipmentStatus, at: string, reason: string): Reaction[] {
  if (!state.equipment) return []
  return [
    {
      name: `equipment-${to}`,
      target: 'equipment',
      command: {
        kind: 'ChangeEquipmentStatus',
        equipmentId: state.equipment.equipmentId,
        to,
        workOrderId: state.workOrderId,
        reason,
        now: at,
      },
    },
  ]
}

function mileage(state: WorkOrderState, km: number | null, odometerReplaced: boolean, at: string): Reaction[] {
  if (km === null || !state.equipment || state.equipment.kind !== 'vehicle') return []
  return [
    {
      name: 'mileage',
      target: 'equipment',
      command: {
        kind: 'RecordMileage',
        equipmentId: state.equipment.equipmentId,
        km,
        odometerReplaced,
        workOrderId: state.workOrderId,
        now: at,
      },
    },
  ]
}

const stock = (
  state: WorkOrderState,
  name: string,
  mode: 'reconcile' | 'release_only' | 'release_all',
  releaseReason: ReleaseReason,
): Reaction => ({ name, target: 'stock', pointId: state.pointId, workOrderId: state.workOrderId, mode, releaseReason })

/** What the order's event asks of other streams; `after` is the order's state once the event is in. */
export function reactionsTo(event: WorkOrderEvent, after: WorkOrderState): Reaction[] {
  switch (event.type) {
    case 'WorkOrderOpened': {
      const d = event.data
      const rework: Reaction[] = d.reworkOf
        ? [
            {
              name: 'link-rework',
              target: 'workorder',
              command: {
                kind: 'LinkReworkOrder',
                workOrderId: d.reworkOf.workOrderId,
                reworkOrderId: d.workOrderId,
                reason: d.reworkOf.reason,
                actor: SYSTEM_ACTOR,
                now: d.openedAt,
              },
            },
          ]
        : []
      return [
        ...equipmentStatus(after, 'in_service', d.openedAt, 'work order opened'),
        ...mileage(after, d.intake.mileageKm, d.intake.odometerReplaced, d.openedAt),
        ...rework,
      ]
    }
    case 'EstimateDecided':
      return [stock(after, 'reserve-approved-parts', 'reconcile', 'line_declined')]
    case 'EstimateLineChanged':
    case 'EstimateLineRemoved':
      // Parts are reserved only once a revision is decided, and changing a decided line takes a
      // reopening (revision 2 onwards): before that there is nothing to give back.
      return after.revision > 1 ? [stock(after, 'release-changed-parts', 'release_only', 'not_needed')] : []
    case 'RecommendationsRaised':
      return [
        {
          name: 'record-recommendations',
          target: 'equipment',
          command: {
            kind: 'RecordRecommendations',
            equipmentId: event.data.equipmentId,
            recommendations: event.data.recommendations,
          },
        },
      ]
    case 'WorkOrderReady':
      return [{ name: 'notify-ready', target: 'notify', message: 'ready' }]
    case 'WorkOrderHandedOver': {
      const at = event.data.at
      const equipmentId = after.equipment?.equipmentId ?? ''
      return [
        ...equipmentStatus(after, 'at_customer', at, 'handed over'),
        ...mileage(after, event.data.protocol.mileageKm, false, at),
        ...recommendationsDoneBy(after).map(
          (recommendationId): Reaction => ({
            name: `resolve-recommendation-${recommendationId}`,
            target: 'equipment',
            command: {
              kind: 'ResolveRecommendation',
              equipmentId,
              recommendationId,
              resolution: 'done',
              workOrderId: after.workOrderId,
              now: at,
            },
          }),
        ),
        stock(after, 'release-unused-parts', 'release_all', 'order_closed'),
      ]
    }
    case 'WorkOrderReturnedUnrepaired':
      return [
        ...equipmentStatus(after, 'at_customer', event.data.at, 'returned unrepaired'),
        stock(after, 'release-parts', 'release_all', 'order_closed'),
      ]
    case 'WorkOrderDeclaredIrreparable':
      return [
        ...equipmentStatus(after, 'irreparable', event.data.at, event.data.reason),
        stock(after, 'release-parts', 'release_all', 'order_closed'),
      ]
    case 'WorkOrderCancelled':
      return [
        ...equipmentStatus(after, 'at_customer', event.data.at, 'order cancelled'),
        stock(after, 'release-parts', 'release_all', 'order_cancelled'),
      ]
    default:
      return []
  }
}

/** Event types some policy reacts to (a backstop subscriber need not look at the others). */
export const POLICY_EVENT_TYPES: ReadonlyArray<WorkOrderEvent['type']> = [
  'WorkOrderOpened',
  'EstimateDecided',
  'EstimateLineChanged',
  'EstimateLineRemoved',
  'RecommendationsRaised',
  'WorkOrderReady',
  'WorkOrderHandedOver',
  'WorkOrderReturnedUnrepaired',
  'WorkOrderDeclaredIrreparable',
  'WorkOrderCancelled',
]

const toLines = (m: Map<string, number>): StockLine[] =>
  [...m.entries()]
    .filter(([, q]) => q > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sku, quantity]) => ({ sku, quantity }))

/**
 * How the order's reservation must change so that, per sku, reserved + already issued covers its
 * approved part lines and no more. Parts issued to the order count as covered: they left the
 * shelf for it. Releases never exceed what is reserved.
 */
export function reservationChanges(
  order: WorkOrderState,
  stockState: StockState,
): { readonly reserve: StockLine[]; readonly release: StockLine[] } {
  const wanted = new Map(approvedParts(order).map((p) => [p.sku, p.quantity]))
  const held = reservedFor(stockState, order.workOrderId)
  const issued = bucketGet(stockState.issued, `order:${order.workOrderId}`) ?? {}
  const reserve = new Map<string, number>()
  const release = new Map<string, number>()
  for (const sku of new Set([...wanted.keys(), ...Object.keys(held)])) {
    const need = Math.max(0, (wanted.get(sku) ?? 0) - (issued[sku] ?? 0))
    const diff = need - (held[sku] ?? 0)
    if (diff > 0) reserve.set(sku, diff)
    if (diff < 0) release.set(sku, Math.min(-diff, held[sku] ?? 0))
  }
  return { reserve: toLines(reserve), release: toLines(release) }
}
