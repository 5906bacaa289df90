// Invoice lines and totals. Every line is final in minor units: its amount, the discount, the net,
// the VAT and the gross, so a document or a corrective invoice can take a line as it is.
//
// VAT is computed per line (net · rate / 100, rounded half up) and the summary per rate adds the
// lines up. Polish practice accepts VAT per line or on the sum of nets per rate; per line was chosen
// so that each line's gross is final and a line can be corrected alone. The two methods differ by at
// most half a minor unit per line. Rates are whole percents (23, 8, 5, 0).
import * as t from 'io-ts'
import { basisPointsOf, mulDivRoundHalfUp } from './rounding.js'

export const LineKind = t.keyof({ service: null, labour: null, part: null, monthly_fee: null, usage: null })
export type LineKind = t.TypeOf<typeof LineKind>

/** Where a line's price comes from. */
export const LineBasis = t.keyof({
  catalogue: null,
  /** The catalogue price less the contract's per-service discount. */
  contract_discount: null,
  /** The contract's fixed price per service. */
  contract_package: null,
  /** Covered by the contract's monthly fee: shown at 0. */
  contract_included: null,
  /** Time on an hourly/tiered contract service: 0 here, priced in the monthly billing run. */
  contract_usage: null,
  contract_fee: null,
  /** Labour on a service whose price includes it. */
  included_in_service: null,
})
export type LineBasis = t.TypeOf<typeof LineBasis>

export const InvoiceLine = t.type({
  kind: LineKind,
  basis: LineBasis,
  /** Service code, SKU, or LABOUR. */
  code: t.string,
  equipmentId: t.union([t.string, t.null]),
  tier: t.union([t.keyof({ free: null, standard: null, above_limit: null }), t.null]),
  quantity: t.number,
  /** For 'minute' the unit price is per hour; for 'month' per month. */
  unit: t.keyof({ piece: null, minute: null, month: null }),
  unitPriceMinor: t.number,
  /** A monthly fee for part of a month: the days the contract was in force. */
  proration: t.union([t.type({ days: t.number, daysInMonth: t.number }), t.null]),
  amountMinor: t.number,
  discountMinor: t.number,
  netMinor: t.number,
  vatRatePercent: t.number,
  vatMinor: t.number,
  grossMinor: t.number,
})
export type InvoiceLine = t.TypeOf<typeof InvoiceLine>

export const VatSummary = t.type({
  vatRatePercent: t.number,
  netMinor: t.number,
  vatMinor: t.number,
  grossMinor: t.number,
})
export type VatSummary = t.TypeOf<typeof VatSummary>

export const InvoiceTotals = t.type({
  netMinor: t.number,
  vatMinor: t.number,
  grossMinor: t.number,
  /** One row per VAT rate, highest rate first. */
  byVatRate: t.array(VatSummary),
})
export type InvoiceTotals = t.TypeOf<typeof InvoiceTotals>

export const InvoiceBuyer = t.type({ customerId: t.union([t.string, t.null]), fleetId: t.union([t.string, t.null]) })
export type InvoiceBuyer = t.TypeOf<typeof InvoiceBuyer>

export const Invoice = t.type({
  invoiceId: t.string,
  /** Given by the application's numbering (the domain has no sequence). */
  invoiceNumber: t.string,
  issuedAt: t.string,
  currency: t.string,
  buyer: InvoiceBuyer,
  contractId: t.union([t.string, t.null]),
  orderId: t.union([t.string, t.null]),
  /** The period of a monthly invoice (local dates, inclusive), or the work date of an order's. */
  period: t.type({ from: t.string, to: t.string }),
  lines: t.array(InvoiceLine),
  totals: InvoiceTotals,
})
export type Invoice = t.TypeOf<typeof Invoice>

export interface LineInput {
  readonly kind: LineKind
  readonly basis: LineBasis
  readonly code: string
  readonly equipmentId: string | null
  readonly tier?: InvoiceLine['tier']
  readonly quantity: number
  readonly unit: InvoiceLine['unit']
  readonly unitPriceMinor: number
  readonly proration?: InvoiceLine['proration']
  /** Before discount. */
  readonly amountMinor: number
  readonly discountBasisPoints: number
  readonly vatRatePercent: number
}

export function invoiceLine(input: LineInput): InvoiceLine {
  const discountMinor = basisPointsOf(input.amountMinor, input.discountBasisPoints)
  const netMinor = input.amountMinor - discountMinor
  const vatMinor = mulDivRoundHalfUp(netMinor, input.vatRatePercent, 100)
  return {
    kind: input.kind,
    basis: input.basis,
    code: input.code,
    equipmentId: input.equipmentId,
    tier: input.tier ?? null,
    quantity: input.quantity,
    unit: input.unit,
    unitPriceMinor: input.unitPriceMinor,
    proration: input.proration ?? null,
    amountMinor: input.amountMinor,
    discountMinor,
    netMinor,
    vatRatePercent: input.vatRatePercent,
    vatMinor,
    grossMinor: netMinor + vatMinor,
  }
}

export function invoiceTotals(lines: ReadonlyArray<InvoiceLine>): InvoiceTotals {
  const byRate = new Map<number, VatSummary>()
  for (const l of lines) {
    const s = byRate.get(l.vatRatePercent) ?? {
      vatRatePercent: l.vatRatePercent,
      netMinor: 0,
      vatMinor: 0,
      grossMinor: 0,
    }
    byRate.set(l.vatRatePercent, {
      vatRatePercent: l.vatRatePercent,
      netMinor: s.netMinor + l.netMinor,
      vatMinor: s.vatMinor + l.vatMinor,
      grossMinor: s.grossMinor + l.grossMinor,
    })
  }
  const byVatRate = [...byRate.values()].sort((a, b) => b.vatRatePercent - a.vatRatePercent)
  return {
    netMinor: byVatRate.reduce((sum, s) => sum + s.netMinor, 0),
    vatMinor: byVatRate.reduce((sum, s) => sum + s.vatMinor, 0),
    grossMinor: byVatRate.reduce((sum, s) => sum + s.grossMinor, 0),
    byVatRate,
  }
}
