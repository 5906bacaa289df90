// Contract terms for tests: a price line per service, no discount, an SLA in calendar hours.
import type { PriceTerm } from '../../../../domain/contract/priceList.js'
import type { ContractTerms } from '../../../../domain/contract/terms.js'

export const SLA = {
  clock: { kind: 'calendar_hours' as const },
  targets: {
    critical: { reactionMinutes: 30, resolutionMinutes: 240 },
    high: { reactionMinutes: 60, resolutionMinutes: 480 },
    normal: { reactionMinutes: 120, resolutionMinutes: 1440 },
    low: { reactionMinutes: 480, resolutionMinutes: 4320 },
  },
  headOfficeEscalationAfterMinutes: 60,
}

export const fixedPrice = (pricePerServiceMinor: number): PriceTerm => ({ kind: 'fixed_price', pricePerServiceMinor })
export const tiered = (freeMinutes: number, limitMinutes: number): PriceTerm => ({
  kind: 'tiered_hours',
  freeMinutes,
  ratePerHourMinor: 12_000,
  limitMinutes,
  aboveLimitRatePerHourMinor: 18_000,
  roundingIncrementMinutes: 15,
})

export function terms(
  equipmentIds: string[],
  prices: Record<string, PriceTerm>,
  extra: Partial<ContractTerms> = {},
): ContractTerms {
  return {
    coverage: { equipmentIds, serviceCodes: Object.keys(prices) },
    priceList: Object.entries(prices).map(([serviceCode, term]) => ({ serviceCode, term, vatRatePercent: 23 })),
    discount: { servicesBasisPoints: 0, partsBasisPoints: 0 },
    sla: SLA,
    schedule: [],
    ...extra,
  }
}
