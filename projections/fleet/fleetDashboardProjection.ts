// The `fleetDashboard` read model (see application/customers/fleetDashboardViews.ts): vehicles with
// status, last service, service dates, tyres and spend; fleet summaries; spend per fleet and month;
// fleet contracts for due services. From events alone: a rebuild equals the live run.
//
// Bookings name a car by plate: the fleet's plate index maps (fleet, country, plate) to the
// vehicle, as it stands when the booking is requested. Work orders and equipment events name the
// equipment id, which is the fleet vehicle's id; their facts are kept even before (or without)
// the vehicle joining a fleet, so the order of contexts in the log does not matter.
import {
  type DashboardContractDoc,
  type DashboardVehicleDoc,
  emptyByStatus,
  FLEET_DASHBOARD,
  type FleetSummaryDoc,
  plateKey,
} from '../../application/customers/fleetDashboardViews.js'
import type { Document } from '../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { monthlyBillingEventCodecs, orderBillingEventCodecs } from '../../domain/billing/events.js'
import { bookingEventCodecs } from '../../domain/booking/events.js'
import { type ContractState, evolveContract, initialContractState } from '../../domain/contract/contractTimeline.js'
import { contractEventCodecs } from '../../domain/contract/events.js'
import type { FleetVehicle } from '../../domain/customer/events.js'
import { fleetEventCodecs } from '../../domain/customer/events.js'
import { type EquipmentState, initialEquipmentState } from '../../domain/equipment/equipmentDecider.js'
import { equipmentEventCodecs } from '../../domain/equipment/events.js'
import { workOrderEventCodecs } from '../../domain/work-order/events.js'
import { decodeBusinessEvent } from '../customers/decodeBusinessEvent.js'
import type { Projection, ProjectionView } from '../projection.js'
import { BatchCacheView } from './batchCache.js'
import { foldEquipment, withEquipmentFacts } from './equipmentFacts.js'
import { recordSpend } from './spend.js'
import { changeVehicle, SummaryDeltas } from './vehicleDocs.js'

const WORK_ORDER_TYPES = [
  'WorkOrderOpened',
  'WorkOrderHandedOver',
  'WorkOrderReturnedUnrepaired',
  'WorkOrderDeclaredIrreparable',
  'WorkOrderCancelled',
] as const
const BOOKING_TYPES = [
  'BookingRequested',
  'BookingRescheduled',
  'BookingCancelled',
  'BookingMarkedNoShow',
  'BookingCheckedIn',
  'BookingCompleted',
] as const
const EQUIPMENT_TYPES = [
  'EquipmentRegistered',
  'EquipmentStatusChanged',
  'EquipmentServiceDatesSet',
  'EquipmentMileageRecorded',
  'TyreMounted',
  'TyreDismounted',
  'TyresRepositioned',
  'TreadDepthsMeasured',
] as const

const FLEET = new Set(Object.keys(fleetEventCodecs))
const BOOKING = new Set<string>(BOOKING_TYPES)
const WORK_ORDER = new Set<string>(WORK_ORDER_TYPES)
const EQUIPMENT = new Set<string>(EQUIPMENT_TYPES)
const CONTRACT = new Set(Object.keys(contractEventCodecs))
const billingCodecs = { ...monthlyBillingEventCodecs, ...orderBillingEventCodecs }

/** A fleet booking as far as the dashboard cares: where, when, and how far it got. */
interface BookingDoc extends Document {
  _id: string
  fleetId: string
  /** null while no vehicle of the fleet has the booking's plate (it may be added later). */
  equipmentId: string | null
  plateKey: string
  pointId: string
  start: string
  state: 'open' | 'checked_in' | 'completed' | 'closed'
  completedAt: string | null
}

/** A fleet's plate: the vehicle that has it, or the bookings made for it before any vehicle had it. */
interface PlateDoc extends Document {
  _id: string
  equipmentId: string | null
  pending: string[]
}

/** What a booking in its present state means for its vehicle (idempotent: any order of re-application). */
function withBooking(v: DashboardVehicleDoc, b: BookingDoc): DashboardVehicleDoc {
  const next: DashboardVehicleDoc = {
    ...v,
    openBookings: v.openBookings.filter((x) => x.bookingId !== b._id),
    checkedIn: v.checkedIn.filter((x) => x !== b._id),
  }
  if (b.state === 'open')
    next.openBookings = [...next.openBookings, { bookingId: b._id, pointId: b.pointId, start: b.start }]
  if (b.state === 'checked_in') next.checkedIn = [...next.checkedIn, b._id]
  if (
    b.state === 'completed' &&
    b.completedAt !== null &&
    (v.lastService === null || v.lastService.at <= b.completedAt)
  )
    next.lastService = { pointId: b.pointId, at: b.completedAt, source: 'booking', ref: b._id }
  return next
}

