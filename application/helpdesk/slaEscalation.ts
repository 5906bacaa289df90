// The SLA escalation policy: computed from ticket events, carried out by a periodic check.
//
// Every tick (and on demand) the check takes the tickets whose SLA answer changes by now (the
// `tickets` read model's `slaNextCheckAt`, computed as of each ticket's last event), reads each
// ticket's stream (the truth: a read model that lags cannot make it send twice), asks the SLA clock
// what escalations are due and not yet recorded, alerts the point's manager or head office, then
// records `RecordEscalation` (TicketEscalated). The recording is idempotent twice over: event ids
// derive from ticket, target and level, and the decider ignores an escalation already recorded.
// A crash between alert and record re-alerts once at most. One process runs the check at a time
// (a lease); the others skip their ticks.
import { randomUUID } from 'node:crypto'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Priority } from '../../domain/contract/sla.js'
import type { EscalationLevel, EscalationTarget, TicketEvent, TicketRequester } from '../../domain/helpdesk/events.js'
import { slaClock } from '../../domain/helpdesk/slaClock.js'
import { type TicketState, ticketDecider, ticketStream } from '../../domain/helpdesk/ticketDecider.js'
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { formatInstant } from '../../domain/shared/localTime.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Clock } from '../leases/clock.js'
import { Lease } from '../leases/lease.js'
import type { DocumentStore } from '../ports/documentStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import { isReadModelNotReady } from '../queries/readModelReader.js'
import { TICKETS, type TicketDoc } from './ticketViews.js'

export interface EscalationAlert {
  readonly ticketId: string
  readonly target: EscalationTarget
  readonly level: EscalationLevel
  readonly pointId: string | null
  readonly priority: Priority
  readonly subject: string
  readonly requester: TicketRequester
  readonly breachedAt: string | null
}

/** Tells people: the point's manager (level point_manager) or head office. */
export interface EscalationAlerts {
  send(alert: EscalationAlert): Promise<void>
}

export interface SlaEscalationDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly readModels: ReadModelReader
  readonly alerts: EscalationAlerts
  readonly clock: Clock
  /** Where the check's lease lives; without it every process checks (tests). */
  readonly documents?: DocumentStore
  readonly holder?: string
  readonly log?: (line: string) => void
}

export interface RecordedEscalation {
  readonly ticketId: string
  readonly target: EscalationTarget
  readonly level: EscalationLevel
}

/** Most tickets one tick handles; the rest wait for the next tick. */
const BATCH = 500

export class SlaEscalationPolicy {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<unknown> | null = null
  private readonly lease: Lease | null

  constructor(
    private readonly deps: SlaEscalationDeps,
    private readonly everyMs = 30_000,
  ) {
    this.lease = deps.documents
      ? new Lease(
          deps.documents,
          'policy:sla-escalation',
          deps.holder ?? `sla-${process.pid}-${randomUUID().slice(0, 8)}`,
          {
            ttlMs: everyMs * 3,
            clock: deps.clock,
          },
        )
      : null
  }

  /** Escalations due on one ticket now, alerted and recorded. */
  async checkTicket(ticketId: string, now = formatInstant(this.deps.clock.now())): Promise<RecordedEscalation[]> {
    const events: TicketEvent[] = []
    let state: TicketState = ticketDecider.initialState
    for await (const recorded of this.deps.store.readStream(ticketStream(ticketId))) {
      const event = this.deps.catalogue.decode(recorded) as TicketEvent
      events.push(event)
      state = ticketDecider.evolve(state, event)
    }
    const status = slaClock(events, state.sla, now)
    if (status === null) return []
    const done: RecordedEscalation[] = []
    for (const { target, level } of status.escalationsToSend) {
      await this.deps.alerts.send({
        ticketId,
        target,
        level,
        pointId: state.pointId,
        priority: state.priority,
        subject: state.subject,
        requester: state.requester,
        breachedAt: status[target].breachedAt,
      })
      const outcome = await handleCommand({
        store: this.deps.store,
        catalogue: this.deps.catalogue,
        decider: ticketDecider,
        streamId: ticketStream(ticketId),
        command: { kind: 'RecordEscalation', ticketId, target, level, actor: SYSTEM_ACTOR, now },
        context: {
          actor: SYSTEM_ACTOR,
          correlationId: `sla-escalation-${ticketId}`,
          causationId: null,
          now,
          commandId: `sla-escalation|${ticketId}|${target}|${level}`,
        },
      })
      if (isLeft(outcome)) this.deps.log?.(`ticket ${ticketId}: escalation not recorded: ${outcome.left.message}`)
      else done.push({ ticketId, target, level })
    }
    return done
  }

  /** One pass over the tickets whose SLA answer has changed by now. */
  async runOnce(now = formatInstant(this.deps.clock.now())): Promise<RecordedEscalation[]> {
    let due: TicketDoc[]
    try {
      const tickets = await this.deps.readModels.collection<TicketDoc>(TICKETS.projection, TICKETS.tickets)
      due = await tickets.find(
        { open: true, slaNextCheckAt: { $lte: now } },
        { sort: { slaNextCheckAt: 1 }, limit: BATCH },
      )
    } catch (error) {
      if (isReadModelNotReady(error)) return []
      throw error
    }
    const out: RecordedEscalation[] = []
    for (const doc of due) out.push(...(await this.checkTicket(doc.ticketId, now)))
    return out
  }

  start(): void {
    if (this.timer) return
    const tick = async () => {
      if (this.running) return
      this.running = (async () => {
        try {
          if (this.lease && (await this.lease.tryAcquire()) === null) return
          const done = await this.runOnce()
          if (done.length > 0) this.deps.log?.(`${done.length} SLA escalation(s) recorded`)
        } catch (error) {
          this.deps.log?.(`SLA check failed: ${error instanceof Error ? error.message : String(error)}`)
        } finally {
          this.running = null
        }
      })()
    }
    this.timer = setInterval(() => void tick(), this.everyMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
    await this.lease?.release().catch(() => undefined)
  }
}

/** Alerts as log lines: the TicketEscalated event is the durable record, dashboards show it. */
export const loggedAlerts = (log: (line: string) => void): EscalationAlerts => ({
  async send(alert) {
    log(
      `SLA ${alert.target} breached on ticket ${alert.ticketId} (${alert.priority}, point ${alert.pointId ?? 'none'}): ` +
        `escalated to ${alert.level === 'point_manager' ? 'the point’s manager' : 'head office'}`,
    )
  },
})
