// What the built-in custom reports share: rows in the shape declarative reports write (`{ _id, k, m }`
// in the `rows` collection, see application/reports/reportRows.ts), so the same queries, variants,
// CSV and scheduled e-mails serve them; decoding of every context's events; and the facts several
// reports look up (a point's time zone, an order's point, a vehicle's fleet and branch).
//
// Rows are always rewritten whole, with their measures in the shape's order, so a row's JSON depends
// on the events alone (a rebuild in any page size equals the live run byte for byte). A row whose
// measures all came back to zero is deleted.
//
// Three ways to change rows:
// - `add`: add to a row (counts and sums add, an average's sum and count add, min/max compare);
// - `Contributions.change`: what one thing (a booking, a ticket) adds to rows, replaced as it
//   changes (the previous contribution is taken off first);
// - `OwnedRows.replace`: rows that belong to one thing alone (a vehicle's), rewritten as it changes.
import type * as t from 'io-ts'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import type { Collection } from '../../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import type { AvgValue, KeyValue, MeasureValue, ReportRowDoc } from '../../../application/reports/reportRows.js'
import { rowIdOf } from '../../../application/reports/reportRows.js'
import type { ReportShape } from '../../../application/reports/reportShape.js'
import { billingEventDefinitions } from '../../../domain/billing/events.js'
import { bookingContextEventDefinitions } from '../../../domain/booking/events.js'
import { contractEventDefinitions } from '../../../domain/contract/events.js'
import { customerContextEventDefinitions } from '../../../domain/customer/events.js'
import { equipmentEventDefinitions } from '../../../domain/equipment/events.js'
import { ticketEventDefinitions } from '../../../domain/helpdesk/events.js'
import { serviceNetworkEventDefinitions } from '../../../domain/service-network/events.js'
import type { EventsOf } from '../../../domain/shared/eventDefinition.js'
import { toLocal } from '../../../domain/shared/localTime.js'
import { stockEventDefinitions } from '../../../domain/stock/events.js'
import { workOrderEventDefinitions } from '../../../domain/work-order/events.js'
import type { ProjectionView } from '../../projection.js'

/** Where no point's zone applies (contracts, tickets, fleets): the head office's calendar. */
export const HEAD_OFFICE_TIME_ZONE = 'Europe/Warsaw'

const catalogue = new EventCatalogue([
  ...serviceNetworkEventDefinitions,
  ...bookingContextEventDefinitions,
  ...customerContextEventDefinitions,
  ...contractEventDefinitions,
  ...ticketEventDefinitions,
  ...billingEventDefinitions,
  ...workOrderEventDefinitions,
  ...equipmentEventDefinitions,
  ...stockEventDefinitions,
])

/** The event typed by its context's codecs (upcast and validated by the catalogue); another type is refused. */
export function decodeAny<C extends Record<string, t.Mixed>>(codecs: C, event: RecordedEvent): EventsOf<C> {
  if (!Object.hasOwn(codecs, event.type))
    throw new Error(`${event.type} at ${event.streamId}@${event.revision} is not an event this projection reads`)
  return catalogue.decode(event) as unknown as EventsOf<C>
}

/** The local date of an instant in a zone. */
export function localDay(timeZone: string, instant: string): string {
  return toLocal(timeZone, Date.parse(instant)).date
}

export type Keys = Readonly<Record<string, KeyValue>>
/** Per measure: a number (count, sum, min, max) or an average's sum and count. */
export type Deltas = Readonly<Record<string, number | AvgValue>>

function isZero(value: MeasureValue): boolean {
  if (value === null) return true
  if (typeof value === 'number') return value === 0
  if (Array.isArray(value)) return value.length === 0
  return value.sum === 0 && value.count === 0
}

/** Floating-point sums of whole numbers stay whole; averages of fractional inputs are rounded to 1e-9. */
const tidy = (n: number): number => Math.round(n * 1e9) / 1e9

export class ReportRows {
  private readonly ops: ReadonlyMap<string, string>

  constructor(
    readonly shape: ReportShape,
    readonly collection = 'rows',
  ) {
    this.ops = new Map(shape.measures.map((m) => [m.name, m.op]))
  }

  keyDoc(keys: Keys): { id: string; k: Record<string, KeyValue> } {
    const k: Record<string, KeyValue> = {}
    for (const key of this.shape.keys) k[key.name] = keys[key.name] ?? null
    return { id: rowIdOf(Object.values(k)), k }
  }

