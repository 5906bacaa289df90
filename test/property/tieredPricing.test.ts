// Tiered pricing: monotonic in the minutes used, equal to a minute-by-minute oracle, and equal to
// hand-computed sums on crafted cases (the arithmetic is in the comments).
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { billableMinutes, priceUsage } from '../../domain/billing/tieredPricing.js'
import type { UsageTerm } from '../../domain/contract/priceList.js'

// The fleet contract's REPAIR term: 10 h free, then 120.00 PLN/h up to 40 h, then 180.00 PLN/h,
// every started quarter hour billed.
const repair: UsageTerm = {
  kind: 'tiered_hours',
  freeMinutes: 600,
  ratePerHourMinor: 12_000,
  limitMinutes: 2400,
  aboveLimitRatePerHourMinor: 18_000,
  roundingIncrementMinutes: 15,
}
const price = (term: UsageTerm, minutes: number) => priceUsage(term, minutes).amountMinor

const INCREMENTS = [1, 5, 6, 10, 15, 30, 60]
const tieredTerm = fc
  .record({
    freeMinutes: fc.integer({ min: 0, max: 3_000 }),
    extra: fc.integer({ min: 0, max: 5_000 }),
    ratePerHourMinor: fc.integer({ min: 0, max: 100_000 }),
    aboveLimitRatePerHourMinor: fc.integer({ min: 0, max: 100_000 }),
    roundingIncrementMinutes: fc.constantFrom(...INCREMENTS),
  })
  .map(({ extra, ...t }): UsageTerm => ({ kind: 'tiered_hours', ...t, limitMinutes: t.freeMinutes + extra }))
const hourlyTerm = fc
  .record({
    ratePerHourMinor: fc.integer({ min: 0, max: 100_000 }),
    roundingIncrementMinutes: fc.constantFrom(...INCREMENTS),
  })
  .map((t): UsageTerm => ({ kind: 'hourly', ...t }))
const anyTerm = fc.oneof(tieredTerm, hourlyTerm)
const minutes = fc.integer({ min: 0, max: 20_000 })

/** Counts each billable minute into its tier one by one, then prices each tier (half up). */
function oracle(term: UsageTerm, used: number): number {
  const billable = Math.ceil(used / term.roundingIncrementMinutes) * term.roundingIncrementMinutes
  const counts = { free: 0, standard: 0, above: 0 }
  for (let minute = 0; minute < billable; minute++) {
    if (term.kind === 'hourly') counts.standard++
    else if (minute < term.freeMinutes) counts.free++
    else if (minute < term.limitMinutes) counts.standard++
    else counts.above++
  }
  const halfUp = (n: number, rate: number) => Math.floor((n * rate * 2 + 60) / 120)
  const above = term.kind === 'tiered_hours' ? term.aboveLimitRatePerHourMinor : 0
  return halfUp(counts.standard, term.ratePerHourMinor) + halfUp(counts.above, above)
}

describe('tiered pricing', () => {
  describe('crafted cases (10 h free, 120.00/h to 40 h, 180.00/h above, quarter hours)', () => {
    it('0 min → nothing', () => {
      assert.equal(price(repair, 0), 0)
      assert.deepEqual(priceUsage(repair, 0).tiers, [])
    })

    it('8 h (480 min) → all within the 10 free hours → 0.00', () => {
      assert.equal(price(repair, 480), 0)
    })

    it('10 h exactly (600 min) → 0.00: the free hours are used up, nothing more', () => {
      assert.equal(price(repair, 600), 0)
    })

    it('10 h 1 min → a started quarter hour: 615 min, 15 min at 120.00/h = 30.00', () => {
      // billable = ceil(601 / 15) · 15 = 41 · 15 = 615; standard = 615 − 600 = 15 min
      // 15 · 12 000 / 60 = 3 000 minor = 30.00 PLN
      const p = priceUsage(repair, 601)
      assert.equal(p.billableMinutes, 615)
      assert.equal(p.amountMinor, 3_000)
    })

    it('25 h (1 500 min) → 15 h at 120.00 = 1 800.00', () => {
      // free 600; standard 1 500 − 600 = 900 min; 900 · 12 000 / 60 = 180 000 minor
      assert.equal(price(repair, 1_500), 180_000)
    })

    it('40 h (2 400 min, the limit) → 30 h at 120.00 = 3 600.00, nothing above', () => {
      // standard = 2 400 − 600 = 1 800 min; 1 800 · 12 000 / 60 = 360 000
      assert.deepEqual(
        priceUsage(repair, 2_400).tiers.map((t) => [t.tier, t.minutes, t.amountMinor]),
        [
          ['free', 600, 0],
          ['standard', 1_800, 360_000],
        ],
      )
    })

    it('50 h (3 000 min) → 30 h at 120.00 + 10 h at 180.00 = 3 600.00 + 1 800.00 = 5 400.00', () => {
      // standard 1 800 min → 360 000; above 3 000 − 2 400 = 600 min · 18 000 / 60 = 180 000
      assert.equal(price(repair, 3_000), 540_000)
    })

    it('40 h 7 min → 2 415 billable: 3 600.00 + 15 min at 180.00 (45.00) = 3 645.00', () => {
      // ceil(2 407 / 15) · 15 = 161 · 15 = 2 415; above = 15 min · 18 000 / 60 = 4 500
      assert.equal(price(repair, 2_407), 364_500)
    })

    it('a limit equal to the free hours has no middle tier: 11 h → 1 h at the above-limit rate', () => {
      // free 600, limit 600: 660 − 600 = 60 min at 180.00/h = 18 000
      assert.equal(price({ ...repair, limitMinutes: 600 }, 660), 18_000)
    })

    it('hourly, exact minutes, rounding half up per tier: 99.99/h', () => {
      const term: UsageTerm = { kind: 'hourly', ratePerHourMinor: 9_999, roundingIncrementMinutes: 1 }
      // 1 min: 9 999 / 60 = 166.65 → 167
      assert.equal(price(term, 1), 167)
      // 3 min: 29 997 / 60 = 499.95 → 500
      assert.equal(price(term, 3), 500)
      // 30 min: 299 970 / 60 = 4 999.5 → half up → 5 000
      assert.equal(price(term, 30), 5_000)
      // 90 min at 90.00/h: 90 · 9 000 / 60 = 13 500
      assert.equal(price({ ...term, ratePerHourMinor: 9_000 }, 90), 13_500)
    })
  })

  it('is monotonic in the minutes used', () => {
    fc.assert(
      fc.property(anyTerm, minutes, minutes, (term, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        assert.ok(price(term, lo) <= price(term, hi), `${price(term, lo)} > ${price(term, hi)} for ${lo} ≤ ${hi}`)
      }),
      { numRuns: 500 },
    )
  })

  it('equals the minute-by-minute oracle; tiers add up to the billable minutes and the total', () => {
    fc.assert(
      fc.property(anyTerm, minutes, (term, used) => {
        const p = priceUsage(term, used)
        assert.equal(p.amountMinor, oracle(term, used))
        assert.equal(
          p.tiers.reduce((s, t) => s + t.minutes, 0),
          p.billableMinutes,
        )
        assert.equal(
          p.tiers.reduce((s, t) => s + t.amountMinor, 0),
          p.amountMinor,
        )
        assert.ok(p.billableMinutes >= used && p.billableMinutes < used + term.roundingIncrementMinutes)
        assert.equal(billableMinutes(used, term.roundingIncrementMinutes) % term.roundingIncrementMinutes, 0)
      }),
      { numRuns: 300 },
    )
  })
})
