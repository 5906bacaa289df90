import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import type { Reservation } from '../../../../domain/booking/dayCapacity.js'
import type { PointCalendar, StaffRoster } from '../../../../domain/booking/dayResources.js'
import { type SlotSearchQuery, type SlotSearchResult, searchSlots } from '../../../../domain/booking/slotSearch.js'
import type { Bay } from '../../../../domain/service-network/events.js'
import { addDays, weekdayOf } from '../../../../domain/shared/localTime.js'
import { point, roster } from '../fixtures.js'

const monday = '2026-06-01' // Warsaw UTC+2
const runFlat = { features: ['passenger' as const, 'run_flat' as const], rimInches: null } // only bay-2 has it

function search(
  overrides: Partial<SlotSearchQuery> = {},
  reservations: Record<string, Reservation[]> = {},
): SlotSearchResult {
  const result = searchSlots({
    point: point(),
    staff: roster('2026-05-25', 30),
    reservationsOn: (date) => reservations[date] ?? [],
    date: monday,
    durationMinutes: 60,
    requirement: runFlat,
    skills: ['tyre_fitting'],
    now: '2026-05-20T09:00:00.000Z',
    ...overrides,
  })
  if (!isRight(result)) assert.fail(JSON.stringify(result.left))
  return result.right
}
const times = (slots: ReadonlyArray<{ date: string; localTime: string }>) =>
  slots.map((s) => `${s.date} ${s.localTime}`)
const hold = (bookingId: string, start: string, end: string, bayId = 'bay-2', staffId = 'anna'): Reservation => ({
  bookingId,
  bayId,
  staffId,
  start,
  end,
})

