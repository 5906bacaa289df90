// A few catalogue items of a tyre-service network, for the read-model tests.
import type { GoodsDefinition, ServiceDefinition } from '../../../../../domain/service-network/events.js'

export const PLN = (zl: number) => ({ amountMinor: zl * 100, currency: 'PLN' })

export const seasonalChange: ServiceDefinition = {
  code: 'TYRE-CHANGE',
  names: { pl: 'Sezonowa wymiana opon', en: 'Seasonal tyre change' },
  baseMinutes: 40,
  durationRules: [{ vehicleClass: 'van', wheels: null, minutes: 60 }],
  price: PLN(120),
  vatRatePercent: 23,
  requiredFeatures: [],
  requiredSkill: 'tyre_fitting',
}
export const runFlat: ServiceDefinition = {
  code: 'RUNFLAT-FIT',
  names: { pl: 'Montaż opon run-flat', en: 'Run-flat fitting' },
  baseMinutes: 60,
  durationRules: [],
  price: PLN(200),
  vatRatePercent: 23,
  requiredFeatures: ['run_flat'],
  requiredSkill: 'run_flat',
}
export const valve: GoodsDefinition = {
  sku: 'VALVE-TR414',
  kind: 'valve',
  names: { pl: 'Zawór TR414', en: 'Valve TR414' },
  price: PLN(5),
  vatRatePercent: 23,
}
export const sensor: GoodsDefinition = {
  sku: 'TPMS-433',
  kind: 'tpms_sensor',
  names: { pl: 'Czujnik ciśnienia', en: 'TPMS sensor' },
  price: PLN(180),
  vatRatePercent: 23,
}
