// No double booking, ever: whatever sequence of Reserve and Release commands the guard is given,
// the reservations it holds never overlap on a bay or on a staff member, and each lies within the
// opening hours and its staff member's shift.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { isRight } from 'fp-ts/lib/Either.js'
import type { DayScheduleCommand } from '../../../../domain/booking/commands.js'
import { resolveDay } from '../../../../domain/booking/dayResources.js'
import { dayScheduleDecider } from '../../../../domain/booking/dayScheduleDecider.js'
import { covers } from '../../../../domain/shared/intervals.js'
import { point, roster } from '../fixtures.js'

const date = '2026-06-01'
const day = resolveDay(point(), roster(date, 1), date)

const commandArb: fc.Arbitrary<DayScheduleCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        booking: fc.integer({ min: 0, max: 15 }),
        minute: fc.integer({ min: 6 * 60, max: 19 * 60 }),
        duration: fc.integer({ min: 10, max: 150 }),
        bay: fc.option(fc.constantFrom('bay-1', 'bay-2', 'bay-3'), { nil: null }),
        staff: fc.option(fc.constantFrom('anna', 'bartek', 'czesiek'), { nil: null }),
        runFlat: fc.boolean(),
      })
      .map(
        (r): DayScheduleCommand => ({
          kind: 'Reserve',
          pointId: 'wro-1',
          date,
          bookingId: `bk-${r.booking}`,
          start: new Date(Date.parse('2026-06-01T00:00:00+02:00') + r.minute * 60_000).toISOString(),
          durationMinutes: r.duration,
          requirement: { features: r.runFlat ? ['run_flat'] : [], rimInches: null },
          skills: r.runFlat ? ['run_flat'] : ['tyre_fitting'],
          bayId: r.bay,
          staffId: r.staff,
          day,
          now: '2026-05-20T00:00:00.000Z',
        }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 15 }).map(
      (b): DayScheduleCommand => ({
        kind: 'Release',
        pointId: 'wro-1',
        date,
        bookingId: `bk-${b}`,
        reason: 'cancelled',
      }),
    ),
  },
)

describe('day schedule invariant (property)', () => {
  it('reservations never overlap on a bay or a staff member and stay within hours and shifts', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 60 }), (commands) => {
        let state = dayScheduleDecider.initialState
        for (const command of commands) {
          const decided = dayScheduleDecider.decide(command, state)
          if (isRight(decided)) state = decided.right.reduce(dayScheduleDecider.evolve, state)
        }
        const held = state.reservations.map((r) => ({ ...r, s: Date.parse(r.start), e: Date.parse(r.end) }))
        assert.equal(new Set(held.map((r) => r.bookingId)).size, held.length)
        for (const a of held) {
          assert.ok(covers(day.opening, a.s, a.e))
          const shift = day.staff.find((x) => x.staffId === a.staffId)
          assert.ok(shift && covers(shift.available, a.s, a.e))
          for (const b of held)
            if (a !== b && a.s < b.e && b.s < a.e) {
              assert.notEqual(a.bayId, b.bayId, `bay overlap ${a.bookingId} ${b.bookingId}`)
              assert.notEqual(a.staffId, b.staffId, `staff overlap ${a.bookingId} ${b.bookingId}`)
            }
        }
      }),
      { numRuns: 300 },
    )
  })
})
