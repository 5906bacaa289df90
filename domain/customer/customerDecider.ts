// The customer aggregate (stream `customer-<customerId>`): an individual or a company, its contact
// details and preferences, consents per purpose and channel, addresses.
//
// Consents are facts with a time and a source (who recorded them, where), kept per purpose and
// channel; giving a consent already given, or withdrawing one not given, changes nothing. An
// archived customer can change nothing any more, except withdraw consents: withdrawal must always
// be possible.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { parseInstant } from '../shared/localTime.js'
import { sameValue } from '../shared/sameValue.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { CustomerCommand } from './commands.js'
import type { AddressLabel, ContactPreferences, CustomerEvent, Party } from './events.js'
import {
  type Address,
  addressProblems,
  type ConsentPurpose,
  type ConsentSource,
  type ContactChannel,
  type Contacts,
  normaliseContacts,
} from './fields.js'
import { normaliseTaxId } from './nip.js'

export const customerStream = (customerId: string): string => `customer-${customerId}`

export interface ConsentRecord {
  readonly granted: boolean
  readonly at: string
  readonly source: ConsentSource
}

/** Key of a consent: purpose and channel, e.g. 'reminders:sms'. */
export type ConsentKey = `${ConsentPurpose}:${ContactChannel}`
export const consentKey = (purpose: ConsentPurpose, channel: ContactChannel): ConsentKey => `${purpose}:${channel}`

export interface CustomerState {
  readonly status: 'none' | 'active' | 'archived'
  readonly customerId: string
  readonly party: Party | null
  readonly contacts: Contacts
  readonly preferences: ContactPreferences
  readonly consents: Readonly<Partial<Record<ConsentKey, ConsentRecord>>>
  readonly addresses: Readonly<Record<string, { readonly label: AddressLabel; readonly address: Address }>>
}

export const initialCustomerState: CustomerState = {
  status: 'none',
  customerId: '',
  party: null,
  contacts: { email: null, phone: null },
  preferences: { preferredChannel: null, language: 'pl' },
  consents: {},
  addresses: {},
}

type Decision = Either<DomainError, ReadonlyArray<CustomerEvent>>

const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'CUSTOMER_INVALID', 'the customer data is invalid', problems))

/** The party with names trimmed and the tax id in stored form, or the problems. */
function normaliseParty(party: Party, path: string): { party: Party; problems: FieldProblem[] } {
  if (party.kind === 'individual')
    return {
      party: { kind: 'individual', firstName: party.firstName.trim(), lastName: party.lastName.trim() },
      problems: [
        ...nonBlank(party.firstName, `${path}.firstName`, 100),
        ...nonBlank(party.lastName, `${path}.lastName`, 100),
      ],
    }
  const problems = nonBlank(party.companyName, `${path}.companyName`, 200)
  let value = party.taxId.value
  if (!/^[A-Z]{2}$/.test(party.taxId.country))
    problems.push({ path: `${path}.taxId.country`, message: 'must be an ISO 3166 alpha-2 code such as PL' })
  else {
    const checked = normaliseTaxId(party.taxId.country, party.taxId.value)
    if (isLeft(checked)) problems.push({ path: `${path}.taxId.value`, message: checked.left })
    else value = checked.right
  }
  return {
    party: { kind: 'company', companyName: party.companyName.trim(), taxId: { country: party.taxId.country, value } },
    problems,
  }
}

function preferencesProblems(preferences: ContactPreferences, contacts: Contacts): FieldProblem[] {
  const channel = preferences.preferredChannel
  if (channel === 'email' && contacts.email === null)
    return [{ path: 'preferences.preferredChannel', message: 'e-mail is preferred but there is no e-mail address' }]
  if (channel === 'sms' && contacts.phone === null)
    return [{ path: 'preferences.preferredChannel', message: 'SMS is preferred but there is no phone number' }]
  return []
}

function requireActive(state: CustomerState): DomainError | null {
  if (state.status === 'none') return domainError('not_found', 'CUSTOMER_NOT_FOUND', 'no such customer')
  if (state.status === 'archived') return domainError('conflict', 'CUSTOMER_ARCHIVED', 'the customer is archived')
  return null
}

