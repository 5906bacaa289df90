// The staff schedule of one point (stream `staffschedule-<pointId>`): who works there with which
// skills, their shifts (a local date and wall-clock hours) and absences (local date-times).
// Shifts are kept by date: slot search and the capacity guard only ever ask "who works on D".
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { isLocalDate, type LocalDate, parseLocalTime } from '../shared/localTime.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { StaffSkill } from './capabilities.js'
import type { StaffScheduleCommand } from './commands.js'
import type { StaffScheduleEvent } from './events.js'
import { dateProblems, rangesProblems, type TimeRange } from './openingHours.js'

export const staffScheduleStream = (pointId: string): string => `staffschedule-${pointId}`

export interface StaffMember {
  readonly staffId: string
  readonly name: string
  readonly skills: ReadonlyArray<StaffSkill>
  /** First date the member no longer works here; null while employed. */
  readonly leftOn: LocalDate | null
}

export interface Shift {
  readonly shiftId: string
  readonly staffId: string
  readonly date: LocalDate
  readonly hours: TimeRange
}

export interface Absence {
  readonly absenceId: string
  readonly staffId: string
  /** Local 'YYYY-MM-DDTHH:MM', half-open. */
  readonly from: string
  readonly to: string
  readonly reason: 'vacation' | 'sick' | 'training' | 'other'
}

export interface StaffScheduleState {
  readonly pointId: string | null
  readonly members: Readonly<Record<string, StaffMember>>
  readonly shiftsByDate: Readonly<Record<LocalDate, ReadonlyArray<Shift>>>
  readonly absences: ReadonlyArray<Absence>
}

export const initialStaffScheduleState: StaffScheduleState = {
  pointId: null,
  members: {},
  shiftsByDate: {},
  absences: [],
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/

export function parseLocalDateTime(value: string): { date: LocalDate; minuteOfDay: number } | null {
  const m = LOCAL_DATE_TIME.exec(value)
  if (!m || !isLocalDate(m[1] as string)) return null
  const minuteOfDay = parseLocalTime(m[2] as string)
  return minuteOfDay === null || minuteOfDay === 1440 ? null : { date: m[1] as string, minuteOfDay }
}

function findShift(state: StaffScheduleState, shiftId: string): Shift | undefined {
  for (const shifts of Object.values(state.shiftsByDate)) {
    const shift = shifts.find((s) => s.shiftId === shiftId)
    if (shift) return shift
  }
  return undefined
}

const minutes = (r: TimeRange): [number, number] => [parseLocalTime(r.from) ?? 0, parseLocalTime(r.to) ?? 0]

type Decision = Either<DomainError, ReadonlyArray<StaffScheduleEvent>>
const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'STAFF_SCHEDULE_INVALID', 'the staff schedule data is invalid', problems))
const skillsProblems = (skills: ReadonlyArray<StaffSkill>): FieldProblem[] =>
  new Set(skills).size === skills.length ? [] : [{ path: 'skills', message: 'must not repeat a skill' }]

function activeMember(
  state: StaffScheduleState,
  staffId: string,
  onDate?: LocalDate,
): Either<DomainError, StaffMember> {
  const member = state.members[staffId]
  if (!member) return left(domainError('not_found', 'STAFF_MEMBER_NOT_FOUND', `no staff member ${staffId}`))
  if (member.leftOn !== null && (onDate === undefined || onDate >= member.leftOn))
    return left(domainError('conflict', 'STAFF_MEMBER_LEFT', `${member.name} no longer works here`))
  return right(member)
}

