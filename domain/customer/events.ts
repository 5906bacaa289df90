// Events of the customer context: customers (individuals and companies) and fleet clients.
// Every event names its aggregate id and carries `at` (UTC ISO-8601, decided by the application),
// so projections and audits need neither the stream name nor the metadata.
import * as t from 'io-ts'
import { Actor } from '../shared/actor.js'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { Address, ConsentPurpose, ConsentSource, ContactChannel, Contacts, Language } from './fields.js'

// ── customer: stream `customer-<customerId>` ─────────────────────────────────────────────────

/** A company's tax id: `value` in the country's own stored form (a Polish NIP as 10 digits). */
export const TaxId = t.type({ country: t.string, value: t.string })
export type TaxId = t.TypeOf<typeof TaxId>

export const IndividualParty = t.type({ kind: t.literal('individual'), firstName: t.string, lastName: t.string })
export const CompanyParty = t.type({ kind: t.literal('company'), companyName: t.string, taxId: TaxId })
/** Who the customer is: a person or a company. The kind never changes after registration. */
export const Party = t.union([IndividualParty, CompanyParty])
export type Party = t.TypeOf<typeof Party>

export const ContactPreferences = t.type({
  /** null: no preference (e-mail is tried first: it costs nothing). */
  preferredChannel: t.union([ContactChannel, t.null]),
  language: Language,
})
export type ContactPreferences = t.TypeOf<typeof ContactPreferences>

export const AddressLabel = t.keyof({ billing: null, correspondence: null, other: null })
export type AddressLabel = t.TypeOf<typeof AddressLabel>

const consentChange = {
  customerId: t.string,
  purpose: ConsentPurpose,
  channel: ContactChannel,
  source: ConsentSource,
  recordedBy: Actor,
  at: t.string,
}

export const customerEventCodecs = {
  CustomerRegistered: t.type({
    customerId: t.string,
    party: Party,
    contacts: Contacts,
    preferences: ContactPreferences,
    registeredBy: Actor,
    at: t.string,
  }),
  /** Names or tax id corrected (a typo, a company's new name): same customer. */
  CustomerIdentityCorrected: t.type({ customerId: t.string, party: Party, at: t.string }),
  CustomerContactsChanged: t.type({ customerId: t.string, contacts: Contacts, at: t.string }),
  CustomerContactPreferencesChanged: t.type({ customerId: t.string, preferences: ContactPreferences, at: t.string }),
  CustomerConsentGiven: t.type(consentChange),
  CustomerConsentWithdrawn: t.type(consentChange),
  CustomerAddressSet: t.type({
    customerId: t.string,
    addressId: t.string,
    label: AddressLabel,
    address: Address,
    at: t.string,
  }),
  CustomerAddressRemoved: t.type({ customerId: t.string, addressId: t.string, at: t.string }),
  CustomerArchived: t.type({ customerId: t.string, reason: t.string, at: t.string }),
}
export type CustomerEvent = EventsOf<typeof customerEventCodecs>

// ── fleet client: stream `fleet-<fleetId>` ────────────────────────────────────────────────────

export const HeadOffice = t.type({ address: Address, contacts: Contacts })
export type HeadOffice = t.TypeOf<typeof HeadOffice>

export const FleetBranch = t.type({ branchId: t.string, name: t.string, address: Address, contacts: Contacts })
export type FleetBranch = t.TypeOf<typeof FleetBranch>

const vehicleIdentityProps = {
  /** Normalised: upper case, no spaces. */
  plate: t.string,
  plateCountry: t.string,
  /** 17 characters, upper case. */
  vin: t.string,
  make: t.string,
  model: t.string,
  year: t.union([t.number, t.null]),
}
export const VehicleIdentityCodec = t.type(vehicleIdentityProps)

/** A fleet vehicle: the equipment id is the vehicle's id across contexts (work orders, contracts). */
export const FleetVehicle = t.type({
  equipmentId: t.string,
  ...vehicleIdentityProps,
  branchId: t.union([t.string, t.null]),
})
export type FleetVehicle = t.TypeOf<typeof FleetVehicle>

export const FleetManager = t.type({
  /** The manager's account id. */
  managerId: t.string,
  name: t.string,
  contacts: Contacts,
  /** null: the whole fleet; otherwise only these branches' vehicles. */
  branchIds: t.union([t.array(t.string), t.null]),
})
export type FleetManager = t.TypeOf<typeof FleetManager>

export const FleetDriver = t.type({
  driverId: t.string,
  name: t.string,
  contacts: Contacts,
  /** The driver's own customer record, when he is also a private customer. */
  customerId: t.union([t.string, t.null]),
})
export type FleetDriver = t.TypeOf<typeof FleetDriver>

export const fleetEventCodecs = {
  FleetRegistered: t.type({
    fleetId: t.string,
    /** The company customer the fleet belongs to (invoices, tax id). */
    customerId: t.string,
    name: t.string,
    headOffice: HeadOffice,
    at: t.string,
  }),
  FleetDetailsChanged: t.type({ fleetId: t.string, name: t.string, headOffice: HeadOffice, at: t.string }),
  FleetBranchOpened: t.type({ fleetId: t.string, branch: FleetBranch, at: t.string }),
  FleetBranchChanged: t.type({ fleetId: t.string, branch: FleetBranch, at: t.string }),
  FleetBranchClosed: t.type({ fleetId: t.string, branchId: t.string, at: t.string }),
  FleetVehicleAdded: t.type({ fleetId: t.string, vehicle: FleetVehicle, at: t.string }),
  /** Every vehicle of one import file in one event: an import is added whole or not at all. */
  FleetVehiclesImported: t.type({
    fleetId: t.string,
    importId: t.string,
    fileName: t.string,
    vehicles: t.array(FleetVehicle),
    at: t.string,
  }),
  FleetVehicleCorrected: t.type({ fleetId: t.string, equipmentId: t.string, ...vehicleIdentityProps, at: t.string }),
  FleetVehicleAssignedToBranch: t.type({
    fleetId: t.string,
    equipmentId: t.string,
    branchId: t.union([t.string, t.null]),
    at: t.string,
  }),
  FleetVehicleDriverAssigned: t.type({
    fleetId: t.string,
    equipmentId: t.string,
    driverId: t.union([t.string, t.null]),
    at: t.string,
  }),
  FleetVehicleRemoved: t.type({ fleetId: t.string, equipmentId: t.string, reason: t.string, at: t.string }),
  FleetManagerAppointed: t.type({ fleetId: t.string, manager: FleetManager, at: t.string }),
  FleetManagerDismissed: t.type({ fleetId: t.string, managerId: t.string, at: t.string }),
  FleetDriverAdded: t.type({ fleetId: t.string, driver: FleetDriver, at: t.string }),
  FleetDriverRemoved: t.type({ fleetId: t.string, driverId: t.string, at: t.string }),
}
export type FleetEvent = EventsOf<typeof fleetEventCodecs>

export const customerEventDefinitions = firstVersionDefinitions(customerEventCodecs)
export const fleetEventDefinitions = firstVersionDefinitions(fleetEventCodecs)
export const customerContextEventDefinitions = [...customerEventDefinitions, ...fleetEventDefinitions]
