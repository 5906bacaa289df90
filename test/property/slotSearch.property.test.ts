// Slot search against a brute-force oracle that scans minute by minute (small inputs only).
// Properties: every offered slot is really free (opening hours, capable bay with no reservation,
// qualified staff on shift and not busy for the whole visit, not before now); the day's slots are
// exactly the oracle's free grid starts; a desired time is free exactly when the oracle says so;
// the alternatives are the nearest free starts before / after it, across neighbouring days; and the
// capacity guard accepts every slot the search offers.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { isRight } from 'fp-ts/lib/Either.js'
import type { Reservation } from '../../domain/booking/dayCapacity.js'
import type { PointCalendar, StaffRoster } from '../../domain/booking/dayResources.js'
import { resolveDay } from '../../domain/booking/dayResources.js'
import { dayScheduleDecider } from '../../domain/booking/dayScheduleDecider.js'
import { type Slot, searchSlots } from '../../domain/booking/slotSearch.js'
import type { BayFeature, StaffSkill } from '../../domain/service-network/capabilities.js'
import type { Bay } from '../../domain/service-network/events.js'
import type { DateException } from '../../domain/service-network/openingHours.js'
import type { Absence, Shift } from '../../domain/service-network/staffScheduleDecider.js'
import {
  addDays,
  formatLocalTime,
  type LocalDate,
  localToInstant,
  MINUTE,
  toLocal,
} from '../../domain/shared/localTime.js'

const MAX_DAYS_AWAY = 2
const FEATURES: BayFeature[] = ['passenger', 'run_flat', 'tpms']
const SKILLS: StaffSkill[] = ['tyre_fitting', 'tpms', 'run_flat']

// Local minute ranges on a quarter-hour raster, sorted and disjoint; wide enough that most days
// have free slots and most taken times have alternatives to check.
const ranges = (maxPairs: number) =>
  fc
    .array(fc.record({ start: fc.integer({ min: 0, max: 88 }), length: fc.integer({ min: 2, max: 48 }) }), {
      minLength: 1,
      maxLength: maxPairs,
    })
    .map((xs) => {
      const sorted = xs
        .map((x) => ({ from: x.start * 15, to: Math.min(96, x.start + x.length) * 15 }))
        .sort((a, b) => a.from - b.from)
      const out: Array<{ from: number; to: number }> = []
      for (const r of sorted) {
        const last = out.at(-1)
        // touching or overlapping ranges merge; keep a gap so ranges stay valid and distinct
        if (last && r.from <= last.to) last.to = Math.max(last.to, r.to)
        else out.push({ ...r })
      }
      return out
    })

const hhmm = (m: number) => formatLocalTime(m)

