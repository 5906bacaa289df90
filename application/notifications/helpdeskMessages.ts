// Ticket jobs → messages: SLA warnings and escalations to staff (the point's managers; head office
// for the head-office level, or when the point has no manager), rating requests to the customer.
import type { TicketEvent } from '../../domain/helpdesk/events.js'
import { slaClock } from '../../domain/helpdesk/slaClock.js'
import type { TicketState } from '../../domain/helpdesk/ticketDecider.js'
import { formatInstant, parseInstant } from '../../domain/shared/localTime.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Clock } from '../leases/clock.js'
import type { EventStore } from '../ports/eventStore.js'
import { type JobContext, PermanentJobFailure } from '../ports/jobQueue.js'
import { SLA_ESCALATION_JOB, SLA_WARNING_JOB, TICKET_RATING_JOB, ticketAsOf } from './helpdeskNotificationPolicy.js'
import type { SlaTarget } from './kinds/helpdesk.js'
import { baseJobId, type MessagePlan, type MessageSource, type PlannedMessage } from './messageSource.js'
import { formatVisitTime, messageOf } from './messageTemplates.js'
import type { PointFacts, PointFactsSource } from './pointFacts.js'
import type { StaffDirectory, StaffMember } from './staffDirectory.js'
import { formatDuration, localeOfCountry } from './workOrderMessages.js'

export interface HelpdeskMessagesDeps {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  readonly points: PointFactsSource
  readonly staff: StaffDirectory
  readonly clock: Clock
  readonly publicBaseUrl: string
}

/** A warning whose deadline moved by less than this still counts as for the same deadline. */
const DEADLINE_TOLERANCE_MS = 60_000
const NETWORK_ZONE = 'Europe/Warsaw'

type Planned = MessagePlan

export class HelpdeskMessages implements MessageSource {
  readonly jobNames = [SLA_WARNING_JOB, SLA_ESCALATION_JOB, TICKET_RATING_JOB]

  constructor(private readonly deps: HelpdeskMessagesDeps) {}

  async plan(job: JobContext): Promise<Planned> {
    const ticketId = typeof job.payload.ticketId === 'string' ? job.payload.ticketId : null
    if (!ticketId) throw new PermanentJobFailure(`${job.id}: payload has no ticketId`)
    if (job.name === SLA_WARNING_JOB) return this.warning(job, ticketId)
    if (job.name === SLA_ESCALATION_JOB) return this.escalation(job, ticketId)
    return this.rating(job, ticketId)
  }

  private async warning(job: JobContext, ticketId: string): Promise<Planned> {
    const target = job.payload.target === 'reaction' || job.payload.target === 'resolution' ? job.payload.target : null
    const deadlineAt = typeof job.payload.deadline === 'string' ? parseInstant(job.payload.deadline) : null
    if (!target || deadlineAt === null) throw new PermanentJobFailure(`${job.id}: warning payload incomplete`)
    const { events, state } = await ticketAsOf(this.deps.events, this.deps.catalogue, ticketId)
    const now = this.deps.clock.now()
    const clock = slaClock(events, state.sla, formatInstant(now))?.[target]
    if (!clock) return { notDue: 'the ticket has no SLA' }
    if (clock.metAt !== null) return { notDue: `the ${target} target is met` }
    if (clock.breached) return { notDue: `the ${target} target is already breached (the escalation tells)` }
    if (clock.paused) return { notDue: 'the SLA clock is stopped' }
    const deadline = parseInstant(clock.deadline) ?? deadlineAt
    if (Math.abs(deadline - deadlineAt) > DEADLINE_TOLERANCE_MS)
      return { notDue: 'the deadline has moved since (the moved warning tells)' }
    const point = await this.pointOf(state)
    const recipients = await this.managersOrHeadOffice(state.pointId)
    if (recipients.length === 0)
      return this.nobody(job, state, 'sla_warning', `${baseJobId(job.id)}-${deadline}`, null, {
        reason: `nobody to tell: ${state.pointId ? `point ${state.pointId} has no manager and ` : ''}there is no head office`,
      })
    const left = formatDuration(Math.max(0, Math.round((deadline - now) / 60_000)))
    return recipients.map((member) =>
      this.toStaff(job, state, point, member, `${baseJobId(job.id)}-${deadline}-${member.accountId}`, null, () =>
        messageOf('sla_warning', ({ locale, name }) => ({
          ...this.ticketFacts(state, point, target, name),
          deadline: formatVisitTime(clock.deadline, point?.timeZone ?? NETWORK_ZONE, locale),
          left,
        })),
      ),
    )
  }

