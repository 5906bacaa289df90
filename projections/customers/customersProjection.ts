// The `customers` read model: every customer's folded record (what the contact directory and the
// staff's customer list read) and a summary of every fleet client (head office's fleet list; the
// managers' and head office contacts the contact directory falls back on for fleet bookings).
// Folded with the customer decider's own evolve, so the record is exactly the aggregate's state.

import {
  CUSTOMERS,
  type CustomerDoc,
  displayNameOf,
  type FleetDoc,
  foldText,
} from '../../application/customers/customerViews.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { type CustomerState, customerDecider, initialCustomerState } from '../../domain/customer/customerDecider.js'
import { customerEventCodecs, fleetEventCodecs } from '../../domain/customer/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeBusinessEvent } from './decodeBusinessEvent.js'

const CUSTOMER_TYPES = new Set(Object.keys(customerEventCodecs))

async function applyCustomer(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeBusinessEvent(customerEventCodecs, event)
  const docs = view.collection(CUSTOMERS.customers)
  const id = decoded.data.customerId
  const current = (await docs.findOne({ _id: id })) as CustomerDoc | null
  const state: CustomerState = current
    ? {
        status: current.status,
        customerId: current.customerId,
        party: current.party,
        contacts: current.contacts,
        preferences: current.preferences,
        consents: current.consents,
        addresses: current.addresses,
      }
    : initialCustomerState
  const next = customerDecider.evolve(state, decoded)
  const displayName = displayNameOf(next.party)
  const doc: CustomerDoc = {
    ...next,
    _id: id,
    kind: next.party?.kind ?? null,
    displayName,
    searchText: foldText([displayName, next.contacts.email ?? '', next.contacts.phone ?? ''].join(' ')),
    registeredAt: current?.registeredAt ?? decoded.data.at,
    updatedAt: decoded.data.at,
  }
  await docs.replaceOne({ _id: id }, doc, { upsert: true })
}

async function applyFleet(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeBusinessEvent(fleetEventCodecs, event)
  const docs = view.collection(CUSTOMERS.fleets)
  const id = decoded.data.fleetId
  if (decoded.type === 'FleetRegistered') {
    const d = decoded.data
    const doc: FleetDoc = {
      _id: id,
      fleetId: id,
      customerId: d.customerId,
      name: d.name,
      headOffice: d.headOffice,
      branches: [],
      managers: [],
      driverCount: 0,
      vehiclesInService: 0,
      registeredAt: d.at,
      updatedAt: d.at,
    }
    await docs.replaceOne({ _id: id }, doc, { upsert: true })
    return
  }
  const current = (await docs.findOne({ _id: id })) as FleetDoc | null
  if (!current) return // events of a fleet come after its registration
  const next: FleetDoc = { ...current, updatedAt: decoded.data.at }
  switch (decoded.type) {
    case 'FleetDetailsChanged':
      next.name = decoded.data.name
      next.headOffice = decoded.data.headOffice
      break
    case 'FleetBranchOpened':
    case 'FleetBranchChanged':
      next.branches = [
        ...current.branches.filter((b) => b.branchId !== decoded.data.branch.branchId),
        { ...decoded.data.branch, open: true },
      ].sort((a, b) => a.branchId.localeCompare(b.branchId))
      break
    case 'FleetBranchClosed':
      next.branches = current.branches.map((b) => (b.branchId === decoded.data.branchId ? { ...b, open: false } : b))
      break
    case 'FleetVehicleAdded':
      next.vehiclesInService = current.vehiclesInService + 1
      break
    case 'FleetVehiclesImported':
      next.vehiclesInService = current.vehiclesInService + decoded.data.vehicles.length
      break
    case 'FleetVehicleRemoved':
      next.vehiclesInService = current.vehiclesInService - 1
      break
    case 'FleetManagerAppointed':
      next.managers = [...current.managers, decoded.data.manager].sort((a, b) => a.managerId.localeCompare(b.managerId))
      break
    case 'FleetManagerDismissed':
      next.managers = current.managers.filter((m) => m.managerId !== decoded.data.managerId)
      break
    case 'FleetDriverAdded':
      next.driverCount = current.driverCount + 1
      break
    case 'FleetDriverRemoved':
      next.driverCount = current.driverCount - 1
      break
    default:
      return
  }
  await docs.replaceOne({ _id: id }, next)
}

export const customersProjection: Projection = {
  name: CUSTOMERS.projection,
  version: 1,
  types: [...Object.keys(customerEventCodecs), ...Object.keys(fleetEventCodecs)],
  collections: [CUSTOMERS.customers, CUSTOMERS.fleets],
  indexes: {
    [CUSTOMERS.customers]: [{ keys: { status: 1, displayName: 1 } }, { keys: { kind: 1, displayName: 1 } }],
    [CUSTOMERS.fleets]: [{ keys: { name: 1 } }, { keys: { customerId: 1 } }],
  },
  apply: (event, view) => (CUSTOMER_TYPES.has(event.type) ? applyCustomer(event, view) : applyFleet(event, view)),
}
