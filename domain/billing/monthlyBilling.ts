// What a contract charges for one calendar month: its monthly fees and the month's usage of its
// hourly and tiered services. Pure, so the application can also preview a month (and allocate an
// invoice number only when there will be an invoice).
//
// - The month is the contract's calendar month (its time zone); only the days the contract is in
//   force count.
// - One version of the terms per month: the terms in force on the month's first day of validity
//   (amendments start on the 1st, see contract/contractDecider.ts).
// - A monthly fee for part of a month is prorated by days: fee · days / days in month, rounded
//   half up. Free hours are not prorated: a contract starting on the 20th has its full allowance.
// - Fixed-price and catalogue-discount services are billed per order, not here.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import { type ContractState, termsOn } from '../contract/contractTimeline.js'
import { MAX_MINUTES } from '../contract/priceList.js'
import { type DomainError, domainError } from '../shared/decider.js'
import type { LocalDate } from '../shared/localTime.js'
import type { FieldProblem } from '../shared/validation.js'
import {
  daysInclusive,
  daysInMonth,
  earlierEnd,
  firstDayOf,
  lastDayOf,
  laterDate,
  type YearMonth,
} from '../shared/yearMonth.js'
import { type InvoiceLine, type InvoiceTotals, invoiceLine, invoiceTotals } from './invoice.js'
import type { UsageMinutes } from './orderPricing.js'
import { mulDivRoundHalfUp } from './rounding.js'
import { priceUsage } from './tieredPricing.js'

export interface MonthCharges {
  /** The days of the month the contract was in force (inclusive), or null: none. */
  readonly period: { readonly from: LocalDate; readonly to: LocalDate } | null
  /** The month's usage per service, summed. */
  readonly usage: ReadonlyArray<UsageMinutes>
  readonly lines: ReadonlyArray<InvoiceLine>
  readonly totals: InvoiceTotals
}

export function billMonth(
  contract: ContractState,
  month: YearMonth,
  usage: ReadonlyArray<UsageMinutes>,
): Either<DomainError, MonthCharges> {
  if (contract.status === 'none') return left(domainError('not_found', 'CONTRACT_NOT_FOUND', 'no such contract'))
  const first = firstDayOf(month)
  const last = lastDayOf(month)
  const from = laterDate(contract.validFrom, first)
  const to = earlierEnd(contract.validTo, last) as LocalDate
  const onFirstDay = from <= to ? termsOn(contract, from) : null
  const summed = new Map<string, number>()
  const problems: FieldProblem[] = []
  usage.forEach((u, i) => {
    if (!(Number.isInteger(u.minutes) && u.minutes >= 0 && u.minutes <= MAX_MINUTES))
      problems.push({ path: `usage[${i}].minutes`, message: `must be 0 to ${MAX_MINUTES} whole minutes` })
    const term = onFirstDay?.terms.priceList.find((l) => l.serviceCode === u.serviceCode)?.term
    if (term?.kind !== 'hourly' && term?.kind !== 'tiered_hours')
      problems.push({
        path: `usage[${i}].serviceCode`,
        message: `${u.serviceCode} is not billed by the hour under this contract in ${month}`,
      })
    summed.set(u.serviceCode, (summed.get(u.serviceCode) ?? 0) + u.minutes)
  })
  if (problems.length > 0)
    return left(
      domainError('invalid', 'BILLING_USAGE_INVALID', 'the month’s usage does not fit the contract', problems),
    )
  const summedUsage = [...summed].map(([serviceCode, minutes]) => ({ serviceCode, minutes }))
  if (onFirstDay === null) return right({ period: null, usage: summedUsage, lines: [], totals: invoiceTotals([]) })

  const days = daysInclusive(from, to)
  const monthDays = daysInMonth(month)
  const lines: InvoiceLine[] = []
  for (const priced of onFirstDay.terms.priceList) {
    const { term, serviceCode: code, vatRatePercent } = priced
    const common = { code, equipmentId: null, discountBasisPoints: 0, vatRatePercent }
    if (term.kind === 'flat_monthly') {
      const partial = days < monthDays
      lines.push(
        invoiceLine({
          ...common,
          kind: 'monthly_fee',
          basis: 'contract_fee',
          quantity: 1,
          unit: 'month',
          unitPriceMinor: term.monthlyFeeMinor,
          proration: partial ? { days, daysInMonth: monthDays } : null,
          amountMinor: partial ? mulDivRoundHalfUp(term.monthlyFeeMinor, days, monthDays) : term.monthlyFeeMinor,
        }),
      )
    } else if (term.kind === 'hourly' || term.kind === 'tiered_hours') {
      for (const tier of priceUsage(term, summed.get(code) ?? 0).tiers)
        lines.push(
          invoiceLine({
            ...common,
            kind: 'usage',
            basis: 'contract_usage',
            tier: tier.tier,
            quantity: tier.minutes,
            unit: 'minute',
            unitPriceMinor: tier.ratePerHourMinor,
            amountMinor: tier.amountMinor,
          }),
        )
    }
  }
  return right({ period: { from, to }, usage: summedUsage, lines, totals: invoiceTotals(lines) })
}
