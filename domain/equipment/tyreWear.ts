// Tyre-wear prediction: from a tyre's tread readings, when will it reach the legal minimum (1.6 mm
// in Poland and the EU) or a recommended one (per contract: e.g. summer 2.5 mm, winter 3.5–4 mm),
// and when should the customer be told to replace it. Pure: `now` comes in, nothing is read.
//
// How:
// - Tread never grows. A reading clearly higher than the one before (more than `resetToleranceMm`,
//   above gauge noise) means a new or different tyre was measured at that place: the trend starts
//   again from that reading.
// - The wear rate is the least-squares slope over the readings since the last reset: per km when
//   every reading carries the distance driven (wear follows distance, not time), else per day.
// - The prediction starts from the latest reading (the best knowledge of today's depth) and runs
//   at the fitted rate. So a steeper wear rate always predicts an earlier date, and no date is ever
//   before the last reading (a tyre already at the limit is due "as of the last reading").
// - A per-km prediction turns into a date with the vehicle's km per day, fitted over its distance
//   readings; without one it falls back to the per-day trend of the tread.
// - Age: makers advise a yearly check from 5 years and replacement by 10 years from the DOT date,
//   whatever the tread (see e.g. Continental's and Michelin's published guidance); both limits are
//   options, as fleets set their own.
import type { DotDate } from './dotCode.js'
import { producedOn, tyreAgeYears } from './dotCode.js'
import type { EquipmentState } from './equipmentDecider.js'
import type { Season } from './events.js'
import type { WheelPosition } from './wheelPositions.js'

export interface TreadLimits {
  readonly legalMinimumMm: number
  readonly recommendedMinimumMm: Readonly<Record<Season, number>>
}

/**
 * 1.6 mm is the legal minimum (Directive 89/459/EEC, Polish road-worthiness rules). 3 mm summer and
 * 4 mm winter/all-season are the usual replacement advice of tyre makers and Polish shops (Austria
 * requires 4 mm on winter tyres in season). Contracts override these.
 */
export const DEFAULT_TREAD_LIMITS: TreadLimits = {
  legalMinimumMm: 1.6,
  recommendedMinimumMm: { summer: 3, winter: 4, all_season: 4 },
}

export interface TyreWearOptions {
  readonly limits: TreadLimits
  /** Suggest replacement this many days before the recommended minimum is reached. */
  readonly marginDays: number
  /** A reading higher than the previous by more than this starts a new trend (new tyre). */
  readonly resetToleranceMm: number
  readonly inspectAgeYears: number
  readonly replaceAgeYears: number
  /** A suggestion due within this many days of `now` is 'soon'. */
  readonly soonDays: number
  /** Fewest readings for a trend, and the least span they must cover. */
  readonly minReadings: number
  readonly minSpanKm: number
  readonly minSpanDays: number
}

export const DEFAULT_TYRE_WEAR_OPTIONS: TyreWearOptions = {
  limits: DEFAULT_TREAD_LIMITS,
  marginDays: 30,
  resetToleranceMm: 0.5,
  inspectAgeYears: 5,
  replaceAgeYears: 10,
  soonDays: 90,
  minReadings: 2,
  minSpanKm: 500,
  minSpanDays: 14,
}

export interface WearReading {
  /** UTC ISO-8601. */
  readonly at: string
  readonly depthMm: number
  /** Distance driven (lifetime km of the vehicle, monotone in time); null when not known. */
  readonly distanceKm: number | null
}

export interface TyreWearInput {
  readonly tyreId: string
  readonly season: Season
  readonly dot: DotDate | null
  readonly readings: ReadonlyArray<WearReading>
  /** The vehicle's distance over time, to turn km into dates (e.g. its mileage readings). */
  readonly distanceReadings: ReadonlyArray<{ readonly at: string; readonly distanceKm: number }>
  /** Odometer = distance − offset (non-zero after an odometer replacement). */
  readonly odometerOffsetKm: number
}

