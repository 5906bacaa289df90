import assert from 'node:assert/strict'
import { equipmentDecider } from '../../../../domain/equipment/equipmentDecider.js'
import type { EquipmentEvent } from '../../../../domain/equipment/events.js'
import {
  DEFAULT_TYRE_WEAR_OPTIONS,
  predictMountedTyres,
  predictTyreWear,
  type TyreWearInput,
} from '../../../../domain/equipment/tyreWear.js'
import { carRegistered, mileage, mounted } from './fixtures.js'

const DAY = 86_400_000
const base: TyreWearInput = {
  tyreId: 'ty-1',
  season: 'summer',
  dot: { code: '0224', week: 2, year: 2024, pre2000: false },
  readings: [],
  distanceReadings: [],
  odometerOffsetKm: 0,
}
const now = '2026-01-15T12:00:00.000Z'

describe('tyre-wear prediction', () => {
  it('fits wear per km and turns it into a date with the km the car drives per day', () => {
    // 2 mm over 20 000 km in a year: 0.1 mm per 1000 km, ~54.8 km a day
    const p = predictTyreWear(
      {
        ...base,
        readings: [
          { at: '2025-01-01T00:00:00.000Z', depthMm: 8, distanceKm: 40_000 },
          { at: '2025-07-02T00:00:00.000Z', depthMm: 7, distanceKm: 50_000 },
          { at: '2026-01-01T00:00:00.000Z', depthMm: 6, distanceKm: 60_000 },
        ],
      },
      now,
    )
    assert.equal(p.status, 'predicted')
    assert.equal(p.basis, 'per_km')
    assert.equal(p.wearMmPer1000Km, 0.1)
    // summer recommendation 3 mm: 3 mm to lose = 30 000 km; legal 1.6 mm: 44 000 km
    assert.equal(p.recommended.atMileageKm, 90_000)
    assert.equal(p.legal.atMileageKm, 104_000)
    const days = (Date.parse(p.recommended.at ?? '') - Date.parse('2026-01-01T00:00:00.000Z')) / DAY
    assert.ok(Math.abs(days - 30_000 / (20_000 / 365)) < 1, `${days}`)
    assert.equal(p.suggestion.reason, 'recommended_minimum')
    assert.equal(Date.parse(p.recommended.at ?? '') - Date.parse(p.suggestion.replaceBefore ?? ''), 30 * DAY)
    assert.equal(p.suggestion.urgency, 'planned')
  })

  it('fits per day when readings carry no km (a stored set), and honours contract limits', () => {
    const readings = [
      { at: '2025-04-01T00:00:00.000Z', depthMm: 7, distanceKm: null },
      { at: '2025-10-28T00:00:00.000Z', depthMm: 5, distanceKm: null },
    ]
    const winter = { ...base, season: 'winter' as const, readings }
    const p = predictTyreWear(winter, now)
    assert.equal(p.basis, 'per_day')
    assert.equal(p.recommended.thresholdMm, 4)
    // 1 mm more at 2 mm per 210 days
    const days = (Date.parse(p.recommended.at ?? '') - Date.parse('2025-10-28T00:00:00.000Z')) / DAY
    assert.ok(Math.abs(days - 105) < 1e-6, `${days}`)
    assert.equal(p.recommended.atMileageKm, null)
    const contract = {
      ...DEFAULT_TYRE_WEAR_OPTIONS,
      limits: { legalMinimumMm: 1.6, recommendedMinimumMm: { summer: 2.5, winter: 3.5, all_season: 3.5 } },
    }
    const strict = predictTyreWear(winter, now, contract)
    assert.equal(strict.recommended.thresholdMm, 3.5)
    assert.ok((strict.recommended.at ?? '') > (p.recommended.at ?? ''))
    // 4 mm on 10 February; with a 30-day margin the advice date (11 January) has already passed
    assert.equal(p.suggestion.replaceBefore, '2026-01-11T00:00:00.000Z')
    assert.equal(p.suggestion.urgency, 'now')
    const later = predictTyreWear(winter, '2025-11-01T00:00:00.000Z')
    assert.equal(later.suggestion.urgency, 'soon')
  })

  it('too few readings: no trend, but a tyre already at the limit is due now', () => {
    const one = predictTyreWear(
      { ...base, readings: [{ at: '2026-01-10T00:00:00.000Z', depthMm: 5, distanceKm: null }] },
      now,
    )
    assert.equal(one.status, 'insufficient_readings')
    assert.equal(one.recommended.at, null)
    assert.equal(one.suggestion.reason, 'age') // only the DOT date says anything
    const worn = predictTyreWear(
      { ...base, readings: [{ at: '2026-01-10T00:00:00.000Z', depthMm: 1.5, distanceKm: null }] },
      now,
    )
    assert.equal(worn.legal.alreadyReached, true)
    assert.equal(worn.legal.at, '2026-01-10T00:00:00.000Z')
    assert.deepEqual(worn.suggestion, {
      replaceBefore: '2026-01-10T00:00:00.000Z',
      reason: 'legal_minimum',
      urgency: 'now',
    })
    const close = predictTyreWear(
      {
        ...base,
        readings: [
          { at: '2026-01-01T00:00:00.000Z', depthMm: 6, distanceKm: null },
          { at: '2026-01-05T00:00:00.000Z', depthMm: 5.5, distanceKm: null },
        ],
      },
      now,
    )
    assert.equal(close.status, 'insufficient_readings') // 4 days apart: no trend from gauge noise
    assert.equal(predictTyreWear(base, now).status, 'no_readings')
  })

  it('a higher reading is another tyre: the trend restarts there', () => {
    const p = predictTyreWear(
      {
        ...base,
        readings: [
          { at: '2024-01-01T00:00:00.000Z', depthMm: 3, distanceKm: null },
          { at: '2024-06-01T00:00:00.000Z', depthMm: 2, distanceKm: null },
          { at: '2025-01-01T00:00:00.000Z', depthMm: 8, distanceKm: null },
          { at: '2025-07-01T00:00:00.000Z', depthMm: 7.2, distanceKm: null },
          // within gauge noise of the previous reading: kept, not a reset
          { at: '2025-09-01T00:00:00.000Z', depthMm: 7.4, distanceKm: null },
        ],
      },
      now,
    )
    assert.equal(p.resetAt, '2025-01-01T00:00:00.000Z')
    assert.equal(p.readingsUsed, 3)
    assert.equal(p.currentDepthMm, 7.4)
    assert.equal(p.status, 'predicted')
  })

  it('tread that does not go down gives no wear date', () => {
    const p = predictTyreWear(
      {
        ...base,
        readings: [
          { at: '2025-01-01T00:00:00.000Z', depthMm: 7, distanceKm: 10_000 },
          { at: '2025-06-01T00:00:00.000Z', depthMm: 7, distanceKm: 15_000 },
          { at: '2025-12-01T00:00:00.000Z', depthMm: 7.1, distanceKm: 20_000 },
        ],
      },
      now,
    )
    assert.equal(p.status, 'no_measurable_wear')
    assert.equal(p.legal.at, null)
    assert.equal(p.kmPerDay !== null && p.kmPerDay > 0, true)
  })

  it('age by DOT: inspect from 5 years, replace by 10, pre-2000 at once', () => {
    const reading = [{ at: '2026-01-10T00:00:00.000Z', depthMm: 7, distanceKm: null }]
    const six = predictTyreWear(
      { ...base, dot: { code: '0220', week: 2, year: 2020, pre2000: false }, readings: reading },
      now,
    )
    assert.equal(six.age.advice, 'inspect')
    assert.equal(six.age.replaceByAgeOn, '2030-01-06')
    assert.equal(six.suggestion.reason, 'age')
    const twelve = predictTyreWear(
      { ...base, dot: { code: '3013', week: 30, year: 2013, pre2000: false }, readings: reading },
      now,
    )
    assert.equal(twelve.age.advice, 'replace')
    assert.deepEqual(twelve.suggestion, { replaceBefore: '2026-01-10T00:00:00.000Z', reason: 'age', urgency: 'now' })
    const old = predictTyreWear(
      { ...base, dot: { code: '239', week: 23, year: null, pre2000: true }, readings: [] },
      now,
    )
    assert.equal(old.age.advice, 'replace')
    assert.equal(old.suggestion.urgency, 'now')
    const unknown = predictTyreWear({ ...base, dot: null }, now)
    assert.equal(unknown.age.advice, 'unknown')
    assert.equal(unknown.suggestion.urgency, 'none')
  })

  it('predicts every mounted tyre of a vehicle from its events, with odometer km across a replacement', () => {
    const measured = (depthMm: number, km: number, at: string): EquipmentEvent => ({
      type: 'TreadDepthsMeasured',
      data: {
        equipmentId: 'eq-car-1',
        readings: [{ tyreId: 'ty-1', position: 'FL', depthMm }],
        mileageKm: km,
        workOrderId: null,
        at,
      },
    })
    const history: EquipmentEvent[] = [
      carRegistered,
      mounted('ty-1', 'FL', '2025-01-01T00:00:00.000Z'),
      mileage(10_000, '2025-01-01T00:00:00.000Z'),
      measured(8, 10_000, '2025-01-01T00:00:00.000Z'),
      mileage(20_000, '2025-07-01T00:00:00.000Z'),
      measured(7, 20_000, '2025-07-01T00:00:00.000Z'),
      mileage(0, '2025-08-01T00:00:00.000Z', true), // new odometer: distance driven goes on at 20 000
      mileage(10_000, '2026-01-01T00:00:00.000Z'),
      measured(6, 10_000, '2026-01-01T00:00:00.000Z'),
      mounted('ty-2', 'FR', '2026-01-01T00:00:00.000Z'),
    ]
    const state = history.reduce(equipmentDecider.evolve, equipmentDecider.initialState)
    const [fl, fr] = predictMountedTyres(state, now)
    assert.equal(fl?.position, 'FL')
    assert.equal(fl?.basis, 'per_km')
    assert.equal(fl?.wearMmPer1000Km, 0.1)
    // 3 mm more to the summer minimum = 30 000 km past the odometer's 10 000
    assert.equal(fl?.recommended.atMileageKm, 40_000)
    assert.equal(fr?.position, 'FR')
    assert.equal(fr?.status, 'insufficient_readings')
  })
})
