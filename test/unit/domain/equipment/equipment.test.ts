import assert from 'node:assert/strict'
import type { EquipmentCommand } from '../../../../domain/equipment/commands.js'
import { equipmentDecider, openRecommendations } from '../../../../domain/equipment/equipmentDecider.js'
import type { EquipmentEvent, Recommendation } from '../../../../domain/equipment/events.js'
import { scenario } from '../givenWhenThen.js'
import {
  carRegistered,
  carSchema,
  mileage,
  mounted,
  registerCar,
  tyreSetRegistered,
  vanRegistered,
} from './fixtures.js'

const { given } = scenario(equipmentDecider)
const equipmentId = 'eq-car-1'
const now = '2026-04-01T10:00:00.000Z'

describe('equipment registry', () => {
  it('registers a vehicle: VIN and plate normalised, check digit noted, blank custom fields dropped', () => {
    const state = given([]).when(registerCar).then([carRegistered])
    assert.equal(state.status, 'at_customer')
    assert.equal(state.vinCheckDigit, 'mismatch') // European VINs need no check digit: recorded, not refused
    given([carRegistered]).when(registerCar).thenError('EQUIPMENT_ALREADY_EXISTS', 'conflict')
  })

  it('refuses a bad VIN, plate and custom fields with every failing path', () => {
    const error = given([])
      .when({
        ...registerCar,
        vin: 'WVWZZZ1JZXW00000I',
        registration: { plate: 'HPA 1234', country: 'PL' },
        customFields: { fuel: 'coal', engineCc: 12.5, colour: 'red', firstRegisteredOn: '2026-02-30' },
      })
      .thenError('EQUIPMENT_INVALID', 'invalid')
    const paths = (error.fields ?? []).map((f) => f.path).sort()
    assert.deepEqual(paths, [
      'customFields.colour',
      'customFields.engineCc',
      'customFields.firstRegisteredOn',
      'customFields.fuel',
      'registration.plate',
      'vin',
    ])
    given([])
      .when({ ...registerCar, vin: '1M8GDM9AXKP04278' })
      .thenError('EQUIPMENT_INVALID')
    given([])
      .when({ ...registerCar, vin: null, registration: null })
      .thenError('EQUIPMENT_INVALID')
    given([])
      .when({ ...registerCar, customFields: {} })
      .thenError('EQUIPMENT_INVALID') // fuel is required
    given([])
      .when({ ...registerCar, schema: { ...carSchema, typeCode: 'truck' } })
      .thenError('EQUIPMENT_INVALID')
  })

  it('a valid North-American check digit is recognised; devices carry serial numbers, not VINs', () => {
    const events = given([])
      .when({ ...registerCar, vin: '1M8GDM9AXKP042788' })
      .events()
    assert.equal(events[0]?.type === 'EquipmentRegistered' && events[0].data.vinCheckDigit, 'valid')
    const device: EquipmentCommand = {
      ...registerCar,
      equipmentId: 'eq-dev-1',
      equipmentKind: 'device',
      typeCode: 'compressor',
      schema: { typeCode: 'compressor', fields: [] },
      make: 'Atlas Copco',
      model: 'GX 5',
      vehicleClass: null,
      vin: null,
      registration: null,
      serialNumber: ' CAI-123456 ',
      customFields: {},
    }
    const [registered] = given([]).when(device).events()
    assert.equal(registered?.type === 'EquipmentRegistered' && registered.data.serialNumber, 'CAI-123456')
    given([])
      .when({ ...device, vin: '1M8GDM9AXKP042788' })
      .thenError('EQUIPMENT_INVALID')
  })

  it('custom fields, details, owner and service dates change; repeating the same values changes nothing', () => {
    given([carRegistered])
      .when({
        kind: 'SetEquipmentCustomFields',
        equipmentId,
        schema: carSchema,
        customFields: { fuel: 'hybrid', notes: 'winter set in hotel' },
      })
      .then([
        {
          type: 'EquipmentCustomFieldsSet',
          data: { equipmentId, customFields: { fuel: 'hybrid', notes: 'winter set in hotel' } },
        },
      ])
    given([carRegistered])
      .when({
        kind: 'SetEquipmentCustomFields',
        equipmentId,
        schema: carSchema,
        customFields: { notes: 'x'.repeat(21) },
      })
      .thenError('EQUIPMENT_INVALID')
    given([carRegistered])
      .when({ kind: 'ChangeEquipmentOwner', equipmentId, owner: { kind: 'fleet', fleetId: 'fleet-9' }, now })
      .then([
        {
          type: 'EquipmentOwnerChanged',
          data: {
            equipmentId,
            from: { kind: 'customer', customerId: 'cust-1' },
            to: { kind: 'fleet', fleetId: 'fleet-9' },
            at: now,
          },
        },
      ])
    given([carRegistered])
      .when({ kind: 'ChangeEquipmentOwner', equipmentId, owner: { kind: 'customer', customerId: 'cust-1' }, now })
      .then([])
    // The same owner with its keys in another order (as events read back from a store that sorts
    // them) is no change either.
    given([carRegistered])
      .when({ kind: 'ChangeEquipmentOwner', equipmentId, owner: { customerId: 'cust-1', kind: 'customer' }, now })
      .then([])
    const dates = {
      kind: 'SetServiceDates' as const,
      equipmentId,
      nextInspectionOn: '2027-03-01',
      warrantyEndsOn: null,
      insuranceEndsOn: '2026-12-31',
    }
    const state = given([carRegistered])
      .when(dates)
      .then([
        {
          type: 'EquipmentServiceDatesSet',
          data: { equipmentId, nextInspectionOn: '2027-03-01', warrantyEndsOn: null, insuranceEndsOn: '2026-12-31' },
        },
      ])
    assert.equal(state.serviceDates.insuranceEndsOn, '2026-12-31')
    given([carRegistered])
      .when({ ...dates, warrantyEndsOn: '31.12.2026' })
      .thenError('EQUIPMENT_INVALID')
    given([carRegistered])
      .when({ ...registerCar, kind: 'ChangeEquipmentDetails', model: 'Octavia Combi' })
      .then([
        {
          type: 'EquipmentDetailsChanged',
          data: {
            equipmentId,
            make: 'Škoda',
            model: 'Octavia Combi',
            vehicleClass: 'passenger',
            vin: 'TMBJG7NE8F0123456',
            vinCheckDigit: 'mismatch',
            registration: { plate: 'DW1AB23', country: 'PL' },
            serialNumber: null,
          },
        },
      ])
  })

  it('status follows legal transitions; scrapped is final and refuses everything', () => {
    const toService: EquipmentCommand = {
      kind: 'ChangeEquipmentStatus',
      equipmentId,
      to: 'in_service',
      workOrderId: 'wo-1',
      reason: null,
      now,
    }
    const inService: EquipmentEvent = {
      type: 'EquipmentStatusChanged',
      data: { equipmentId, from: 'at_customer', to: 'in_service', workOrderId: 'wo-1', reason: null, at: now },
    }
    given([carRegistered]).when(toService).then([inService])
    given([carRegistered, inService]).when(toService).then([]) // a retried policy
    given([carRegistered])
      .when({ ...toService, to: 'irreparable' })
      .thenError('ILLEGAL_EQUIPMENT_STATUS_TRANSITION', 'conflict')
    const irreparable: EquipmentEvent = {
      type: 'EquipmentStatusChanged',
      data: {
        equipmentId,
        from: 'in_service',
        to: 'irreparable',
        workOrderId: 'wo-1',
        reason: 'frame cracked',
        at: now,
      },
    }
    given([carRegistered, inService])
      .when({ ...toService, to: 'irreparable', reason: 'frame cracked' })
      .then([irreparable])
    const scrapped: EquipmentEvent = {
      type: 'EquipmentStatusChanged',
      data: { equipmentId, from: 'irreparable', to: 'scrapped', workOrderId: null, reason: null, at: now },
    }
    const history = [carRegistered, inService, irreparable, scrapped]
    given(history)
      .when({ ...toService, to: 'at_customer' })
      .thenError('EQUIPMENT_SCRAPPED', 'conflict')
    given(history)
      .when({ kind: 'RecordMileage', equipmentId, km: 1, odometerReplaced: false, workOrderId: null, now })
      .thenError('EQUIPMENT_SCRAPPED')
    given([]).when(toService).thenError('EQUIPMENT_NOT_FOUND', 'not_found')
  })
})

