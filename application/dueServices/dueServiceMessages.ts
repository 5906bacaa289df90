// Due-service messages for the notification dispatcher: a fired reminder (dueReminderHandler.ts)
// schedules one message job, `duemsg-<…>`, on the queue the dispatcher serves; this MessageSource
// turns it into the message to the vehicle's customer or fleet: what is due and when, the tyres or
// recommendations concerned, and the proposed visit with its one-click link. Predicted tyre
// replacement has its own kind. The dispatcher does the rest (consent for reminders, channel,
// language, quiet hours, the sent-check, NotificationSent/Failed/Withheld on
// `notification-equipment-<equipmentId>`).
import { isDueKind } from '../../domain/due-service/dueItems.js'
import type { Clock } from '../leases/clock.js'
import type { DueServiceKind } from '../notifications/kinds/dueService.js'
import { baseJobId, type MessageSource, type PlannedMessage } from '../notifications/messageSource.js'
import { formatAddress, formatVisitTime, messageOf } from '../notifications/messageTemplates.js'
import type { Locale } from '../notifications/notificationKinds.js'
import type { PointFacts, PointFactsSource } from '../notifications/pointFacts.js'
import { type JobContext, type JobSpec, PermanentJobFailure } from '../ports/jobQueue.js'
import type { FiredReminder } from './dueReminderHandler.js'
import { dueReminderJobId } from './dueReminderJobs.js'
import { DueServiceReconciler } from './dueServiceReconciler.js'
import { holderOf, type VisitProposalService } from './visitProposalService.js'

export const DUE_MESSAGE_JOB = 'notify.due-service'

export const dueMessageJobId = (reminderId: string): string => `duemsg-${reminderId.replace(/^due-/, '')}`

/** The message job of a fired reminder (runs at once). */
export function dueMessageJob(fired: FiredReminder, now: number, attempts = 5, backoffMs = 30_000): JobSpec {
  return {
    id: dueMessageJobId(fired.reminderId),
    name: DUE_MESSAGE_JOB,
    payload: {
      reminderId: fired.reminderId,
      equipmentId: fired.item.equipmentId,
      kind: fired.item.kind,
      ref: fired.item.ref,
      dueDate: fired.item.dueDate,
      proposalId: fired.proposalId,
      eventId: fired.remindedEventId,
      correlationId: fired.correlationId,
    },
    runAt: now,
    attempts,
    backoffMs,
  }
}

const DATE_LOCALES: Readonly<Record<Locale, string>> = { pl: 'pl-PL', en: 'en-GB', ro: 'ro-RO', ru: 'ru-RU' }

const formatDate = (date: string, locale: Locale): string =>
  new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00.000Z`))

const formatMm = (mm: number | null, locale: Locale): string =>
  mm === null ? '?' : `${new Intl.NumberFormat(DATE_LOCALES[locale], { maximumFractionDigits: 1 }).format(mm)} mm`

export interface DueServiceMessagesDeps {
  readonly reconciler: DueServiceReconciler
  readonly proposals: VisitProposalService
  readonly points: PointFactsSource
  readonly clock: Clock
  /** The customer's page for a proposal, with its code (e.g. in the URL's fragment, never sent to a server). */
  readonly acceptLink: (proposalId: string, code: string) => string
}

export class DueServiceMessages implements MessageSource {
  readonly jobNames = [DUE_MESSAGE_JOB]

  constructor(private readonly deps: DueServiceMessagesDeps) {}

  async plan(job: JobContext): Promise<ReadonlyArray<PlannedMessage> | { readonly notDue: string }> {
    const p = job.payload
    const { reminderId, equipmentId, kind } = p
    if (typeof reminderId !== 'string' || typeof equipmentId !== 'string' || !isDueKind(kind))
      throw new PermanentJobFailure(`${job.id}: due-service message payload incomplete`)
    const now = new Date(this.deps.clock.now()).toISOString()
    const snapshot = await this.deps.reconciler.snapshot(equipmentId, now)
    const item = DueServiceReconciler.reminded(snapshot).find((i) => dueReminderJobId(i) === reminderId)
    if (!item) return { notDue: `${kind} of ${equipmentId} is not due any more, or a visit is booked for it` }
    const holder = holderOf(snapshot.equipment)
    if (!holder) throw new PermanentJobFailure(`equipment ${equipmentId} has no owner to tell`)
    const proposalId = typeof p.proposalId === 'string' ? p.proposalId : null
    const proposal = proposalId ? await this.deps.proposals.load(proposalId) : null
    if (proposal?.status === 'accepted') return { notDue: `the visit proposed was accepted already` }
    const pointId = proposal?.pointId || snapshot.equipment.pointId
    const point: PointFacts | null = pointId ? await this.deps.points.pointFacts(pointId) : null
    const link =
      proposal && proposalId ? this.deps.acceptLink(proposalId, this.deps.proposals.accessCodeOf(proposalId)) : null
    const messageKind: DueServiceKind =
      item.kind === 'tyre_replacement' ? 'tyre_replacement_due' : 'due_service_reminder'
    const message = messageOf(messageKind, ({ locale, name }) => ({
      customerName: name,
      plate: snapshot.equipment.registration?.plate ?? snapshot.equipment.serialNumber ?? equipmentId,
      dueKind: item.kind,
      dueOn: formatDate(item.dueDate, locale),
      serviceName: item.contract ? (item.serviceCodes?.[0] ?? null) : null,
      details:
        item.tyres.length > 0
          ? item.tyres.map((t) => `${t.position} ${formatMm(t.depthMm, locale)}`).join(', ')
          : item.recommendations.map((r) => r.description).join('; '),
      pointName: proposal && point ? point.name : null,
      pointAddress: proposal && point ? formatAddress(point.address) : null,
      proposedWhen: proposal?.slot ? formatVisitTime(proposal.slot.start, proposal.timeZone, locale) : null,
      acceptLink: link,
    }))
    return [
      {
        message,
        subject: { type: 'equipment', id: equipmentId },
        recipient: {
          type: 'customer',
          customer: { customerId: holder.customerId, fleetId: holder.fleetId, name: null, phone: null, email: null },
        },
        point,
        baseId: baseJobId(job.id),
        causedByEventId: typeof p.eventId === 'string' ? p.eventId : null,
        correlationId: typeof p.correlationId === 'string' ? p.correlationId : job.id,
      },
    ]
  }
}
