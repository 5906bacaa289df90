import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { handleCommand } from '../../../../application/commands/handleCommand.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { DayScheduleCommand } from '../../../../domain/booking/commands.js'
import { resolveDay } from '../../../../domain/booking/dayResources.js'
import { dayScheduleDecider, dayScheduleStream } from '../../../../domain/booking/dayScheduleDecider.js'
import { type DayScheduleEvent, dayScheduleEventDefinitions } from '../../../../domain/booking/events.js'
import { MemoryEventStore } from '../../../../infrastructure/event-store/memory/memoryEventStore.js'
import { point, roster } from '../fixtures.js'
import { scenario } from '../givenWhenThen.js'

const { given } = scenario(dayScheduleDecider)
const date = '2026-06-01' // a Monday; Warsaw is UTC+2 in summer: 10:00 local = 08:00Z
const day = resolveDay(point(), roster(date, 1), date)
const passenger = { features: ['passenger' as const], rimInches: null }
const runFlat = { features: ['passenger' as const, 'run_flat' as const], rimInches: 20 }

const reserve = (overrides: Partial<Extract<DayScheduleCommand, { kind: 'Reserve' }>> = {}): DayScheduleCommand => ({
  kind: 'Reserve',
  pointId: 'wro-1',
  date,
  bookingId: 'bk-1',
  start: '2026-06-01T08:00:00.000Z',
  durationMinutes: 60,
  requirement: passenger,
  skills: ['tyre_fitting'],
  bayId: null,
  staffId: null,
  day,
  now: '2026-05-20T09:00:00.000Z',
  ...overrides,
})
const reserved = (bookingId: string, bayId: string, staffId: string, start: string, end: string): DayScheduleEvent => ({
  type: 'SlotReserved',
  data: { pointId: 'wro-1', date, bookingId, bayId, staffId, start, end },
})

