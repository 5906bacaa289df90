// Time buckets in a zone, across the days a zone changes its offset (cached per day otherwise).
import assert from 'node:assert/strict'
import { bucketOf, UnknownTimeZone } from '../../../projections/reports/compile/timeBuckets.js'

describe('report time buckets', () => {
  it('places instants in local hours, days, ISO weeks and months, DST days included', () => {
    // Warsaw springs forward at 01:00 UTC on 2026-03-29 (02:00 → 03:00 local) and back on 2026-10-25.
    assert.equal(bucketOf('2026-03-29T00:59:59Z', 'hour', 'Europe/Warsaw'), '2026-03-29T01')
    assert.equal(bucketOf('2026-03-29T01:00:00Z', 'hour', 'Europe/Warsaw'), '2026-03-29T03')
    assert.equal(bucketOf('2026-10-25T00:30:00Z', 'hour', 'Europe/Warsaw'), '2026-10-25T02')
    assert.equal(bucketOf('2026-10-25T01:30:00Z', 'hour', 'Europe/Warsaw'), '2026-10-25T02')
    assert.equal(bucketOf('2026-10-25T22:59:00Z', 'day', 'Europe/Warsaw'), '2026-10-25')
    assert.equal(bucketOf('2026-10-25T23:00:00Z', 'day', 'Europe/Warsaw'), '2026-10-26')
    assert.equal(bucketOf('2026-03-01T05:00:00Z', 'day', 'America/New_York'), '2026-03-01')
    assert.equal(bucketOf('2026-03-01T04:59:00Z', 'day', 'America/New_York'), '2026-02-28')
    assert.equal(bucketOf('2026-01-01T00:00:00Z', 'hour', 'Asia/Kathmandu'), '2026-01-01T05')
    assert.equal(bucketOf('2026-12-31T23:00:00Z', 'week', 'Europe/Warsaw'), '2026-W53')
    assert.equal(bucketOf('2027-01-03T12:00:00Z', 'week', 'UTC'), '2026-W53')
    assert.equal(bucketOf('2027-01-04T12:00:00Z', 'week', 'UTC'), '2027-W01')
    assert.equal(bucketOf('2026-06-30T22:30:00Z', 'month', 'Europe/Warsaw'), '2026-07')
  })

  it('a value that is no timestamp has no bucket; an unknown zone is an error', () => {
    assert.equal(bucketOf('not a time', 'day', 'UTC'), null)
    assert.equal(bucketOf(42, 'day', 'UTC'), null)
    assert.throws(() => bucketOf('2026-01-01T00:00:00Z', 'day', 'Mars/Olympus'), UnknownTimeZone)
  })
})
