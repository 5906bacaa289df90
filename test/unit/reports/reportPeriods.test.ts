// Periods of scheduled report e-mails: local days, ISO weeks (across a year's end) and months (of
// every length), their keys read back, and the send time at 06:00 local across DST changes.
import assert from 'node:assert/strict'
import {
  nextPeriod,
  periodAt,
  periodContaining,
  periodOfKey,
  sendTimeOf,
} from '../../../application/reports/reportPeriods.js'

describe('report e-mail periods', () => {
  it('cuts days, ISO weeks and months, and reads their keys back', () => {
    assert.deepEqual(periodContaining('daily', '2026-11-25'), {
      key: '2026-11-25',
      from: '2026-11-25',
      to: '2026-11-25',
    })
    // 2026-12-31 is a Thursday of week 53; 2027-01-03 (Sunday) still belongs to it.
    assert.deepEqual(periodContaining('weekly', '2027-01-03'), {
      key: '2026-W53',
      from: '2026-12-28',
      to: '2027-01-03',
    })
    assert.deepEqual(nextPeriod('weekly', periodContaining('weekly', '2026-12-28')), {
      key: '2027-W01',
      from: '2027-01-04',
      to: '2027-01-10',
    })
    assert.deepEqual(periodContaining('monthly', '2028-02-10'), {
      key: '2028-02',
      from: '2028-02-01',
      to: '2028-02-29',
    })
    assert.deepEqual(nextPeriod('monthly', periodContaining('monthly', '2026-12-31')).key, '2027-01')
    for (const [cadence, key] of [
      ['daily', '2026-03-29'],
      ['weekly', '2026-W53'],
      ['weekly', '2027-W01'],
      ['monthly', '2026-02'],
    ] as const)
      assert.equal(periodOfKey(cadence, key)?.key, key, key)
    assert.equal(periodOfKey('weekly', '2027-W53'), null, '2027 has 52 weeks')
    assert.equal(periodOfKey('daily', '2026-02-30'), null)
    assert.equal(periodOfKey('monthly', 'soon'), null)
  })

  it('sends at 06:00 local the day after the period, in winter and in summer time', () => {
    const winter = periodContaining('daily', '2026-03-28') // the night of 29 March moves to CEST
    assert.equal(new Date(sendTimeOf(winter, 'Europe/Warsaw')).toISOString(), '2026-03-29T04:00:00.000Z')
    const before = periodContaining('daily', '2026-03-27')
    assert.equal(new Date(sendTimeOf(before, 'Europe/Warsaw')).toISOString(), '2026-03-28T05:00:00.000Z')
    // 1 November 2026 is the Sunday New York leaves summer time (at 02:00): 06:00 is EST.
    assert.equal(
      new Date(sendTimeOf(periodContaining('monthly', '2026-10-15'), 'America/New_York')).toISOString(),
      '2026-11-01T11:00:00.000Z',
    )
    // The period an instant is in depends on the zone: 23:30 UTC is already tomorrow in Warsaw.
    const instant = Date.parse('2026-11-25T23:30:00.000Z')
    assert.equal(periodAt('daily', 'Europe/Warsaw', instant).key, '2026-11-26')
    assert.equal(periodAt('daily', 'America/New_York', instant).key, '2026-11-25')
  })
})
