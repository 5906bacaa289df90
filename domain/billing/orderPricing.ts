// Pricing the work done on one order (services, labour minutes, parts) under the contract that
// applies to it, or the catalogue when none does.
//
// A contract applies when the application found one in force on the work date (`contractAsOf`)
// and it covers the order's vehicle. Then, per service:
// - covered, fixed_price           → the package price per service done;
// - covered, catalogue_discount    → the catalogue price less the term's discount;
// - covered, flat_monthly          → included (0): the monthly fee pays for it;
// - covered, hourly / tiered_hours → 0 here: its labour minutes are returned as `deferredUsage`
//                                    and priced in the month's billing run, where the tiers apply
//                                    to the month's total (see tieredPricing.ts);
// - not covered                    → the catalogue price less the contract's services discount.
// Labour minutes go with their service: deferred (usage), included (fee, package, or a service
// priced from the catalogue, whose price includes its labour), or, when attached to no priced
// service, at the catalogue's labour rate less the services discount. Parts are priced from the
// catalogue less the contract's parts discount. Without a contract: catalogue prices, no discounts.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { ContractOnDate } from '../contract/contractTimeline.js'
import { priceLineFor } from '../contract/terms.js'
import { type DomainError, domainError } from '../shared/decider.js'
import type { LocalDate } from '../shared/localTime.js'
import type { FieldProblem } from '../shared/validation.js'
import { type InvoiceLine, type InvoiceTotals, invoiceLine, invoiceTotals } from './invoice.js'
import { mulDivRoundHalfUp } from './rounding.js'

export interface CataloguePrice {
  readonly priceMinor: number
  readonly vatRatePercent: number
}

/** The network's catalogue prices as the application maps them from the catalogue (one currency). */
export interface CataloguePriceList {
  readonly currency: string
  readonly labour: { readonly ratePerHourMinor: number; readonly vatRatePercent: number }
  readonly services: Readonly<Record<string, CataloguePrice>>
  readonly goods: Readonly<Record<string, CataloguePrice>>
}

export interface WorkDone {
  readonly orderId: string
  /** The local date the work was done: it picks the contract's terms and the billing month. */
  readonly workDate: LocalDate
  readonly equipmentId: string | null
  readonly services: ReadonlyArray<{ readonly code: string; readonly quantity: number }>
  readonly labour: ReadonlyArray<{ readonly serviceCode: string | null; readonly minutes: number }>
  readonly parts: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>
}

export interface UsageMinutes {
  readonly serviceCode: string
  readonly minutes: number
}

export interface PricedOrder {
  readonly contractId: string | null
  readonly currency: string
  readonly lines: ReadonlyArray<InvoiceLine>
  /** Labour on hourly/tiered contract services, to be billed in the work date's monthly run. */
  readonly deferredUsage: ReadonlyArray<UsageMinutes>
  readonly totals: InvoiceTotals
}

const LABOUR = 'LABOUR'

