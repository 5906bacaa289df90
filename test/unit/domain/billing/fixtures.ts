import type { CataloguePriceList, WorkDone } from '../../../../domain/billing/orderPricing.js'

export const catalogue: CataloguePriceList = {
  currency: 'PLN',
  labour: { ratePerHourMinor: 15_000, vatRatePercent: 23 },
  services: {
    'TYRE-CHANGE': { priceMinor: 25_000, vatRatePercent: 23 },
    INSPECTION: { priceMinor: 12_000, vatRatePercent: 23 },
    REPAIR: { priceMinor: 0, vatRatePercent: 23 },
    WASH: { priceMinor: 5_000, vatRatePercent: 8 },
  },
  goods: { VALVE: { priceMinor: 500, vatRatePercent: 23 } },
}

/** Work on eq-1 on 10 March 2026 touching every pricing rule. */
export const work: WorkDone = {
  orderId: 'wo-1',
  workDate: '2026-03-10',
  equipmentId: 'eq-1',
  services: [
    { code: 'TYRE-CHANGE', quantity: 1 },
    { code: 'INSPECTION', quantity: 1 },
    { code: 'REPAIR', quantity: 1 },
    { code: 'WASH', quantity: 1 },
  ],
  labour: [
    { serviceCode: 'REPAIR', minutes: 90 },
    { serviceCode: 'TYRE-CHANGE', minutes: 30 },
    { serviceCode: null, minutes: 20 },
  ],
  parts: [{ sku: 'VALVE', quantity: 4 }],
}
