// Customers and fleets end to end over HTTP: registration, contacts, preferences, consents,
// addresses, fleets with branches, vehicles, managers and drivers, and the read models behind the
// staff's customer list and head office's fleet list.
import assert from 'node:assert/strict'
import { type BusinessFixture, businessFixture, vehicleBody } from './support/businessFixture.js'

describe('customers and fleets over HTTP', () => {
  let f: BusinessFixture
  before(async () => {
    f = await businessFixture()
  })
  after(() => f.close())

  it('staff register a company; the NIP is stored as 10 digits and the phone in E.164', async () => {
    const res = await f.call('employee_p1').post('/customers', {
      party: { kind: 'company', companyName: 'Transbud', taxId: { country: 'PL', value: '526-025-02-74' } },
      contacts: { email: 'Biuro@Transbud.example', phone: '600 700 800' },
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.party.taxId.value, '5260250274')
    assert.equal(res.body.contacts.email, 'biuro@transbud.example')
    assert.equal(res.body.contacts.phone, '+48600700800')
    assert.match(res.headers.location ?? '', /^\/customers\/cus-/)
  })

  it('a customer keeps his own record: contacts, preferences, consents (recorded as from the portal), addresses', async () => {
    const me = f.call('customer')
    let res = await me.get('/customers/c1')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.displayName, 'Jan Kowalski')
    res = await me.post('/customers/c1/consents', { purpose: 'reminders', channel: 'sms', granted: true })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(
      res.body.consents.map((c: { purpose: string; channel: string; granted: boolean; source: string }) => [
        c.purpose,
        c.channel,
        c.granted,
        c.source,
      ]),
      [['reminders', 'sms', true, 'customer_portal']],
    )
    res = await me.put('/customers/c1/preferences', { preferences: { preferredChannel: 'email', language: 'en' } })
    assert.equal(res.status, 200)
    assert.equal(res.body.preferences.language, 'en')
    res = await me.put('/customers/c1/addresses/home', {
      label: 'correspondence',
      address: { street: 'ul. Długa 5', postalCode: '50-001', city: 'Wrocław', country: 'PL' },
    })
    assert.equal(res.status, 200)
    assert.equal(res.body.addresses[0].addressId, 'home')
    res = await me.put('/customers/c1/contacts', { contacts: { email: 'jan.k@example.com' } })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(res.body.contacts, { email: 'jan.k@example.com', phone: null })
    res = await me.put('/customers/c1/preferences', { preferences: { preferredChannel: 'sms', language: 'en' } })
    assert.equal(res.status, 422, 'SMS preferred without a phone number')
    assert.equal(res.body.errors[0].path, 'preferences.preferredChannel')
    res = await me.put('/customers/c1/contacts', { contacts: { email: 'jan.k@example.com', phone: '600 200 300' } })
    assert.equal(res.body.contacts.phone, '+48600200300')
  })

  it('staff must say where a consent was given', async () => {
    const res = await f
      .call('employee_p1')
      .post('/customers/c1/consents', { purpose: 'marketing', channel: 'email', granted: true })
    assert.equal(res.status, 422)
    assert.equal(res.body.errors[0].path, 'source')
    const ok = await f
      .call('employee_p1')
      .post('/customers/c1/consents', { purpose: 'marketing', channel: 'email', granted: true, source: 'paper_form' })
    assert.equal(ok.status, 200)
  })

  it('the staff list searches by name, e-mail or phone, accents ignored', async () => {
    await f.settle()
    const res = await f.call('manager_p1').get('/customers?q=kowal')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(
      res.body.items.map((c: { customerId: string }) => c.customerId),
      ['c1'],
    )
    const byPhone = await f.call('head_office').get('/customers?q=600700800')
    assert.equal(byPhone.body.total, 1)
  })

  it('a fleet: manager, vehicles, a driver; plates and VINs normalised and unique', async () => {
    const company = f.call('fleet_f1')
    let res = await company.post('/fleets/f1/managers', {
      managerId: f.accounts.fleet_manager_f1.accountId,
      name: 'Marta Nowak',
      contacts: { email: 'marta@acme.example' },
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    const manager = f.call('fleet_manager_f1')
    res = await manager.post('/fleets/f1/vehicles', { ...vehicleBody(1), plate: 'wa 10001', branchId: 'waw' })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.vehicle.plate, 'WA10001')
    const equipmentId = res.body.vehicle.equipmentId
    res = await manager.post('/fleets/f1/vehicles', { ...vehicleBody(2), plate: 'WA 10001' })
    assert.equal(res.status, 409)
    assert.equal(res.body.code, 'VEHICLE_DUPLICATE')
    res = await manager.post('/fleets/f1/drivers', {
      driverId: 'drv-1',
      name: 'Piotr',
      contacts: { phone: '600 111 222' },
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    res = await manager.post(`/fleets/f1/vehicles/${equipmentId}/driver`, { driverId: 'drv-1' })
    assert.equal(res.body.vehicle.driverId, 'drv-1')
    res = await manager.get('/fleets/f1/vehicles?branchId=waw')
    assert.equal(res.status, 200)
    assert.equal(res.body.total, 1)
    res = await company.post('/fleets/f1/branches/waw/close')
    assert.equal(res.status, 409)
    assert.equal(res.body.code, 'BRANCH_HAS_VEHICLES')
  })

  it('head office lists fleets from the read model', async () => {
    await f.settle()
    const res = await f.call('head_office').get('/fleets')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    const acme = res.body.items.find((x: { fleetId: string }) => x.fleetId === 'f1')
    assert.equal(acme.name, 'ACME Fleet')
    assert.equal(acme.managers, 1)
    assert.ok(acme.vehiclesInService >= 1)
  })

  it('a fleet registered for a person, or a company that is not a customer, is refused', async () => {
    const boss = f.call('head_office')
    let res = await boss.post('/fleets', {
      fleetId: 'f9',
      customerId: 'c1',
      name: 'X',
      headOffice: { address: { street: 'a', postalCode: '00-001', city: 'W', country: 'PL' }, contacts: {} },
    })
    assert.equal(res.status, 422)
    assert.match(res.body.errors[0].message, /not a company/)
    res = await boss.post('/fleets', {
      fleetId: 'f9',
      customerId: 'nobody',
      name: 'X',
      headOffice: { address: { street: 'a', postalCode: '00-001', city: 'W', country: 'PL' }, contacts: {} },
    })
    assert.equal(res.status, 422)
  })
})
