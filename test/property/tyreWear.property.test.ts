// Tyre-wear prediction over generated tread histories.
// Properties: wearing faster (per km, or per day for stored sets) never predicts a later date, for
// the legal minimum, the recommended one or the replacement advice; and whatever the readings (in
// any order, with resets, without km, with tiny or no wear), no date is before the last reading and
// every date is a real instant.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { predictTyreWear, type TyreWearInput, type TyreWearPrediction } from '../../domain/equipment/tyreWear.js'

const DAY = 86_400_000
const T0 = Date.parse('2024-01-01T00:00:00.000Z')
const NOW = '2026-06-01T00:00:00.000Z'

/** Dates a prediction answers, as ms; null (no prediction) is "never". */
const dates = (p: TyreWearPrediction) => ({
  legal: p.legal.at === null ? Number.POSITIVE_INFINITY : Date.parse(p.legal.at),
  recommended: p.recommended.at === null ? Number.POSITIVE_INFINITY : Date.parse(p.recommended.at),
  replaceBefore:
    p.suggestion.replaceBefore === null ? Number.POSITIVE_INFINITY : Date.parse(p.suggestion.replaceBefore),
})

// Visits: increasing days and km (2–8 readings over up to two years), gauge noise within ±0.1 mm.
const history = fc
  .record({
    steps: fc.array(
      fc.record({
        days: fc.integer({ min: 1, max: 120 }),
        km: fc.integer({ min: 0, max: 8000 }),
        noise: fc.integer({ min: -1, max: 1 }),
      }),
      { minLength: 1, maxLength: 7 },
    ),
    startDepth: fc.integer({ min: 50, max: 100 }).map((x) => x / 10),
    startKm: fc.integer({ min: 0, max: 200_000 }),
    season: fc.constantFrom('summer' as const, 'winter' as const, 'all_season' as const),
    dotYear: fc.option(fc.integer({ min: 2012, max: 2024 }), { nil: null }),
    firstNoise: fc.integer({ min: -1, max: 1 }),
  })
  .map((h) => {
    let day = 0
    let km = h.startKm
    const points = [{ day, km, noise: h.firstNoise / 10 }]
    for (const s of h.steps) {
      day += s.days
      km += s.km
      points.push({ day, km, noise: s.noise / 10 })
    }
    return { ...h, points }
  })

type History = typeof history extends fc.Arbitrary<infer H> ? H : never

function input(
  h: History,
  /** mm per 1000 km (withKm) or per 30 days. */
  rate: number,
  withKm: boolean,
): TyreWearInput {
  return {
    tyreId: 'ty',
    season: h.season,
    dot:
      h.dotYear === null ? null : { code: `01${String(h.dotYear).slice(2)}`, week: 1, year: h.dotYear, pre2000: false },
    readings: h.points.map((p) => {
      const worn = withKm ? (rate * (p.km - h.startKm)) / 1000 : (rate * p.day) / 30
      return {
        at: new Date(T0 + p.day * DAY).toISOString(),
        depthMm: Math.max(0, h.startDepth - worn + p.noise),
        distanceKm: withKm ? p.km : null,
      }
    }),
    distanceReadings: withKm
      ? h.points.map((p) => ({ at: new Date(T0 + p.day * DAY).toISOString(), distanceKm: p.km }))
      : [],
    odometerOffsetKm: 0,
  }
}

describe('tyre-wear prediction (property)', () => {
  it('more wear per km never predicts a later date', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), (h, slower, extra) => {
        const a = dates(predictTyreWear(input(h, slower / 1000, true), NOW))
        const b = dates(predictTyreWear(input(h, (slower + extra) / 1000, true), NOW))
        assert.ok(b.legal <= a.legal, `legal ${b.legal} > ${a.legal}`)
        assert.ok(b.recommended <= a.recommended, `recommended ${b.recommended} > ${a.recommended}`)
        assert.ok(b.replaceBefore <= a.replaceBefore, `replaceBefore ${b.replaceBefore} > ${a.replaceBefore}`)
      }),
      { numRuns: 300 },
    )
  })

  it('more wear per month (no km known) never predicts a later date', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 800 }), fc.integer({ min: 0, max: 800 }), (h, slower, extra) => {
        const a = dates(predictTyreWear(input(h, slower / 1000, false), NOW))
        const b = dates(predictTyreWear(input(h, (slower + extra) / 1000, false), NOW))
        assert.ok(b.legal <= a.legal && b.recommended <= a.recommended && b.replaceBefore <= a.replaceBefore)
      }),
      { numRuns: 300 },
    )
  })

  it('never predicts a date before the last reading, whatever the readings', () => {
    const reading = fc.record({
      day: fc.integer({ min: 0, max: 2000 }),
      depthMm: fc.integer({ min: 0, max: 120 }).map((x) => x / 10),
      km: fc.option(fc.integer({ min: 0, max: 400_000 }), { nil: null }),
    })
    fc.assert(
      fc.property(
        fc.array(reading, { minLength: 1, maxLength: 10 }),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 2000 }), km: fc.integer({ min: 0, max: 400_000 }) }), {
          maxLength: 5,
        }),
        fc.option(fc.integer({ min: 1995, max: 2026 }), { nil: null }),
        fc.constantFrom('summer' as const, 'winter' as const, 'all_season' as const),
        (readings, distances, dotYear, season) => {
          const p = predictTyreWear(
            {
              tyreId: 'ty',
              season,
              dot:
                dotYear === null
                  ? null
                  : dotYear < 2000
                    ? { code: `10${dotYear % 10}`, week: 10, year: null, pre2000: true }
                    : { code: `10${String(dotYear).slice(2)}`, week: 10, year: dotYear, pre2000: false },
              readings: readings.map((r) => ({
                at: new Date(T0 + r.day * DAY).toISOString(),
                depthMm: r.depthMm,
                distanceKm: r.km,
              })),
              distanceReadings: distances.map((d) => ({
                at: new Date(T0 + d.day * DAY).toISOString(),
                distanceKm: d.km,
              })),
              odometerOffsetKm: 0,
            },
            NOW,
          )
          const lastMs = T0 + Math.max(...readings.map((r) => r.day)) * DAY
          assert.equal(p.lastReadingAt, new Date(lastMs).toISOString())
          for (const at of [p.legal.at, p.recommended.at, p.suggestion.replaceBefore]) {
            if (at === null) continue
            assert.ok(!Number.isNaN(Date.parse(at)), at)
            assert.ok(Date.parse(at) >= lastMs, `${at} before the last reading ${new Date(lastMs).toISOString()}`)
          }
          // the recommended minimum is reached no later than the legal one
          if (p.legal.at !== null && p.recommended.at !== null) assert.ok(p.recommended.at <= p.legal.at)
        },
      ),
      { numRuns: 500 },
    )
  })
})