describe('slot search', () => {
  it('offers every grid start of a free day that fits the opening hours (lunch 12:00–12:30)', () => {
    const { slots } = search()
    const local = slots.map((s) => s.localTime)
    assert.equal(local[0], '08:00')
    assert.ok(local.includes('11:00') && !local.includes('11:15')) // 11:15 + 60 min runs into lunch
    assert.ok(local.includes('12:30') && local.includes('17:00') && !local.includes('17:15'))
    assert.equal(slots.length, 13 + 19)
    assert.deepEqual(slots[0], {
      start: '2026-06-01T06:00:00.000Z',
      end: '2026-06-01T07:00:00.000Z',
      date: monday,
      localTime: '08:00',
      bayId: 'bay-2',
      staffId: 'bartek',
    })
  })

  it('a free desired time is confirmed as free', () => {
    const { desired } = search({ desiredStart: '2026-06-01T08:00:00.000Z' })
    assert.equal(desired?.free, true)
    assert.equal(desired?.slot?.localTime, '10:00')
    assert.deepEqual([desired?.before, desired?.after], [[], []])
  })

  it('a taken desired time gets the 3 nearest free slots before and the 3 after, crossing to earlier days', () => {
    // bay-2 (the only run-flat bay) is taken 09:00–11:30 local
    const reservations = { [monday]: [hold('a', '2026-06-01T07:00:00.000Z', '2026-06-01T09:30:00.000Z')] }
    const { desired } = search({ desiredStart: '2026-06-01T08:00:00.000Z' }, reservations)
    assert.equal(desired?.free, false)
    assert.equal(desired?.reason, 'SLOT_TAKEN')
    // only 08:00 fits before on Monday; Sunday is closed; Saturday is open 09:00–14:00
    assert.deepEqual(times(desired?.before ?? []), ['2026-05-30 12:45', '2026-05-30 13:00', '2026-06-01 08:00'])
    // 11:30 would run into the lunch break
    assert.deepEqual(times(desired?.after ?? []), ['2026-06-01 12:30', '2026-06-01 12:45', '2026-06-01 13:00'])
  })

  it('crosses into the next days for later alternatives', () => {
    const reservations = { [monday]: [hold('a', '2026-06-01T14:00:00.000Z', '2026-06-01T16:00:00.000Z')] } // 16:00–18:00
    const { desired } = search({ desiredStart: '2026-06-01T15:00:00.000Z' }, reservations)
    assert.deepEqual(times(desired?.after ?? []), ['2026-06-02 08:00', '2026-06-02 08:15', '2026-06-02 08:30'])
    assert.deepEqual(times(desired?.before ?? []), ['2026-06-01 14:30', '2026-06-01 14:45', '2026-06-01 15:00'])
  })

  it('a desired time outside opening hours says why and still offers the nearest slots', () => {
    const { desired } = search({ desiredStart: '2026-06-01T10:00:00.000Z' }) // 12:00, lunch
    assert.equal(desired?.reason, 'OUTSIDE_OPENING_HOURS')
    assert.deepEqual(times(desired?.before ?? []), ['2026-06-01 10:30', '2026-06-01 10:45', '2026-06-01 11:00'])
    assert.deepEqual(times(desired?.after ?? []), ['2026-06-01 12:30', '2026-06-01 12:45', '2026-06-01 13:00'])
  })

  it('honours staff absences and skills: only Anna does TPMS', () => {
    const staff = roster('2026-05-25', 30, {
      absences: [
        { absenceId: 'x', staffId: 'anna', from: '2026-06-01T10:00', to: '2026-06-01T12:00', reason: 'other' },
      ],
    })
    const local = search({ staff, skills: ['tpms'] }).slots.map((s) => s.localTime)
    assert.ok(
      local.includes('09:00') && !local.includes('09:15') && !local.includes('11:00') && local.includes('12:30'),
    )
    assert.ok(search({ staff, skills: ['tpms'] }).slots.every((s) => s.staffId === 'anna'))
  })

  it('last Sunday of March: wall-clock 02:00–03:00 does not exist and is never offered', () => {
    const sunday = '2026-03-29'
    const p = point({ exceptions: { [sunday]: { date: sunday, hours: [{ from: '01:00', to: '05:00' }], note: null } } })
    const staff: StaffRoster = {
      ...roster(sunday, 1),
      shiftsByDate: {
        [sunday]: [{ shiftId: 's', staffId: 'anna', date: sunday, hours: { from: '00:00', to: '24:00' } }],
      },
    }
    const result = search({
      point: p,
      staff,
      date: sunday,
      durationMinutes: 30,
      gridMinutes: 30,
      now: '2026-03-01T00:00:00.000Z',
    })
    assert.deepEqual(
      result.slots.map((s) => [s.localTime, s.start]),
      [
        ['01:00', '2026-03-29T00:00:00.000Z'],
        ['01:30', '2026-03-29T00:30:00.000Z'],
        ['03:00', '2026-03-29T01:00:00.000Z'],
        ['03:30', '2026-03-29T01:30:00.000Z'],
        ['04:00', '2026-03-29T02:00:00.000Z'],
        ['04:30', '2026-03-29T02:30:00.000Z'],
      ],
    )
    // a 60-minute visit from 01:30 ends at 03:30 local: real minutes, not wall-clock ones
    const long = search({
      point: p,
      staff,
      date: sunday,
      durationMinutes: 60,
      gridMinutes: 30,
      now: '2026-03-01T00:00:00.000Z',
    })
    const at0130 = long.slots.find((s) => s.localTime === '01:30')
    assert.equal(at0130?.end, '2026-03-29T01:30:00.000Z')
  })

  it('last Sunday of October: 02:00–03:00 happens twice and is offered once; offsets are right on both sides', () => {
    const sunday = '2026-10-25'
    const p = point({ exceptions: { [sunday]: { date: sunday, hours: [{ from: '01:00', to: '04:00' }], note: null } } })
    const staff: StaffRoster = {
      ...roster(sunday, 1),
      shiftsByDate: {
        [sunday]: [{ shiftId: 's', staffId: 'anna', date: sunday, hours: { from: '00:00', to: '24:00' } }],
      },
    }
    const result = search({
      point: p,
      staff,
      date: sunday,
      durationMinutes: 30,
      gridMinutes: 30,
      now: '2026-10-01T00:00:00.000Z',
    })
    assert.deepEqual(
      result.slots.map((s) => [s.localTime, s.start]),
      [
        ['01:00', '2026-10-24T23:00:00.000Z'],
        ['01:30', '2026-10-24T23:30:00.000Z'],
        ['02:00', '2026-10-25T00:00:00.000Z'],
        ['02:30', '2026-10-25T00:30:00.000Z'],
        ['03:00', '2026-10-25T02:00:00.000Z'],
        ['03:30', '2026-10-25T02:30:00.000Z'],
      ],
    )
  })

  it('alternatives across the March change carry the new offset (Saturday CET → Monday CEST)', () => {
    const saturday = '2026-03-28'
    const reservations = { [saturday]: [hold('a', '2026-03-28T11:00:00.000Z', '2026-03-28T13:00:00.000Z')] } // 12:00–14:00 CET
    const { desired } = search(
      {
        staff: roster('2026-03-20', 15),
        date: saturday,
        desiredStart: '2026-03-28T12:00:00.000Z',
        now: '2026-03-01T00:00:00.000Z',
      },
      reservations,
    )
    assert.equal(weekdayOf(saturday), 'sat')
    assert.deepEqual(
      desired?.after.map((s) => [s.date, s.localTime, s.start]),
      [
        ['2026-03-30', '08:00', '2026-03-30T06:00:00.000Z'],
        ['2026-03-30', '08:15', '2026-03-30T06:15:00.000Z'],
        ['2026-03-30', '08:30', '2026-03-30T06:30:00.000Z'],
      ],
    )
    assert.equal(desired?.before.at(-1)?.start, '2026-03-28T10:00:00.000Z') // 11:00 CET
  })

  it('offers nothing before now, and reports dates whose reservations were not loaded', () => {
    const { slots } = search({ now: '2026-06-01T13:05:00.000Z' }) // 15:05 local
    assert.equal(slots[0]?.localTime, '15:15')
    const partial = search(
      { desiredStart: '2026-06-01T15:00:00.000Z', maxDaysAway: 2 },
      { [monday]: [hold('a', '2026-06-01T14:00:00.000Z', '2026-06-01T16:00:00.000Z')] },
    )
    assert.equal(partial.desired?.after.length, 3)
    const missing = searchSlots({
      point: point(),
      staff: roster('2026-05-25', 30),
      reservationsOn: (date) =>
        date === monday ? [hold('a', '2026-06-01T14:00:00.000Z', '2026-06-01T16:00:00.000Z')] : undefined,
      date: monday,
      durationMinutes: 60,
      requirement: runFlat,
      skills: [],
      now: '2026-05-20T09:00:00.000Z',
      desiredStart: '2026-06-01T15:00:00.000Z',
      maxDaysAway: 1,
    })
    assert.ok(isRight(missing))
    assert.deepEqual(missing.right.unloadedDates, ['2026-06-02']) // Monday itself had 3 earlier slots
    assert.deepEqual(missing.right.desired?.after, [])
  })

  it('refuses a date in the past, a desired time on another date, an inactive point', () => {
    const base: SlotSearchQuery = {
      point: point(),
      staff: roster('2026-05-25', 30),
      reservationsOn: () => [],
      date: monday,
      durationMinutes: 60,
      requirement: runFlat,
      skills: [],
      now: '2026-05-20T09:00:00.000Z',
    }
    const past = searchSlots({ ...base, date: '2026-05-19' })
    assert.ok(isLeft(past) && past.left.kind === 'invalid')
    const elsewhere = searchSlots({ ...base, desiredStart: '2026-06-02T08:00:00.000Z' })
    assert.ok(isLeft(elsewhere) && elsewhere.left.fields?.[0]?.path === 'desiredStart')
    const inactive = searchSlots({ ...base, point: point({ status: 'inactive' }) })
    assert.ok(isLeft(inactive) && inactive.left.code === 'SERVICE_POINT_INACTIVE')
    const zero = searchSlots({ ...base, durationMinutes: 0 })
    assert.ok(isLeft(zero) && zero.left.code === 'SLOT_SEARCH_INVALID')
  })
})

