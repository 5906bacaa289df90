import assert from 'node:assert/strict'
import type { StaffScheduleEvent } from '../../../../domain/service-network/events.js'
import { staffScheduleDecider } from '../../../../domain/service-network/staffScheduleDecider.js'
import { scenario } from '../givenWhenThen.js'

const { given } = scenario(staffScheduleDecider)
const pointId = 'wro-1'
const registered: StaffScheduleEvent = {
  type: 'StaffMemberRegistered',
  data: { pointId, staffId: 'anna', name: 'Anna Nowak', skills: ['tyre_fitting', 'balancing'] },
}
const shift = (shiftId: string, date: string, from: string, to: string): StaffScheduleEvent => ({
  type: 'ShiftPlanned',
  data: { pointId, shiftId, staffId: 'anna', date, hours: { from, to } },
})

describe('staff schedule', () => {
  it('registers staff with skills and plans shifts', () => {
    given([])
      .when({
        kind: 'RegisterStaffMember',
        pointId,
        staffId: 'anna',
        name: 'Anna Nowak',
        skills: ['tyre_fitting', 'balancing'],
      })
      .then([registered])
    const state = given([registered])
      .when({
        kind: 'PlanShift',
        pointId,
        shiftId: 's1',
        staffId: 'anna',
        date: '2026-10-26',
        hours: { from: '08:00', to: '16:00' },
      })
      .then([shift('s1', '2026-10-26', '08:00', '16:00')])
    assert.equal(state.shiftsByDate['2026-10-26']?.length, 1)
  })

  it('refuses overlapping shifts of one person, unknown staff, bad hours', () => {
    given([registered, shift('s1', '2026-10-26', '08:00', '16:00')])
      .when({
        kind: 'PlanShift',
        pointId,
        shiftId: 's2',
        staffId: 'anna',
        date: '2026-10-26',
        hours: { from: '15:00', to: '20:00' },
      })
      .thenError('SHIFT_OVERLAPS', 'conflict')
    given([registered])
      .when({
        kind: 'PlanShift',
        pointId,
        shiftId: 's2',
        staffId: 'zenon',
        date: '2026-10-26',
        hours: { from: '08:00', to: '16:00' },
      })
      .thenError('STAFF_MEMBER_NOT_FOUND', 'not_found')
    const error = given([registered])
      .when({
        kind: 'PlanShift',
        pointId,
        shiftId: 's2',
        staffId: 'anna',
        date: '2026-13-01',
        hours: { from: '16:00', to: '08:00' },
      })
      .thenError('STAFF_SCHEDULE_INVALID', 'invalid')
    assert.deepEqual(
      (error.fields ?? []).map((f) => f.path),
      ['date', 'hours'],
    )
  })

  it('records and cancels absences (local date-times)', () => {
    const recorded: StaffScheduleEvent = {
      type: 'AbsenceRecorded',
      data: {
        pointId,
        absenceId: 'a1',
        staffId: 'anna',
        from: '2026-10-26T12:00',
        to: '2026-10-28T00:00',
        reason: 'sick',
      },
    }
    given([registered])
      .when({
        kind: 'RecordAbsence',
        pointId,
        absenceId: 'a1',
        staffId: 'anna',
        from: '2026-10-26T12:00',
        to: '2026-10-28T00:00',
        reason: 'sick',
      })
      .then([recorded])
    given([registered])
      .when({
        kind: 'RecordAbsence',
        pointId,
        absenceId: 'a1',
        staffId: 'anna',
        from: '2026-10-26T12:00',
        to: '2026-10-26T11:00',
        reason: 'sick',
      })
      .thenError('STAFF_SCHEDULE_INVALID')
    given([registered, recorded])
      .when({ kind: 'CancelAbsence', pointId, absenceId: 'a1' })
      .then([{ type: 'AbsenceCancelled', data: { pointId, absenceId: 'a1' } }])
  })

  it('a member who leaves takes their shifts from that date on with them', () => {
    given([registered, shift('s1', '2026-10-26', '08:00', '16:00'), shift('s2', '2026-11-02', '08:00', '16:00')])
      .when({ kind: 'StaffMemberLeaves', pointId, staffId: 'anna', effectiveDate: '2026-11-01' })
      .then([
        { type: 'StaffMemberLeft', data: { pointId, staffId: 'anna', effectiveDate: '2026-11-01' } },
        { type: 'ShiftCancelled', data: { pointId, shiftId: 's2', date: '2026-11-02' } },
      ])
  })
})