interface OrderDoc extends Document {
  _id: string
  equipmentId: string
  pointId: string
}

// ── fleets ────────────────────────────────────────────────────────────────────────────────────

function joinFleet(fleetId: string, v: FleetVehicle) {
  return (doc: DashboardVehicleDoc): DashboardVehicleDoc => ({
    ...doc,
    fleetId,
    branchId: v.branchId,
    plate: v.plate,
    plateCountry: v.plateCountry,
    vin: v.vin,
    make: v.make,
    model: v.model,
    year: v.year,
    driverId: null,
    inService: true,
  })
}

/** The vehicle takes its plate; bookings made for the plate before it joined become its own. */
async function claimPlate(view: ProjectionView, deltas: SummaryDeltas, key: string, equipmentId: string, at: string) {
  const plates = view.collection(FLEET_DASHBOARD.plates)
  const bookings = view.collection(FLEET_DASHBOARD.bookings)
  const current = (await plates.findOne({ _id: key })) as PlateDoc | null
  for (const bookingId of current?.pending ?? []) {
    const booking = (await bookings.findOne({ _id: bookingId })) as BookingDoc | null
    if (!booking) continue
    const owned = { ...booking, equipmentId }
    await bookings.replaceOne({ _id: bookingId }, owned)
    await changeVehicle(view, deltas, equipmentId, at, (v) => withBooking(v, owned))
  }
  const doc: PlateDoc = { _id: key, equipmentId, pending: [] }
  await plates.replaceOne({ _id: key }, doc, { upsert: true })
}

async function addVehicles(
  view: ProjectionView,
  deltas: SummaryDeltas,
  fleetId: string,
  vehicles: ReadonlyArray<FleetVehicle>,
  at: string,
) {
  for (const v of vehicles) {
    await changeVehicle(view, deltas, v.equipmentId, at, joinFleet(fleetId, v))
    await claimPlate(view, deltas, plateKey(fleetId, v.plateCountry, v.plate), v.equipmentId, at)
  }
}

async function applyFleet(event: RecordedEvent, view: ProjectionView, deltas: SummaryDeltas): Promise<void> {
  const decoded = decodeBusinessEvent(fleetEventCodecs, event)
  const { fleetId, at } = decoded.data
  const summaries = view.collection(FLEET_DASHBOARD.summaries)
  const plates = view.collection(FLEET_DASHBOARD.plates)
  switch (decoded.type) {
    case 'FleetRegistered': {
      const doc: FleetSummaryDoc = {
        _id: fleetId,
        fleetId,
        customerId: decoded.data.customerId,
        name: decoded.data.name,
        branches: {},
        vehicles: 0,
        byStatus: emptyByStatus(),
        openOrders: 0,
        updatedAt: at,
      }
      await summaries.replaceOne({ _id: fleetId }, doc, { upsert: true })
      return
    }
    case 'FleetDetailsChanged':
      await summaries.updateOne({ _id: fleetId }, { $set: { name: decoded.data.name, updatedAt: at } })
      return
    case 'FleetBranchOpened':
    case 'FleetBranchChanged':
      await summaries.updateOne(
        { _id: fleetId },
        { $set: { [`branches.${decoded.data.branch.branchId}`]: decoded.data.branch.name, updatedAt: at } },
      )
      return
    case 'FleetVehicleAdded':
      return addVehicles(view, deltas, fleetId, [decoded.data.vehicle], at)
    case 'FleetVehiclesImported':
      return addVehicles(view, deltas, fleetId, decoded.data.vehicles, at)
    case 'FleetVehicleCorrected': {
      const d = decoded.data
      const before = await changeVehicle(view, deltas, d.equipmentId, at, (doc) => doc, { create: false })
      if (!before) return
      if (before.plate !== null && before.plateCountry !== null)
        await plates.deleteOne({ _id: plateKey(fleetId, before.plateCountry, before.plate) })
      await changeVehicle(view, deltas, d.equipmentId, at, (doc) => ({
        ...doc,
        plate: d.plate,
        plateCountry: d.plateCountry,
        vin: d.vin,
        make: d.make,
        model: d.model,
        year: d.year,
      }))
      await claimPlate(view, deltas, plateKey(fleetId, d.plateCountry, d.plate), d.equipmentId, at)
      return
    }
    case 'FleetVehicleAssignedToBranch':
      await changeVehicle(
        view,
        deltas,
        decoded.data.equipmentId,
        at,
        (doc) => ({ ...doc, branchId: decoded.data.branchId }),
        { create: false },
      )
      return
    case 'FleetVehicleDriverAssigned':
      await changeVehicle(
        view,
        deltas,
        decoded.data.equipmentId,
        at,
        (doc) => ({ ...doc, driverId: decoded.data.driverId }),
        { create: false },
      )
      return
    case 'FleetVehicleRemoved': {
      const removed = await changeVehicle(
        view,
        deltas,
        decoded.data.equipmentId,
        at,
        (doc) => ({ ...doc, inService: false, driverId: null }),
        { create: false },
      )
      if (removed?.plate && removed.plateCountry)
        await plates.deleteOne({ _id: plateKey(fleetId, removed.plateCountry, removed.plate) })
      return
    }
    default:
      return
  }
}