function decide(command: CustomerCommand, state: CustomerState): Decision {
  const { customerId, now: at } = command
  if (parseInstant(at) === null) return invalid([{ path: 'now', message: 'must be a UTC ISO-8601 instant' }])
  if (command.kind === 'RegisterCustomer') {
    if (state.status !== 'none')
      return left(domainError('conflict', 'CUSTOMER_ALREADY_EXISTS', `customer ${customerId} exists`))
    const party = normaliseParty(command.party, 'party')
    const contacts = normaliseContacts(command.contacts, 'contacts')
    const problems = [...validId(customerId, 'customerId'), ...party.problems, ...contacts.problems]
    if (contacts.problems.length === 0) {
      if (contacts.contacts.email === null && contacts.contacts.phone === null)
        problems.push({ path: 'contacts', message: 'needs an e-mail address or a phone number' })
      problems.push(...preferencesProblems(command.preferences, contacts.contacts))
    }
    if (problems.length > 0) return invalid(problems)
    return right([
      {
        type: 'CustomerRegistered',
        data: {
          customerId,
          party: party.party,
          contacts: contacts.contacts,
          preferences: command.preferences,
          registeredBy: command.actor,
          at,
        },
      },
    ])
  }
  if (command.kind === 'WithdrawConsent') {
    if (state.status === 'none') return left(domainError('not_found', 'CUSTOMER_NOT_FOUND', 'no such customer'))
    const current = state.consents[consentKey(command.purpose, command.channel)]
    if (!current?.granted) return right([])
    const { purpose, channel, source, actor } = command
    return right([
      { type: 'CustomerConsentWithdrawn', data: { customerId, purpose, channel, source, recordedBy: actor, at } },
    ])
  }
  const refused = requireActive(state)
  if (refused) return left(refused)
  switch (command.kind) {
    case 'CorrectCustomerIdentity': {
      const party = normaliseParty(command.party, 'party')
      if (party.problems.length > 0) return invalid(party.problems)
      if (party.party.kind !== state.party?.kind)
        return left(
          domainError('conflict', 'CUSTOMER_KIND_IMMUTABLE', 'a person cannot become a company or the reverse', [
            { path: 'party.kind', message: `must stay ${state.party?.kind}` },
          ]),
        )
      if (sameValue(party.party, state.party)) return right([])
      return right([{ type: 'CustomerIdentityCorrected', data: { customerId, party: party.party, at } }])
    }
    case 'ChangeCustomerContacts': {
      const contacts = normaliseContacts(command.contacts, 'contacts')
      if (contacts.problems.length > 0) return invalid(contacts.problems)
      if (contacts.contacts.email === null && contacts.contacts.phone === null)
        return invalid([{ path: 'contacts', message: 'needs an e-mail address or a phone number' }])
      if (sameValue(contacts.contacts, state.contacts)) return right([])
      return right([{ type: 'CustomerContactsChanged', data: { customerId, contacts: contacts.contacts, at } }])
    }
    case 'SetContactPreferences': {
      const problems = preferencesProblems(command.preferences, state.contacts)
      if (problems.length > 0) return invalid(problems)
      if (sameValue(command.preferences, state.preferences)) return right([])
      return right([
        { type: 'CustomerContactPreferencesChanged', data: { customerId, preferences: command.preferences, at } },
      ])
    }
    case 'GiveConsent': {
      if (state.consents[consentKey(command.purpose, command.channel)]?.granted) return right([])
      const { purpose, channel, source, actor } = command
      return right([
        { type: 'CustomerConsentGiven', data: { customerId, purpose, channel, source, recordedBy: actor, at } },
      ])
    }
    case 'SetCustomerAddress': {
      const problems = [...validId(command.addressId, 'addressId'), ...addressProblems(command.address, 'address')]
      if (problems.length > 0) return invalid(problems)
      const { addressId, label } = command
      const address = { ...command.address, street: command.address.street.trim(), city: command.address.city.trim() }
      const current = state.addresses[addressId]
      if (current && current.label === label && sameValue(current.address, address)) return right([])
      return right([{ type: 'CustomerAddressSet', data: { customerId, addressId, label, address, at } }])
    }
    case 'RemoveCustomerAddress':
      if (!state.addresses[command.addressId]) return right([])
      return right([{ type: 'CustomerAddressRemoved', data: { customerId, addressId: command.addressId, at } }])
    case 'ArchiveCustomer': {
      const reason = command.reason.trim()
      if (reason === '') return invalid([{ path: 'reason', message: 'must not be blank' }])
      return right([{ type: 'CustomerArchived', data: { customerId, reason, at } }])
    }
  }
}

function evolve(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'CustomerRegistered':
      return {
        ...state,
        status: 'active',
        customerId: event.data.customerId,
        party: event.data.party,
        contacts: event.data.contacts,
        preferences: event.data.preferences,
      }
    case 'CustomerIdentityCorrected':
      return { ...state, party: event.data.party }
    case 'CustomerContactsChanged':
      return { ...state, contacts: event.data.contacts }
    case 'CustomerContactPreferencesChanged':
      return { ...state, preferences: event.data.preferences }
    case 'CustomerConsentGiven':
    case 'CustomerConsentWithdrawn': {
      const { purpose, channel, at, source } = event.data
      const record: ConsentRecord = { granted: event.type === 'CustomerConsentGiven', at, source }
      return { ...state, consents: { ...state.consents, [consentKey(purpose, channel)]: record } }
    }
    case 'CustomerAddressSet':
      return {
        ...state,
        addresses: {
          ...state.addresses,
          [event.data.addressId]: { label: event.data.label, address: event.data.address },
        },
      }
    case 'CustomerAddressRemoved': {
      const { [event.data.addressId]: _removed, ...addresses } = state.addresses
      return { ...state, addresses }
    }
    case 'CustomerArchived':
      return { ...state, status: 'archived' }
  }
}

export const customerDecider: Decider<CustomerCommand, CustomerState, CustomerEvent> = {
  initialState: initialCustomerState,
  decide,
  evolve,
}