const scenarioArb = fc
  .record({
    timeZone: fc.constantFrom('UTC', 'Europe/Warsaw'),
    date: fc.constantFrom('2026-03-29', '2026-03-30', '2026-06-10', '2026-10-25', '2026-10-26'),
    grid: fc.constantFrom(15, 30, 60),
    duration: fc.integer({ min: 5, max: 180 }),
    bays: fc.array(
      fc.record({
        features: fc.subarray(FEATURES),
        rim: fc.option(fc.integer({ min: 16, max: 22 }), { nil: null }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    staff: fc.array(fc.subarray(SKILLS), { minLength: 1, maxLength: 3 }),
    requiredFeatures: fc.subarray(FEATURES, { maxLength: 1 }),
    requiredRim: fc.option(fc.integer({ min: 16, max: 22 }), { nil: null }),
    requiredSkills: fc.subarray(SKILLS, { maxLength: 1 }),
    opening: fc.array(ranges(2), { minLength: 2 * MAX_DAYS_AWAY + 1, maxLength: 2 * MAX_DAYS_AWAY + 1 }),
    shifts: fc.array(fc.array(fc.option(ranges(2), { nil: null, freq: 5 }), { minLength: 3, maxLength: 3 }), {
      minLength: 2 * MAX_DAYS_AWAY + 1,
      maxLength: 2 * MAX_DAYS_AWAY + 1,
    }),
    absences: fc.array(
      fc.record({
        staff: fc.integer({ min: 0, max: 2 }),
        day: fc.integer({ min: 0, max: 2 * MAX_DAYS_AWAY }),
        from: fc.integer({ min: 0, max: 1400 }),
        length: fc.integer({ min: 1, max: 600 }),
      }),
      { maxLength: 3 },
    ),
    reservations: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 2 * MAX_DAYS_AWAY }),
        bay: fc.integer({ min: 0, max: 2 }),
        staff: fc.integer({ min: 0, max: 2 }),
        from: fc.integer({ min: 0, max: 1430 }),
        length: fc.integer({ min: 5, max: 240 }),
      }),
      { maxLength: 16 },
    ),
    nowMinutes: fc.integer({ min: -2 * 1440, max: 1000 }),
    desiredMinute: fc.oneof(
      fc.integer({ min: 0, max: 1439 }),
      fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
    ),
    alternatives: fc.integer({ min: 1, max: 4 }),
  })
  .map((s) => {
    const dates = Array.from({ length: 2 * MAX_DAYS_AWAY + 1 }, (_, i) => addDays(s.date, i - MAX_DAYS_AWAY))
    const bays: Bay[] = s.bays.map((b, i) => ({
      bayId: `bay-${i}`,
      name: `B${i}`,
      capabilities: { features: b.features, rimMaxInches: b.rim },
    }))
    const staffIds = s.staff.map((_, i) => `st-${i}`)
    const exceptions: Record<LocalDate, DateException> = {}
    dates.forEach((date, i) => {
      exceptions[date] = {
        date,
        hours: (s.opening[i] ?? []).map((r) => ({ from: hhmm(r.from), to: hhmm(r.to) })),
        note: null,
      }
    })
    const point: PointCalendar = {
      pointId: 'p',
      status: 'active',
      timeZone: s.timeZone,
      weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      seasons: [],
      exceptions,
      bays,
    }
    const shiftsByDate: Record<LocalDate, Shift[]> = {}
    dates.forEach((date, d) => {
      shiftsByDate[date] = staffIds.flatMap((staffId, k) =>
        (s.shifts[d]?.[k] ?? []).map((r, j) => ({
          shiftId: `${staffId}-${date}-${j}`,
          staffId,
          date,
          hours: { from: hhmm(r.from), to: hhmm(r.to) },
        })),
      )
    })
    const localDateTime = (date: LocalDate, minute: number) => {
      const d = addDays(date, Math.floor(minute / 1440))
      return `${d}T${hhmm(minute % 1440)}`
    }
    const absences: Absence[] = s.absences
      .filter((a) => a.staff < staffIds.length)
      .map((a, i) => ({
        absenceId: `ab-${i}`,
        staffId: staffIds[a.staff] as string,
        from: localDateTime(dates[a.day] as string, a.from),
        to: localDateTime(dates[a.day] as string, a.from + a.length),
        reason: 'other' as const,
      }))
    const roster: StaffRoster = {
      members: Object.fromEntries(
        staffIds.map((staffId, i) => [staffId, { staffId, name: staffId, skills: s.staff[i] ?? [], leftOn: null }]),
      ),
      shiftsByDate,
      absences,
    }
    const reservationsByDate: Record<LocalDate, Reservation[]> = Object.fromEntries(dates.map((d) => [d, []]))
    s.reservations.forEach((r, i) => {
      const date = dates[r.day] as string
      const start = localToInstant(s.timeZone, date, r.from)
      reservationsByDate[date]?.push({
        bookingId: `r-${i}`,
        bayId: `bay-${r.bay % bays.length}`,
        staffId: staffIds[r.staff % staffIds.length] as string,
        start: new Date(start).toISOString(),
        end: new Date(start + r.length * MINUTE).toISOString(),
      })
    })
    const now = localToInstant(s.timeZone, s.date, 0) + s.nowMinutes * MINUTE
    const desired = localToInstant(s.timeZone, s.date, s.desiredMinute)
    return { ...s, dates, point, roster, reservationsByDate, now, desired }
  })

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never

