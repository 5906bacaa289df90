// The contact directory the notification worker uses: a registered customer's record (channels in
// his order, his language, consents judged by contactChannelFor per purpose), a fleet's managers or
// head office for fleet bookings without contact details, the booking's own details otherwise.
import assert from 'node:assert/strict'
import {
  CustomerContactDirectory,
  contactOfCustomer,
} from '../../../../application/customers/customerContactDirectory.js'
import { CUSTOMERS, type CustomerDoc, type FleetDoc } from '../../../../application/customers/customerViews.js'
import type { Document } from '../../../../application/ports/documentStore.js'
import { ReadModelNotReady } from '../../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'

const jan: CustomerDoc = {
  _id: 'c1',
  status: 'active',
  customerId: 'c1',
  party: { kind: 'individual', firstName: 'Jan', lastName: 'Kowalski' },
  contacts: { email: 'jan@example.com', phone: '+48600200300' },
  preferences: { preferredChannel: 'sms', language: 'ro' },
  consents: { 'reminders:sms': { granted: false, at: '2026-01-01T00:00:00.000Z', source: 'unsubscribe_link' } },
  addresses: {},
  kind: 'individual',
  displayName: 'Jan Kowalski',
  searchText: 'jan kowalski',
  registeredAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}

const fleet: FleetDoc = {
  _id: 'f1',
  fleetId: 'f1',
  customerId: 'acme',
  name: 'ACME Fleet',
  headOffice: {
    address: { street: 's', postalCode: '00-001', city: 'W', country: 'PL' },
    contacts: { email: 'office@acme.example', phone: null },
  },
  branches: [],
  managers: [
    {
      managerId: 'm-branch',
      name: 'Branch Boss',
      contacts: { email: 'branch@acme.example', phone: null },
      branchIds: ['waw'],
    },
    { managerId: 'm-all', name: 'Marta Nowak', contacts: { email: null, phone: '+48600900900' }, branchIds: null },
  ],
  driverCount: 0,
  vehiclesInService: 0,
  registeredAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}

function readModels(docs: { customers?: CustomerDoc[]; fleets?: FleetDoc[] } | null) {
  const store = new MemoryDocumentStore()
  return {
    async collection<T extends Document>(projection: string, logical: string) {
      if (docs === null) throw new ReadModelNotReady(projection, logical)
      const c = store.collection<T>(`${projection}.${logical}`)
      const wanted = logical === CUSTOMERS.customers ? (docs.customers ?? []) : (docs.fleets ?? [])
      if ((await c.count({})) === 0 && wanted.length > 0) await c.insertMany(wanted as unknown as T[])
      return c
    },
  }
}

const booking = { customerId: null, fleetId: null, name: 'Walk-in', phone: '+48600000001', email: null }

describe('CustomerContactDirectory', () => {
  it('a registered customer: his record, his channel order and language; service updates need no consent', async () => {
    const directory = new CustomerContactDirectory(readModels({ customers: [jan] }))
    const contact = await directory.contactFor(
      { ...booking, customerId: 'c1', email: 'typed@else.example' },
      { country: 'PL' },
    )
    assert.deepEqual(contact, {
      name: 'Jan Kowalski',
      email: 'jan@example.com',
      phone: '+48600200300',
      locale: 'ro',
      channels: ['sms', 'email'],
      consents: { email: true, sms: true },
    })
  })

  it('reminders honour the consents: a withdrawn SMS consent, no e-mail consent, nothing usable', () => {
    assert.deepEqual(contactOfCustomer(jan, 'reminders').consents, { email: false, sms: false })
    const consented = {
      ...jan,
      consents: {
        ...jan.consents,
        'reminders:email': { granted: true, at: '2026-02-01T00:00:00.000Z', source: 'customer_portal' as const },
      },
    }
    assert.deepEqual(contactOfCustomer(consented, 'reminders').consents, { email: true, sms: false })
  })

  it('an archived customer is not contacted at all', () => {
    assert.deepEqual(contactOfCustomer({ ...jan, status: 'archived' }, 'service_updates').consents, {
      email: false,
      sms: false,
    })
  })

  it('a fleet booking without contact details reaches the whole-fleet manager', async () => {
    const directory = new CustomerContactDirectory(readModels({ fleets: [fleet] }))
    const contact = await directory.contactFor(
      { ...booking, name: null, phone: null, fleetId: 'f1' },
      { country: 'PL' },
    )
    assert.equal(contact.name, 'Marta Nowak')
    assert.equal(contact.phone, '+48600900900')
    assert.deepEqual(contact.channels, ['sms'])
  })

  it('anyone else, or before the read model exists: the booking’s own details', async () => {
    for (const models of [readModels({}), readModels(null)]) {
      const contact = await new CustomerContactDirectory(models).contactFor(
        { ...booking, customerId: 'unknown' },
        { country: 'PL' },
      )
      assert.equal(contact.phone, '+48600000001')
      assert.deepEqual(contact.channels, ['sms'])
      assert.equal(contact.locale, 'pl')
    }
  })
})