  private async escalation(job: JobContext, ticketId: string): Promise<Planned> {
    const revision = typeof job.payload.revision === 'number' ? job.payload.revision : null
    if (revision === null || typeof job.payload.eventId !== 'string')
      throw new PermanentJobFailure(`${job.id}: escalation payload incomplete`)
    const { events, state } = await ticketAsOf(this.deps.events, this.deps.catalogue, ticketId, revision)
    const escalated = events.at(-1) as TicketEvent | undefined
    if (escalated?.type !== 'TicketEscalated')
      throw new PermanentJobFailure(`${job.id}: ticket ${ticketId}@${revision} is not a TicketEscalated`)
    const { target, level } = escalated.data
    const pointId = escalated.data.pointId ?? state.pointId
    const point = pointId ? await this.deps.points.pointFacts(pointId) : null
    const recipients =
      level === 'head_office' ? await this.deps.staff.headOffice() : await this.managersOrHeadOffice(pointId)
    if (recipients.length === 0)
      return this.nobody(job, state, 'sla_escalated', baseJobId(job.id), job.payload.eventId as string, {
        reason:
          level === 'head_office'
            ? 'nobody to tell at level head_office: there is no head office account'
            : `nobody to tell at level point_manager: ${pointId ? `point ${pointId} has no manager and ` : ''}there is no head office`,
      })
    const breachedAt = slaClock(events, state.sla, escalated.data.at)?.[target].breachedAt ?? escalated.data.at
    return recipients.map((member) =>
      this.toStaff(
        job,
        state,
        point,
        member,
        `${baseJobId(job.id)}-${member.accountId}`,
        job.payload.eventId as string,
        () =>
          messageOf('sla_escalated', ({ locale, name }) => ({
            ...this.ticketFacts(state, point, target, name),
            level,
            breachedAt: formatVisitTime(breachedAt, point?.timeZone ?? NETWORK_ZONE, locale),
          })),
      ),
    )
  }

  private async rating(job: JobContext, ticketId: string): Promise<Planned> {
    const revision = typeof job.payload.revision === 'number' ? job.payload.revision : null
    if (revision === null || typeof job.payload.eventId !== 'string')
      throw new PermanentJobFailure(`${job.id}: rating payload incomplete`)
    const { state } = await ticketAsOf(this.deps.events, this.deps.catalogue, ticketId)
    if (state.rating) return { notDue: 'the customer has rated already' }
    if (state.status !== 'resolved' && state.status !== 'closed')
      return { notDue: `the ticket is ${state.status} again` }
    const { customerId, fleetId } = state.requester
    if (!customerId && !fleetId) return { notDue: 'the ticket has no customer to ask' }
    const point = state.pointId ? await this.deps.points.pointFacts(state.pointId) : null
    // The customer's side rates through POST /tickets/{id}/rating (api/helpdesk), signed in; the portal
    // has no ticket page yet, the link names where it will be.
    const ratingLink = `${this.deps.publicBaseUrl}/#/tickets/${encodeURIComponent(ticketId)}`
    return [
      {
        message: messageOf('ticket_rating_request', ({ name }) => ({
          customerName: name,
          ticketSubject: state.subject,
          ratingLink,
        })),
        subject: { type: 'ticket', id: ticketId },
        recipient: { type: 'customer', customer: { customerId, fleetId, name: null, phone: null, email: null } },
        point,
        baseId: baseJobId(job.id),
        causedByEventId: job.payload.eventId as string,
        correlationId:
          typeof job.payload.correlationId === 'string' ? job.payload.correlationId : (job.payload.eventId as string),
      },
    ]
  }

  private ticketFacts(state: TicketState, point: PointFacts | null, target: SlaTarget, name: string | null) {
    return {
      staffName: name,
      ticketSubject: state.subject,
      priority: state.priority,
      target,
      pointName: point?.name ?? null,
      ticketLink: `${this.deps.publicBaseUrl}/staff/tickets/${encodeURIComponent(state.ticketId)}`,
    }
  }

  /** A staff message that is due with nobody to give it to: recorded (NotificationUndeliverable). */
  private nobody(
    job: JobContext,
    state: TicketState,
    kind: 'sla_warning' | 'sla_escalated',
    baseId: string,
    causedByEventId: string | null,
    why: { readonly reason: string },
  ): Planned {
    return {
      undeliverable: {
        kind,
        subject: { type: 'ticket', id: state.ticketId },
        baseId,
        reason: why.reason,
        causedByEventId,
        correlationId:
          typeof job.payload.correlationId === 'string' ? job.payload.correlationId : `sla-${state.ticketId}`,
      },
    }
  }

  private toStaff(
    job: JobContext,
    state: TicketState,
    point: PointFacts | null,
    member: StaffMember,
    baseId: string,
    causedByEventId: string | null,
    message: () => PlannedMessage['message'],
  ): PlannedMessage {
    return {
      message: message(),
      subject: { type: 'ticket', id: state.ticketId },
      recipient: {
        type: 'staff',
        name: member.name,
        email: member.email,
        locale: localeOfCountry(point?.country ?? null),
      },
      point,
      baseId,
      causedByEventId,
      correlationId:
        typeof job.payload.correlationId === 'string' ? job.payload.correlationId : `sla-${state.ticketId}`,
    }
  }

  private async managersOrHeadOffice(pointId: string | null): Promise<ReadonlyArray<StaffMember>> {
    const managers = pointId ? await this.deps.staff.managersOf(pointId) : []
    return managers.length > 0 ? managers : this.deps.staff.headOffice()
  }

  private async pointOf(state: TicketState): Promise<PointFacts | null> {
    return state.pointId ? this.deps.points.pointFacts(state.pointId) : null
  }
}