describe('equipment mileage', () => {
  const record = (km: number, odometerReplaced = false, at = now): EquipmentCommand => ({
    kind: 'RecordMileage',
    equipmentId,
    km,
    odometerReplaced,
    workOrderId: null,
    now: at,
  })

  it('is monotonic: a lower reading is refused unless an odometer replacement is flagged', () => {
    const history = [carRegistered, mileage(120_000, '2026-03-02T08:00:00.000Z')]
    given(history)
      .when(record(121_500))
      .then([mileage(121_500, now)])
    given(history).when(record(120_000)).then([]) // the same reading again
    const error = given(history).when(record(12_000)).thenError('MILEAGE_BELOW_LAST_READING', 'conflict')
    assert.match(error.message, /120000 km/)
    given(history)
      .when(record(120_500, false, '2026-03-01T08:00:00.000Z'))
      .thenError('MILEAGE_READING_OUT_OF_ORDER')
    given(history).when(record(-5)).thenError('EQUIPMENT_INVALID')
    given(history).when(record(1200.5)).thenError('EQUIPMENT_INVALID')
  })

  it('an odometer replacement restarts the odometer while the distance driven carries on', () => {
    const state = given([carRegistered, mileage(120_000, '2026-03-02T08:00:00.000Z')])
      .when(record(15, true))
      .then([mileage(15, now, true)])
    assert.equal(state.odometerOffsetKm, 119_985)
    assert.equal(state.mileage.at(-1)?.distanceKm, 120_000)
    const later = equipmentDecider.evolve(state, mileage(1015, '2026-05-01T10:00:00.000Z'))
    assert.equal(later.mileage.at(-1)?.distanceKm, 121_000)
  })

  it('tyre sets and devices have no odometer', () => {
    given([tyreSetRegistered])
      .when({ ...record(1000), equipmentId: 'eq-set-1' })
      .thenError('MILEAGE_NOT_APPLICABLE', 'conflict')
  })
})