  private rows(view: ProjectionView): Collection<ReportRowDoc> {
    return view.collection(this.collection) as Collection<ReportRowDoc>
  }

  /** Adds deltas to a row (created with every measure at its start value); deletes it when all are back at zero. */
  async add(view: ProjectionView, keys: Keys, deltas: Deltas): Promise<void> {
    const { id, k } = this.keyDoc(keys)
    const rows = this.rows(view)
    const current = await rows.findOne({ _id: id })
    const m: Record<string, MeasureValue> = {}
    for (const measure of this.shape.measures) {
      const before = current?.m[measure.name] ?? start(measure.op)
      const delta = deltas[measure.name]
      m[measure.name] = delta === undefined ? before : combine(measure.op, before, delta)
    }
    await this.write(rows, id, k, m)
  }

  /** Writes a row whole (measures not given start at zero); null deletes it. */
  async set(view: ProjectionView, keys: Keys, values: Deltas | null): Promise<string> {
    const { id, k } = this.keyDoc(keys)
    const rows = this.rows(view)
    if (values === null) {
      await rows.deleteOne({ _id: id })
      return id
    }
    const m: Record<string, MeasureValue> = {}
    for (const measure of this.shape.measures) m[measure.name] = values[measure.name] ?? start(measure.op)
    await this.write(rows, id, k, m)
    return id
  }

  private async write(
    rows: Collection<ReportRowDoc>,
    id: string,
    k: Record<string, KeyValue>,
    m: Record<string, MeasureValue>,
  ): Promise<void> {
    if (Object.values(m).every(isZero)) await rows.deleteOne({ _id: id })
    else await rows.replaceOne({ _id: id }, { _id: id, k, m }, { upsert: true })
  }

  opOf(measure: string): string | undefined {
    return this.ops.get(measure)
  }
}

function start(op: string): MeasureValue {
  return op === 'avg' ? { sum: 0, count: 0 } : op === 'min' || op === 'max' ? null : 0
}

function combine(op: string, before: MeasureValue, delta: number | AvgValue): MeasureValue {
  if (op === 'avg') {
    const a = (before ?? { sum: 0, count: 0 }) as AvgValue
    const d = typeof delta === 'number' ? { sum: delta, count: 1 } : delta
    return { sum: tidy(a.sum + d.sum), count: tidy(a.count + d.count) }
  }
  const value = typeof delta === 'number' ? delta : delta.sum
  if (op === 'min') return before === null || value < (before as number) ? value : before
  if (op === 'max') return before === null || value > (before as number) ? value : before
  return tidy(((before as number | null) ?? 0) + value)
}

function negate(deltas: Deltas): Deltas {
  const out: Record<string, number | AvgValue> = {}
  for (const [name, d] of Object.entries(deltas))
    out[name] = typeof d === 'number' ? -d : { sum: -d.sum, count: -d.count }
  return out
}

export interface Contribution {
  readonly keys: Keys
  readonly deltas: Deltas
}

interface ContributionDoc {
  _id: string
  c: Contribution[]
  [key: string]: unknown
}

/**
 * What one thing adds to rows (a booking's minutes on its visit day), kept with the thing so that
 * when it changes the old contribution comes off and the new one goes on. Sums and counts only.
 */
export class Contributions {
  constructor(
    private readonly rows: ReportRows,
    private readonly collection: string,
  ) {}

  async change(view: ProjectionView, id: string, next: readonly Contribution[]): Promise<void> {
    const docs = view.collection(this.collection) as Collection<ContributionDoc>
    const before = (await docs.findOne({ _id: id }))?.c ?? []
    for (const c of before) await this.rows.add(view, c.keys, negate(c.deltas))
    for (const c of next) await this.rows.add(view, c.keys, c.deltas)
    if (next.length === 0) await docs.deleteOne({ _id: id })
    else await docs.replaceOne({ _id: id }, { _id: id, c: [...next] }, { upsert: true })
  }
}

/** Rows that belong to one thing alone (its id is one of their keys): rewritten whole as it changes. */
export class OwnedRows {
  constructor(
    private readonly rows: ReportRows,
    private readonly collection: string,
  ) {}

