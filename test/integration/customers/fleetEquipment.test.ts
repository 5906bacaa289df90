// Fleet vehicles are equipment owned by the fleet: the leased, checkpointed `fleet-equipment`
// policy registers a fleet's imported vehicles in the equipment registry with the fleet as owner,
// links a vehicle to the registry's item with the same VIN (the import gives the row that item's
// id, and the policy makes the fleet its owner: no second item), carries corrections over, and
// repeated (a crash, a second runner) appends nothing twice. A ticket about an imported vehicle
// then becomes a work order (it was 404 EQUIPMENT_NOT_FOUND before).
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import request from 'supertest'
import { handleCommand } from '../../../application/commands/handleCommand.js'
import { FleetEquipmentPolicy, fleetEquipmentSubscriber } from '../../../application/customers/fleetEquipmentPolicy.js'
import { EquipmentQueries } from '../../../application/equipment/equipmentQueries.js'
import type { PolicySubscriber } from '../../../application/jobs/policySubscriber.js'
import { fleetDecider, fleetStream } from '../../../domain/customer/fleetDecider.js'
import { equipmentStream } from '../../../domain/equipment/equipmentDecider.js'
import { type BusinessFixture, businessFixture } from './support/businessFixture.js'

describe('fleet vehicles in the equipment registry (fleet-equipment policy)', function () {
  this.timeout(30_000)
  let f: BusinessFixture
  let subscriber: PolicySubscriber
  let policy: FleetEquipmentPolicy
  let imported: string[] = []
  const known = 'eq-known-golf'

  /** Waits until the policy has reacted to everything logged so far. */
  const caughtUp = async () => {
    await subscriber.waitForCheckpoint(await f.store.headPosition())
    await f.settle()
  }
  const equipment = async (id: string) => {
    const found = await f.repair.equipment.get(f.boss, id, f.now())
    assert.ok(isRight(found), `${id}: ${JSON.stringify(found)}`)
    return found.right
  }

  before(async () => {
    f = await businessFixture({ equipmentRegistry: true })
    policy = new FleetEquipmentPolicy({ store: f.store, catalogue: f.catalogue, log: () => undefined })
    subscriber = fleetEquipmentSubscriber({
      events: f.store,
      documents: f.documents,
      policy,
      holder: 'test',
      leaseRetryMs: 10,
      log: () => undefined,
    })
    // A car the registry knows already (a private customer's, before the fleet bought it).
    const registered = await f.repair.equipment.register(
      f.boss,
      {
        equipmentId: known,
        typeCode: 'passenger_car',
        make: 'Volkswagen',
        model: 'Golf',
        vin: 'WVWZZZ1JZ3W000002',
        registration: { plate: 'WA 77777', country: 'PL' },
        owner: { kind: 'customer', customerId: 'c1' },
      },
      f.at,
    )
    assert.ok(isRight(registered), JSON.stringify(registered))
    await f.settle()
    subscriber.start()
  })
  after(async () => {
    await subscriber.stop()
    await f.close()
  })

  it('an imported CSV: every vehicle is in the registry, owned by the fleet; the known car is linked, not doubled', async () => {
    const csv = [
      'plate;vin;make;model;year;branch',
      'WA 70001;WVWZZZ1JZ3W000001;Skoda;Octavia;2022;waw',
      'WA 70002;WVWZZZ1JZ3W000002;Volkswagen;Golf;2020;krk',
      'WA 70003;WVWZZZ1JZ3W000003;Toyota;Corolla;;waw',
    ].join('\n')
    const res = await request(f.app)
      .post('/fleets/f1/vehicle-imports?fileName=flota.csv')
      .set('Authorization', f.bearer('fleet_f1'))
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(csv, 'utf8'))
    assert.equal(res.status, 201, JSON.stringify(res.body))
    imported = res.body.equipmentIds
    assert.equal(imported.length, 3)
    assert.equal(imported[1], known, 'the row with the known VIN takes the registry item’s id')
    // Registered in the request already (the service reacts right after its append)...
    for (const id of imported) assert.deepEqual((await equipment(id)).owner, { kind: 'fleet', fleetId: 'f1' })
    // ...and the subscriber, following the log, finds it done and appends nothing.
    const count = await f.eventCount()
    await caughtUp()
    assert.equal(await f.eventCount(), count)
    for (const [i, id] of imported.entries()) {
      const item = await equipment(id)
      assert.deepEqual(item.owner, { kind: 'fleet', fleetId: 'f1' }, id)
      assert.equal(item.vin, `WVWZZZ1JZ3W00000${i + 1}`)
    }
    assert.equal((await equipment(imported[0] as string)).make, 'Skoda')
    assert.equal((await equipment(imported[0] as string)).registration?.plate, 'WA70001')
    // One item with the known VIN, and its owner changed (not re-registered).
    const sameVin = await new EquipmentQueries(f.readModels).search(
      f.boss,
      { q: 'WVWZZZ1JZ3W000002' },
      { limit: 10, offset: 0 },
    )
    assert.deepEqual(
      sameVin.items.map((i) => i.equipmentId),
      [known],
    )
    const types = (await f.events()).filter((e) => e.streamId === equipmentStream(known)).map((e) => e.type)
    assert.deepEqual(types, ['EquipmentRegistered', 'EquipmentOwnerChanged'])
    // The fleet's people find them in the registry.
    const fleetSees = await new EquipmentQueries(f.readModels).search(
      f.principal('fleet_f1'),
      {},
      { limit: 10, offset: 0 },
    )
    assert.equal(fleetSees.total, 3)
  })

  it('a ticket about an imported vehicle becomes a work order', async () => {
    const ticket = await f.call('fleet_f1').post('/tickets', {
      subject: 'Vibration at 90 km/h',
      description: 'The steering wheel shakes.',
      equipmentId: imported[0],
      pointId: 'p1',
    })
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body))
    const res = await f
      .call('employee_p1')
      .post(`/tickets/${ticket.body.ticketId}/work-order`, { serviceCodes: ['BALANCING'] })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.workOrder.status, 'intake')
    const opened = (await f.events()).find(
      (e) => e.streamId === `workorder-${res.body.workOrder.workOrderId}` && e.type === 'WorkOrderOpened',
    )
    const data = opened?.data as { equipment: { equipmentId: string }; customer: { fleetId: string | null } }
    assert.equal(data.equipment.equipmentId, imported[0])
    assert.equal(data.customer.fleetId, 'f1')
  })

  it('a vehicle added one by one and then corrected: registered, then its details follow', async () => {
    const added = await f.call('fleet_f1').post('/fleets/f1/vehicles', {
      plate: 'WA 70010',
      vin: 'WVWZZZ1JZ3W000010',
      make: 'Kia',
      model: 'Ceed',
      year: 2023,
      branchId: 'waw',
    })
    assert.equal(added.status, 201, JSON.stringify(added.body))
    const id = added.body.vehicle.equipmentId as string
    await caughtUp()
    assert.equal((await equipment(id)).make, 'Kia')
    const corrected = await f.call('fleet_f1').put(`/fleets/f1/vehicles/${id}`, {
      plate: 'WA 70011',
      vin: 'WVWZZZ1JZ3W000010',
      make: 'Kia',
      model: 'XCeed',
      year: 2023,
    })
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body))
    await caughtUp()
    const item = await equipment(id)
    assert.equal(item.model, 'XCeed')
    assert.equal(item.registration?.plate, 'WA70011')
    assert.deepEqual(item.owner, { kind: 'fleet', fleetId: 'f1' })
  })

  it('replayed (a crash before the checkpoint, two runners at once): nothing is appended twice', async () => {
    await caughtUp()
    // Every fleet event again, as a runner that lost its checkpoint would.
    const before = await f.eventCount()
    const fleetEvents = []
    for await (const recorded of f.store.readAll()) if (policy.handles(recorded.type)) fleetEvents.push(recorded)
    assert.equal(fleetEvents.length, 3)
    // A reaction already done answers with what it did then (same command id), or finds nothing to do.
    for (const recorded of fleetEvents)
      for (const note of await policy.react(recorded)) assert.notEqual(note.outcome, 'refused', JSON.stringify(note))
    assert.deepEqual(
      (await f.events()).slice(before).map((e) => `${e.streamId} ${e.type}`),
      [],
      'nothing appended',
    )
    // A vehicle whose service died after the fleet append (written straight through the decider),
    // reacted to by two runners at the same moment: one registration.
    await subscriber.stop()
    const id = 'eq-crashed-astra'
    const added = await handleCommand({
      store: f.store,
      catalogue: f.catalogue,
      decider: fleetDecider,
      streamId: fleetStream('f1'),
      command: {
        kind: 'AddVehicle',
        fleetId: 'f1',
        now: f.now(),
        vehicle: {
          equipmentId: id,
          plate: 'WA 70020',
          plateCountry: 'PL',
          vin: 'WVWZZZ1JZ3W000020',
          make: 'Opel',
          model: 'Astra',
          year: 2019,
          branchId: null,
        },
      },
      context: { ...f.at, actor: { id: 'test', role: 'head_office' } },
    })
    assert.ok(isRight(added), JSON.stringify(added))
    let trigger = null
    for await (const recorded of f.store.readAll()) if (recorded.type === 'FleetVehicleAdded') trigger = recorded
    assert.ok(trigger)
    const [a, b] = await Promise.all([policy.react(trigger), policy.react(trigger)])
    assert.deepEqual([a?.[0]?.outcome, b?.[0]?.outcome], ['registered', 'registered'])
    const count = await f.eventCount()
    subscriber.start()
    await caughtUp()
    assert.equal(await f.eventCount(), count, 'the runner finds it done')
    const types = (await f.events()).filter((e) => e.streamId === equipmentStream(id)).map((e) => e.type)
    assert.deepEqual(types, ['EquipmentRegistered'])
  })
})