export interface ThresholdPrediction {
  readonly thresholdMm: number
  readonly alreadyReached: boolean
  /** UTC ISO-8601; null without a trend (and not yet reached). */
  readonly at: string | null
  /** The odometer reading then; null without a per-km trend or km per day. */
  readonly atMileageKm: number | null
}

export type WearStatus = 'predicted' | 'no_readings' | 'insufficient_readings' | 'no_measurable_wear'
export type AgeAdvice = 'ok' | 'inspect' | 'replace' | 'unknown'
export type ReplacementReason = 'legal_minimum' | 'recommended_minimum' | 'age'
export type Urgency = 'now' | 'soon' | 'planned' | 'none'

export interface TyreWearPrediction {
  readonly tyreId: string
  readonly season: Season
  readonly status: WearStatus
  readonly basis: 'per_km' | 'per_day' | null
  readonly currentDepthMm: number | null
  readonly lastReadingAt: string | null
  /** The reading the trend starts from when an earlier, lower reading was dropped as another tyre. */
  readonly resetAt: string | null
  readonly readingsUsed: number
  readonly wearMmPer1000Km: number | null
  readonly wearMmPer30Days: number | null
  readonly kmPerDay: number | null
  readonly legal: ThresholdPrediction
  readonly recommended: ThresholdPrediction
  readonly age: {
    readonly years: number | null
    readonly pre2000: boolean
    readonly advice: AgeAdvice
    /** The day it reaches replaceAgeYears; null when unknown (no DOT, pre-2000). */
    readonly replaceByAgeOn: string | null
  }
  readonly suggestion: {
    readonly replaceBefore: string | null
    readonly reason: ReplacementReason | null
    readonly urgency: Urgency
  }
}

const DAY = 86_400_000
// Slow wear would put dates past what Date can hold; a century is "not in this tyre's life".
const MAX_HORIZON_DAYS = 36_525

interface Fit {
  readonly slope: number
}

/** Least-squares slope of y over x; null when x does not vary. */
export function leastSquaresSlope(points: ReadonlyArray<{ x: number; y: number }>): Fit | null {
  const n = points.length
  if (n < 2) return null
  let sx = 0
  let sy = 0
  for (const p of points) {
    sx += p.x
    sy += p.y
  }
  const mx = sx / n
  const my = sy / n
  let sxy = 0
  let sxx = 0
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my)
    sxx += (p.x - mx) * (p.x - mx)
  }
  return sxx === 0 ? null : { slope: sxy / sxx }
}

/** Readings since the last reset (a clear increase), oldest first. */
export function currentTyreSegment(readings: ReadonlyArray<WearReading>, toleranceMm: number): WearReading[] {
  const sorted = readings
    .map((r, i) => ({ r, i, t: Date.parse(r.at) }))
    .filter((x) => Number.isFinite(x.t) && Number.isFinite(x.r.depthMm))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.r)
  let start = 0
  for (let i = 1; i < sorted.length; i++)
    if ((sorted[i] as WearReading).depthMm > (sorted[i - 1] as WearReading).depthMm + toleranceMm) start = i
  return sorted.slice(start)
}

