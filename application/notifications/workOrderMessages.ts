// Work-order jobs → messages. A customer message is written from the order as of its event (the
// estimate from the EstimateSent itself: lines, totals, expiry, the channel staff chose), to the
// order's customer. The overdue alert is checked when it fires (the order still late for the
// promise the job was placed for) and goes to each of the point's managers, or the head office
// when the point has none.
import { formatInstant, parseInstant } from '../../domain/shared/localTime.js'
import type { WorkOrderEvent } from '../../domain/work-order/events.js'
import { overdueMinutes } from '../../domain/work-order/overdue.js'
import { workOrderDecider, workOrderStream } from '../../domain/work-order/workOrderDecider.js'
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'
import { loadState } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Clock } from '../leases/clock.js'
import type { EventStore } from '../ports/eventStore.js'
import { type JobContext, PermanentJobFailure } from '../ports/jobQueue.js'
import { statusText } from '../workOrders/workOrderView.js'
import type { EstimateLinkTokens } from './estimateLinks.js'
import { type CustomerOrderStatus, WORK_ORDER_KINDS, type WorkOrderKind } from './kinds/workOrder.js'
import { baseJobId, type MessagePlan, type MessageSource, type PlannedMessage } from './messageSource.js'
import { formatAddress, formatVisitTime, type Message, messageOf } from './messageTemplates.js'
import type { Locale } from './notificationKinds.js'
import type { PointFacts, PointFactsSource } from './pointFacts.js'
import type { StaffDirectory } from './staffDirectory.js'
import { WORK_ORDER_MESSAGE_JOB, WORK_ORDER_OVERDUE_JOB } from './workOrderNotificationPolicy.js'

export interface WorkOrderMessagesDeps {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  readonly points: PointFactsSource
  readonly staff: StaffDirectory
  readonly clock: Clock
  /** Signs the estimate's approval link; without it estimate messages fail (kept with the reason). */
  readonly links: EstimateLinkTokens | null
  /** PUBLIC_BASE_URL: the links in messages start with it. */
  readonly publicBaseUrl: string
}

const MONEY_LOCALES: Readonly<Record<Locale, string>> = { pl: 'pl-PL', en: 'en-GB', ro: 'ro-RO', ru: 'ru-RU' }

export function formatMoney(minor: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(MONEY_LOCALES[locale], { style: 'currency', currency }).format(minor / 100)
}

