import assert from 'node:assert/strict'
import type { CustomerCommand } from '../../../../domain/customer/commands.js'
import { contactChannelFor } from '../../../../domain/customer/contactChannel.js'
import { customerDecider } from '../../../../domain/customer/customerDecider.js'
import type { CustomerEvent } from '../../../../domain/customer/events.js'
import { scenario } from '../givenWhenThen.js'

const { given } = scenario(customerDecider)
const customerId = 'cust-1'
const desk = { id: 'staff-1', role: 'service_point_employee' as const }
const at = '2026-03-01T10:00:00.000Z'
const later = '2026-03-02T10:00:00.000Z'

const register: CustomerCommand = {
  kind: 'RegisterCustomer',
  customerId,
  party: { kind: 'individual', firstName: ' Anna ', lastName: 'Nowak' },
  contacts: { email: ' Anna.Nowak@Example.PL ', phone: '600 100 200' },
  preferences: { preferredChannel: 'sms', language: 'pl' },
  actor: desk,
  now: at,
}
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: {
    customerId,
    party: { kind: 'individual', firstName: 'Anna', lastName: 'Nowak' },
    contacts: { email: 'anna.nowak@example.pl', phone: '+48600100200' },
    preferences: { preferredChannel: 'sms', language: 'pl' },
    registeredBy: desk,
    at,
  },
}
const consent = (
  type: 'CustomerConsentGiven' | 'CustomerConsentWithdrawn',
  purpose: 'marketing' | 'reminders',
  channel: 'email' | 'sms',
  when = at,
): CustomerEvent => ({
  type,
  data: { customerId, purpose, channel, source: 'staff_desk', recordedBy: desk, at: when },
})

describe('customer', () => {
  it('registers an individual: names trimmed, e-mail lower-cased, phone in E.164', () => {
    const state = given([]).when(register).then([registered])
    assert.equal(state.status, 'active')
  })

  it('registers a company with a checked NIP stored as 10 digits', () => {
    const events = given([])
      .when({
        ...register,
        party: {
          kind: 'company',
          companyName: 'Trans-Pol Sp. z o.o.',
          taxId: { country: 'PL', value: 'PL 123-456-32-18' },
        },
      })
      .events()
    const data = events[0]?.data as { party: unknown }
    assert.deepEqual(data.party, {
      kind: 'company',
      companyName: 'Trans-Pol Sp. z o.o.',
      taxId: { country: 'PL', value: '1234563218' },
    })
  })

  it('refuses a wrong NIP checksum, a bad phone and e-mail, and an unreachable preferred channel, naming each field', () => {
    const error = given([])
      .when({
        ...register,
        party: { kind: 'company', companyName: ' ', taxId: { country: 'PL', value: '1234563219' } },
        contacts: { email: 'anna@', phone: '+48 600 100' },
      })
      .thenError('CUSTOMER_INVALID', 'invalid')
    assert.deepEqual(
      (error.fields ?? []).map((f) => f.path),
      ['party.companyName', 'party.taxId.value', 'contacts.email', 'contacts.phone'],
    )
    const noPhone = given([])
      .when({ ...register, contacts: { email: 'a@b.pl', phone: null } })
      .thenError('CUSTOMER_INVALID')
    assert.deepEqual(noPhone.fields?.[0]?.path, 'preferences.preferredChannel')
    given([])
      .when({ ...register, contacts: { email: null, phone: null } })
      .thenError('CUSTOMER_INVALID')
  })

  it('refuses registering twice and acting on an unknown customer', () => {
    given([registered]).when(register).thenError('CUSTOMER_ALREADY_EXISTS', 'conflict')
    given([])
      .when({ kind: 'ArchiveCustomer', customerId, reason: 'gone', now: at })
      .thenError('CUSTOMER_NOT_FOUND', 'not_found')
  })

  it('records consents with time and source; giving twice or withdrawing what was not given changes nothing', () => {
    const give: CustomerCommand = {
      kind: 'GiveConsent',
      customerId,
      purpose: 'reminders',
      channel: 'sms',
      source: 'staff_desk',
      actor: desk,
      now: at,
    }
    const state = given([registered])
      .when(give)
      .then([consent('CustomerConsentGiven', 'reminders', 'sms')])
    assert.deepEqual(state.consents['reminders:sms'], { granted: true, at, source: 'staff_desk' })
    given([registered, consent('CustomerConsentGiven', 'reminders', 'sms')])
      .when(give)
      .then([])
    given([registered])
      .when({ ...give, kind: 'WithdrawConsent' })
      .then([])
    const withdrawn = given([registered, consent('CustomerConsentGiven', 'reminders', 'sms')])
      .when({ ...give, kind: 'WithdrawConsent', source: 'unsubscribe_link', now: later })
      .then([
        {
          type: 'CustomerConsentWithdrawn',
          data: {
            customerId,
            purpose: 'reminders',
            channel: 'sms',
            source: 'unsubscribe_link',
            recordedBy: desk,
            at: later,
          },
        },
      ])
    assert.equal(withdrawn.consents['reminders:sms']?.granted, false)
  })

  it('an archived customer changes nothing more, but can still withdraw a consent', () => {
    const archived: CustomerEvent = { type: 'CustomerArchived', data: { customerId, reason: 'moved abroad', at } }
    const history = [registered, consent('CustomerConsentGiven', 'marketing', 'email'), archived]
    given(history)
      .when({ kind: 'ChangeCustomerContacts', customerId, contacts: { email: 'x@y.pl', phone: null }, now: later })
      .thenError('CUSTOMER_ARCHIVED', 'conflict')
    given(history)
      .when({
        kind: 'WithdrawConsent',
        customerId,
        purpose: 'marketing',
        channel: 'email',
        source: 'customer_portal',
        actor: { id: 'cust-1', role: 'customer' },
        now: later,
      })
      .events()
  })

  it('a person cannot become a company; corrections of the same kind are recorded, unchanged ones are not', () => {
    given([registered])
      .when({
        kind: 'CorrectCustomerIdentity',
        customerId,
        party: { kind: 'company', companyName: 'X', taxId: { country: 'PL', value: '1234563218' } },
        now: later,
      })
      .thenError('CUSTOMER_KIND_IMMUTABLE', 'conflict')
    given([registered])
      .when({
        kind: 'CorrectCustomerIdentity',
        customerId,
        party: { kind: 'individual', firstName: 'Anna', lastName: 'Nowak' },
        now: later,
      })
      .then([])
    given([registered])
      .when({
        kind: 'CorrectCustomerIdentity',
        customerId,
        party: { kind: 'individual', firstName: 'Anna', lastName: 'Nowak-Kowalska' },
        now: later,
      })
      .then([
        {
          type: 'CustomerIdentityCorrected',
          data: { customerId, party: { kind: 'individual', firstName: 'Anna', lastName: 'Nowak-Kowalska' }, at: later },
        },
      ])
  })

  it('keeps addresses by id; a Polish address needs a NN-NNN postal code', () => {
    const address = { street: 'ul. Długa 1', postalCode: '00-001', city: 'Warszawa', country: 'PL' }
    const state = given([registered])
      .when({ kind: 'SetCustomerAddress', customerId, addressId: 'billing', label: 'billing', address, now: later })
      .then([
        {
          type: 'CustomerAddressSet',
          data: { customerId, addressId: 'billing', label: 'billing', address, at: later },
        },
      ])
    assert.deepEqual(state.addresses.billing, { label: 'billing', address })
    given([registered])
      .when({
        kind: 'SetCustomerAddress',
        customerId,
        addressId: 'billing',
        label: 'billing',
        address: { ...address, postalCode: '00001' },
        now: later,
      })
      .thenError('CUSTOMER_INVALID')
  })
})