export function priceOrder(
  work: WorkDone,
  contract: ContractOnDate | null,
  catalogue: CataloguePriceList,
): Either<DomainError, PricedOrder> {
  const problems: FieldProblem[] = []
  const applies =
    contract !== null && work.equipmentId !== null && contract.terms.coverage.equipmentIds.includes(work.equipmentId)
  if (applies && contract.currency !== catalogue.currency)
    problems.push({
      path: 'contract.currency',
      message: `the contract is in ${contract.currency}, the catalogue in ${catalogue.currency}`,
    })
  const terms = applies ? contract.terms : null
  const discount = terms?.discount ?? { servicesBasisPoints: 0, partsBasisPoints: 0 }
  const termOf = (code: string | null) =>
    code !== null && terms?.coverage.serviceCodes.includes(code) ? priceLineFor(terms, code) : undefined
  const equipmentId = work.equipmentId
  const lines: InvoiceLine[] = []
  const deferred = new Map<string, number>()
  /** Services whose price includes their labour. */
  const labourIncluded = new Set<string>()

  work.services.forEach((s, i) => {
    if (!(Number.isInteger(s.quantity) && s.quantity >= 1 && s.quantity <= 100)) {
      problems.push({ path: `work.services[${i}].quantity`, message: 'must be 1 to 100' })
      return
    }
    const line = termOf(s.code)
    const catalogued = catalogue.services[s.code]
    const base = { kind: 'service' as const, code: s.code, equipmentId, quantity: s.quantity, unit: 'piece' as const }
    if (line === undefined || line.term.kind === 'catalogue_discount') {
      if (!catalogued) {
        problems.push({ path: `work.services[${i}].code`, message: `${s.code} is not in the catalogue` })
        return
      }
      labourIncluded.add(s.code)
      lines.push(
        invoiceLine({
          ...base,
          basis: line ? 'contract_discount' : 'catalogue',
          unitPriceMinor: catalogued.priceMinor,
          amountMinor: catalogued.priceMinor * s.quantity,
          discountBasisPoints:
            line?.term.kind === 'catalogue_discount' ? line.term.discountBasisPoints : discount.servicesBasisPoints,
          vatRatePercent: catalogued.vatRatePercent,
        }),
      )
      return
    }
    const vat = { discountBasisPoints: 0, vatRatePercent: line.vatRatePercent }
    if (line.term.kind === 'fixed_price') {
      labourIncluded.add(s.code)
      lines.push(
        invoiceLine({
          ...base,
          ...vat,
          basis: 'contract_package',
          unitPriceMinor: line.term.pricePerServiceMinor,
          amountMinor: line.term.pricePerServiceMinor * s.quantity,
        }),
      )
    } else {
      if (line.term.kind === 'flat_monthly') labourIncluded.add(s.code)
      const basis = line.term.kind === 'flat_monthly' ? 'contract_included' : 'contract_usage'
      lines.push(invoiceLine({ ...base, ...vat, basis, unitPriceMinor: 0, amountMinor: 0 }))
    }
  })

  work.labour.forEach((l, i) => {
    if (!(Number.isInteger(l.minutes) && l.minutes >= 1 && l.minutes <= 10_000)) {
      problems.push({ path: `work.labour[${i}].minutes`, message: 'must be 1 to 10000 whole minutes' })
      return
    }
    const line = termOf(l.serviceCode)
    const base = {
      kind: 'labour' as const,
      code: l.serviceCode ?? LABOUR,
      equipmentId,
      quantity: l.minutes,
      unit: 'minute' as const,
    }
    if (line && (line.term.kind === 'hourly' || line.term.kind === 'tiered_hours')) {
      const code = line.serviceCode
      deferred.set(code, (deferred.get(code) ?? 0) + l.minutes)
      lines.push(
        invoiceLine({
          ...base,
          basis: 'contract_usage',
          unitPriceMinor: 0,
          amountMinor: 0,
          discountBasisPoints: 0,
          vatRatePercent: line.vatRatePercent,
        }),
      )
    } else if (l.serviceCode !== null && labourIncluded.has(l.serviceCode)) {
      const vatRatePercent =
        line?.vatRatePercent ?? catalogue.services[l.serviceCode]?.vatRatePercent ?? catalogue.labour.vatRatePercent
      lines.push(
        invoiceLine({
          ...base,
          basis: 'included_in_service',
          unitPriceMinor: 0,
          amountMinor: 0,
          discountBasisPoints: 0,
          vatRatePercent,
        }),
      )
    } else {
      const rate = catalogue.labour.ratePerHourMinor
      lines.push(
        invoiceLine({
          ...base,
          basis: 'catalogue',
          unitPriceMinor: rate,
          amountMinor: mulDivRoundHalfUp(l.minutes, rate, 60),
          discountBasisPoints: discount.servicesBasisPoints,
          vatRatePercent: catalogue.labour.vatRatePercent,
        }),
      )
    }
  })

  work.parts.forEach((p, i) => {
    const goods = catalogue.goods[p.sku]
    if (!goods) problems.push({ path: `work.parts[${i}].sku`, message: `${p.sku} is not in the catalogue` })
    if (!(Number.isInteger(p.quantity) && p.quantity >= 1 && p.quantity <= 1000))
      problems.push({ path: `work.parts[${i}].quantity`, message: 'must be 1 to 1000' })
    else if (goods)
      lines.push(
        invoiceLine({
          kind: 'part',
          basis: 'catalogue',
          code: p.sku,
          equipmentId,
          quantity: p.quantity,
          unit: 'piece',
          unitPriceMinor: goods.priceMinor,
          amountMinor: goods.priceMinor * p.quantity,
          discountBasisPoints: discount.partsBasisPoints,
          vatRatePercent: goods.vatRatePercent,
        }),
      )
  })

  if (problems.length > 0)
    return left(domainError('invalid', 'ORDER_PRICING_INVALID', 'the work cannot be priced', problems))
  return right({
    contractId: applies ? contract.contractId : null,
    currency: applies ? contract.currency : catalogue.currency,
    lines,
    deferredUsage: [...deferred].map(([serviceCode, minutes]) => ({ serviceCode, minutes })),
    totals: invoiceTotals(lines),
  })
}