describe('tyres on equipment', () => {
  const mount: Extract<EquipmentCommand, { kind: 'MountTyre' }> = {
    kind: 'MountTyre',
    equipmentId,
    tyreId: 'ty-1',
    position: 'FL',
    brand: ' Michelin ',
    model: 'Primacy 4',
    size: '205/55r16 91v',
    dotCode: 'DOT B6 W0 XLR 0524',
    season: 'summer',
    treadDepthMm: 8,
    mileageKm: null,
    now: '2026-03-02T09:00:00.000Z',
  }

  it('mounts a tyre with a canonical size and a parsed DOT date; the first tread reading is kept', () => {
    const state = given([carRegistered])
      .when(mount)
      .then([mounted('ty-1', 'FL')])
    assert.equal(state.positions.FL, 'ty-1')
    assert.deepEqual(
      state.tyres['ty-1']?.readings.map((r) => r.depthMm),
      [8],
    )
  })

  it('refuses a DOT code from the future, a bad week, a malformed size and an odd tread depth', () => {
    const error = given([carRegistered])
      .when({ ...mount, dotCode: '2026', size: '205/55 R16 91', treadDepthMm: 8.25 })
      .thenError('EQUIPMENT_INVALID')
    assert.deepEqual((error.fields ?? []).map((f) => f.path).sort(), ['dotCode', 'size', 'treadDepthMm'])
    given([carRegistered])
      .when({ ...mount, dotCode: '5424' })
      .thenError('EQUIPMENT_INVALID')
    // week 9 of 2026 began on 23 February: made before "now" (2 March), accepted
    given([carRegistered])
      .when({ ...mount, dotCode: '0926' })
      .events()
  })

  it('accepts a pre-2000 three-digit DOT code and marks it', () => {
    const [event] = given([carRegistered])
      .when({ ...mount, dotCode: '239' })
      .events()
    assert.deepEqual(event?.type === 'TyreMounted' && event.data.tyre.dot, {
      code: '239',
      week: 23,
      year: null,
      pre2000: true,
    })
  })

  it('a position holds one tyre; single and twin tyres exclude each other; twins only on vans and trucks', () => {
    given([carRegistered, mounted('ty-1', 'FL')])
      .when({ ...mount, tyreId: 'ty-2' })
      .thenError('WHEEL_POSITION_OCCUPIED', 'conflict')
    given([carRegistered, mounted('ty-1', 'FL')])
      .when({ ...mount, position: 'FR' })
      .thenError('TYRE_ALREADY_MOUNTED', 'conflict')
    given([carRegistered])
      .when({ ...mount, position: 'RLO' })
      .thenError('EQUIPMENT_INVALID')
    const van = [vanRegistered, mounted('ty-9', 'RL', undefined, 'eq-van-1')]
    given(van)
      .when({ ...mount, equipmentId: 'eq-van-1', position: 'RLO' })
      .thenError('WHEEL_POSITION_OCCUPIED')
    given([vanRegistered])
      .when({ ...mount, equipmentId: 'eq-van-1', position: 'RLI' })
      .events()
  })

  it('a mount with the odometer records the mileage too, and refuses one below the last reading', () => {
    const events = given([carRegistered, mileage(50_000, '2026-03-01T08:00:00.000Z')])
      .when({ ...mount, mileageKm: 50_100 })
      .events()
    assert.deepEqual(
      events.map((e) => e.type),
      ['EquipmentMileageRecorded', 'TyreMounted'],
    )
    given([carRegistered, mileage(50_000, '2026-03-01T08:00:00.000Z')])
      .when({ ...mount, mileageKm: 40_000 })
      .thenError('MILEAGE_BELOW_LAST_READING')
  })

  it('rotates tyres in one move, dismounts, and keeps the history of a dismounted tyre', () => {
    const history = [carRegistered, mounted('ty-1', 'FL'), mounted('ty-3', 'RL')]
    const rotated = given(history)
      .when({
        kind: 'RepositionTyres',
        equipmentId,
        moves: [
          { tyreId: 'ty-1', to: 'RL' },
          { tyreId: 'ty-3', to: 'FL' },
        ],
        now,
      })
      .then([
        {
          type: 'TyresRepositioned',
          data: {
            equipmentId,
            moves: [
              { tyreId: 'ty-1', from: 'FL', to: 'RL' },
              { tyreId: 'ty-3', from: 'RL', to: 'FL' },
            ],
            at: now,
          },
        },
      ])
    assert.deepEqual(rotated.positions, { RL: 'ty-1', FL: 'ty-3' })
    given(history)
      .when({ kind: 'RepositionTyres', equipmentId, moves: [{ tyreId: 'ty-1', to: 'RL' }], now })
      .thenError('WHEEL_POSITION_OCCUPIED')
    const off = given(history)
      .when({ kind: 'DismountTyre', equipmentId, tyreId: 'ty-1', reason: 'seasonal_swap', now })
      .then([
        {
          type: 'TyreDismounted',
          data: { equipmentId, tyreId: 'ty-1', position: 'FL', reason: 'seasonal_swap', at: now },
        },
      ])
    assert.equal(off.positions.FL, undefined)
    assert.equal(off.tyres['ty-1']?.readings.length, 1)
    given(history)
      .when({ kind: 'DismountTyre', equipmentId, tyreId: 'ty-7', reason: 'worn', now })
      .thenError('TYRE_NOT_MOUNTED', 'not_found')
  })

  it('records tread depths per position with the mileage, refusing empty positions and odd values', () => {
    const history = [
      carRegistered,
      mileage(60_000, '2026-03-01T08:00:00.000Z'),
      mounted('ty-1', 'FL'),
      mounted('ty-2', 'FR'),
    ]
    const state = given(history)
      .when({
        kind: 'RecordTreadDepths',
        equipmentId,
        readings: [
          { position: 'FL', depthMm: 6.4 },
          { position: 'FR', depthMm: 6.1 },
        ],
        mileageKm: 70_000,
        workOrderId: 'wo-1',
        now,
      })
      .then([
        mileage(70_000, now, false, 'wo-1'),
        {
          type: 'TreadDepthsMeasured',
          data: {
            equipmentId,
            readings: [
              { tyreId: 'ty-1', position: 'FL', depthMm: 6.4 },
              { tyreId: 'ty-2', position: 'FR', depthMm: 6.1 },
            ],
            mileageKm: 70_000,
            workOrderId: 'wo-1',
            at: now,
          },
        },
      ])
    assert.deepEqual(state.tyres['ty-1']?.readings.at(-1), {
      at: now,
      depthMm: 6.4,
      position: 'FL',
      odometerKm: 70_000,
      distanceKm: 70_000,
      workOrderId: 'wo-1',
    })
    given(history)
      .when({
        kind: 'RecordTreadDepths',
        equipmentId,
        readings: [{ position: 'RR', depthMm: 5 }],
        mileageKm: null,
        workOrderId: null,
        now,
      })
      .thenError('NO_TYRE_AT_POSITION', 'conflict')
    given(history)
      .when({
        kind: 'RecordTreadDepths',
        equipmentId,
        readings: [
          { position: 'FL', depthMm: 31 },
          { position: 'FL', depthMm: 5 },
        ],
        mileageKm: null,
        workOrderId: null,
        now,
      })
      .thenError('EQUIPMENT_INVALID')
  })

  it('devices have no tyres', () => {
    const device = {
      ...carRegistered,
      data: { ...carRegistered.data, kind: 'device', vehicleClass: null },
    } as EquipmentEvent
    given([device]).when(mount).thenError('TYRES_NOT_APPLICABLE', 'conflict')
  })
})