// ── speed: 8 bays, 3 months of bookings at ~80 % utilisation ─────────────────────────────────

/** A deterministic pseudo-random sequence (no Math.random in tests that must be repeatable). */
function lcg(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return x / 2 ** 32
  }
}

function busyPoint(days: number, from: string, utilisation: number, seed = 7) {
  const random = lcg(seed)
  const features: Bay['capabilities']['features'][] = [
    ['passenger'],
    ['passenger', 'balancing'],
    ['passenger', 'suv', 'balancing'],
    ['passenger', 'suv', 'balancing', 'tpms'],
    ['passenger', 'suv', 'run_flat', 'tpms', 'balancing'],
    ['passenger', 'suv', 'run_flat', 'tpms', 'balancing'],
    ['van', 'truck', 'balancing'],
    ['passenger', 'wheel_alignment'],
  ]
  const bays: Bay[] = features.map((f, i) => ({
    bayId: `bay-${i + 1}`,
    name: `B${i + 1}`,
    capabilities: { features: f, rimMaxInches: 22 },
  }))
  const hours = [{ from: '07:00', to: '20:00' }]
  const p: PointCalendar = point({
    bays,
    weeklyHours: {
      mon: hours,
      tue: hours,
      wed: hours,
      thu: hours,
      fri: hours,
      sat: [{ from: '08:00', to: '16:00' }],
      sun: [],
    },
  })
  const members: StaffRoster['members'] = Object.fromEntries(
    bays.map((_, i) => [
      `st-${i + 1}`,
      {
        staffId: `st-${i + 1}`,
        name: `S${i + 1}`,
        skills: ['tyre_fitting', 'balancing', 'tpms', 'run_flat'],
        leftOn: null,
      },
    ]),
  )
  const shiftsByDate: Record<string, StaffRoster['shiftsByDate'][string]> = {}
  const reservations: Record<string, Reservation[]> = {}
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d)
    const dow = weekdayOf(date)
    if (dow === 'sun') continue
    const [open, close] = dow === 'sat' ? [8 * 60, 16 * 60] : [7 * 60, 20 * 60]
    shiftsByDate[date] = Object.keys(members).map((staffId) => ({
      shiftId: `${staffId}-${date}`,
      staffId,
      date,
      hours: { from: dow === 'sat' ? '08:00' : '07:00', to: dow === 'sat' ? '16:00' : '20:00' },
    }))
    const dayList: Reservation[] = []
    bays.forEach((bay, i) => {
      // visits of 30–90 minutes with gaps so that ~utilisation of the bay's day is booked
      let t = open
      while (t < close) {
        const length = 30 + 15 * Math.floor(random() * 5)
        if (t + length > close) break
        if (random() < utilisation) {
          const offset = dow === 'sat' || date < '2026-10-25' ? 120 : 60
          const start = Date.parse(`${date}T00:00:00Z`) + (t - offset) * 60_000
          dayList.push({
            bookingId: `${date}-${bay.bayId}-${t}`,
            bayId: bay.bayId,
            staffId: `st-${i + 1}`,
            start: new Date(start).toISOString(),
            end: new Date(start + length * 60_000).toISOString(),
          })
        }
        t += length
      }
    })
    reservations[date] = dayList
  }
  return { point: p, staff: { members, shiftsByDate, absences: [] } as StaffRoster, reservations }
}

