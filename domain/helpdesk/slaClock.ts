// The SLA clock of a ticket, computed from its events for any moment `at`: reaction and resolution
// deadlines, whether each was breached (and when), and the escalation due. No timer is the source
// of truth: a policy may re-evaluate whenever it likes (on each ticket event, and at `nextCheckAt`)
// and will always get the same answer for the same events and moment.
//
// Rules:
// - Both clocks start when the ticket is opened and count SLA-clock minutes (calendar or business
//   hours of the contract). They stop while the ticket waits for the customer; the resolution
//   clock also stops while the ticket is resolved (a reopened ticket continues where it stopped).
// - Reaction: the first of a public staff message, start of work, waiting for the customer,
//   resolution or conversion to a work order. Resolution: the ticket is resolved (or closed).
//   A target met exactly at its deadline is met.
// - The targets are those of the ticket's current priority. A priority change applies from the
//   moment it is made: a breach already incurred stays a breach (so "breached" never turns back to
//   false as time passes), and raising the priority past an already elapsed deadline is a breach
//   at the moment of the change.
// - Escalation, per target, while its breach is open (not yet reacted / not resolved): to the
//   point's manager from the breach, and to head office once the breach has lasted the SLA's
//   `headOfficeEscalationAfterMinutes` on the same clock (pauses excluded).
// - Events are read in stream order; a timestamp earlier than its predecessor's (clock skew between
//   servers) is taken as the predecessor's, so the timeline never runs backwards. Events after `at`
//   are ignored: the clock answers "as of `at`".
// - While a clock is stopped its deadline is not yet known; `deadline` is then the earliest it can
//   be (as if the pause ended at `at`) and `paused` is true.
import type { Priority, SlaTerms } from '../contract/sla.js'
import { addWorkingMinutes } from '../contract/workingTime.js'
import type { Interval } from '../shared/intervals.js'
import { formatInstant, type Instant, parseInstant } from '../shared/localTime.js'
import type { EscalationLevel, EscalationTarget, TicketEvent } from './events.js'

export interface TargetClock {
  readonly targetMinutes: number
  /** Under the current priority; while paused, the earliest it can be. */
  readonly deadline: string
  /** Reaction: the first reaction. Resolution: when the ticket was resolved, if it is resolved now. */
  readonly metAt: string | null
  readonly paused: boolean
  readonly breached: boolean
  readonly breachedAt: string | null
  /** The escalation level due now for this target (its breach is still open), or null. */
  readonly escalation: EscalationLevel | null
  /** When head office is (or was) due, while the breach is open. */
  readonly headOfficeDueAt: string | null
}

export interface SlaStatus {
  readonly at: string
  readonly priority: Priority
  readonly reaction: TargetClock
  readonly resolution: TargetClock
  /** Escalations due now and not yet recorded (TicketEscalated): what the policy should send. */
  readonly escalationsToSend: ReadonlyArray<{ readonly target: EscalationTarget; readonly level: EscalationLevel }>
  /** The first moment this answer changes without a new event, or null (stopped, or all settled). */
  readonly nextCheckAt: string | null
}

type Status = 'open' | 'in_progress' | 'waiting_for_customer' | 'resolved' | 'closed'

interface Timeline {
  readonly openedAt: Instant
  /** [from, priority]: the first from openedAt. */
  readonly priorities: ReadonlyArray<{ readonly from: Instant; readonly priority: Priority }>
  readonly waiting: ReadonlyArray<Interval>
  /** Resolved (or closed) periods; one still going ends at +Infinity. */
  readonly resolved: ReadonlyArray<Interval>
  readonly reactedAt: Instant | null
  readonly status: Status
  readonly recorded: Readonly<Record<EscalationTarget, ReadonlySet<EscalationLevel>>>
}

const REACTIONS: ReadonlySet<TicketEvent['type']> = new Set([
  'TicketWorkStarted',
  'TicketWaitingForCustomer',
  'TicketResolved',
  'TicketConvertedToWorkOrder',
])

function timeline(events: ReadonlyArray<TicketEvent>, at: Instant): Timeline | null {
  let openedAt: Instant | null = null
  let last = Number.NEGATIVE_INFINITY
  let status = 'open' as Status
  let since = 0
  let reactedAt: Instant | null = null
  const priorities: Array<{ from: Instant; priority: Priority }> = []
  const waiting: Interval[] = []
  const resolved: Interval[] = []
  const recorded = { reaction: new Set<EscalationLevel>(), resolution: new Set<EscalationLevel>() }
  const enter = (next: Status, time: Instant) => {
    if (next === status) return
    const wasResolved = status === 'resolved' || status === 'closed'
    const isResolved = next === 'resolved' || next === 'closed'
    if (status === 'waiting_for_customer') waiting.push({ start: since, end: time })
    if (wasResolved && !isResolved) resolved.push({ start: since, end: time })
    if (!(wasResolved && isResolved)) since = time
    status = next
  }
  for (const event of events) {
    const time = Math.max(last, parseInstant(event.data.at) ?? last)
    if (time > at) break
    last = time
    if (event.type === 'TicketOpened') {
      openedAt = time
      priorities.push({ from: time, priority: event.data.priority })
      since = time
      continue
    }
    if (openedAt === null) continue
    if (
      reactedAt === null &&
      (REACTIONS.has(event.type) ||
        (event.type === 'TicketMessagePosted' && event.data.fromStaff && event.data.visibility === 'public'))
    )
      reactedAt = time
    switch (event.type) {
      case 'TicketPriorityChanged':
        priorities.push({ from: time, priority: event.data.priority })
        break
      case 'TicketWorkStarted':
      case 'TicketResumed':
        enter('in_progress', time)
        break
      case 'TicketWaitingForCustomer':
        enter('waiting_for_customer', time)
        break
      case 'TicketResolved':
        enter('resolved', time)
        break
      case 'TicketClosed':
        enter('closed', time)
        break
      case 'TicketReopened':
        enter('open', time)
        break
      case 'TicketEscalated':
        recorded[event.data.target].add(event.data.level)
        break
      default:
        break
    }
  }
  if (openedAt === null) return null
  // A wait still going ends at `at` at the earliest; a resolution still in force has no end yet.
  if (status === 'waiting_for_customer') waiting.push({ start: since, end: at })
  if (status === 'resolved' || status === 'closed') resolved.push({ start: since, end: Number.POSITIVE_INFINITY })
  return { openedAt, priorities, waiting, resolved, reactedAt, status, recorded }
}

