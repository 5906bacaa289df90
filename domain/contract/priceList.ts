// A contract's price list: one price term per covered service, of one of these kinds (mixable:
// tyre changes at a fixed price, inspections under a monthly fee, repairs by the hour…):
//
// - flat_monthly: a fee per month, however much of the service is done (prorated by days in the
//   first and last month, see billing/monthlyBilling.ts);
// - hourly: a rate per hour of labour;
// - tiered_hours: N free hours a month, then X per hour up to a limit, then Y per hour above it
//   (the limit counts from zero, like the free hours: free 10 h, limit 40 h = 30 h at X);
// - fixed_price: a price per service done, whatever the time it takes (service packages);
// - catalogue_discount: the catalogue's price less the customer's percentage.
//
// The contract-wide `discount` applies to what is priced from the catalogue without a term of its
// own (parts, services and labour the contract does not cover); prices agreed in the contract are
// already the customer's own and are not discounted again.
//
// Amounts are integer minor units in the contract's currency; time is whole minutes (so that
// 7.5 free hours need no fractions). Partial hours: usage is rounded UP to the term's rounding
// increment (1 = exact minutes, 15 = started quarter hours), then priced per minute at rate/60,
// each tier's amount rounded half up to a minor unit (see billing/tieredPricing.ts).
import * as t from 'io-ts'
import type { FieldProblem } from '../shared/validation.js'

export const PriceTerm = t.union([
  t.type({ kind: t.literal('flat_monthly'), monthlyFeeMinor: t.number }),
  t.type({ kind: t.literal('hourly'), ratePerHourMinor: t.number, roundingIncrementMinutes: t.number }),
  t.type({
    kind: t.literal('tiered_hours'),
    freeMinutes: t.number,
    ratePerHourMinor: t.number,
    limitMinutes: t.number,
    aboveLimitRatePerHourMinor: t.number,
    roundingIncrementMinutes: t.number,
  }),
  t.type({ kind: t.literal('fixed_price'), pricePerServiceMinor: t.number }),
  t.type({ kind: t.literal('catalogue_discount'), discountBasisPoints: t.number }),
])
export type PriceTerm = t.TypeOf<typeof PriceTerm>
export type UsageTerm = Extract<PriceTerm, { kind: 'hourly' | 'tiered_hours' }>

export const PriceLine = t.type({ serviceCode: t.string, term: PriceTerm, vatRatePercent: t.number })
export type PriceLine = t.TypeOf<typeof PriceLine>

/** The customer's discounts in basis points (1250 = 12.5 %) on catalogue prices: services and labour, and parts. */
export const Discount = t.type({ servicesBasisPoints: t.number, partsBasisPoints: t.number })
export type Discount = t.TypeOf<typeof Discount>
export const NO_DISCOUNT: Discount = { servicesBasisPoints: 0, partsBasisPoints: 0 }

/**
 * Bounds that keep every product of minutes and rates a safe integer (10^7 · 10^8 < 2^53):
 * 1,000,000.00 per hour or per month, 10 million minutes (19 years) of usage in a month.
 */
export const MAX_AMOUNT_MINOR = 100_000_000
export const MAX_MINUTES = 10_000_000

const SERVICE_CODE = /^[A-Z0-9][A-Z0-9_.-]{0,39}$/
export const serviceCodeProblems = (code: string, path: string): FieldProblem[] =>
  SERVICE_CODE.test(code) ? [] : [{ path, message: 'must be a service code: 1-40 capitals, digits, _ . -' }]

const amount = (value: number, path: string): FieldProblem[] =>
  Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT_MINOR
    ? []
    : [{ path, message: `must be a whole number of minor units from 0 to ${MAX_AMOUNT_MINOR}` }]

const minutes = (value: number, path: string): FieldProblem[] =>
  Number.isSafeInteger(value) && value >= 0 && value <= MAX_MINUTES
    ? []
    : [{ path, message: `must be a whole number of minutes from 0 to ${MAX_MINUTES}` }]

const increment = (value: number, path: string): FieldProblem[] =>
  Number.isInteger(value) && value >= 1 && value <= 60
    ? []
    : [{ path, message: 'must be 1 to 60 minutes (1 = exact minutes, 15 = started quarter hours)' }]

export function priceTermProblems(term: PriceTerm, path: string): FieldProblem[] {
  switch (term.kind) {
    case 'flat_monthly':
      return amount(term.monthlyFeeMinor, `${path}.monthlyFeeMinor`)
    case 'fixed_price':
      return amount(term.pricePerServiceMinor, `${path}.pricePerServiceMinor`)
    case 'catalogue_discount':
      return basisPoints(term.discountBasisPoints, `${path}.discountBasisPoints`)
    case 'hourly':
      return [
        ...amount(term.ratePerHourMinor, `${path}.ratePerHourMinor`),
        ...increment(term.roundingIncrementMinutes, `${path}.roundingIncrementMinutes`),
      ]
    case 'tiered_hours': {
      const p = [
        ...minutes(term.freeMinutes, `${path}.freeMinutes`),
        ...minutes(term.limitMinutes, `${path}.limitMinutes`),
        ...amount(term.ratePerHourMinor, `${path}.ratePerHourMinor`),
        ...amount(term.aboveLimitRatePerHourMinor, `${path}.aboveLimitRatePerHourMinor`),
        ...increment(term.roundingIncrementMinutes, `${path}.roundingIncrementMinutes`),
      ]
      if (p.length === 0 && term.limitMinutes < term.freeMinutes)
        p.push({
          path: `${path}.limitMinutes`,
          message: `the tier limit (${term.limitMinutes} min) must not be below the free minutes (${term.freeMinutes} min)`,
        })
      return p
    }
  }
}

function basisPoints(value: number, path: string): FieldProblem[] {
  return Number.isInteger(value) && value >= 0 && value <= 10_000
    ? []
    : [{ path, message: 'must be basis points from 0 to 10000 (1250 = 12.5 %)' }]
}

export function discountProblems(discount: Discount, path: string): FieldProblem[] {
  return [
    ...basisPoints(discount.servicesBasisPoints, `${path}.servicesBasisPoints`),
    ...basisPoints(discount.partsBasisPoints, `${path}.partsBasisPoints`),
  ]
}

export const vatRateProblems = (rate: number, path: string): FieldProblem[] =>
  Number.isInteger(rate) && rate >= 0 && rate <= 100
    ? []
    : [{ path, message: 'must be a whole VAT percentage such as 23' }]
