// Read-model names and document shapes of the customer context, and the views the API answers
// with. Shared by the projections (writers) and the query services (readers), like calendarViews.
import type { CustomerState } from '../../domain/customer/customerDecider.js'
import type {
  AddressLabel,
  ContactPreferences,
  FleetBranch,
  FleetManager,
  HeadOffice,
  Party,
} from '../../domain/customer/events.js'
import type { Address, ConsentPurpose, ConsentSource, ContactChannel, Contacts } from '../../domain/customer/fields.js'
import { type FleetState, vehiclesInService } from '../../domain/customer/fleetDecider.js'
import { bucketEntries } from '../../domain/shared/bucketMap.js'
import type { Document } from '../ports/documentStore.js'

export const CUSTOMERS = { projection: 'customers', customers: 'customers', fleets: 'fleets' } as const

/** A customer as the read model keeps it: the folded state plus what lists and searches need. */
export interface CustomerDoc extends Document, CustomerState {
  _id: string
  kind: 'individual' | 'company' | null
  displayName: string
  /** Lower-case name, e-mail and phone, accents removed: what staff search by. */
  searchText: string
  registeredAt: string
  updatedAt: string
}

export interface FleetDoc extends Document {
  _id: string
  fleetId: string
  customerId: string
  name: string
  headOffice: HeadOffice
  branches: Array<FleetBranch & { open: boolean }>
  managers: FleetManager[]
  driverCount: number
  vehiclesInService: number
  registeredAt: string
  updatedAt: string
}

export interface ConsentView {
  readonly purpose: ConsentPurpose
  readonly channel: ContactChannel
  readonly granted: boolean
  readonly at: string
  readonly source: ConsentSource
}

export interface CustomerView {
  readonly customerId: string
  readonly status: 'active' | 'archived'
  readonly party: Party
  readonly displayName: string
  readonly contacts: Contacts
  readonly preferences: ContactPreferences
  readonly consents: ReadonlyArray<ConsentView>
  readonly addresses: ReadonlyArray<{
    readonly addressId: string
    readonly label: AddressLabel
    readonly address: Address
  }>
}

export function displayNameOf(party: Party | null): string {
  if (party === null) return ''
  return party.kind === 'company' ? party.companyName : `${party.firstName} ${party.lastName}`
}

export function customerView(state: CustomerState): CustomerView {
  return {
    customerId: state.customerId,
    status: state.status === 'archived' ? 'archived' : 'active',
    party: state.party as Party,
    displayName: displayNameOf(state.party),
    contacts: state.contacts,
    preferences: state.preferences,
    consents: Object.entries(state.consents)
      .map(([key, record]) => {
        const [purpose, channel] = key.split(':') as [ConsentPurpose, ContactChannel]
        return { purpose, channel, granted: record.granted, at: record.at, source: record.source }
      })
      .sort((a, b) => `${a.purpose}:${a.channel}`.localeCompare(`${b.purpose}:${b.channel}`)),
    addresses: Object.entries(state.addresses)
      .map(([addressId, a]) => ({ addressId, label: a.label, address: a.address }))
      .sort((a, b) => a.addressId.localeCompare(b.addressId)),
  }
}

export interface FleetView {
  readonly fleetId: string
  readonly customerId: string
  readonly name: string
  readonly headOffice: HeadOffice
  readonly branches: ReadonlyArray<FleetBranch & { readonly open: boolean }>
  readonly managers: ReadonlyArray<FleetManager>
  readonly drivers: ReadonlyArray<{
    readonly driverId: string
    readonly name: string
    readonly contacts: Contacts
    readonly customerId: string | null
  }>
  readonly vehiclesInService: number
}

export function fleetView(state: FleetState): FleetView {
  return {
    fleetId: state.fleetId,
    customerId: state.customerId,
    name: state.name,
    headOffice: state.headOffice as HeadOffice,
    branches: [...state.branches.values()].sort((a, b) => a.branchId.localeCompare(b.branchId)),
    managers: [...state.managers.values()].sort((a, b) => a.managerId.localeCompare(b.managerId)),
    drivers: bucketEntries(state.drivers).map(([, d]) => d),
    vehiclesInService: vehiclesInService(state).length,
  }
}

/** Lower case without accents, for prefix and substring search ("łódź" → "lodz"). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
}