const within = (intervals: ReadonlyArray<Interval>, t: Instant): boolean =>
  intervals.some((i) => i.start <= t && t < i.end)

function targetClock(
  sla: SlaTerms,
  tl: Timeline,
  at: Instant,
  minutesOf: (priority: Priority) => number,
  pauses: ReadonlyArray<Interval>,
  isMet: (t: Instant) => boolean,
  metAt: Instant | null,
  pausedNow: boolean,
): TargetClock {
  const deadlineFor = (priority: Priority) => addWorkingMinutes(sla.clock, tl.openedAt, minutesOf(priority), pauses)
  let breachedAt: Instant | null = null
  for (let i = 0; i < tl.priorities.length; i++) {
    const segment = tl.priorities[i] as Timeline['priorities'][number]
    const segmentEnd = tl.priorities[i + 1]?.from ?? Number.POSITIVE_INFINITY
    const candidate = Math.max(deadlineFor(segment.priority), segment.from)
    if (
      candidate < segmentEnd &&
      candidate < at &&
      !isMet(candidate) &&
      (breachedAt === null || candidate < breachedAt)
    )
      breachedAt = candidate
  }
  const current = (tl.priorities.at(-1) as Timeline['priorities'][number]).priority
  const deadline = deadlineFor(current)
  const open = breachedAt !== null && !isMet(at)
  const headOfficeDueAt =
    open && breachedAt !== null
      ? addWorkingMinutes(sla.clock, breachedAt, sla.headOfficeEscalationAfterMinutes, pauses)
      : null
  const escalation: EscalationLevel | null =
    headOfficeDueAt === null ? null : headOfficeDueAt <= at ? 'head_office' : 'point_manager'
  return {
    targetMinutes: minutesOf(current),
    deadline: formatInstant(deadline),
    metAt: metAt === null ? null : formatInstant(metAt),
    paused: pausedNow,
    breached: breachedAt !== null,
    breachedAt: breachedAt === null ? null : formatInstant(breachedAt),
    escalation,
    headOfficeDueAt: headOfficeDueAt === null ? null : formatInstant(headOfficeDueAt),
  }
}

const LEVELS: ReadonlyArray<EscalationLevel> = ['point_manager', 'head_office']

/** The SLA state of a ticket as of `at` (UTC ISO-8601); null without an SLA or before the ticket exists. */
export function slaClock(events: ReadonlyArray<TicketEvent>, sla: SlaTerms | null, at: string): SlaStatus | null {
  const now = parseInstant(at)
  if (sla === null || now === null) return null
  const tl = timeline(events, now)
  if (tl === null) return null
  const resolvedNow = tl.status === 'resolved' || tl.status === 'closed'
  const waitingNow = tl.status === 'waiting_for_customer'
  // Pauses end at `at` at the latest: the earliest the clock can restart.
  const stoppedUntilNow = (intervals: ReadonlyArray<Interval>) =>
    intervals.map((i) => ({ start: i.start, end: Math.min(i.end, now) }))
  const reaction = targetClock(
    sla,
    tl,
    now,
    (p) => sla.targets[p].reactionMinutes,
    tl.waiting,
    (t) => tl.reactedAt !== null && tl.reactedAt <= t,
    tl.reactedAt,
    tl.reactedAt === null && waitingNow,
  )
  const resolution = targetClock(
    sla,
    tl,
    now,
    (p) => sla.targets[p].resolutionMinutes,
    stoppedUntilNow([...tl.waiting, ...tl.resolved]),
    (t) => within(tl.resolved, t),
    resolvedNow ? (tl.resolved.at(-1)?.start ?? null) : null,
    waitingNow || resolvedNow,
  )
  const escalationsToSend: Array<{ target: EscalationTarget; level: EscalationLevel }> = []
  const next: Instant[] = []
  for (const [target, clock] of [
    ['reaction', reaction],
    ['resolution', resolution],
  ] as const) {
    if (clock.escalation !== null)
      for (const level of LEVELS.slice(0, LEVELS.indexOf(clock.escalation) + 1))
        if (!tl.recorded[target].has(level)) escalationsToSend.push({ target, level })
    if (clock.paused || clock.metAt !== null) continue
    // A deadline is breached from the millisecond after it (met exactly at the deadline is met).
    if (!clock.breached) next.push((parseInstant(clock.deadline) as Instant) + 1)
    else if (clock.escalation === 'point_manager' && clock.headOfficeDueAt !== null)
      next.push(parseInstant(clock.headOfficeDueAt) as Instant)
  }
  const upcoming = next.filter((t) => t > now)
  return {
    at: formatInstant(now),
    priority: (tl.priorities.at(-1) as Timeline['priorities'][number]).priority,
    reaction,
    resolution,
    escalationsToSend,
    nextCheckAt: upcoming.length === 0 ? null : formatInstant(Math.min(...upcoming)),
  }
}
