import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import { bookingContextEventDefinitions } from '../../../domain/booking/events.js'
import { serviceNetworkEventDefinitions } from '../../../domain/service-network/events.js'
import { servicePointDecider } from '../../../domain/service-network/servicePointDecider.js'
import { staffScheduleDecider } from '../../../domain/service-network/staffScheduleDecider.js'
import { bays, weeklyHours } from './fixtures.js'

describe('event definitions of service-network and booking', () => {
  const definitions = [...serviceNetworkEventDefinitions, ...bookingContextEventDefinitions]

  it('register in the application’s event catalogue, each type once', () => {
    const catalogue = new EventCatalogue(definitions)
    assert.equal(catalogue.types().length, definitions.length)
    assert.ok(
      catalogue.has('SlotReserved') && catalogue.has('BookingRequested') && catalogue.has('ServicePointCreated'),
    )
  })

  it('decided events pass their codecs on the way into the log', () => {
    const catalogue = new EventCatalogue(definitions)
    const created = servicePointDecider.decide(
      {
        kind: 'CreateServicePoint',
        actor: { id: 'ho', role: 'head_office' },
        pointId: 'p1',
        networkId: 'n1',
        name: 'Punkt',
        address: { street: 'ul. Długa 1', postalCode: '00-001', city: 'Warszawa', country: 'PL' },
        geo: { lat: 52.23, lon: 21.01 },
        contacts: { phone: null, email: null },
        timeZone: 'Europe/Warsaw',
        weeklyHours,
        bays,
        managerId: null,
      },
      servicePointDecider.initialState,
    )
    const registered = staffScheduleDecider.decide(
      { kind: 'RegisterStaffMember', pointId: 'p1', staffId: 's1', name: 'Ola', skills: ['tpms'] },
      staffScheduleDecider.initialState,
    )
    assert.ok(isRight(created) && isRight(registered))
    for (const event of [...created.right, ...registered.right]) assert.doesNotThrow(() => catalogue.encode(event))
    assert.throws(() => catalogue.encode({ type: 'SlotReserved', data: { pointId: 'p1' } }), /invalid SlotReserved/)
  })
})
