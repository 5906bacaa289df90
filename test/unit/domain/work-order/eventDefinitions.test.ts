// The repair side's event definitions register next to the other contexts', and every event the
// deciders decide passes its codec on the way into the log.
import assert from 'node:assert/strict'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import { bookingContextEventDefinitions } from '../../../../domain/booking/events.js'
import { equipmentDecider } from '../../../../domain/equipment/equipmentDecider.js'
import { equipmentEventDefinitions } from '../../../../domain/equipment/events.js'
import { serviceNetworkEventDefinitions } from '../../../../domain/service-network/events.js'
import { stockEventDefinitions } from '../../../../domain/stock/events.js'
import { workOrderEventDefinitions } from '../../../../domain/work-order/events.js'
import { carRegistered, mileage, mounted } from '../equipment/fixtures.js'
import { cmd, decideCommand, photo, reception, run, sentHistory, T } from './fixtures.js'

describe('event definitions of equipment, work orders and stock', () => {
  const definitions = [
    ...serviceNetworkEventDefinitions,
    ...bookingContextEventDefinitions,
    ...equipmentEventDefinitions,
    ...workOrderEventDefinitions,
    ...stockEventDefinitions,
  ]

  it('register in the application’s event catalogue, each type once', () => {
    const catalogue = new EventCatalogue(definitions)
    assert.equal(catalogue.types().length, definitions.length)
    assert.ok(catalogue.has('WorkOrderOpened') && catalogue.has('TyreMounted') && catalogue.has('StockReserved'))
  })

  it('a whole visit’s decided events pass their codecs', () => {
    const catalogue = new EventCatalogue(definitions)
    const visit = run(sentHistory(), [
      cmd('AssignTechnician', { technicianId: 'tech-jan', name: 'Jan' }, T.sent),
      cmd(
        'EnterCustomStatus',
        { code: 'question_to_customer', note: null, allowed: [{ code: 'question_to_customer', label: 'Pytanie' }] },
        T.sent,
      ),
      decideCommand([
        ['L1', 'approved'],
        ['L2', 'approved'],
        ['L3', 'declined'],
      ]),
      cmd('StartRepair', {}),
      cmd('ClockIn', { technicianId: 'tech-jan', lineId: 'L1' }),
      cmd('AddLogEntry', { entryId: 'log-1', text: 'Pads fitted', photos: [photo('p9')], visibleToCustomer: true }),
      cmd('SendToExternalRepairer', {
        repairerId: 'ext-1',
        repairerName: 'Felgi',
        reference: null,
        expectedBackAt: null,
        note: null,
      }),
      cmd('ReceiveFromExternalRepairer', { outcome: 'repaired', cost: null, note: null }),
      cmd('MarkReady', { summary: 'done' }, T.ready),
      cmd(
        'HandOver',
        { protocol: { receivedBy: 'Jan', signature: null, mileageKm: null, note: null } },
        T.handover,
        reception,
      ),
    ])
    for (const event of visit) assert.doesNotThrow(() => catalogue.encode(event), event.type)
    const equipment = [carRegistered, mileage(1000, T.open), mounted('ty-1', 'FL')]
    for (const event of equipment) assert.doesNotThrow(() => catalogue.encode(event), event.type)
    assert.ok(equipment.reduce(equipmentDecider.evolve, equipmentDecider.initialState).exists)
    assert.throws(
      () => catalogue.encode({ type: 'WorkOrderOpened', data: { workOrderId: 'x' } }),
      /invalid WorkOrderOpened/,
    )
  })
})
