// Integer money arithmetic. Every amount is an integer number of minor units; a product that has
// to be divided (a rate per hour times minutes / 60, a net amount times a VAT rate / 100, a price
// times a discount / 10000) is computed exactly in BigInt and rounded once, half up (half away from
// zero for negative amounts): 0.5 grosz becomes 1 grosz, as Polish invoicing practice rounds.

/** a · b / d, rounded half up; d > 0. Exact for any safe integers a, b, d. */
export function mulDivRoundHalfUp(a: number, b: number, d: number): number {
  const product = BigInt(a) * BigInt(b)
  const divisor = BigInt(d)
  const negative = product < 0n
  const magnitude = negative ? -product : product
  let quotient = magnitude / divisor
  if (2n * (magnitude % divisor) >= divisor) quotient += 1n
  const result = Number(negative ? -quotient : quotient)
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount ${result} is beyond safe integers`)
  return result
}

/** The share of `amountMinor` given in basis points (1250 = 12.5 %), rounded half up. */
export const basisPointsOf = (amountMinor: number, basisPoints: number): number =>
  mulDivRoundHalfUp(amountMinor, basisPoints, 10_000)