describe('slot search on a busy point', () => {
  // Speed is measured by `npm run bench:booking`, not asserted here: timings in a shared test run are noise.
  it('8 bays, 3 months at ~80 % utilisation: every search with a desired time answers with free slots or alternatives', function () {
    this.timeout(30_000)
    const from = '2026-09-01'
    const { point: p, staff, reservations } = busyPoint(92, from, 0.8)
    const booked = Object.values(reservations).flat()
    assert.ok(booked.length > 5000, `${booked.length} reservations`)
    const random = lcg(42)
    for (let i = 0; i < 100; i++) {
      const date = addDays(from, 1 + Math.floor(random() * 85))
      if (weekdayOf(date) === 'sun') continue
      const desired = new Date(Date.parse(`${date}T08:00:00Z`) + Math.floor(random() * 36) * 15 * 60_000).toISOString()
      const result = searchSlots({
        point: p,
        staff,
        reservationsOn: (d) => reservations[d] ?? [],
        date,
        durationMinutes: 45 + 15 * Math.floor(random() * 3),
        requirement: { features: ['passenger', 'tpms'], rimInches: 18 },
        skills: ['tyre_fitting', 'tpms'],
        now: '2026-08-31T00:00:00.000Z',
        desiredStart: desired,
      })
      assert.ok(isRight(result))
      const { desired: d } = result.right
      assert.ok(d !== null && d !== undefined)
      assert.ok(d.free || d.before.length + d.after.length > 0, `no slot and no alternative for ${desired}`)
    }
  })
})
