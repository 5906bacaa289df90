// The network's equipment types: which kind of item each type code is and which custom fields its
// items carry (the schema the equipment decider validates against). Configuration, not events: a
// network adds a type or a field without a code change (RepairConfig.equipmentTypes), and the
// recorded values stay as they were validated. The defaults cover a tyre network's usual items.
import type { EquipmentTypeSchema } from '../../domain/equipment/customFields.js'
import type { EquipmentKind } from '../../domain/equipment/events.js'
import type { VehicleClass } from '../../domain/service-network/capabilities.js'

export interface EquipmentTypeDefinition {
  readonly typeCode: string
  readonly kind: EquipmentKind
  readonly names: Readonly<{ pl: string; en: string }>
  /** The class a vehicle of this type gets when the caller names none. */
  readonly defaultVehicleClass: VehicleClass | null
  readonly schema: EquipmentTypeSchema
}

const FUEL = ['petrol', 'diesel', 'lpg', 'hybrid', 'electric'] as const
const vehicleFields = [
  { key: 'fuel', type: 'choice', required: false, options: FUEL },
  { key: 'engineCc', type: 'integer', required: false, min: 50, max: 20_000 },
  { key: 'firstRegisteredOn', type: 'date', required: false },
  { key: 'colour', type: 'text', required: false, maxLength: 40 },
  { key: 'tpms', type: 'boolean', required: false },
] as const

const type = (
  typeCode: string,
  kind: EquipmentKind,
  pl: string,
  en: string,
  defaultVehicleClass: VehicleClass | null,
  fields: EquipmentTypeSchema['fields'],
): EquipmentTypeDefinition => ({ typeCode, kind, names: { pl, en }, defaultVehicleClass, schema: { typeCode, fields } })

export const DEFAULT_EQUIPMENT_TYPES: ReadonlyArray<EquipmentTypeDefinition> = [
  type('passenger_car', 'vehicle', 'Samochód osobowy', 'Passenger car', 'passenger', vehicleFields),
  type('suv', 'vehicle', 'SUV', 'SUV', 'suv', vehicleFields),
  type('van', 'vehicle', 'Samochód dostawczy', 'Van', 'van', [
    ...vehicleFields,
    { key: 'payloadKg', type: 'integer', required: false, min: 100, max: 10_000 },
  ]),
  type('truck', 'vehicle', 'Samochód ciężarowy', 'Truck', 'truck', [
    ...vehicleFields,
    { key: 'axles', type: 'integer', required: false, min: 2, max: 6 },
    { key: 'payloadKg', type: 'integer', required: false, min: 1_000, max: 60_000 },
  ]),
  // A stored set of tyres, with or without rims (the tyre hotel).
  type('wheel_set', 'tyre_set', 'Komplet kół/opon', 'Wheel/tyre set', null, [
    { key: 'withRims', type: 'boolean', required: false },
    { key: 'rimMaterial', type: 'choice', required: false, options: ['steel', 'alloy'] },
    { key: 'storageLocation', type: 'text', required: false, maxLength: 60 },
  ]),
  type('compressor', 'device', 'Kompresor', 'Compressor', null, [
    { key: 'tankLitres', type: 'integer', required: false, min: 1, max: 2_000 },
    { key: 'maxPressureBar', type: 'number', required: false, min: 1, max: 50 },
  ]),
  type('device', 'device', 'Urządzenie', 'Device', null, [{ key: 'description', type: 'text', required: false }]),
]
