// The customer, contract, helpdesk and billing event types register in the application's catalogue
// next to the existing contexts (no type name twice), and events the deciders decide pass their
// codecs on the way into the log (plain JSON: no undefined, no Dates).
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import { accessEventDefinitions } from '../../../../application/access/accessEvents.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import { billingEventDefinitions } from '../../../../domain/billing/events.js'
import { monthlyBillingDecider } from '../../../../domain/billing/monthlyBillingDecider.js'
import { orderBillingDecider } from '../../../../domain/billing/orderBillingDecider.js'
import { bookingContextEventDefinitions } from '../../../../domain/booking/events.js'
import { contractDecider } from '../../../../domain/contract/contractDecider.js'
import { contractAsOf, contractFrom } from '../../../../domain/contract/contractTimeline.js'
import { contractEventDefinitions } from '../../../../domain/contract/events.js'
import { customerDecider } from '../../../../domain/customer/customerDecider.js'
import { customerContextEventDefinitions } from '../../../../domain/customer/events.js'
import { fleetDecider } from '../../../../domain/customer/fleetDecider.js'
import { equipmentEventDefinitions } from '../../../../domain/equipment/events.js'
import { ticketEventDefinitions } from '../../../../domain/helpdesk/events.js'
import { ticketDecider } from '../../../../domain/helpdesk/ticketDecider.js'
import { serviceNetworkEventDefinitions } from '../../../../domain/service-network/events.js'
import type { Decider } from '../../../../domain/shared/decider.js'
import { stockEventDefinitions } from '../../../../domain/stock/events.js'
import { workOrderEventDefinitions } from '../../../../domain/work-order/events.js'
import { officeActor, signed, terms } from '../contract/fixtures.js'
import { catalogue, work } from './fixtures.js'

const mine = [
  ...customerContextEventDefinitions,
  ...contractEventDefinitions,
  ...ticketEventDefinitions,
  ...billingEventDefinitions,
]

function decided<C, S, E>(decider: Decider<C, S, E>, command: C, history: E[] = []): E[] {
  const result = decider.decide(command, history.reduce(decider.evolve, decider.initialState))
  assert.ok(isRight(result), JSON.stringify(result))
  return [...result.right]
}

describe('event definitions of customer, contract, helpdesk and billing', () => {
  it('register with every other context’s, each type once', () => {
    const all = [
      ...accessEventDefinitions,
      ...serviceNetworkEventDefinitions,
      ...bookingContextEventDefinitions,
      ...equipmentEventDefinitions,
      ...workOrderEventDefinitions,
      ...stockEventDefinitions,
      ...mine,
    ]
    const catalogue = new EventCatalogue(all)
    assert.equal(catalogue.types().length, all.length)
  })

  it('decided events pass their codecs as plain JSON', () => {
    const eventCatalogue = new EventCatalogue(mine)
    const now = '2026-03-10T15:00:00.000Z'
    const address = { street: 'ul. Fabryczna 5', postalCode: '50-001', city: 'Wrocław', country: 'PL' }
    const events = [
      ...decided(customerDecider, {
        kind: 'RegisterCustomer',
        customerId: 'c-1',
        party: { kind: 'company', companyName: 'Trans-Pol', taxId: { country: 'PL', value: '1234563218' } },
        contacts: { email: 'biuro@transpol.pl', phone: null },
        preferences: { preferredChannel: null, language: 'pl' },
        actor: officeActor,
        now,
      }),
      ...decided(fleetDecider, {
        kind: 'RegisterFleet',
        fleetId: 'fleet-1',
        customerId: 'c-1',
        name: 'Trans-Pol',
        headOffice: { address, contacts: { email: null, phone: '+48 71 300 00 00' } },
        now,
      }),
      ...decided(contractDecider, {
        kind: 'SignContract',
        contractId: 'ctr-1',
        contractNumber: 'UM/1',
        holder: { kind: 'fleet', fleetId: 'fleet-1' },
        currency: 'PLN',
        timeZone: 'Europe/Warsaw',
        validFrom: '2026-01-01',
        validTo: null,
        terms,
        otherContracts: [],
        actor: officeActor,
        now,
      }),
      ...decided(ticketDecider, {
        kind: 'OpenTicket',
        ticketId: 't-1',
        actor: { id: 'fm', role: 'fleet_manager' },
        now,
        channel: 'customer_portal',
        requester: { customerId: null, fleetId: 'fleet-1' },
        contractId: 'ctr-1',
        pointId: 'wro-1',
        equipmentId: 'eq-1',
        subject: 'Vibration',
        description: 'Steering wheel shakes',
        priority: 'high',
        sla: terms.sla,
      }),
      ...decided(monthlyBillingDecider, {
        kind: 'RunMonthlyBilling',
        contractId: 'ctr-1',
        month: '2026-03',
        contract: contractFrom([signed]),
        usage: [{ serviceCode: 'REPAIR', minutes: 1_500 }],
        invoiceId: 'inv-1',
        invoiceNumber: 'FV/1',
        now: '2026-04-02T00:00:00.000Z',
      }),
      ...decided(orderBillingDecider, {
        kind: 'BillWorkOrder',
        orderId: 'wo-1',
        work,
        contract: contractAsOf([signed], work.workDate),
        catalogue,
        buyer: { customerId: null, fleetId: 'fleet-1' },
        invoiceId: 'inv-2',
        invoiceNumber: 'FV/2',
        now,
      }),
    ]
    assert.equal(events.length, 6)
    for (const event of events as Array<{ type: string; data: unknown }>) {
      assert.doesNotThrow(() => eventCatalogue.encode(event), event.type)
      assert.deepEqual(JSON.parse(JSON.stringify(event.data)), event.data, `${event.type} is plain JSON`)
    }
  })
})