/** km per day over the distance readings (least squares), or null. */
export function kmPerDayOf(points: ReadonlyArray<{ readonly at: string; readonly distanceKm: number }>): number | null {
  const xy = points
    .map((p) => ({ x: Date.parse(p.at) / DAY, y: p.distanceKm }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
  if (xy.length < 2) return null
  const x0 = Math.min(...xy.map((p) => p.x))
  const fit = leastSquaresSlope(xy.map((p) => ({ x: p.x - x0, y: p.y })))
  return fit !== null && fit.slope > 0 ? fit.slope : null
}

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString()

function ageOf(dot: DotDate | null, today: string, options: TyreWearOptions): TyreWearPrediction['age'] {
  if (dot === null) return { years: null, pre2000: false, advice: 'unknown', replaceByAgeOn: null }
  const years = tyreAgeYears(dot, today)
  const advice: AgeAdvice =
    dot.pre2000 || years >= options.replaceAgeYears ? 'replace' : years >= options.inspectAgeYears ? 'inspect' : 'ok'
  const made = producedOn(dot)
  const replaceByAgeOn =
    made === null
      ? null
      : `${String(Number(made.slice(0, 4)) + options.replaceAgeYears).padStart(4, '0')}${made.slice(4)}`
  return { years: Math.round(years * 10) / 10, pre2000: dot.pre2000, advice, replaceByAgeOn }
}

export function predictTyreWear(
  input: TyreWearInput,
  now: string,
  options: TyreWearOptions = DEFAULT_TYRE_WEAR_OPTIONS,
): TyreWearPrediction {
  const nowMs = Date.parse(now)
  // A caller bug, not a tyre's condition: fail loudly rather than answer "no advice".
  if (!Number.isFinite(nowMs)) throw new RangeError(`now must be an ISO-8601 instant, got ${now}`)
  const today = new Date(nowMs).toISOString().slice(0, 10)
  const legalMm = options.limits.legalMinimumMm
  const recommendedMm = Math.max(options.limits.recommendedMinimumMm[input.season], legalMm)
  const age = ageOf(input.dot, today, options)
  const segment = currentTyreSegment(input.readings, options.resetToleranceMm)
  const last = segment.at(-1)
  const sortedCount = currentTyreSegment(input.readings, Number.POSITIVE_INFINITY).length

  const noTrend = (thresholdMm: number): ThresholdPrediction => {
    const reached = last !== undefined && last.depthMm <= thresholdMm
    return {
      thresholdMm,
      alreadyReached: reached,
      at: reached && last ? last.at : null,
      atMileageKm: reached && last?.distanceKm != null ? last.distanceKm - input.odometerOffsetKm : null,
    }
  }

  let status: WearStatus = 'no_readings'
  let basis: TyreWearPrediction['basis'] = null
  let perKm: number | null = null // mm lost per km
  let perDay: number | null = null // mm lost per day
  const kmPerDay = kmPerDayOf([
    ...input.distanceReadings,
    ...segment.flatMap((r) => (r.distanceKm === null ? [] : [{ at: r.at, distanceKm: r.distanceKm }])),
  ])

  if (last !== undefined) {
    status = 'insufficient_readings'
    const t0 = Date.parse((segment[0] as WearReading).at)
    const spanDays = (Date.parse(last.at) - t0) / DAY
    if (segment.length >= options.minReadings) {
      const byDay =
        spanDays >= options.minSpanDays
          ? leastSquaresSlope(segment.map((r) => ({ x: (Date.parse(r.at) - t0) / DAY, y: r.depthMm })))
          : null
      // Readings without km (e.g. the one taken when mounting) are left out of the per-km fit, as
      // long as the latest reading has km: the prediction runs on from it.
      const kmReadings = last.distanceKm === null ? [] : segment.filter((r) => r.distanceKm !== null)
      const km0 = (kmReadings[0]?.distanceKm ?? 0) as number
      const spanKm = kmReadings.length >= options.minReadings ? (last.distanceKm as number) - km0 : 0
      const byKm =
        spanKm >= options.minSpanKm
          ? leastSquaresSlope(kmReadings.map((r) => ({ x: (r.distanceKm as number) - km0, y: r.depthMm })))
          : null
      if (byDay !== null) perDay = byDay.slope < 0 ? -byDay.slope : null
      if (byKm !== null) {
        basis = 'per_km'
        perKm = byKm.slope < 0 ? -byKm.slope : null
        status = perKm === null ? 'no_measurable_wear' : 'predicted'
      } else if (byDay !== null) {
        basis = 'per_day'
        status = perDay === null ? 'no_measurable_wear' : 'predicted'
      }
    }
  }

  const lastMs = last ? Date.parse(last.at) : nowMs
  const predict = (thresholdMm: number): ThresholdPrediction => {
    if (last === undefined || last.depthMm <= thresholdMm || status !== 'predicted') return noTrend(thresholdMm)
    const toLose = last.depthMm - thresholdMm
    let days: number | null = null
    let distance: number | null = null
    if (basis === 'per_km' && perKm !== null) {
      const km = toLose / perKm
      distance = (last.distanceKm as number) + km
      if (kmPerDay !== null) days = km / kmPerDay
      else if (perDay !== null) days = toLose / perDay
    } else if (perDay !== null) {
      days = toLose / perDay
      if (kmPerDay !== null && last.distanceKm !== null)
        distance = last.distanceKm + Math.min(days, MAX_HORIZON_DAYS) * kmPerDay
    }
    return {
      thresholdMm,
      alreadyReached: false,
      at: days === null ? null : iso(lastMs + Math.min(days, MAX_HORIZON_DAYS) * DAY),
      atMileageKm: distance === null ? null : Math.round(distance - input.odometerOffsetKm),
    }
  }
  const legal = predict(legalMm)
  const recommended = predict(recommendedMm)

  // The earliest reason to replace; never dated before the last reading (it is "due now" then).
  const candidates: Array<{ ms: number; reason: ReplacementReason }> = []
  if (legal.at !== null) candidates.push({ ms: Date.parse(legal.at), reason: 'legal_minimum' })
  if (recommended.at !== null)
    candidates.push({
      ms: recommended.alreadyReached
        ? Date.parse(recommended.at)
        : Date.parse(recommended.at) - options.marginDays * DAY,
      reason: 'recommended_minimum',
    })
  if (age.advice === 'replace' || age.replaceByAgeOn !== null)
    candidates.push({
      ms: age.replaceByAgeOn === null ? lastMs : Date.parse(`${age.replaceByAgeOn}T00:00:00.000Z`),
      reason: 'age',
    })
  const floor = last ? lastMs : Number.NEGATIVE_INFINITY
  const best = candidates
    .map((c) => ({ ...c, ms: Math.max(c.ms, floor) }))
    .sort((a, b) => a.ms - b.ms || REASON_RANK[a.reason] - REASON_RANK[b.reason])[0]
  const urgency: Urgency =
    best === undefined
      ? 'none'
      : best.ms <= nowMs
        ? 'now'
        : best.ms <= nowMs + options.soonDays * DAY
          ? 'soon'
          : 'planned'

  return {
    tyreId: input.tyreId,
    season: input.season,
    status,
    basis,
    currentDepthMm: last?.depthMm ?? null,
    lastReadingAt: last?.at ?? null,
    resetAt: last !== undefined && segment.length < sortedCount ? (segment[0] as WearReading).at : null,
    readingsUsed: segment.length,
    wearMmPer1000Km: perKm === null ? null : round3(perKm * 1000),
    wearMmPer30Days: perDay === null ? null : round3(perDay * 30),
    kmPerDay: kmPerDay === null ? null : Math.round(kmPerDay * 10) / 10,
    legal,
    recommended,
    age,
    suggestion:
      best === undefined
        ? { replaceBefore: null, reason: null, urgency }
        : { replaceBefore: iso(best.ms), reason: best.reason, urgency },
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000
// On the same day the legal limit is the reason to name: it is the one with consequences.
const REASON_RANK: Readonly<Record<ReplacementReason, number>> = { legal_minimum: 0, recommended_minimum: 1, age: 2 }

/** Predictions for every tyre mounted on an item, by wheel position (a stored set has no km). */
export function predictMountedTyres(
  state: EquipmentState,
  now: string,
  options: TyreWearOptions = DEFAULT_TYRE_WEAR_OPTIONS,
): Array<TyreWearPrediction & { readonly position: WheelPosition }> {
  const distanceReadings = state.mileage.map((m) => ({ at: m.at, distanceKm: m.distanceKm }))
  return (Object.entries(state.positions) as Array<[WheelPosition, string]>)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([position, tyreId]) => {
      const record = state.tyres[tyreId]
      if (!record) return []
      const input: TyreWearInput = {
        tyreId,
        season: record.tyre.season,
        dot: record.tyre.dot,
        readings: record.readings.map((r) => ({ at: r.at, depthMm: r.depthMm, distanceKm: r.distanceKm })),
        distanceReadings,
        odometerOffsetKm: state.odometerOffsetKm,
      }
      return [{ ...predictTyreWear(input, now, options), position }]
    })
}
