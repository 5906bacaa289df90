import assert from 'node:assert/strict'
import { covers, intersect, normalize, subtract } from '../../../../domain/shared/intervals.js'
import {
  addDays,
  daysBetween,
  formatInstant,
  isLocalDate,
  isValidTimeZone,
  localDayBounds,
  localToInstant,
  offsetMinutesAt,
  parseInstant,
  parseLocalTime,
  toLocal,
  weekdayOf,
} from '../../../../domain/shared/localTime.js'

const WAW = 'Europe/Warsaw'
const at = (date: string, hhmm: string) => formatInstant(localToInstant(WAW, date, parseLocalTime(hhmm) ?? -1))

describe('local time in a point’s zone', () => {
  it('validates IANA zones with Intl (pure) and refuses made-up ones', () => {
    assert.ok(isValidTimeZone('Europe/Warsaw'))
    assert.ok(isValidTimeZone('Europe/Bucharest'))
    assert.ok(!isValidTimeZone('Europe/Gotham'))
    assert.ok(!isValidTimeZone(''))
  })

  it('converts wall-clock times to UTC in winter and summer', () => {
    assert.equal(at('2026-01-15', '08:00'), '2026-01-15T07:00:00.000Z')
    assert.equal(at('2026-07-15', '08:00'), '2026-07-15T06:00:00.000Z')
  })

  it('last Sunday of March: 02:00–03:00 does not exist; 02:30 moves to 03:30, the day has 23 hours', () => {
    assert.equal(at('2026-03-29', '01:59'), '2026-03-29T00:59:00.000Z')
    assert.equal(at('2026-03-29', '02:30'), '2026-03-29T01:30:00.000Z') // = 03:30 CEST
    assert.equal(at('2026-03-29', '03:00'), '2026-03-29T01:00:00.000Z')
    const { start, end } = localDayBounds(WAW, '2026-03-29')
    assert.equal((end - start) / 3_600_000, 23)
  })

  it('last Sunday of October: 02:00–03:00 happens twice; the first is taken, the day has 25 hours', () => {
    assert.equal(at('2026-10-25', '02:30'), '2026-10-25T00:30:00.000Z') // first 02:30, CEST
    assert.equal(at('2026-10-25', '03:00'), '2026-10-25T02:00:00.000Z')
    const { start, end } = localDayBounds(WAW, '2026-10-25')
    assert.equal((end - start) / 3_600_000, 25)
    assert.deepEqual(toLocal(WAW, Date.parse('2026-10-25T01:30:00Z')), { date: '2026-10-25', minuteOfDay: 150 })
  })

  it('knows offsets, weekdays, dates and times', () => {
    assert.equal(offsetMinutesAt(WAW, Date.parse('2026-01-01T00:00:00Z')), 60)
    assert.equal(offsetMinutesAt(WAW, Date.parse('2026-06-01T00:00:00Z')), 120)
    assert.equal(weekdayOf('2026-03-29'), 'sun')
    assert.equal(addDays('2026-02-28', 1), '2026-03-01')
    assert.equal(addDays('2028-03-01', -1), '2028-02-29')
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2)
    assert.ok(isLocalDate('2028-02-29'))
    assert.ok(!isLocalDate('2026-02-29'))
    assert.ok(!isLocalDate('2026-1-01'))
    assert.equal(parseLocalTime('24:00'), 1440)
    assert.equal(parseLocalTime('24:01'), null)
    assert.equal(parseLocalTime('7:00'), null)
    assert.equal(parseInstant('2026-01-01T10:00:00+01:00'), null)
    assert.equal(parseInstant('2026-01-01T10:00:00Z'), Date.parse('2026-01-01T10:00:00Z'))
  })
})

describe('interval lists', () => {
  it('normalize merges, subtract cuts, intersect keeps the common part, covers searches', () => {
    const a = normalize([
      { start: 5, end: 8 },
      { start: 0, end: 3 },
      { start: 3, end: 4 },
      { start: 9, end: 9 },
    ])
    assert.deepEqual(a, [
      { start: 0, end: 4 },
      { start: 5, end: 8 },
    ])
    assert.deepEqual(subtract(a, [{ start: 1, end: 6 }]), [
      { start: 0, end: 1 },
      { start: 6, end: 8 },
    ])
    assert.deepEqual(intersect(a, [{ start: 2, end: 6 }]), [
      { start: 2, end: 4 },
      { start: 5, end: 6 },
    ])
    assert.ok(covers(a, 5, 8))
    assert.ok(!covers(a, 3, 6))
    assert.ok(!covers(a, 8, 9))
  })
})
