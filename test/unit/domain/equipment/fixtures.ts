// A registered passenger car and a van for the equipment tests.
import type { EquipmentCommand } from '../../../../domain/equipment/commands.js'
import type { EquipmentTypeSchema } from '../../../../domain/equipment/customFields.js'
import type { EquipmentEvent } from '../../../../domain/equipment/events.js'

export const carSchema: EquipmentTypeSchema = {
  typeCode: 'passenger_car',
  fields: [
    { key: 'fuel', type: 'choice', required: true, options: ['petrol', 'diesel', 'electric', 'hybrid'] },
    { key: 'engineCc', type: 'integer', required: false, min: 50, max: 10000 },
    { key: 'firstRegisteredOn', type: 'date', required: false },
    { key: 'tpms', type: 'boolean', required: false },
    { key: 'notes', type: 'text', required: false, maxLength: 20 },
  ],
}

export const registerCar: Extract<EquipmentCommand, { kind: 'RegisterEquipment' }> = {
  kind: 'RegisterEquipment',
  equipmentId: 'eq-car-1',
  equipmentKind: 'vehicle',
  typeCode: 'passenger_car',
  schema: carSchema,
  make: 'Škoda',
  model: 'Octavia',
  vehicleClass: 'passenger',
  vin: 'tmb jg7ne 8 f0123456',
  registration: { plate: 'dw 1ab23', country: 'PL' },
  serialNumber: null,
  owner: { kind: 'customer', customerId: 'cust-1' },
  customFields: { fuel: 'diesel', engineCc: 1968, tpms: true, notes: '  ' },
  status: 'at_customer',
  pointId: 'wro-1',
  now: '2026-03-02T08:00:00.000Z',
}

export const carRegistered: EquipmentEvent = {
  type: 'EquipmentRegistered',
  data: {
    equipmentId: 'eq-car-1',
    kind: 'vehicle',
    typeCode: 'passenger_car',
    make: 'Škoda',
    model: 'Octavia',
    vehicleClass: 'passenger',
    vin: 'TMBJG7NE8F0123456',
    vinCheckDigit: 'mismatch',
    registration: { plate: 'DW1AB23', country: 'PL' },
    serialNumber: null,
    owner: { kind: 'customer', customerId: 'cust-1' },
    customFields: { fuel: 'diesel', engineCc: 1968, tpms: true },
    status: 'at_customer',
    pointId: 'wro-1',
    registeredAt: '2026-03-02T08:00:00.000Z',
  },
}

export const vanRegistered: EquipmentEvent = {
  type: 'EquipmentRegistered',
  data: {
    ...carRegistered.data,
    equipmentId: 'eq-van-1',
    typeCode: 'van',
    make: 'Iveco',
    model: 'Daily',
    vehicleClass: 'van',
    vin: null,
    vinCheckDigit: null,
    registration: { plate: 'WX12345', country: 'PL' },
    owner: { kind: 'fleet', fleetId: 'fleet-1' },
    customFields: {},
  } as Extract<EquipmentEvent, { type: 'EquipmentRegistered' }>['data'],
}

export const tyreSetRegistered: EquipmentEvent = {
  type: 'EquipmentRegistered',
  data: {
    ...carRegistered.data,
    equipmentId: 'eq-set-1',
    kind: 'tyre_set',
    typeCode: 'wheel_set',
    make: 'Dębica',
    model: 'Frigo HP2 on steel rims',
    vehicleClass: 'passenger',
    vin: null,
    vinCheckDigit: null,
    registration: null,
    customFields: {},
    status: 'on_site',
  } as Extract<EquipmentEvent, { type: 'EquipmentRegistered' }>['data'],
}

export const mileage = (
  km: number,
  at: string,
  odometerReplaced = false,
  workOrderId: string | null = null,
): EquipmentEvent => ({
  type: 'EquipmentMileageRecorded',
  data: { equipmentId: 'eq-car-1', km, odometerReplaced, workOrderId, at },
})

export const mounted = (
  tyreId: string,
  position: 'FL' | 'FR' | 'RL' | 'RR' | 'SPARE' | 'RLO' | 'RLI',
  at = '2026-03-02T09:00:00.000Z',
  equipmentId = 'eq-car-1',
): EquipmentEvent => ({
  type: 'TyreMounted',
  data: {
    equipmentId,
    tyre: {
      tyreId,
      brand: 'Michelin',
      model: 'Primacy 4',
      size: '205/55 R16 91V',
      dot: { code: '0524', week: 5, year: 2024, pre2000: false },
      season: 'summer',
    },
    position,
    treadDepthMm: 8,
    mileageKm: null,
    at,
  },
})
