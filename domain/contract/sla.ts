// Service-level agreement of a contract: per ticket priority, the time to react (first staff
// response) and the time to resolve, counted on a clock: calendar hours (every minute counts) or
// business hours (a weekly calendar in a time zone, minus holidays). Breaches escalate: to the
// service point's manager when a target is missed, to head office after a further period on the
// same clock. The clock itself (deadlines, pauses, breaches) is helpdesk/slaClock.ts.
import * as t from 'io-ts'
import { WeeklyHours, weeklyProblems } from '../service-network/openingHours.js'
import { isLocalDate, isValidTimeZone, parseLocalTime, WEEKDAYS } from '../shared/localTime.js'
import type { FieldProblem } from '../shared/validation.js'

export const Priority = t.keyof({ critical: null, high: null, normal: null, low: null })
export type Priority = t.TypeOf<typeof Priority>
export const PRIORITIES: ReadonlyArray<Priority> = ['critical', 'high', 'normal', 'low']

export const SlaTarget = t.type({ reactionMinutes: t.number, resolutionMinutes: t.number })
export type SlaTarget = t.TypeOf<typeof SlaTarget>

export const SlaClock = t.union([
  t.type({ kind: t.literal('calendar_hours') }),
  t.type({
    kind: t.literal('business_hours'),
    timeZone: t.string,
    weeklyHours: WeeklyHours,
    /** Local dates without business hours (public holidays). */
    holidays: t.array(t.string),
  }),
])
export type SlaClock = t.TypeOf<typeof SlaClock>

export const SlaTerms = t.type({
  clock: SlaClock,
  targets: t.type({ critical: SlaTarget, high: SlaTarget, normal: SlaTarget, low: SlaTarget }),
  /** Clock minutes after a breach (still unresolved) before head office is told as well. */
  headOfficeEscalationAfterMinutes: t.number,
})
export type SlaTerms = t.TypeOf<typeof SlaTerms>

/** 60 days of clock minutes: longer promises are not service levels. */
export const MAX_SLA_MINUTES = 60 * 24 * 60
const MAX_HOLIDAYS = 400

const slaMinutes = (value: number, path: string): FieldProblem[] =>
  Number.isInteger(value) && value >= 1 && value <= MAX_SLA_MINUTES
    ? []
    : [{ path, message: `must be a whole number of minutes from 1 to ${MAX_SLA_MINUTES}` }]

export function slaProblems(sla: SlaTerms, path: string): FieldProblem[] {
  const p: FieldProblem[] = []
  for (const priority of PRIORITIES) {
    const target = sla.targets[priority]
    const at = `${path}.targets.${priority}`
    const own = [
      ...slaMinutes(target.reactionMinutes, `${at}.reactionMinutes`),
      ...slaMinutes(target.resolutionMinutes, `${at}.resolutionMinutes`),
    ]
    if (own.length === 0 && target.resolutionMinutes < target.reactionMinutes)
      own.push({ path: `${at}.resolutionMinutes`, message: 'must not be shorter than the reaction time' })
    p.push(...own)
  }
  p.push(...slaMinutes(sla.headOfficeEscalationAfterMinutes, `${path}.headOfficeEscalationAfterMinutes`))
  if (sla.clock.kind === 'business_hours') {
    const clock = sla.clock
    if (!isValidTimeZone(clock.timeZone))
      p.push({ path: `${path}.clock.timeZone`, message: 'must be an IANA time zone such as Europe/Warsaw' })
    const weekly = weeklyProblems(clock.weeklyHours, `${path}.clock.weeklyHours`)
    p.push(...weekly)
    const open = WEEKDAYS.some((d) =>
      clock.weeklyHours[d].some((r) => (parseLocalTime(r.to) ?? 0) > (parseLocalTime(r.from) ?? 0)),
    )
    if (weekly.length === 0 && !open)
      p.push({ path: `${path}.clock.weeklyHours`, message: 'business hours need at least one open range a week' })
    if (clock.holidays.length > MAX_HOLIDAYS)
      p.push({ path: `${path}.clock.holidays`, message: `at most ${MAX_HOLIDAYS} holidays` })
    clock.holidays.forEach((d, i) => {
      if (!isLocalDate(d)) p.push({ path: `${path}.clock.holidays[${i}]`, message: 'must be a date YYYY-MM-DD' })
    })
  }
  return p
}