  async replace(
    view: ProjectionView,
    owner: string,
    next: ReadonlyArray<{ keys: Keys; values: Deltas }>,
  ): Promise<void> {
    const docs = view.collection(this.collection) as Collection<{ _id: string; rows: string[] }>
    const before = (await docs.findOne({ _id: owner }))?.rows ?? []
    const ids: string[] = []
    for (const row of next) ids.push(await this.rows.set(view, row.keys, row.values))
    const kept = new Set(ids)
    for (const id of before)
      if (!kept.has(id)) await (view.collection(this.rows.collection) as Collection).deleteOne({ _id: id })
    if (ids.length === 0) await docs.deleteOne({ _id: owner })
    else await docs.replaceOne({ _id: owner }, { _id: owner, rows: ids }, { upsert: true })
  }
}

// ── facts several reports look up ──────────────────────────────────────────────────────────

/** Facts kept by key in a projection's own collection (a point's zone, an order's point). */
export class Facts<T extends object> {
  constructor(private readonly collection: string) {}

  async get(view: ProjectionView, id: string): Promise<T | null> {
    const doc = (await (view.collection(this.collection) as Collection).findOne({ _id: id })) as
      | ({ _id: string } & T)
      | null
    if (!doc) return null
    const { _id, ...facts } = doc
    return facts as unknown as T
  }

  async set(view: ProjectionView, id: string, facts: T): Promise<void> {
    await (view.collection(this.collection) as Collection).replaceOne(
      { _id: id },
      { _id: id, ...facts },
      { upsert: true },
    )
  }

  async delete(view: ProjectionView, id: string): Promise<void> {
    await (view.collection(this.collection) as Collection).deleteOne({ _id: id })
  }
}

/** The event types that say a point's zone, and the zone they say. */
export const POINT_ZONE_TYPES = ['ServicePointCreated', 'ServicePointTimeZoneChanged'] as const

export function pointZoneOf(event: RecordedEvent): { pointId: string; timeZone: string } | null {
  if (!(POINT_ZONE_TYPES as readonly string[]).includes(event.type)) return null
  const data = event.data as { pointId: string; timeZone: string }
  return { pointId: data.pointId, timeZone: data.timeZone }
}

/**
 * Points' time zones, kept in a projection's `points` collection from the events that say them; local
 * days of instants at a point (head office's zone for no point or one not seen yet).
 */
export class PointZones {
  private readonly zones = new Facts<{ timeZone: string }>('points')

  /** Keeps the zone an event says; true when the event was one of those (nothing else to do with it). */
  async track(view: ProjectionView, event: RecordedEvent): Promise<boolean> {
    const zone = pointZoneOf(event)
    if (zone) await this.zones.set(view, zone.pointId, { timeZone: zone.timeZone })
    return zone !== null
  }

  async dayOf(view: ProjectionView, pointId: string | null, instant: string): Promise<string> {
    const timeZone = (pointId ? (await this.zones.get(view, pointId))?.timeZone : null) ?? HEAD_OFFICE_TIME_ZONE
    return localDay(timeZone, instant)
  }
}

/** The event types that put vehicles in fleets and branches. */
export const FLEET_MEMBERSHIP_TYPES = [
  'FleetVehicleAdded',
  'FleetVehiclesImported',
  'FleetVehicleAssignedToBranch',
  'FleetVehicleRemoved',
] as const

export interface Membership {
  readonly fleetId: string
  readonly branchId: string | null
}

/** The memberships a fleet event sets (null: the vehicle left its fleet). */
export function membershipChanges(event: RecordedEvent): Array<{ equipmentId: string; membership: Membership | null }> {
  const data = event.data as Record<string, unknown>
  const fleetId = data.fleetId as string
  switch (event.type) {
    case 'FleetVehicleAdded': {
      const v = data.vehicle as { equipmentId: string; branchId: string | null }
      return [{ equipmentId: v.equipmentId, membership: { fleetId, branchId: v.branchId } }]
    }
    case 'FleetVehiclesImported':
      return (data.vehicles as Array<{ equipmentId: string; branchId: string | null }>).map((v) => ({
        equipmentId: v.equipmentId,
        membership: { fleetId, branchId: v.branchId },
      }))
    case 'FleetVehicleAssignedToBranch':
      return [
        { equipmentId: data.equipmentId as string, membership: { fleetId, branchId: data.branchId as string | null } },
      ]
    case 'FleetVehicleRemoved':
      return [{ equipmentId: data.equipmentId as string, membership: null }]
    default:
      return []
  }
}
