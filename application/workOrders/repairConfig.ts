// What the repair side takes from configuration rather than from events: equipment types and
// their fields, the checklists and the defect catalogue per equipment type (the "service paths"),
// the statuses each point adds to the lifecycle, the labour rate for work not in the catalogue,
// and how long access codes live. The defaults below fit a tyre network; a network overrides
// any part (composition passes a RepairConfig), and the recorded events keep what was configured
// when they were decided (labels, prices), so a later change never rewrites history.

import type { Money } from '../../domain/shared/money.js'
import type { CustomStatusDefinition, DefectDefinition } from '../../domain/work-order/commands.js'
import type { Checklist } from '../../domain/work-order/events.js'
import { DEFAULT_EQUIPMENT_TYPES, type EquipmentTypeDefinition } from '../equipment/equipmentTypes.js'
import { type AccessLockPolicy, DEFAULT_ACCESS_LOCK_POLICY } from './accessLock.js'

export interface RepairConfig {
  readonly equipmentTypes: ReadonlyArray<EquipmentTypeDefinition>
  /** Checklists offered per equipment type code; the first is the one assigned on opening. */
  readonly checklists: Readonly<Record<string, ReadonlyArray<Checklist>>>
  /** Defects (with their known causes) per equipment type code. */
  readonly defects: Readonly<Record<string, ReadonlyArray<DefectDefinition>>>
  /** Statuses every point has on top of the built-in lifecycle. */
  readonly networkStatuses: ReadonlyArray<CustomStatusDefinition>
  /** A point's own additional statuses, by pointId. */
  readonly pointStatuses: Readonly<Record<string, ReadonlyArray<CustomStatusDefinition>>>
  /** Net hourly rate of labour that is not a catalogue service (diagnosis, extra work). */
  readonly labourHourlyRate: Money
  readonly labourVatRatePercent: number
  /** How long the estimate link's code works after sending. */
  readonly estimateCodeValidDays: number
  /** How long after an order closes its tracking code still opens the status page. */
  readonly trackingDaysAfterClose: number
  readonly accessLock: AccessLockPolicy
  /** The custom status the reservation policy enters when parts are missing (if the point has it). */
  readonly waitingForPartsStatus: string
}

const items = (...labels: Array<[string, string]>) => labels.map(([itemId, label]) => ({ itemId, label }))

const VEHICLE_CHECKLISTS: Checklist[] = [
  {
    checklistId: 'wheels-and-tyres',
    name: 'Koła i opony',
    items: items(
      ['tread-fl', 'Bieżnik przód lewy'],
      ['tread-fr', 'Bieżnik przód prawy'],
      ['tread-rl', 'Bieżnik tył lewy'],
      ['tread-rr', 'Bieżnik tył prawy'],
      ['sidewalls', 'Boki opon (pęknięcia, wybrzuszenia)'],
      ['pressure', 'Ciśnienie w oponach'],
      ['valves', 'Zawory'],
      ['rims', 'Felgi (bicie, pęknięcia)'],
      ['tpms', 'Czujniki TPMS'],
      ['bolts', 'Śruby kół (moment dokręcenia)'],
      ['brakes-visual', 'Hamulce (oględziny)'],
      ['spare', 'Koło zapasowe / zestaw naprawczy'],
    ),
  },
]

const VEHICLE_DEFECTS: DefectDefinition[] = [
  {
    code: 'TREAD_WORN',
    label: 'Zużyty bieżnik',
    causes: [
      { code: 'normal_wear', label: 'Normalne zużycie' },
      { code: 'misalignment', label: 'Zła geometria (zużycie jednostronne)' },
      { code: 'underinflation', label: 'Za niskie ciśnienie' },
      { code: 'overinflation', label: 'Za wysokie ciśnienie' },
    ],
  },
  {
    code: 'SIDEWALL_DAMAGE',
    label: 'Uszkodzony bok opony',
    causes: [
      { code: 'kerb_impact', label: 'Uderzenie w krawężnik' },
      { code: 'run_flat', label: 'Jazda bez powietrza' },
      { code: 'ageing', label: 'Starzenie gumy' },
    ],
  },
  {
    code: 'PUNCTURE',
    label: 'Przebicie',
    causes: [
      { code: 'nail_screw', label: 'Gwóźdź / wkręt' },
      { code: 'valve_leak', label: 'Nieszczelny zawór' },
      { code: 'bead_leak', label: 'Nieszczelność na stopce' },
    ],
  },
  {
    code: 'RIM_DAMAGE',
    label: 'Uszkodzona felga',
    causes: [
      { code: 'pothole', label: 'Dziura w drodze' },
      { code: 'kerb_impact', label: 'Uderzenie w krawężnik' },
      { code: 'corrosion', label: 'Korozja' },
    ],
  },
  {
    code: 'VIBRATION',
    label: 'Drgania przy prędkości',
    causes: [
      { code: 'imbalance', label: 'Niewyważone koło' },
      { code: 'bent_rim', label: 'Krzywa felga' },
      { code: 'tyre_defect', label: 'Wada opony' },
    ],
  },
  {
    code: 'TPMS_FAULT',
    label: 'Błąd TPMS',
    causes: [
      { code: 'sensor_battery', label: 'Bateria czujnika' },
      { code: 'sensor_damaged', label: 'Uszkodzony czujnik' },
      { code: 'not_learned', label: 'Czujnik nie przyuczony' },
    ],
  },
  {
    code: 'BRAKE_WEAR',
    label: 'Zużyte hamulce',
    causes: [{ code: 'normal_wear', label: 'Normalne zużycie' }],
  },
]