describe('recommendations on equipment', () => {
  const rec: Recommendation = {
    recommendationId: 'wo-1:L2',
    workOrderId: 'wo-1',
    lineId: 'L2',
    kind: 'part',
    description: 'Rear brake pads',
    sku: 'BRK-PAD-R',
    quantity: 1,
    unitPrice: { amountMinor: 24_000, currency: 'PLN' },
    minutes: null,
    hourlyRate: null,
    quotedNet: { amountMinor: 24_000, currency: 'PLN' },
    vatRatePercent: 23,
    defectCode: 'BRAKE_WEAR',
    raisedAt: '2026-03-02T12:00:00.000Z',
  }
  const recorded: EquipmentEvent = {
    type: 'EquipmentRecommendationsRecorded',
    data: { equipmentId, recommendations: [rec] },
  }

  it('records declined lines once (a policy retry is a no-op) and resolves them', () => {
    const state = given([carRegistered])
      .when({ kind: 'RecordRecommendations', equipmentId, recommendations: [rec] })
      .then([recorded])
    assert.deepEqual(
      openRecommendations(state).map((r) => r.recommendationId),
      ['wo-1:L2'],
    )
    given([carRegistered, recorded])
      .when({ kind: 'RecordRecommendations', equipmentId, recommendations: [rec] })
      .then([])
    const resolve: EquipmentCommand = {
      kind: 'ResolveRecommendation',
      equipmentId,
      recommendationId: 'wo-1:L2',
      resolution: 'done',
      workOrderId: 'wo-7',
      now,
    }
    const resolved = given([carRegistered, recorded])
      .when(resolve)
      .then([
        {
          type: 'EquipmentRecommendationResolved',
          data: { equipmentId, recommendationId: 'wo-1:L2', resolution: 'done', workOrderId: 'wo-7', at: now },
        },
      ])
    assert.equal(openRecommendations(resolved).length, 0)
    given([carRegistered, recorded])
      .when({ ...resolve, recommendationId: 'nope' })
      .thenError('RECOMMENDATION_NOT_FOUND', 'not_found')
  })
})
