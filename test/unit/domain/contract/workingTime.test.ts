import assert from 'node:assert/strict'
import { addWorkingMinutes, workingMinutesBetween } from '../../../../domain/contract/workingTime.js'
import { businessSla } from './fixtures.js'

const ms = (iso: string) => Date.parse(iso)
const iso = (t: number) => new Date(t).toISOString()
const business = businessSla.clock
const calendar = { kind: 'calendar_hours' as const }

describe('SLA working time', () => {
  it('calendar hours: every minute counts, pauses do not', () => {
    assert.equal(iso(addWorkingMinutes(calendar, ms('2026-03-06T14:00:00Z'), 240, [])), '2026-03-06T18:00:00.000Z')
    const pause = { start: ms('2026-03-06T15:00:00Z'), end: ms('2026-03-06T16:30:00Z') }
    assert.equal(iso(addWorkingMinutes(calendar, ms('2026-03-06T14:00:00Z'), 240, [pause])), '2026-03-06T19:30:00.000Z')
  })

  it('business hours: Friday 15:00 Warsaw + 2 h = Monday 09:00 Warsaw', () => {
    // 2026-03-06 is a Friday; Warsaw is UTC+1 in March: 15:00 local = 14:00Z.
    assert.equal(iso(addWorkingMinutes(business, ms('2026-03-06T14:00:00Z'), 120, [])), '2026-03-09T08:00:00.000Z')
  })

  it('the last minute at closing time ends there, not the next morning', () => {
    // Monday 08:00 local (07:00Z) + 8 h = Monday 16:00 local (15:00Z)
    assert.equal(iso(addWorkingMinutes(business, ms('2026-03-09T07:00:00Z'), 480, [])), '2026-03-09T15:00:00.000Z')
  })

  it('skips holidays and weekends: Thursday 30 April 15:00 + 2 h = Monday 4 May 09:00 (1 May holiday)', () => {
    // Warsaw is UTC+2 in May.
    assert.equal(iso(addWorkingMinutes(business, ms('2026-04-30T13:00:00Z'), 120, [])), '2026-05-04T07:00:00.000Z')
  })

  it('follows the wall clock across DST: 08:00 local is 07:00Z before and 06:00Z after 29 March', () => {
    // Friday 27 March 15:00 local (14:00Z) + 2 h → Monday 30 March 09:00 local = 07:00Z (summer time)
    assert.equal(iso(addWorkingMinutes(business, ms('2026-03-27T14:00:00Z'), 120, [])), '2026-03-30T07:00:00.000Z')
  })

  it('counts working minutes between two instants, minus pauses', () => {
    const from = ms('2026-03-06T14:00:00Z') // Fri 15:00 local
    const to = ms('2026-03-09T10:00:00Z') // Mon 11:00 local
    assert.equal(workingMinutesBetween(business, from, to, []), 60 + 180)
    assert.equal(
      workingMinutesBetween(business, from, to, [
        { start: ms('2026-03-09T08:00:00Z'), end: ms('2026-03-09T09:00:00Z') },
      ]),
      180,
    )
  })
})