const SET_CHECKLISTS: Checklist[] = [
  {
    checklistId: 'stored-set',
    name: 'Komplet do przechowania',
    items: items(
      ['tread', 'Bieżnik każdej opony'],
      ['sidewalls', 'Boki opon'],
      ['rims', 'Felgi'],
      ['dot', 'Wiek opon (DOT)'],
      ['cleaned', 'Umyte przed przechowaniem'],
    ),
  },
]
const SET_DEFECTS = VEHICLE_DEFECTS.filter((d) => ['TREAD_WORN', 'SIDEWALL_DAMAGE', 'RIM_DAMAGE'].includes(d.code))

const DEVICE_CHECKLISTS: Checklist[] = [
  {
    checklistId: 'device-check',
    name: 'Przegląd urządzenia',
    items: items(
      ['power', 'Zasilanie i włączanie'],
      ['leaks', 'Szczelność'],
      ['safety-valve', 'Zawór bezpieczeństwa'],
      ['gauges', 'Manometry / wskazania'],
    ),
  },
]
const DEVICE_DEFECTS: DefectDefinition[] = [
  { code: 'NO_POWER', label: 'Nie włącza się', causes: [{ code: 'electrical', label: 'Usterka elektryczna' }] },
  {
    code: 'AIR_LEAK',
    label: 'Nieszczelność',
    causes: [
      { code: 'hose', label: 'Wąż' },
      { code: 'fitting', label: 'Złączka' },
    ],
  },
  { code: 'PRESSURE_SWITCH', label: 'Wyłącznik ciśnieniowy', causes: [] },
]

const forTypes = <T>(codes: string[], value: T): Record<string, T> =>
  Object.fromEntries(codes.map((code) => [code, value]))

const VEHICLES = ['passenger_car', 'suv', 'van', 'truck']
const DEVICES = ['compressor', 'device']

export const DEFAULT_REPAIR_CONFIG: RepairConfig = {
  equipmentTypes: DEFAULT_EQUIPMENT_TYPES,
  checklists: {
    ...forTypes(VEHICLES, VEHICLE_CHECKLISTS),
    wheel_set: SET_CHECKLISTS,
    ...forTypes(DEVICES, DEVICE_CHECKLISTS),
  },
  defects: { ...forTypes(VEHICLES, VEHICLE_DEFECTS), wheel_set: SET_DEFECTS, ...forTypes(DEVICES, DEVICE_DEFECTS) },
  networkStatuses: [
    { code: 'waiting_for_parts', label: 'Czeka na części' },
    { code: 'question_to_customer', label: 'Pytanie do klienta' },
  ],
  pointStatuses: {},
  labourHourlyRate: { amountMinor: 16_000, currency: 'PLN' },
  labourVatRatePercent: 23,
  estimateCodeValidDays: 7,
  trackingDaysAfterClose: 30,
  accessLock: DEFAULT_ACCESS_LOCK_POLICY,
  waitingForPartsStatus: 'waiting_for_parts',
}

/** The statuses a point may use: the network's, then its own (its own win on the same code). */
export function statusesOf(config: RepairConfig, pointId: string): CustomStatusDefinition[] {
  const own = config.pointStatuses[pointId] ?? []
  return [...config.networkStatuses.filter((s) => !own.some((o) => o.code === s.code)), ...own]
}

export function equipmentTypeOf(config: RepairConfig, typeCode: string): EquipmentTypeDefinition | undefined {
  return config.equipmentTypes.find((t) => t.typeCode === typeCode)
}
