// Periodic services a contract promises: "inspection every 6 months from 15 March", "seasonal tyre
// change in spring (15 Mar-30 Apr) and autumn (1 Oct-30 Nov)". `dueServices` lists, for each
// covered vehicle, the services falling due between two dates under the terms in force on each
// due date; the application turns them into reminders and proposed visits (see README.md).
//
// Every-N-months dates are counted from the first due date (firstDue + k·N months, the day clamped
// to the month's length), never from the previous due date, so 31 Jan does not drift to the 28th.
// A seasonal window is due on its first day; the whole window is given so reminders can say
// "book between … and …".
import * as t from 'io-ts'
import { isLocalDate, type LocalDate } from '../shared/localTime.js'
import type { FieldProblem } from '../shared/validation.js'
import { validId } from '../shared/validation.js'
import { addMonths, isMonthDay } from '../shared/yearMonth.js'

/** 'MM-DD' to 'MM-DD', both inclusive, within one calendar year. */
export const SeasonWindow = t.type({ from: t.string, to: t.string })
export type SeasonWindow = t.TypeOf<typeof SeasonWindow>

export const ScheduleRule = t.union([
  t.type({ kind: t.literal('every_months'), months: t.number, firstDue: t.string }),
  t.type({ kind: t.literal('seasonal'), spring: SeasonWindow, autumn: SeasonWindow }),
])
export type ScheduleRule = t.TypeOf<typeof ScheduleRule>

export const ScheduledService = t.type({
  scheduleId: t.string,
  serviceCode: t.string,
  /** null: every vehicle the contract covers. */
  equipmentIds: t.union([t.array(t.string), t.null]),
  rule: ScheduleRule,
})
export type ScheduledService = t.TypeOf<typeof ScheduledService>

export interface DueService {
  readonly contractId: string
  readonly scheduleId: string
  readonly serviceCode: string
  readonly equipmentId: string
  readonly dueDate: LocalDate
  /** The seasonal window the service should be done in; null for every-N-months services. */
  readonly window: { readonly from: LocalDate; readonly to: LocalDate } | null
  readonly season: 'spring' | 'autumn' | null
}

/** What a schedule needs from the contract: its periods of validity, each with the terms in force. */
export interface SchedulePeriod {
  readonly from: LocalDate
  /** Inclusive; null = open-ended. */
  readonly to: LocalDate | null
  readonly coveredEquipmentIds: ReadonlyArray<string>
  readonly schedule: ReadonlyArray<ScheduledService>
}

function windowProblems(w: SeasonWindow, path: string): FieldProblem[] {
  const p: FieldProblem[] = []
  if (!isMonthDay(w.from)) p.push({ path: `${path}.from`, message: 'must be MM-DD (29 Feb is not in every year)' })
  if (!isMonthDay(w.to)) p.push({ path: `${path}.to`, message: 'must be MM-DD (29 Feb is not in every year)' })
  if (p.length === 0 && w.to < w.from) p.push({ path, message: 'must end after it starts, within one calendar year' })
  return p
}

export function scheduleProblems(
  schedule: ReadonlyArray<ScheduledService>,
  covered: { readonly equipmentIds: ReadonlyArray<string>; readonly serviceCodes: ReadonlyArray<string> },
  path: string,
): FieldProblem[] {
  const p: FieldProblem[] = []
  const ids = new Set<string>()
  schedule.forEach((s, i) => {
    const at = `${path}[${i}]`
    p.push(...validId(s.scheduleId, `${at}.scheduleId`))
    if (ids.has(s.scheduleId)) p.push({ path: `${at}.scheduleId`, message: 'is used twice' })
    ids.add(s.scheduleId)
    if (!covered.serviceCodes.includes(s.serviceCode))
      p.push({ path: `${at}.serviceCode`, message: `${s.serviceCode} is not a service the contract covers` })
    s.equipmentIds?.forEach((id, j) => {
      if (!covered.equipmentIds.includes(id))
        p.push({ path: `${at}.equipmentIds[${j}]`, message: `${id} is not covered by the contract` })
    })
    if (s.equipmentIds?.length === 0)
      p.push({ path: `${at}.equipmentIds`, message: 'name at least one vehicle, or null for all covered ones' })
    const rule = s.rule
    if (rule.kind === 'every_months') {
      if (!(Number.isInteger(rule.months) && rule.months >= 1 && rule.months <= 120))
        p.push({ path: `${at}.rule.months`, message: 'must be 1 to 120 months' })
      if (!isLocalDate(rule.firstDue)) p.push({ path: `${at}.rule.firstDue`, message: 'must be a date YYYY-MM-DD' })
    } else {
      const spring = windowProblems(rule.spring, `${at}.rule.spring`)
      const autumn = windowProblems(rule.autumn, `${at}.rule.autumn`)
      p.push(...spring, ...autumn)
      if (spring.length === 0 && autumn.length === 0 && rule.autumn.from <= rule.spring.to)
        p.push({ path: `${at}.rule.autumn.from`, message: 'the autumn window must start after the spring window ends' })
    }
  })
  return p
}

function dueDates(
  rule: ScheduleRule,
  from: LocalDate,
  to: LocalDate,
): Array<Omit<DueService, 'contractId' | 'scheduleId' | 'serviceCode' | 'equipmentId'>> {
  const out: Array<Omit<DueService, 'contractId' | 'scheduleId' | 'serviceCode' | 'equipmentId'>> = []
  if (rule.kind === 'every_months') {
    // Skip whole periods before `from` without walking them one by one.
    const monthsBefore =
      (Number(from.slice(0, 4)) - Number(rule.firstDue.slice(0, 4))) * 12 +
      Number(from.slice(5, 7)) -
      Number(rule.firstDue.slice(5, 7))
    for (let k = Math.max(0, Math.floor(monthsBefore / rule.months) - 1); ; k++) {
      const due = addMonths(rule.firstDue, k * rule.months)
      if (due > to) break
      if (due >= from) out.push({ dueDate: due, window: null, season: null })
    }
    return out
  }
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    for (const season of ['spring', 'autumn'] as const) {
      const w = rule[season]
      const window = { from: `${year}-${w.from}`, to: `${year}-${w.to}` }
      if (window.from >= from && window.from <= to) out.push({ dueDate: window.from, window, season })
    }
  return out
}

/**
 * Services due in [from, to] (inclusive local dates) under the contract's periods: a date counts
 * only inside a period of validity, under the schedule and coverage of the terms in force then.
 */
export function dueServices(
  contractId: string,
  periods: ReadonlyArray<SchedulePeriod>,
  from: LocalDate,
  to: LocalDate,
): DueService[] {
  const out: DueService[] = []
  for (const period of periods) {
    const lo = period.from > from ? period.from : from
    const hi = period.to !== null && period.to < to ? period.to : to
    if (hi < lo) continue
    for (const s of period.schedule) {
      const vehicles = s.equipmentIds ?? period.coveredEquipmentIds
      for (const due of dueDates(s.rule, lo, hi))
        for (const equipmentId of vehicles)
          out.push({ contractId, scheduleId: s.scheduleId, serviceCode: s.serviceCode, equipmentId, ...due })
    }
  }
  return out.sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.equipmentId.localeCompare(b.equipmentId) ||
      a.scheduleId.localeCompare(b.scheduleId),
  )
}