function decide(command: StaffScheduleCommand, state: StaffScheduleState): Decision {
  const idProblems = validId(command.pointId, 'pointId')
  if (idProblems.length > 0) return invalid(idProblems)
  if (state.pointId !== null && state.pointId !== command.pointId)
    return left(domainError('conflict', 'STAFF_SCHEDULE_POINT_MISMATCH', 'this schedule belongs to another point'))
  const pointId = command.pointId
  switch (command.kind) {
    case 'RegisterStaffMember': {
      const problems = [
        ...validId(command.staffId, 'staffId'),
        ...nonBlank(command.name, 'name', 120),
        ...skillsProblems(command.skills),
      ]
      if (problems.length > 0) return invalid(problems)
      const existing = state.members[command.staffId]
      if (existing)
        return existing.name === command.name.trim() && existing.leftOn === null
          ? right([])
          : left(domainError('conflict', 'STAFF_MEMBER_EXISTS', `staff member ${command.staffId} exists`))
      return right([
        {
          type: 'StaffMemberRegistered',
          data: { pointId, staffId: command.staffId, name: command.name.trim(), skills: [...command.skills] },
        },
      ])
    }
    case 'ChangeStaffSkills': {
      const problems = skillsProblems(command.skills)
      if (problems.length > 0) return invalid(problems)
      const member = activeMember(state, command.staffId)
      if (isLeft(member)) return member
      return JSON.stringify([...member.right.skills].sort()) === JSON.stringify([...command.skills].sort())
        ? right([])
        : right([
            {
              type: 'StaffMemberSkillsChanged',
              data: { pointId, staffId: command.staffId, skills: [...command.skills] },
            },
          ])
    }
    case 'StaffMemberLeaves': {
      const problems = dateProblems(command.effectiveDate, 'effectiveDate')
      if (problems.length > 0) return invalid(problems)
      const member = activeMember(state, command.staffId)
      if (isLeft(member)) return member
      // Their shifts from that date on go with them, in the same decision, so no slot is offered
      // on the strength of someone who has left.
      const cancelled: StaffScheduleEvent[] = Object.entries(state.shiftsByDate)
        .filter(([date]) => date >= command.effectiveDate)
        .flatMap(([, shifts]) => shifts.filter((s) => s.staffId === command.staffId))
        .map((s) => ({ type: 'ShiftCancelled', data: { pointId, shiftId: s.shiftId, date: s.date } }))
      return right([
        { type: 'StaffMemberLeft', data: { pointId, staffId: command.staffId, effectiveDate: command.effectiveDate } },
        ...cancelled,
      ])
    }
    case 'PlanShift': {
      const problems = [
        ...validId(command.shiftId, 'shiftId'),
        ...dateProblems(command.date, 'date'),
        ...rangesProblems([command.hours], 'hours').map((p) => ({ ...p, path: p.path.replace('hours[0]', 'hours') })),
      ]
      if (problems.length > 0) return invalid(problems)
      const member = activeMember(state, command.staffId, command.date)
      if (isLeft(member)) return member
      const existing = findShift(state, command.shiftId)
      if (existing)
        return JSON.stringify(existing) ===
          JSON.stringify({
            shiftId: command.shiftId,
            staffId: command.staffId,
            date: command.date,
            hours: command.hours,
          })
          ? right([])
          : left(domainError('conflict', 'SHIFT_EXISTS', `shift ${command.shiftId} exists`))
      const [from, to] = minutes(command.hours)
      const clash = (state.shiftsByDate[command.date] ?? []).find((s) => {
        if (s.staffId !== command.staffId) return false
        const [f, t] = minutes(s.hours)
        return from < t && f < to
      })
      if (clash)
        return left(
          domainError(
            'conflict',
            'SHIFT_OVERLAPS',
            `${member.right.name} already works ${clash.hours.from}-${clash.hours.to}`,
          ),
        )
      return right([
        {
          type: 'ShiftPlanned',
          data: {
            pointId,
            shiftId: command.shiftId,
            staffId: command.staffId,
            date: command.date,
            hours: command.hours,
          },
        },
      ])
    }
    case 'CancelShift': {
      const shift = findShift(state, command.shiftId)
      if (!shift) return left(domainError('not_found', 'SHIFT_NOT_FOUND', `no shift ${command.shiftId}`))
      return right([{ type: 'ShiftCancelled', data: { pointId, shiftId: shift.shiftId, date: shift.date } }])
    }
    case 'RecordAbsence': {
      const from = parseLocalDateTime(command.from)
      const to = parseLocalDateTime(command.to)
      const problems: FieldProblem[] = [...validId(command.absenceId, 'absenceId')]
      if (!from) problems.push({ path: 'from', message: 'must be a local date-time YYYY-MM-DDTHH:MM' })
      if (!to) problems.push({ path: 'to', message: 'must be a local date-time YYYY-MM-DDTHH:MM' })
      if (from && to && command.to <= command.from) problems.push({ path: 'to', message: 'must be after from' })
      if (problems.length > 0) return invalid(problems)
      const member = activeMember(state, command.staffId)
      if (isLeft(member)) return member
      const existing = state.absences.find((a) => a.absenceId === command.absenceId)
      if (existing)
        return existing.staffId === command.staffId && existing.from === command.from && existing.to === command.to
          ? right([])
          : left(domainError('conflict', 'ABSENCE_EXISTS', `absence ${command.absenceId} exists`))
      return right([
        {
          type: 'AbsenceRecorded',
          data: {
            pointId,
            absenceId: command.absenceId,
            staffId: command.staffId,
            from: command.from,
            to: command.to,
            reason: command.reason,
          },
        },
      ])
    }
    case 'CancelAbsence':
      return state.absences.some((a) => a.absenceId === command.absenceId)
        ? right([{ type: 'AbsenceCancelled', data: { pointId, absenceId: command.absenceId } }])
        : left(domainError('not_found', 'ABSENCE_NOT_FOUND', `no absence ${command.absenceId}`))
  }
}

function evolve(state: StaffScheduleState, event: StaffScheduleEvent): StaffScheduleState {
  const base = { ...state, pointId: event.data.pointId }
  switch (event.type) {
    case 'StaffMemberRegistered': {
      const { staffId, name, skills } = event.data
      return { ...base, members: { ...state.members, [staffId]: { staffId, name, skills, leftOn: null } } }
    }
    case 'StaffMemberSkillsChanged': {
      const m = state.members[event.data.staffId]
      return m ? { ...base, members: { ...state.members, [m.staffId]: { ...m, skills: event.data.skills } } } : base
    }
    case 'StaffMemberLeft': {
      const m = state.members[event.data.staffId]
      return m
        ? { ...base, members: { ...state.members, [m.staffId]: { ...m, leftOn: event.data.effectiveDate } } }
        : base
    }
    case 'ShiftPlanned': {
      const { shiftId, staffId, date, hours } = event.data
      const day = state.shiftsByDate[date] ?? []
      return { ...base, shiftsByDate: { ...state.shiftsByDate, [date]: [...day, { shiftId, staffId, date, hours }] } }
    }
    case 'ShiftCancelled': {
      const day = (state.shiftsByDate[event.data.date] ?? []).filter((s) => s.shiftId !== event.data.shiftId)
      return { ...base, shiftsByDate: { ...state.shiftsByDate, [event.data.date]: day } }
    }
    case 'AbsenceRecorded': {
      const { absenceId, staffId, from, to, reason } = event.data
      return { ...base, absences: [...state.absences, { absenceId, staffId, from, to, reason }] }
    }
    case 'AbsenceCancelled':
      return { ...base, absences: state.absences.filter((a) => a.absenceId !== event.data.absenceId) }
  }
}

export const staffScheduleDecider: Decider<StaffScheduleCommand, StaffScheduleState, StaffScheduleEvent> = {
  initialState: initialStaffScheduleState,
  decide,
  evolve,
}
