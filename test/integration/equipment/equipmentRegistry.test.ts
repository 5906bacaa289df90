// The equipment registry over HTTP: registering with the type's custom fields, tyres mounted with
// their DOT codes, tread readings over months turned into a wear prediction and a replacement
// date, search by plate/VIN/serial prefix and by owner, and "tyres due before".
import assert from 'node:assert/strict'
import { type RepairFixture, repairFixture } from '../workOrders/support/repairFixture.js'

describe('equipment registry', () => {
  let fx: RepairFixture

  before(async () => {
    fx = await repairFixture()
  })

  const as = (who: Parameters<RepairFixture['send']>[0]) => ({
    post: (path: string, body: object) => fx.send(who, 'post', path, body),
    get: (path: string) => fx.send(who, 'get', path),
  })
  const staff = as('employee_p1')

  it('lists the types with their fields, checklists, defects and the point’s statuses', async () => {
    const res = await staff.get('/equipment-types?pointId=p1')
    assert.equal(res.status, 200)
    const car = res.body.types.find((t: { typeCode: string }) => t.typeCode === 'passenger_car')
    assert.equal(car.kind, 'vehicle')
    assert.ok(car.schema.fields.some((f: { key: string }) => f.key === 'fuel'))
    assert.equal(car.checklists[0].checklistId, 'wheels-and-tyres')
    assert.ok(car.defects.some((d: { code: string }) => d.code === 'TREAD_WORN'))
    assert.deepEqual(
      res.body.statuses.map((s: { code: string }) => s.code),
      ['waiting_for_parts', 'question_to_customer'],
    )
  })

  it('registers a fleet van with its VIN (check digit recorded) and a stored wheel set and a device', async () => {
    const van = await as('fleet_manager_f1').post('/equipment', {
      equipmentId: 'van-2',
      typeCode: 'van',
      make: 'Ford',
      model: 'Transit',
      vin: 'wf0xxxttgxkb 12345',
      registration: { plate: 'PO 9876A' },
      customFields: { payloadKg: 1200, fuel: 'diesel' },
    })
    assert.equal(van.status, 201, JSON.stringify(van.body))
    assert.equal(van.body.vin, 'WF0XXXTTGXKB12345')
    assert.ok(['valid', 'mismatch'].includes(van.body.vinCheckDigit))
    assert.equal(van.body.vehicleClass, 'van', 'the type’s default class')
    assert.deepEqual(van.body.owner, { kind: 'fleet', fleetId: 'f1' })
    const set = await staff.post('/equipment', {
      equipmentId: 'set-1',
      typeCode: 'wheel_set',
      make: 'Dębica',
      owner: { kind: 'customer', customerId: 'c1' },
      customFields: { withRims: true, storageLocation: 'Regał B3' },
    })
    assert.equal(set.status, 201, JSON.stringify(set.body))
    assert.equal(set.body.status, 'on_site', 'a stored set starts at the point')
    const device = await staff.post('/equipment', {
      equipmentId: 'comp-1',
      typeCode: 'compressor',
      make: 'Atlas Copco',
      serialNumber: 'AC-2024-0042',
      owner: { kind: 'fleet', fleetId: 'f1' },
      customFields: { tankLitres: 200 },
    })
    assert.equal(device.status, 201, JSON.stringify(device.body))
  })

  it('mounts tyres, records tread readings over months and predicts when they reach the limit', async () => {
    const positions = ['FL', 'FR', 'RL', 'RR'] as const
    for (const position of positions) {
      const res = await staff.post('/equipment/car-c1/tyres', {
        tyreId: `t-${position}`,
        position,
        brand: 'Michelin',
        model: 'Alpin 6',
        size: '205/55 r16 91h',
        dotCode: '3524',
        season: 'winter',
        treadDepthMm: 8,
        mileageKm: 120_000,
      })
      assert.equal(res.status, 200, JSON.stringify(res.body))
    }
    const readings = [
      [30, 123_000, 7.4],
      [60, 126_000, 6.8],
      [90, 129_000, 6.2],
    ] as const
    // Readings taken over months: recorded with their mileage through the service at those dates.
    for (const [days, km, mm] of readings) {
      const outcome = await fx.repair.equipment.change(
        fx.boss,
        'car-c1',
        {
          kind: 'RecordTreadDepths',
          readings: positions.map((position) => ({ position, depthMm: position.startsWith('F') ? mm : mm + 0.4 })),
          mileageKm: km,
        },
        { ...fx.at(), now: new Date(Date.parse('2026-11-26T08:00:00.000Z') + days * 86_400_000).toISOString() },
      )
      assert.equal(outcome._tag, 'Right', JSON.stringify(outcome))
    }
    const car = await staff.get('/equipment/car-c1')
    assert.equal(car.status, 200)
    assert.equal(car.body.tyres.length, 4)
    const fl = car.body.tyres.find((t: { position: string }) => t.position === 'FL')
    assert.equal(fl.size, '205/55 R16 91H')
    assert.equal(fl.readings.length, 4)
    assert.equal(fl.prediction.status, 'predicted')
    assert.equal(fl.prediction.basis, 'per_km')
    assert.equal(fl.prediction.wearMmPer1000Km, 0.2)
    // Front tyres wear first: 6.2 mm − 4 mm winter minimum at 0.2 mm per 1000 km.
    assert.equal(fl.prediction.recommended.atMileageKm, 140_000)
    assert.equal(car.body.tyreAdvice.reason, 'recommended_minimum')
    assert.deepEqual(car.body.tyreAdvice.positions, ['FL', 'FR'])
    assert.ok(car.body.tyreAdvice.replaceBefore > '2027-01-01')
  })

  it('searches by a prefix of the plate, VIN or serial number, by owner and by tyres due', async () => {
    await fx.refresh()
    const ids = async (query: string, who: Parameters<RepairFixture['send']>[0] = 'employee_p1') =>
      (await fx.send(who, 'get', `/equipment?${query}`)).body.items.map((i: { equipmentId: string }) => i.equipmentId)
    assert.deepEqual(await ids('q=dw 1a'), ['car-c1'])
    assert.deepEqual(await ids('q=WF0XXX'), ['van-2'])
    assert.deepEqual(await ids('q=ac-2024'), ['comp-1'])
    assert.deepEqual(await ids('ownerFleetId=f1'), ['comp-1', 'van-f1', 'van-2'].sort())
    assert.deepEqual(await ids('ownerCustomerId=c1&kind=tyre_set'), ['set-1'])
    assert.deepEqual(await ids('tyresDueBefore=2030-01-01'), ['car-c1'])
    assert.deepEqual(await ids('tyresDueBefore=2026-12-01'), [])
    // A fleet finds its own items only, whatever it asks for.
    assert.deepEqual(await ids('q=dw', 'fleet_manager_f1'), [])
    assert.deepEqual(await ids('ownerCustomerId=c1', 'fleet_f1'), [])
    const bad = await fx.send('employee_p1', 'get', '/equipment?limit=0')
    assert.equal(bad.status, 400)
  })

  it('rotates tyres all at once and keeps each tyre’s history with it', async () => {
    const res = await staff.post('/equipment/car-c1/tyres/reposition', {
      moves: [
        { tyreId: 't-FL', to: 'RL' },
        { tyreId: 't-RL', to: 'FL' },
      ],
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    const rl = res.body.tyres.find((t: { position: string }) => t.position === 'RL')
    assert.equal(rl.tyreId, 't-FL')
    assert.equal(rl.readings.length, 4)
  })
})