// ── bookings ──────────────────────────────────────────────────────────────────────────────────

async function applyBooking(event: RecordedEvent, view: ProjectionView, deltas: SummaryDeltas): Promise<void> {
  const decoded = decodeBusinessEvent(bookingEventCodecs, event)
  const bookings = view.collection(FLEET_DASHBOARD.bookings)
  const plates = view.collection(FLEET_DASHBOARD.plates)
  const bookingId = decoded.data.bookingId
  let booking: BookingDoc
  let at = event.metadata.occurredAt
  if (decoded.type === 'BookingRequested') {
    const { customer, vehicle, pointId, slot } = decoded.data
    if (customer.fleetId === null) return
    const key = plateKey(customer.fleetId, vehicle.plateCountry, vehicle.plate)
    const plate = (await plates.findOne({ _id: key })) as PlateDoc | null
    booking = {
      _id: bookingId,
      fleetId: customer.fleetId,
      equipmentId: plate?.equipmentId ?? null,
      plateKey: key,
      pointId,
      start: slot.start,
      state: 'open',
      completedAt: null,
    }
    // No vehicle has the plate yet: remember the booking for the vehicle that will.
    if (booking.equipmentId === null) {
      const pending: PlateDoc = { _id: key, equipmentId: null, pending: [...(plate?.pending ?? []), bookingId] }
      await plates.replaceOne({ _id: key }, pending, { upsert: true })
    }
  } else {
    const current = (await bookings.findOne({ _id: bookingId })) as BookingDoc | null
    if (!current) return
    at = 'at' in decoded.data ? decoded.data.at : at
    switch (decoded.type) {
      case 'BookingRescheduled':
        booking = { ...current, start: decoded.data.to.start }
        break
      case 'BookingCancelled':
      case 'BookingMarkedNoShow':
        booking = { ...current, state: 'closed' }
        break
      case 'BookingCheckedIn':
        booking = { ...current, state: 'checked_in' }
        break
      case 'BookingCompleted':
        booking = { ...current, state: 'completed', completedAt: decoded.data.at }
        break
      default:
        return
    }
  }
  await bookings.replaceOne({ _id: bookingId }, booking, { upsert: true })
  if (booking.equipmentId) await changeVehicle(view, deltas, booking.equipmentId, at, (v) => withBooking(v, booking))
}

// ── work orders ───────────────────────────────────────────────────────────────────────────────

async function applyWorkOrder(event: RecordedEvent, view: ProjectionView, deltas: SummaryDeltas): Promise<void> {
  const decoded = decodeBusinessEvent(workOrderEventCodecs, event)
  const orders = view.collection(FLEET_DASHBOARD.orders)
  const workOrderId = decoded.data.workOrderId
  if (decoded.type === 'WorkOrderOpened') {
    const { equipment, pointId, openedAt } = decoded.data
    const doc: OrderDoc = { _id: workOrderId, equipmentId: equipment.equipmentId, pointId }
    await orders.replaceOne({ _id: workOrderId }, doc, { upsert: true })
    await changeVehicle(view, deltas, equipment.equipmentId, openedAt, (v) => ({
      ...v,
      openOrders: [...v.openOrders.filter((o) => o !== workOrderId), workOrderId],
    }))
    return
  }
  const order = (await orders.findOne({ _id: workOrderId })) as OrderDoc | null
  if (!order) return
  const at = 'at' in decoded.data ? (decoded.data.at as string) : event.metadata.occurredAt
  // Handed over (repaired or returned unrepaired): the vehicle was serviced there, then.
  const visited = decoded.type === 'WorkOrderHandedOver' || decoded.type === 'WorkOrderReturnedUnrepaired'
  await changeVehicle(view, deltas, order.equipmentId, at, (v) => {
    const visit = { pointId: order.pointId, at, source: 'work_order' as const, ref: workOrderId }
    return {
      ...v,
      openOrders: v.openOrders.filter((o) => o !== workOrderId),
      lastService: visited && (v.lastService === null || v.lastService.at <= at) ? visit : v.lastService,
    }
  })
}

