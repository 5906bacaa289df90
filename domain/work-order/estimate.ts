// Estimate arithmetic: net per line and totals with VAT, in integer minor units of one currency.
// Prices are net. VAT is computed per rate on the sum of the net amounts at that rate, as a Polish
// invoice states it (art. 106e of the VAT act: net and tax "with a split by rate"), so the totals of
// an estimate match the invoice made from it; rounding is half up to the grosz.
import { fileRefsProblems } from '../shared/fileRef.js'
import { moneyProblems } from '../shared/money.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { EstimateLine, EstimateTotals } from './events.js'

export const MAX_LINE_MINUTES = 100 * 60
export const MAX_LINE_QUANTITY = 10_000

export function lineCurrency(line: EstimateLine): string {
  return line.kind === 'labour' ? line.hourlyRate.currency : line.unitPrice.currency
}

/** Net amount of a line in minor units: minutes × hourly rate / 60, or quantity × unit price. */
export function lineNetMinor(line: EstimateLine): number {
  return line.kind === 'labour'
    ? Math.round((line.minutes * line.hourlyRate.amountMinor) / 60)
    : line.quantity * line.unitPrice.amountMinor
}

/** VAT on a net amount; the rate is handled in hundredths of a percent to stay in integers. */
export function vatMinor(netMinor: number, vatRatePercent: number): number {
  return Math.round((netMinor * Math.round(vatRatePercent * 100)) / 10_000)
}

/** Totals of lines that share one currency (callers guarantee it: lines are checked on the way in). */
export function estimateTotals(lines: ReadonlyArray<EstimateLine>, currency: string): EstimateTotals {
  const byRate = new Map<number, number>()
  for (const line of lines) byRate.set(line.vatRatePercent, (byRate.get(line.vatRatePercent) ?? 0) + lineNetMinor(line))
  const groups = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([vatRatePercent, netMinor]) => {
      const vat = vatMinor(netMinor, vatRatePercent)
      return { vatRatePercent, netMinor, vatMinor: vat, grossMinor: netMinor + vat }
    })
  const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((s, g) => s + f(g), 0)
  return {
    currency,
    netMinor: sum((g) => g.netMinor),
    vatMinor: sum((g) => g.vatMinor),
    grossMinor: sum((g) => g.grossMinor),
    byVatRate: groups,
  }
}

const twoDecimals = (x: number): boolean => Math.abs(x * 100 - Math.round(x * 100)) < 1e-9

/** What is wrong with a line as typed ([] when fine); `currency` is the estimate's, if it has lines. */
export function lineProblems(line: EstimateLine, currency: string | null, path = 'line'): FieldProblem[] {
  const p: FieldProblem[] = [
    ...validId(line.lineId, `${path}.lineId`),
    ...nonBlank(line.description, `${path}.description`, 500),
    ...fileRefsProblems(line.photos, `${path}.photos`),
  ]
  if (
    !(
      Number.isFinite(line.vatRatePercent) &&
      line.vatRatePercent >= 0 &&
      line.vatRatePercent <= 100 &&
      twoDecimals(line.vatRatePercent)
    )
  )
    p.push({ path: `${path}.vatRatePercent`, message: 'must be a percentage 0–100 with at most two decimals' })
  if (line.problemId !== null) p.push(...validId(line.problemId, `${path}.problemId`))
  if (line.recommendationId !== null) p.push(...nonBlank(line.recommendationId, `${path}.recommendationId`, 201))
  if (line.kind === 'labour') {
    if (!(Number.isInteger(line.minutes) && line.minutes > 0 && line.minutes <= MAX_LINE_MINUTES))
      p.push({ path: `${path}.minutes`, message: `must be a whole number of minutes, 1–${MAX_LINE_MINUTES}` })
    p.push(...moneyProblems(line.hourlyRate, `${path}.hourlyRate`))
  } else {
    p.push(...nonBlank(line.sku, `${path}.sku`, 64))
    if (!(Number.isInteger(line.quantity) && line.quantity > 0 && line.quantity <= MAX_LINE_QUANTITY))
      p.push({ path: `${path}.quantity`, message: `must be a whole number, 1–${MAX_LINE_QUANTITY}` })
    p.push(...moneyProblems(line.unitPrice, `${path}.unitPrice`))
  }
  const own = lineCurrency(line)
  if (currency !== null && own !== currency)
    p.push({
      path: `${path}.${line.kind === 'labour' ? 'hourlyRate' : 'unitPrice'}.currency`,
      message: `must be ${currency}, the estimate's currency`,
    })
  return p
}
