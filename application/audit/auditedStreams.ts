// Which streams an auditor can rebuild state for: a registry from stream category (the part of
// the stream id before the first '-') to the decider whose evolve folds it. Any stream can be
// read and verified; only registered categories have a "state as of". Each entry also says whom a
// stream belongs to (from its folded state), so a point's manager audits only his point's streams.
import type { TenantOwnership } from '../../domain/access/tenant.js'
import { type BookingState, bookingDecider } from '../../domain/booking/bookingDecider.js'
import { type DayScheduleState, dayScheduleDecider } from '../../domain/booking/dayScheduleDecider.js'
import { type EquipmentState, equipmentDecider } from '../../domain/equipment/equipmentDecider.js'
import { catalogueDecider } from '../../domain/service-network/catalogueDecider.js'
import { type ServicePointState, servicePointDecider } from '../../domain/service-network/servicePointDecider.js'
import { type StaffScheduleState, staffScheduleDecider } from '../../domain/service-network/staffScheduleDecider.js'
import type { Decider } from '../../domain/shared/decider.js'
import { type StockState, stockDecider } from '../../domain/stock/stockDecider.js'
import { workOrderDecider } from '../../domain/work-order/workOrderDecider.js'
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'
import { type DocumentTemplateState, documentTemplateDecider } from '../documents/templateDecider.js'
import type { DomainEvent } from '../eventLog/eventCatalogue.js'

/** A folding of one category's streams with the types erased, so one registry holds them all. */
export interface StateFold {
  readonly initial: unknown
  readonly evolve: (state: unknown, event: DomainEvent) => unknown
}

export interface AuditedStream {
  readonly category: string
  /** What one stream of this category is, for people reading the catalogue of categories. */
  readonly description: string
  readonly fold: StateFold
  /** Whom the stream belongs to, from its state now; null: head office's alone (e.g. the catalogue). */
  readonly ownerOf: (state: unknown) => TenantOwnership | null
}

/** Registers a decider's fold under a category; ownerOf reads the decider's own state type. */
export function auditedStream<C, S, E extends DomainEvent>(entry: {
  readonly category: string
  readonly description: string
  readonly decider: Decider<C, S, E>
  readonly ownerOf?: (state: S) => TenantOwnership | null
}): AuditedStream {
  const { decider, ownerOf } = entry
  return {
    category: entry.category,
    description: entry.description,
    // The catalogue decoded the event against its type's codec, so it is one of E.
    fold: { initial: decider.initialState, evolve: (s, e) => decider.evolve(s as S, e as E) },
    ownerOf: (state) => (ownerOf ? ownerOf(state as S) : null),
  }
}

const byPoint = (pointId: string | null): TenantOwnership | null => (pointId ? { pointId } : null)

export const defaultAuditedStreams: readonly AuditedStream[] = [
  auditedStream({
    category: 'workorder',
    description: 'a work order: intake to handover',
    decider: workOrderDecider,
    ownerOf: (s: WorkOrderState) =>
      s.exists
        ? {
            pointId: s.pointId,
            ...(s.customer?.customerId ? { customerId: s.customer.customerId } : {}),
            ...(s.customer?.fleetId ? { fleetId: s.customer.fleetId } : {}),
          }
        : null,
  }),
  auditedStream({
    category: 'equipment',
    description: 'a vehicle, set of tyres or device: identity, owner, status, mileage, tyres',
    decider: equipmentDecider,
    ownerOf: (s: EquipmentState) => {
      if (!s.exists) return null
      const owner: { pointId?: string; customerId?: string; fleetId?: string } = {}
      if (s.pointId) owner.pointId = s.pointId
      if (s.owner?.kind === 'customer') owner.customerId = s.owner.customerId
      if (s.owner?.kind === 'fleet') owner.fleetId = s.owner.fleetId
      return owner
    },
  }),
  auditedStream({
    category: 'booking',
    description: 'a booked visit',
    decider: bookingDecider,
    ownerOf: (s: BookingState) => byPoint(s.pointId),
  }),
  auditedStream({
    category: 'servicepoint',
    description: 'a service point: address, hours, bays',
    decider: servicePointDecider,
    ownerOf: (s: ServicePointState) => byPoint(s.pointId),
  }),
  auditedStream({
    category: 'stock',
    description: 'a point’s stock of parts and goods',
    decider: stockDecider,
    ownerOf: (s: StockState) => byPoint(s.pointId),
  }),
  auditedStream({
    category: 'schedule',
    description: 'a point’s day of bookings (the capacity guard)',
    decider: dayScheduleDecider,
    ownerOf: (s: DayScheduleState) => byPoint(s.pointId),
  }),
  auditedStream({
    category: 'staffschedule',
    description: 'a point’s staff, shifts and absences',
    decider: staffScheduleDecider,
    ownerOf: (s: StaffScheduleState) => byPoint(s.pointId),
  }),
  auditedStream({ category: 'catalogue', description: 'the network’s services and goods', decider: catalogueDecider }),
  auditedStream({
    category: 'documenttemplate',
    description: 'a document kind’s template settings (logo, header, footer, hidden fields)',
    decider: documentTemplateDecider,
    ownerOf: (_s: DocumentTemplateState) => null,
  }),
]

/** The category of a stream id: the part before the first '-'. */
export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-')
  return dash < 0 ? streamId : streamId.slice(0, dash)
}

export class AuditedStreams {
  private readonly byCategory: ReadonlyMap<string, AuditedStream>

  constructor(entries: readonly AuditedStream[] = defaultAuditedStreams) {
    const map = new Map<string, AuditedStream>()
    for (const e of entries) {
      if (map.has(e.category)) throw new Error(`audited category ${e.category} registered twice`)
      map.set(e.category, e)
    }
    this.byCategory = map
  }

  of(streamId: string): AuditedStream | null {
    return this.byCategory.get(categoryOf(streamId)) ?? null
  }

  has(category: string): boolean {
    return this.byCategory.has(category)
  }

  categories(): AuditedStream[] {
    return [...this.byCategory.values()]
  }
}