// ── equipment ─────────────────────────────────────────────────────────────────────────────────

async function applyEquipment(event: RecordedEvent, view: ProjectionView, deltas: SummaryDeltas): Promise<void> {
  const decoded = decodeBusinessEvent(equipmentEventCodecs, event)
  const equipment = view.collection(FLEET_DASHBOARD.equipment)
  const id = decoded.data.equipmentId
  const stored = (await equipment.findOne({ _id: id })) as { _id: string; state: EquipmentState } | null
  const state = foldEquipment(stored?.state ?? initialEquipmentState, decoded)
  await equipment.replaceOne({ _id: id }, { _id: id, state }, { upsert: true })
  const at = 'at' in decoded.data ? (decoded.data.at as string) : event.metadata.occurredAt
  await changeVehicle(view, deltas, id, at, (v) => withEquipmentFacts(v, state, at))
}

// ── contracts ─────────────────────────────────────────────────────────────────────────────────

async function applyContract(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeBusinessEvent(contractEventCodecs, event)
  const contracts = view.collection(FLEET_DASHBOARD.contracts)
  const id = decoded.data.contractId
  const current = (await contracts.findOne({ _id: id })) as DashboardContractDoc | null
  if (!current && (decoded.type !== 'ContractSigned' || decoded.data.holder.kind !== 'fleet')) return
  const before: ContractState = current
    ? { ...current, amendmentIds: new Set(current.amendmentIds) }
    : initialContractState
  const state = evolveContract(before, decoded)
  if (state.holder?.kind !== 'fleet' || state.status === 'none') return
  const doc: DashboardContractDoc = {
    _id: id,
    contractId: id,
    fleetId: state.holder.fleetId,
    contractNumber: state.contractNumber,
    holder: state.holder,
    currency: state.currency,
    timeZone: state.timeZone,
    validFrom: state.validFrom,
    validTo: state.validTo,
    status: state.status,
    versions: [...state.versions],
    amendmentIds: [...state.amendmentIds].sort(),
  }
  await contracts.replaceOne({ _id: id }, doc, { upsert: true })
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const deltas = new SummaryDeltas()
  if (FLEET.has(event.type)) await applyFleet(event, view, deltas)
  else if (BOOKING.has(event.type)) await applyBooking(event, view, deltas)
  else if (WORK_ORDER.has(event.type)) await applyWorkOrder(event, view, deltas)
  else if (EQUIPMENT.has(event.type)) await applyEquipment(event, view, deltas)
  else if (CONTRACT.has(event.type)) await applyContract(event, view)
  else if (Object.hasOwn(billingCodecs, event.type))
    await recordSpend(decodeBusinessEvent(billingCodecs, event), view, deltas)
  await deltas.flush(view, event.metadata.occurredAt)
}

export const fleetDashboardProjection: Projection = {
  name: FLEET_DASHBOARD.projection,
  version: 2,
  types: [
    ...FLEET,
    ...BOOKING_TYPES,
    ...WORK_ORDER_TYPES,
    ...EQUIPMENT_TYPES,
    ...CONTRACT,
    ...Object.keys(billingCodecs),
  ],
  collections: Object.values(FLEET_DASHBOARD).filter((c) => c !== FLEET_DASHBOARD.projection),
  indexes: {
    [FLEET_DASHBOARD.vehicles]: [{ keys: { fleetId: 1 } }],
    [FLEET_DASHBOARD.spend]: [{ keys: { fleetId: 1, month: 1 } }],
    [FLEET_DASHBOARD.contracts]: [{ keys: { fleetId: 1 } }],
  },
  apply,
  async applyBatch(events, view) {
    const cached = new BatchCacheView(view)
    for (const event of events) await apply(event, cached)
    await cached.flush()
  },
}
