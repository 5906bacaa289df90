// Money as an integer number of minor units (grosze for PLN) and an ISO 4217 currency: no floats.
import * as t from 'io-ts'

export const Money = t.type({ amountMinor: t.number, currency: t.string })
export type Money = t.TypeOf<typeof Money>

const CURRENCY = /^[A-Z]{3}$/

/** The reasons a Money value is unacceptable as a price ([] when it is fine). */
export function moneyProblems(money: Money, path: string): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = []
  if (!Number.isSafeInteger(money.amountMinor) || money.amountMinor < 0)
    problems.push({ path: `${path}.amountMinor`, message: 'must be a non-negative integer number of minor units' })
  if (!CURRENCY.test(money.currency))
    problems.push({ path: `${path}.currency`, message: 'must be an ISO 4217 code such as PLN' })
  return problems
}
