// The price of a month's usage of one service under an hourly or tiered term.
//
// Time is counted in whole minutes. The month's minutes are first rounded UP to the term's
// increment (15 → every started quarter hour is billed), once for the month's total, not per job:
// the customer pays at most one partial increment a month per service. The billable minutes then
// fall into tiers:
//
//   free        [0, freeMinutes)                       at 0
//   standard    [freeMinutes, limitMinutes)            at ratePerHourMinor
//   above_limit [limitMinutes, ∞)                      at aboveLimitRatePerHourMinor
//
// (an hourly term is one standard tier from 0). Each tier's amount is minutes · rate / 60 rounded
// half up to a minor unit, so every tier is an invoice line whose amount the customer can check,
// and the lines add up to the total. The price is monotonic in the minutes: each tier's minutes,
// and so its rounded amount, never decrease as usage grows.
import type { UsageTerm } from '../contract/priceList.js'
import { mulDivRoundHalfUp } from './rounding.js'

export type Tier = 'free' | 'standard' | 'above_limit'

export interface TierCharge {
  readonly tier: Tier
  readonly minutes: number
  readonly ratePerHourMinor: number
  readonly amountMinor: number
}

export interface UsagePrice {
  readonly usedMinutes: number
  readonly billableMinutes: number
  /** Tiers with minutes in them, in order. */
  readonly tiers: ReadonlyArray<TierCharge>
  readonly amountMinor: number
}

/** Minutes rounded up to a whole number of increments. */
export function billableMinutes(minutes: number, incrementMinutes: number): number {
  return Math.ceil(minutes / incrementMinutes) * incrementMinutes
}

const charge = (tier: Tier, minutes: number, ratePerHourMinor: number): TierCharge => ({
  tier,
  minutes,
  ratePerHourMinor,
  amountMinor: mulDivRoundHalfUp(minutes, ratePerHourMinor, 60),
})

/** The price of `minutes` (a non-negative whole number) used in one month under `term`. */
export function priceUsage(term: UsageTerm, minutes: number): UsagePrice {
  const billable = billableMinutes(minutes, term.roundingIncrementMinutes)
  const all: TierCharge[] =
    term.kind === 'hourly'
      ? [charge('standard', billable, term.ratePerHourMinor)]
      : [
          charge('free', Math.min(billable, term.freeMinutes), 0),
          charge(
            'standard',
            Math.min(Math.max(billable - term.freeMinutes, 0), term.limitMinutes - term.freeMinutes),
            term.ratePerHourMinor,
          ),
          charge('above_limit', Math.max(billable - term.limitMinutes, 0), term.aboveLimitRatePerHourMinor),
        ]
  const tiers = all.filter((t) => t.minutes > 0)
  return {
    usedMinutes: minutes,
    billableMinutes: billable,
    tiers,
    amountMinor: tiers.reduce((sum, t) => sum + t.amountMinor, 0),
  }
}