describe('contactChannelFor', () => {
  const stateOf = (events: CustomerEvent[]) => events.reduce(customerDecider.evolve, customerDecider.initialState)

  it('uses the preferred channel when consented, in the customer’s language', () => {
    const customer = stateOf([registered, consent('CustomerConsentGiven', 'reminders', 'sms')])
    assert.deepEqual(contactChannelFor(customer, 'reminders'), {
      send: true,
      channel: 'sms',
      to: '+48600100200',
      language: 'pl',
      fallback: false,
    })
  })

  it('falls back to the other consented channel when the preferred one has no consent', () => {
    const customer = stateOf([registered, consent('CustomerConsentGiven', 'reminders', 'email')])
    const decision = contactChannelFor(customer, 'reminders')
    assert.deepEqual(decision, {
      send: true,
      channel: 'email',
      to: 'anna.nowak@example.pl',
      language: 'pl',
      fallback: true,
    })
  })

  it('sends nothing without consent, saying whether it was never given or withdrawn', () => {
    const none = contactChannelFor(stateOf([registered]), 'marketing')
    assert.equal(none.send, false)
    assert.equal(!none.send && none.reason, 'no_consent')
    const withdrawn = contactChannelFor(
      stateOf([
        registered,
        consent('CustomerConsentGiven', 'marketing', 'sms'),
        consent('CustomerConsentWithdrawn', 'marketing', 'sms', later),
      ]),
      'marketing',
    )
    assert.ok(!withdrawn.send && withdrawn.reason === 'no_consent' && /withdrawn for sms/.test(withdrawn.detail))
  })

  it('a consent for a channel without contact details does not count', () => {
    const customer = stateOf([
      registered,
      {
        type: 'CustomerContactsChanged',
        data: { customerId, contacts: { email: 'anna.nowak@example.pl', phone: null }, at },
      },
      consent('CustomerConsentGiven', 'reminders', 'sms'),
    ])
    const decision = contactChannelFor(customer, 'reminders')
    assert.ok(!decision.send && decision.reason === 'no_consent')
  })

  it('service updates need contact details only; archived and unknown customers get nothing', () => {
    assert.equal(contactChannelFor(stateOf([registered]), 'service_updates').send, true)
    const archived = stateOf([registered, { type: 'CustomerArchived', data: { customerId, reason: 'x', at } }])
    assert.deepEqual(contactChannelFor(archived, 'service_updates'), {
      send: false,
      reason: 'customer_archived',
      detail: 'archived customers are not contacted',
    })
    const unknown = contactChannelFor(customerDecider.initialState, 'service_updates')
    assert.ok(!unknown.send && unknown.reason === 'unknown_customer')
  })
})
