// Commands of the customer context. Time (`now`, UTC ISO-8601), ids and the acting user arrive on
// the command; the deciders validate and normalise (e-mail, E.164 phone, NIP, plates, VINs).
import type { Actor } from '../shared/actor.js'
import type { AddressLabel, ContactPreferences, FleetBranch, HeadOffice, Party } from './events.js'
import type { Address, ConsentPurpose, ConsentSource, ContactChannel, Contacts } from './fields.js'
import type { VehicleIdentity } from './vehicleIdentity.js'

export type CustomerCommand = { readonly customerId: string; readonly now: string } & (
  | {
      readonly kind: 'RegisterCustomer'
      readonly party: Party
      readonly contacts: Contacts
      readonly preferences: ContactPreferences
      readonly actor: Actor
    }
  | { readonly kind: 'CorrectCustomerIdentity'; readonly party: Party }
  | { readonly kind: 'ChangeCustomerContacts'; readonly contacts: Contacts }
  | { readonly kind: 'SetContactPreferences'; readonly preferences: ContactPreferences }
  | {
      readonly kind: 'GiveConsent' | 'WithdrawConsent'
      readonly purpose: ConsentPurpose
      readonly channel: ContactChannel
      readonly source: ConsentSource
      readonly actor: Actor
    }
  | {
      readonly kind: 'SetCustomerAddress'
      readonly addressId: string
      readonly label: AddressLabel
      readonly address: Address
    }
  | { readonly kind: 'RemoveCustomerAddress'; readonly addressId: string }
  | { readonly kind: 'ArchiveCustomer'; readonly reason: string }
)

/** A vehicle as a command names it: identity as typed (the decider normalises), branch optional. */
export interface NewFleetVehicle extends VehicleIdentity {
  readonly equipmentId: string
  readonly branchId: string | null
}

export type FleetCommand = { readonly fleetId: string; readonly now: string } & (
  | {
      readonly kind: 'RegisterFleet'
      readonly customerId: string
      readonly name: string
      readonly headOffice: HeadOffice
    }
  | { readonly kind: 'ChangeFleetDetails'; readonly name: string; readonly headOffice: HeadOffice }
  | { readonly kind: 'OpenBranch'; readonly branch: FleetBranch }
  | { readonly kind: 'ChangeBranch'; readonly branch: FleetBranch }
  | { readonly kind: 'CloseBranch'; readonly branchId: string }
  | { readonly kind: 'AddVehicle'; readonly vehicle: NewFleetVehicle }
  | {
      /** All vehicles of one import file in one decision: all are added, or none (see vehicleImport.ts). */
      readonly kind: 'ImportVehicles'
      readonly importId: string
      readonly fileName: string
      readonly vehicles: ReadonlyArray<NewFleetVehicle>
    }
  | ({ readonly kind: 'CorrectVehicle'; readonly equipmentId: string } & VehicleIdentity)
  | { readonly kind: 'AssignVehicleToBranch'; readonly equipmentId: string; readonly branchId: string | null }
  | { readonly kind: 'AssignDriverToVehicle'; readonly equipmentId: string; readonly driverId: string | null }
  | { readonly kind: 'RemoveVehicle'; readonly equipmentId: string; readonly reason: string }
  | {
      readonly kind: 'AppointFleetManager'
      readonly managerId: string
      readonly name: string
      readonly contacts: Contacts
      readonly branchIds: ReadonlyArray<string> | null
    }
  | { readonly kind: 'DismissFleetManager'; readonly managerId: string }
  | {
      readonly kind: 'AddDriver'
      readonly driverId: string
      readonly name: string
      readonly contacts: Contacts
      readonly customerId: string | null
    }
  | { readonly kind: 'RemoveDriver'; readonly driverId: string }
)