/** "2 h 15 min", "40 min", "3 d 2 h". */
export function formatDuration(minutes: number): string {
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`
  return `${m} min`
}

export class WorkOrderMessages implements MessageSource {
  readonly jobNames = [WORK_ORDER_MESSAGE_JOB, WORK_ORDER_OVERDUE_JOB]

  constructor(private readonly deps: WorkOrderMessagesDeps) {}

  async plan(job: JobContext): Promise<MessagePlan> {
    const workOrderId = typeof job.payload.workOrderId === 'string' ? job.payload.workOrderId : null
    if (!workOrderId) throw new PermanentJobFailure(`${job.id}: payload has no workOrderId`)
    return job.name === WORK_ORDER_OVERDUE_JOB ? this.overdue(job, workOrderId) : this.toCustomer(job, workOrderId)
  }

  private async toCustomer(job: JobContext, workOrderId: string): Promise<ReadonlyArray<PlannedMessage>> {
    const p = job.payload
    const kind =
      typeof p.kind === 'string' && Object.hasOwn(WORK_ORDER_KINDS, p.kind) ? (p.kind as WorkOrderKind) : null
    if (!kind || typeof p.eventId !== 'string' || typeof p.revision !== 'number')
      throw new PermanentJobFailure(`${job.id}: message payload incomplete`)
    let event: WorkOrderEvent | null = null
    const { state } = await loadState(
      this.deps.events,
      this.deps.catalogue,
      workOrderDecider,
      workOrderStream(workOrderId),
      { revision: p.revision },
      (recorded) => {
        if (recorded.revision === p.revision) event = this.deps.catalogue.decode(recorded) as WorkOrderEvent
      },
    )
    const caused = event as WorkOrderEvent | null
    if (!state.exists || !caused) throw new PermanentJobFailure(`work order ${workOrderId} has no event ${p.revision}`)
    if (!state.customer) throw new PermanentJobFailure(`work order ${workOrderId} has no customer`)
    const point = await this.pointOf(state)
    const equipment = state.equipment?.label ?? ''
    const base = this.deps.publicBaseUrl
    let message: Message
    let customer = state.customer
    switch (kind) {
      case 'workorder_status_changed': {
        const status = p.status as CustomerOrderStatus
        const reason = 'reason' in caused.data && typeof caused.data.reason === 'string' ? caused.data.reason : null
        message = messageOf(kind, ({ name }) => ({
          customerName: name,
          pointName: point.name,
          equipment,
          status,
          reason,
        }))
        break
      }
      case 'workorder_custom_status': {
        if (caused.type !== 'CustomStatusEntered') throw new PermanentJobFailure(`${job.id}: not a CustomStatusEntered`)
        const statusLabel = caused.data.label
        message = messageOf(kind, ({ name }) => ({ customerName: name, pointName: point.name, equipment, statusLabel }))
        break
      }
      case 'estimate_ready': {
        if (caused.type !== 'EstimateSent') throw new PermanentJobFailure(`${job.id}: not an EstimateSent`)
        if (!this.deps.links) throw new PermanentJobFailure(`${job.id}: no estimate link signer configured`)
        const sent = caused.data
        const token = await this.deps.links.issue(
          { workOrderId, codeHash: sent.accessCodeHash },
          sent.accessCodeExpiresAt,
        )
        // The portal's estimate page (web/src/portal/EstimatePage.tsx) opens at once from it and sends
        // the token where a code goes; in the fragment, the token never reaches a server's logs.
        const approvalLink = `${base}/#/estimate/${encodeURIComponent(workOrderId)}?token=${token}`
        // The channel and address staff chose when sending, unless the customer's record says otherwise.
        if (sent.sentTo.address)
          customer =
            sent.sentTo.channel === 'email'
              ? { ...customer, email: sent.sentTo.address, phone: null }
              : { ...customer, phone: sent.sentTo.address, email: null }
        const pending = sent.lines.filter((l) => sent.pendingLineIds.includes(l.lineId)).length
        message = messageOf(kind, ({ locale, name }) => ({
          customerName: name,
          pointName: point.name,
          equipment,
          total: formatMoney(sent.totals.grossMinor, sent.totals.currency, locale),
          lineCount: pending || sent.lines.length,
          expiresAt: formatVisitTime(sent.accessCodeExpiresAt, point.timeZone, locale),
          approvalLink,
        }))
        break
      }
      case 'workorder_ready': {
        const summary = caused.type === 'WorkOrderReady' ? caused.data.summary : null
        message = messageOf(kind, ({ name }) => ({
          customerName: name,
          pointName: point.name,
          pointAddress: formatAddress(point.address),
          equipment,
          summary,
        }))
        break
      }
      case 'workorder_rating_request': {
        // The portal's status page rates 1–6 stars (POST /tracking/{id}/rating) with the tracking code
        // from the intake receipt; the link leads there.
        const ratingLink = `${base}/#/track/${encodeURIComponent(workOrderId)}`
        message = messageOf(kind, ({ name }) => ({ customerName: name, pointName: point.name, equipment, ratingLink }))
        break
      }
      default:
        throw new PermanentJobFailure(`${job.id}: ${kind} is not a customer message`)
    }
    return [
      {
        message,
        subject: { type: 'workorder', id: workOrderId },
        recipient: { type: 'customer', customer },
        point,
        baseId: baseJobId(job.id),
        causedByEventId: p.eventId,
        correlationId: typeof p.correlationId === 'string' ? p.correlationId : p.eventId,
      },
    ]
  }

  private async overdue(job: JobContext, workOrderId: string): Promise<MessagePlan> {
    const promisedAt = typeof job.payload.promisedAt === 'string' ? job.payload.promisedAt : null
    if (!promisedAt) throw new PermanentJobFailure(`${job.id}: payload has no promisedAt`)
    const { state } = await loadState(
      this.deps.events,
      this.deps.catalogue,
      workOrderDecider,
      workOrderStream(workOrderId),
    )
    if (!state.exists) throw new PermanentJobFailure(`work order ${workOrderId} not found`)
    const now = formatInstant(this.deps.clock.now())
    if (state.promisedAt !== promisedAt) return { notDue: 'the promised date has changed since' }
    const late = overdueMinutes(state, now)
    if (late === null) return { notDue: `the order is ${state.status}, not late` }
    const point = await this.pointOf(state)
    const managers = await this.deps.staff.managersOf(state.pointId)
    const recipients = managers.length > 0 ? managers : await this.deps.staff.headOffice()
    if (recipients.length === 0)
      return {
        undeliverable: {
          kind: 'workorder_overdue',
          subject: { type: 'workorder', id: workOrderId },
          baseId: `${baseJobId(job.id)}-${parseInstant(promisedAt) ?? 0}`,
          reason: `nobody to tell: point ${state.pointId} has no manager and there is no head office`,
          causedByEventId: null,
          correlationId: `overdue-${workOrderId}`,
        },
      }
    const equipment = state.equipment?.label ?? ''
    const customer = state.customer?.name ?? state.customer?.customerId ?? state.customer?.fleetId ?? ''
    const orderLink = `${this.deps.publicBaseUrl}/staff/work-orders/${encodeURIComponent(workOrderId)}`
    const promisedMs = parseInstant(promisedAt) ?? 0
    return recipients.map((member) => ({
      message: messageOf('workorder_overdue', ({ locale, name }: { locale: Locale; name: string | null }) => ({
        staffName: name,
        pointName: point.name,
        equipment,
        customer,
        promisedAt: formatVisitTime(promisedAt, point.timeZone, locale),
        overdueBy: formatDuration(late),
        // The status as the point's pages name it (Polish for pl, English otherwise).
        status: state.customStatus?.label ?? statusText(state.status)[locale === 'pl' ? 'pl' : 'en'],
        orderLink,
      })),
      subject: { type: 'workorder', id: workOrderId },
      recipient: { type: 'staff', name: member.name, email: member.email, locale: localeOfCountry(point.country) },
      point,
      // One alert per promise and manager: a new promise that is missed again alerts again.
      baseId: `${baseJobId(job.id)}-${promisedMs}-${member.accountId}`,
      causedByEventId: null,
      correlationId: `overdue-${workOrderId}`,
    }))
  }

  private async pointOf(state: WorkOrderState): Promise<PointFacts> {
    return (
      (await this.deps.points.pointFacts(state.pointId)) ?? {
        pointId: state.pointId,
        name: state.pointId,
        address: null,
        timeZone: 'Europe/Warsaw',
        country: null,
      }
    )
  }
}

/** Staff read the point's language. */
export function localeOfCountry(country: string | null): string | null {
  const c = (country ?? '').toUpperCase()
  return c === 'PL' ? 'pl' : c === 'RO' || c === 'MD' ? 'ro' : c === 'RU' || c === 'BY' ? 'ru' : null
}
