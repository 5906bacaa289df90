// Ticket events → jobs:
//   - TicketEscalated (recorded by the SLA escalation check, application/helpdesk/slaEscalation.ts,
//     once per target and level) → one e-mail job `slaesc-<eventId>` to the point's managers or the
//     head office, by level: the escalation is acted on, not only logged;
//   - after every ticket event, each SLA target still running → the warning job
//     `slawarn-<target>-<ticketId>` MOVED to `warnBefore` ahead of its current deadline (priority
//     changes, pauses and reopenings move the deadline), REMOVED once the target is met, breached
//     (the escalation takes over) or paused; when it fires the handler checks again;
//   - TicketResolved → `tkrate-<eventId>`: the customer is asked to rate the service (1–6 stars).
// Escalations and resolutions older than `maxEventAgeMs` get no message (a worker started on an
// existing log does not re-send the past); warnings are checked against the clock when they fire.
// The SLA clock is the domain's (domain/helpdesk/slaClock.ts), computed as of the event, so the
// same events always give the same jobs.
import type { TicketEvent } from '../../domain/helpdesk/events.js'
import { slaClock } from '../../domain/helpdesk/slaClock.js'
import { type TicketState, ticketDecider, ticketStream } from '../../domain/helpdesk/ticketDecider.js'
import { parseInstant } from '../../domain/shared/localTime.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { JobOp } from '../jobs/jobOps.js'
import { type Clock, systemClock } from '../leases/clock.js'
import type { EventStore, RecordedEvent } from '../ports/eventStore.js'
import type { SlaTarget } from './kinds/helpdesk.js'
import { DEFAULT_MAX_EVENT_AGE_MS } from './workOrderNotificationPolicy.js'

export const SLA_ESCALATION_JOB = 'notify.sla-escalation'
export const SLA_WARNING_JOB = 'notify.sla-warning'
export const TICKET_RATING_JOB = 'notify.ticket-rating'

export const slaWarningJobId = (target: SlaTarget, ticketId: string): string => `slawarn-${target}-${ticketId}`
const TARGETS: ReadonlyArray<SlaTarget> = ['reaction', 'resolution']

export interface HelpdeskNotificationPolicyOptions {
  /** How long before a deadline the warning goes; at most half the target. Default 30 min. */
  readonly warnBeforeMinutes?: number
  /** Escalations and resolutions older than this get no message. Default 2 days. */
  readonly maxEventAgeMs?: number
  readonly clock?: Clock
  readonly attempts?: number
  readonly backoffMs?: number
}

/** The ticket's events up to a revision, and its state then. */
export async function ticketAsOf(
  events: EventStore,
  catalogue: EventCatalogue,
  ticketId: string,
  revision?: number,
): Promise<{ readonly events: TicketEvent[]; readonly state: TicketState }> {
  const out: TicketEvent[] = []
  let state = ticketDecider.initialState
  for await (const recorded of events.readStream(ticketStream(ticketId))) {
    if (revision !== undefined && recorded.revision > revision) break
    const event = catalogue.decode(recorded) as TicketEvent
    out.push(event)
    state = ticketDecider.evolve(state, event)
  }
  return { events: out, state }
}

export class HelpdeskNotificationPolicy {
  constructor(
    private readonly deps: { readonly events: EventStore; readonly catalogue: EventCatalogue },
    private readonly options: HelpdeskNotificationPolicyOptions = {},
  ) {}

  handles(type: string): boolean {
    return type.startsWith('Ticket')
  }

  async jobsFor(recorded: RecordedEvent, event: TicketEvent): Promise<JobOp[]> {
    const ticketId = event.data.ticketId
    const occurredAt = parseInstant(recorded.metadata.occurredAt) ?? 0
    const base = {
      eventId: recorded.metadata.eventId,
      revision: recorded.revision,
      correlationId: recorded.metadata.correlationId,
    }
    const ops: JobOp[] = []
    const age = (this.options.clock ?? systemClock).now() - occurredAt
    const fresh = age <= (this.options.maxEventAgeMs ?? DEFAULT_MAX_EVENT_AGE_MS)
    if (fresh && event.type === 'TicketEscalated')
      ops.push(
        this.schedule(`slaesc-${recorded.metadata.eventId}`, SLA_ESCALATION_JOB, occurredAt, { ticketId, ...base }),
      )
    if (fresh && event.type === 'TicketResolved')
      ops.push(
        this.schedule(`tkrate-${recorded.metadata.eventId}`, TICKET_RATING_JOB, occurredAt, { ticketId, ...base }),
      )
    // The SLA clock as of the event's own time (what the domain decided with), not the append's.
    const at = typeof event.data.at === 'string' ? event.data.at : recorded.metadata.occurredAt
    ops.push(...(await this.placeWarnings(ticketId, recorded.revision, at, parseInstant(at) ?? occurredAt)))
    return ops
  }

  private async placeWarnings(ticketId: string, revision: number, at: string, atMs: number): Promise<JobOp[]> {
    const { events, state } = await ticketAsOf(this.deps.events, this.deps.catalogue, ticketId, revision)
    const status = slaClock(events, state.sla, at)
    return TARGETS.map((target): JobOp => {
      const id = slaWarningJobId(target, ticketId)
      const clock = status?.[target]
      if (!clock || clock.metAt !== null || clock.breached || clock.paused) return { op: 'cancel', id }
      const deadline = parseInstant(clock.deadline)
      if (deadline === null) return { op: 'cancel', id }
      const lead = Math.min(this.options.warnBeforeMinutes ?? 30, clock.targetMinutes / 2) * 60_000
      return {
        op: 'reschedule',
        job: {
          id,
          name: SLA_WARNING_JOB,
          payload: { ticketId, target, deadline: clock.deadline },
          runAt: Math.max(deadline - lead, atMs),
          attempts: this.options.attempts ?? 5,
          backoffMs: this.options.backoffMs ?? 30_000,
        },
      }
    })
  }

  private schedule(id: string, name: string, runAt: number, payload: Record<string, string | number>): JobOp {
    return {
      op: 'schedule',
      job: {
        id,
        name,
        payload,
        runAt,
        attempts: this.options.attempts ?? 5,
        backoffMs: this.options.backoffMs ?? 30_000,
      },
    }
  }
}
