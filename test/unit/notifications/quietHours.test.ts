import assert from 'node:assert/strict'
import { parseQuietHours, quietUntil } from '../../../application/notifications/quietHours.js'

const quiet = { start: '21:00', end: '08:00' }
const at = (iso: string) => Date.parse(iso)
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

describe('quiet hours for SMS (point’s time zone)', () => {
  it('is not quiet during the day', () => {
    assert.equal(quietUntil(at('2025-06-04T10:00:00Z'), 'Europe/Warsaw', quiet), null) // 12:00 local
    assert.equal(quietUntil(at('2025-06-04T18:59:00Z'), 'Europe/Warsaw', quiet), null) // 20:59 local
  })

  it('late evening waits until 08:00 local the next morning', () => {
    // 22:30 in Warsaw (summer, UTC+2) → 08:00 local next day = 06:00 UTC
    assert.equal(iso(quietUntil(at('2025-06-04T20:30:00Z'), 'Europe/Warsaw', quiet)), '2025-06-05T06:00:00.000Z')
  })

  it('early morning waits until 08:00 local the same day', () => {
    // 05:00 in Warsaw (winter, UTC+1) → 08:00 local = 07:00 UTC
    assert.equal(iso(quietUntil(at('2025-01-15T04:00:00Z'), 'Europe/Warsaw', quiet)), '2025-01-15T07:00:00.000Z')
  })

  it('uses the point’s own zone: the same instant is quiet in Bucharest, not in Lisbon', () => {
    const instant = at('2025-06-04T18:30:00Z') // 21:30 in Bucharest (UTC+3), 19:30 in Lisbon (UTC+1)
    assert.equal(iso(quietUntil(instant, 'Europe/Bucharest', quiet)), '2025-06-05T05:00:00.000Z')
    assert.equal(quietUntil(instant, 'Europe/Lisbon', quiet), null)
  })

  it('ends at 08:00 local on the night the clocks go forward', () => {
    // 23:00 on Saturday 29 March 2025 in Warsaw (UTC+1); Sunday 08:00 is already UTC+2 → 06:00 UTC
    assert.equal(iso(quietUntil(at('2025-03-29T22:00:00Z'), 'Europe/Warsaw', quiet)), '2025-03-30T06:00:00.000Z')
  })

  it('handles a daytime window and no window at all', () => {
    const lunch = { start: '13:00', end: '14:00' }
    assert.equal(iso(quietUntil(at('2025-06-04T11:30:00Z'), 'Europe/Warsaw', lunch)), '2025-06-04T12:00:00.000Z')
    assert.equal(quietUntil(at('2025-06-04T12:30:00Z'), 'Europe/Warsaw', lunch), null)
    assert.equal(quietUntil(at('2025-06-04T20:30:00Z'), 'Europe/Warsaw', { start: '00:00', end: '00:00' }), null)
  })

  it('parses "21:00-08:00" and refuses anything else', () => {
    assert.deepEqual(parseQuietHours('21:00-08:00'), quiet)
    assert.throws(() => parseQuietHours('9pm-8am'))
    assert.throws(() => parseQuietHours('25:00-08:00'))
  })
})