describe('day schedule (the capacity guard)', () => {
  it('reserves the best-fit bay and staff member: fewest features, fewest skills', () => {
    given([])
      .when(reserve())
      .then([reserved('bk-1', 'bay-1', 'bartek', '2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z')])
    given([])
      .when(reserve({ requirement: runFlat, skills: ['tyre_fitting', 'run_flat'] }))
      .then([reserved('bk-1', 'bay-2', 'anna', '2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z')])
  })

  it('refuses an overlap on the only capable bay', () => {
    const held = reserved('bk-0', 'bay-2', 'anna', '2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z')
    given([held])
      .when(reserve({ start: '2026-06-01T08:30:00.000Z', requirement: runFlat }))
      .thenError('SLOT_TAKEN', 'conflict')
    // back to back is fine
    given([held])
      .when(reserve({ start: '2026-06-01T09:00:00.000Z', requirement: runFlat }))
      .events()
  })

  it('refuses a staff member assigned twice at once', () => {
    const held = reserved('bk-0', 'bay-1', 'anna', '2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z')
    given([held])
      .when(reserve({ staffId: 'anna', start: '2026-06-01T08:45:00.000Z' }))
      .thenError('STAFF_BUSY', 'conflict')
    // only anna has TPMS skills: when she is busy nobody qualified is free
    given([held])
      .when(reserve({ skills: ['tpms'], start: '2026-06-01T08:45:00.000Z' }))
      .thenError('STAFF_BUSY')
  })

  it('refuses outside opening hours (across the lunch break, before opening, after closing)', () => {
    given([])
      .when(reserve({ start: '2026-06-01T09:30:00.000Z' }))
      .thenError('OUTSIDE_OPENING_HOURS', 'conflict') // 11:30-12:30
    given([])
      .when(reserve({ start: '2026-06-01T05:00:00.000Z' }))
      .thenError('OUTSIDE_OPENING_HOURS')
    given([])
      .when(reserve({ start: '2026-06-01T15:30:00.000Z' }))
      .thenError('OUTSIDE_OPENING_HOURS') // 17:30-18:30
  })

  it('refuses a bay without the needed capabilities, and a visit no bay can take', () => {
    given([])
      .when(reserve({ bayId: 'bay-1', requirement: runFlat }))
      .thenError('BAY_NOT_CAPABLE', 'conflict')
    given([])
      .when(reserve({ requirement: { features: ['wheel_alignment'], rimInches: null } }))
      .thenError('NO_CAPABLE_BAY', 'conflict')
    given([])
      .when(reserve({ bayId: 'bay-9' }))
      .thenError('BAY_NOT_FOUND', 'not_found')
  })

  it('refuses when no qualified staff is on shift for the whole visit', () => {
    given([])
      .when(reserve({ skills: ['wheel_alignment'] }))
      .thenError('NO_QUALIFIED_STAFF_ON_SHIFT', 'conflict')
    const shortShift = resolveDay(
      point(),
      roster(date, 1, {
        shiftsByDate: {
          [date]: [{ shiftId: 'x', staffId: 'anna', date, hours: { from: '08:00', to: '14:00' } }],
        },
      }),
      date,
    )
    // 13:30–14:30 local: anna goes home at 14:00
    given([])
      .when(reserve({ day: shortShift, start: '2026-06-01T11:30:00.000Z' }))
      .thenError('NO_QUALIFIED_STAFF_ON_SHIFT')
  })

  it('refuses a start in the past, a start on another date, and a day of another point', () => {
    given([])
      .when(reserve({ now: '2026-06-01T08:30:00.000Z' }))
      .thenError('START_IN_PAST', 'invalid')
    given([])
      .when(reserve({ start: '2026-06-02T08:00:00.000Z' }))
      .thenError('START_NOT_ON_DATE', 'invalid')
    given([])
      .when(reserve({ day: { ...day, pointId: 'krk-1' } }))
      .thenError('RESERVATION_INVALID', 'invalid')
    given([reserved('bk-0', 'bay-1', 'anna', '2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z')])
      .when(reserve({ pointId: 'krk-1' }))
      .thenError('DAY_SCHEDULE_MISMATCH')
  })

  it('release frees the slot at once; releasing what is not held is a no-op', () => {
    const held = reserved('bk-0', 'bay-2', 'anna', '2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z')
    const released: DayScheduleEvent = {
      type: 'SlotReleased',
      data: { pointId: 'wro-1', date, bookingId: 'bk-0', reason: 'cancelled' },
    }
    given([held])
      .when({ kind: 'Release', pointId: 'wro-1', date, bookingId: 'bk-0', reason: 'cancelled' })
      .then([released])
    given([held, released])
      .when(reserve({ requirement: runFlat }))
      .events()
    given([held, released])
      .when({ kind: 'Release', pointId: 'wro-1', date, bookingId: 'bk-0', reason: 'cancelled' })
      .then([])
  })

  it('a booking moving within the day releases and reserves in one decision; its own slot does not block it', () => {
    const held = reserved('bk-1', 'bay-2', 'anna', '2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z')
    given([held])
      .when(reserve({ start: '2026-06-01T08:30:00.000Z', requirement: runFlat, skills: ['run_flat'] }))
      .then([
        { type: 'SlotReleased', data: { pointId: 'wro-1', date, bookingId: 'bk-1', reason: 'rescheduled' } },
        reserved('bk-1', 'bay-2', 'anna', '2026-06-01T08:30:00.000Z', '2026-06-01T09:30:00.000Z'),
      ])
    // a retried Reserve of the slot it already holds changes nothing
    given([held])
      .when(reserve({ requirement: runFlat }))
      .then([])
  })

  it('50 concurrent reservations of the last slot: exactly one wins, the others get SLOT_TAKEN', async () => {
    const store = new MemoryEventStore()
    const catalogue = new EventCatalogue(dayScheduleEventDefinitions)
    const oneBayDay = { ...day, bays: day.bays.filter((b) => b.bayId === 'bay-2') }
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        handleCommand({
          store,
          catalogue,
          decider: dayScheduleDecider,
          streamId: dayScheduleStream('wro-1', date),
          command: reserve({ bookingId: `bk-${i}`, day: oneBayDay }),
          context: {
            actor: { id: `c${i}`, role: 'customer' },
            correlationId: `r${i}`,
            causationId: null,
            now: '2026-05-20T09:00:00.000Z',
          },
          maxRetries: 5,
        }),
      ),
    )
    assert.equal(results.filter(isRight).length, 1)
    const refused = results.filter(isLeft)
    assert.equal(refused.length, 49)
    assert.ok(
      refused.every((r) => r.left.code === 'SLOT_TAKEN'),
      JSON.stringify(refused.map((r) => r.left.code)),
    )
  })
})