/** The oracle: boolean minute arrays over the whole window, scanned minute by minute. */
function oracle(s: Scenario) {
  const tz = s.timeZone
  const w0 = localToInstant(tz, s.dates[0] as string, 0)
  const w1 = localToInstant(tz, addDays(s.dates.at(-1) as string, 1), 0)
  const n = (w1 - w0) / MINUTE
  const idx = (t: number) => Math.round((t - w0) / MINUTE)
  const mark = (arr: Uint8Array, start: number, end: number, value: number) => {
    for (let i = Math.max(0, idx(start)); i < Math.min(n, idx(end)); i++) arr[i] = value
  }
  const open = new Uint8Array(n)
  for (const date of s.dates)
    for (const h of s.point.exceptions[date]?.hours ?? [])
      mark(open, localToInstant(tz, date, toMin(h.from)), localToInstant(tz, date, toMin(h.to)), 1)
  const bayBusy = new Map(s.point.bays.map((b) => [b.bayId, new Uint8Array(n)]))
  const staffBusy = new Map(Object.keys(s.roster.members).map((id) => [id, new Uint8Array(n)]))
  const staffAvail = new Map(Object.keys(s.roster.members).map((id) => [id, new Uint8Array(n)]))
  for (const list of Object.values(s.reservationsByDate))
    for (const r of list) {
      mark(bayBusy.get(r.bayId) as Uint8Array, Date.parse(r.start), Date.parse(r.end), 1)
      mark(staffBusy.get(r.staffId) as Uint8Array, Date.parse(r.start), Date.parse(r.end), 1)
    }
  for (const [date, shifts] of Object.entries(s.roster.shiftsByDate))
    for (const sh of shifts)
      mark(
        staffAvail.get(sh.staffId) as Uint8Array,
        localToInstant(tz, date, toMin(sh.hours.from)),
        localToInstant(tz, date, toMin(sh.hours.to)),
        1,
      )
  for (const a of s.roster.absences) {
    const [fd, ft] = a.from.split('T') as [string, string]
    const [td, tt] = a.to.split('T') as [string, string]
    mark(
      staffAvail.get(a.staffId) as Uint8Array,
      localToInstant(tz, fd, toMin(ft)),
      localToInstant(tz, td, toMin(tt)),
      0,
    )
  }
  const all = (arr: Uint8Array, i0: number, len: number, value: number) => {
    for (let i = i0; i < i0 + len; i++) if (arr[i] !== value) return false
    return true
  }
  const capable = (b: Bay) =>
    s.requiredFeatures.every((f) => b.capabilities.features.includes(f)) &&
    (s.requiredRim === null || b.capabilities.rimMaxInches === null || b.capabilities.rimMaxInches >= s.requiredRim)
  const qualified = (id: string) => s.requiredSkills.every((k) => s.roster.members[id]?.skills.includes(k))

  const freeAt = (t: number, bayId?: string, staffId?: string): boolean => {
    const i0 = idx(t)
    if (t < s.now || i0 < 0 || i0 + s.duration > n || !all(open, i0, s.duration, 1)) return false
    // A visit lies within the local date it starts on, even where one day's hours run into the next's.
    const startDate = toLocal(tz, t).date
    if (t + s.duration * MINUTE > localToInstant(tz, addDays(startDate, 1), 0)) return false
    const bayOk = s.point.bays.some(
      (b) =>
        (bayId === undefined || b.bayId === bayId) &&
        capable(b) &&
        all(bayBusy.get(b.bayId) as Uint8Array, i0, s.duration, 0),
    )
    const staffOk = Object.keys(s.roster.members).some(
      (id) =>
        (staffId === undefined || id === staffId) &&
        qualified(id) &&
        all(staffAvail.get(id) as Uint8Array, i0, s.duration, 1) &&
        all(staffBusy.get(id) as Uint8Array, i0, s.duration, 0),
    )
    return bayOk && staffOk
  }
  const freeGridStarts = (date: LocalDate): number[] => {
    const out: number[] = []
    for (let m = 0; m < 1440; m += s.grid) {
      const t = localToInstant(tz, date, m)
      const back = toLocal(tz, t)
      if (back.date !== date || back.minuteOfDay !== m || out.includes(t)) continue
      if (freeAt(t)) out.push(t)
    }
    return out
  }
  return { freeAt, freeGridStarts }
}

const toMin = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5))
const startsOf = (slots: ReadonlyArray<Slot>) => slots.map((x) => Date.parse(x.start))

describe('slot search (property, against a minute-scan oracle)', () => {
  it('offers exactly the free slots, and the nearest alternatives around a taken desired time', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const today = toLocal(s.timeZone, s.now).date
        fc.pre(today <= s.date && toLocal(s.timeZone, s.desired).date === s.date)
        const result = searchSlots({
          point: s.point,
          staff: s.roster,
          reservationsOn: (date) => s.reservationsByDate[date] ?? [],
          date: s.date,
          durationMinutes: s.duration,
          requirement: { features: s.requiredFeatures, rimInches: s.requiredRim },
          skills: s.requiredSkills,
          now: new Date(s.now).toISOString(),
          desiredStart: new Date(s.desired).toISOString(),
          gridMinutes: s.grid,
          alternatives: s.alternatives,
          maxDaysAway: MAX_DAYS_AWAY,
        })
        if (!isRight(result)) throw new Error(JSON.stringify(result.left))
        const { slots, desired } = result.right
        const o = oracle(s)

        // every offered slot is really free with the bay and staff member it names
        for (const slot of [
          ...slots,
          ...(desired?.before ?? []),
          ...(desired?.after ?? []),
          ...(desired?.slot ? [desired.slot] : []),
        ]) {
          const t = Date.parse(slot.start)
          assert.equal(Date.parse(slot.end) - t, s.duration * MINUTE)
          assert.ok(o.freeAt(t, slot.bayId, slot.staffId), `not free: ${JSON.stringify(slot)}`)
          assert.deepEqual(toLocal(s.timeZone, t), { date: slot.date, minuteOfDay: toMin(slot.localTime) })
        }
        // the day's slots are exactly the oracle's free grid starts
        assert.deepEqual(startsOf(slots), o.freeGridStarts(s.date))

        // the desired time: free exactly when the oracle says so; else the nearest alternatives
        assert.ok(desired)
        assert.equal(desired.free, o.freeAt(s.desired), `desired ${new Date(s.desired).toISOString()}`)
        if (!desired.free) {
          const firstDay = [addDays(s.date, -MAX_DAYS_AWAY), today].sort()[1] as string
          const earlier = s.dates.filter((d) => d >= firstDay && d <= s.date).flatMap(o.freeGridStarts)
          const later = s.dates.filter((d) => d >= s.date).flatMap(o.freeGridStarts)
          assert.deepEqual(startsOf(desired.before), earlier.filter((t) => t < s.desired).slice(-s.alternatives))
          assert.deepEqual(startsOf(desired.after), later.filter((t) => t > s.desired).slice(0, s.alternatives))
        }

        // the capacity guard accepts what the search offers
        for (const slot of slots.slice(0, 3)) {
          const state = (s.reservationsByDate[s.date] ?? []).reduce(
            (st, r) =>
              dayScheduleDecider.evolve(st, { type: 'SlotReserved', data: { pointId: 'p', date: s.date, ...r } }),
            dayScheduleDecider.initialState,
          )
          const decided = dayScheduleDecider.decide(
            {
              kind: 'Reserve',
              pointId: 'p',
              date: s.date,
              bookingId: 'new',
              start: slot.start,
              durationMinutes: s.duration,
              requirement: { features: s.requiredFeatures, rimInches: s.requiredRim },
              skills: s.requiredSkills,
              bayId: slot.bayId,
              staffId: slot.staffId,
              day: resolveDay(s.point, s.roster, s.date),
              now: new Date(s.now).toISOString(),
            },
            state,
          )
          assert.ok(isRight(decided), JSON.stringify(decided))
        }
      }),
      { numRuns: 400 },
    )
  })
})
