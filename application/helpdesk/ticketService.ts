// Helpdesk tickets (stream `ticket-<ticketId>`): opened by customers, fleet people or staff, worked
// on by staff, rated by the customer's side. Who may touch a ticket: head office; the staff of the
// ticket's point; the requesting customer or fleet (tenant rules); the decider adds which steps are
// staff-only (TICKET_STAFF_ONLY) and which the customer's alone (rating).
//
// The SLA promised is the one of the contract in force on the day the ticket is opened, in the
// contract's time zone (`contractAsOf(…).terms.sla`), snapshotted into TicketOpened. The contract is
// the one named, or else the one covering the ticket's vehicle today (coverage read model).
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import { tenantCanAccess } from '../../domain/access/tenant.js'
import { contractStream } from '../../domain/contract/contractDecider.js'
import { contractAsOf } from '../../domain/contract/contractTimeline.js'
import type { ContractEvent } from '../../domain/contract/events.js'
import type { Priority, SlaTerms } from '../../domain/contract/sla.js'
import type { TicketCommand } from '../../domain/helpdesk/commands.js'
import type { TicketChannel, TicketEvent, TicketRequester } from '../../domain/helpdesk/events.js'
import { slaClock } from '../../domain/helpdesk/slaClock.js'
import {
  isStaff,
  loggedMinutes,
  type TicketState,
  ticketDecider,
  ticketStream,
} from '../../domain/helpdesk/ticketDecider.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { parseInstant, toLocal } from '../../domain/shared/localTime.js'
import { handleCommand } from '../commands/handleCommand.js'
import { CONTRACTS, type CoverageDoc } from '../contracts/contractViews.js'
import { branchDenied, type FleetBranchScope } from '../customers/fleetBranchScope.js'
import { newIdFor, type RequestMeta } from '../customers/requestMeta.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Filter } from '../ports/documentStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import type { Page, Paging } from '../queries/viewer.js'
import type { OpenOrderInput } from '../workOrders/workOrderService.js'
import {
  slaSummary,
  TICKETS,
  type TicketDoc,
  type TicketListItem,
  type TicketMessageView,
  type TicketView,
  ticketListItem,
} from './ticketViews.js'

export interface NewTicket {
  readonly subject: string
  readonly description: string
  readonly priority?: Priority
  readonly contractId?: string
  readonly pointId?: string
  readonly equipmentId?: string
  /** Staff only: whom the ticket is for (customers and fleets open tickets for themselves). */
  readonly requester?: TicketRequester
  /** Staff only: how it reached us (default `staff`). */
  readonly channel?: TicketChannel
}

type WithoutCommon<C> = C extends unknown ? Omit<C, 'ticketId' | 'actor' | 'now'> : never
/** Every step after opening, as the decider takes it (ids of messages and time entries optional). */
export type TicketStep = Exclude<WithoutCommon<TicketCommand>, { kind: 'OpenTicket' }>

export interface TicketListQuery {
  readonly status?: 'open' | 'resolved' | 'closed' | 'all'
  readonly fleetId?: string
  readonly customerId?: string
  readonly pointId?: string
  readonly contractId?: string
}

/** The repair side's work-order opening, as a ticket uses it (WorkOrderService.open). */
export interface TicketWorkOrderOpener {
  open(
    by: Principal,
    input: OpenOrderInput,
    meta: RequestMeta,
  ): Promise<
    Either<
      DomainError,
      { readonly order: { readonly workOrderId: string; readonly status: string }; readonly trackingCode: string }
    >
  >
}

/** What staff give when a ticket becomes a work order; the rest comes from the ticket. */
export interface TicketWorkOrderInput {
  readonly serviceCodes: ReadonlyArray<string>
  /** Default `wo-<ticketId>`: one order per ticket, whoever asks and however often. */
  readonly workOrderId?: string
  readonly pointId?: string | null
  readonly equipmentId?: string | null
  readonly description?: string | null
  readonly mileageKm?: number | null
}

export type TicketWithWorkOrder = TicketView & {
  /** The order opened; null where no repair side is wired (the ticket only records the request). */
  readonly workOrder: { readonly workOrderId: string; readonly status: string; readonly trackingCode: string } | null
}

export interface TicketServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly readModels: ReadModelReader
  /** Opens the work order a ticket becomes (the composed platform wires the repair side's). */
  readonly workOrders?: TicketWorkOrderOpener
  /** Branch-restricted fleet managers see only tickets about their branches' vehicles. */
  readonly branches?: FleetBranchScope
}

export const ticketNotFound = (ticketId: string): DomainError =>
  domainError('not_found', 'TICKET_NOT_FOUND', `no ticket ${ticketId}`)
const tenantDenied = (): DomainError =>
  domainError('forbidden', 'TENANT_ACCESS_DENIED', 'the ticket belongs to another service point, fleet or customer')

function mayTouch(by: Principal, state: Pick<TicketState, 'pointId' | 'requester'>): boolean {
  if (by.role === 'head_office') return true
  return tenantCanAccess(by.tenant, {
    ...(state.pointId ? { pointId: state.pointId } : {}),
    ...(state.requester.customerId ? { customerId: state.requester.customerId } : {}),
    ...(state.requester.fleetId ? { fleetId: state.requester.fleetId } : {}),
  })
}

export class TicketService {
  constructor(private readonly deps: TicketServiceDeps) {}

  /** A branch-restricted fleet manager's refusal of a ticket about this vehicle (or about none). */
  private async branchRefusal(by: Principal, equipmentId: string | null | undefined): Promise<DomainError | null> {
    const restricted = this.deps.branches ? await this.deps.branches.restrictionOf(by) : null
    if (!restricted || restricted.allows(equipmentId)) return null
    return branchDenied(equipmentId ? 'the ticket’s vehicle' : 'a ticket about no vehicle of his branches')
  }

  async open(by: Principal, input: NewTicket, meta: RequestMeta): Promise<Either<DomainError, TicketView>> {
    const staff = isStaff(actorOf(by))
    let requester: TicketRequester
    if (by.tenant.scope === 'customer') requester = { customerId: by.tenant.customerId, fleetId: null }
    else if (by.tenant.scope === 'fleet') requester = { customerId: null, fleetId: by.tenant.fleetId }
    else requester = input.requester ?? { customerId: null, fleetId: null }
    if (!staff && input.requester !== undefined) {
      const same = input.requester.customerId === requester.customerId && input.requester.fleetId === requester.fleetId
      if (!same) return left(tenantDenied())
    }
    const outsideBranches = await this.branchRefusal(by, input.equipmentId)
    if (outsideBranches) return left(outsideBranches)
    const ownPoint = by.tenant.scope === 'point' ? by.tenant.pointId : null
    if (ownPoint !== null && input.pointId !== undefined && input.pointId !== ownPoint) return left(tenantDenied())
    const contract = await this.contractFor(input, requester, meta.now)
    if (isLeft(contract)) return contract
    const ticketId = newIdFor('tkt', meta)
    const outcome = await this.handle(
      by,
      ticketId,
      {
        kind: 'OpenTicket',
        channel: staff ? (input.channel ?? 'staff') : 'customer_portal',
        requester,
        contractId: contract.right.contractId,
        pointId: input.pointId ?? ownPoint,
        equipmentId: input.equipmentId ?? null,
        subject: input.subject,
        description: input.description,
        priority: input.priority ?? 'normal',
        sla: contract.right.sla,
      },
      meta,
    )
    return isLeft(outcome) ? outcome : this.get(by, ticketId, meta.now)
  }

  async step(
    by: Principal,
    ticketId: string,
    step: TicketStep,
    meta: RequestMeta,
  ): Promise<Either<DomainError, TicketView>> {
    const { state } = await this.load(ticketId)
    if (state.status === 'none') return left(ticketNotFound(ticketId))
    if (!mayTouch(by, state)) return left(tenantDenied())
    const outsideBranches = await this.branchRefusal(by, state.equipmentId)
    if (outsideBranches) return left(outsideBranches)
    // A point's staff may hand a ticket only to their own point.
    if (
      step.kind === 'AssignTicket' &&
      by.tenant.scope === 'point' &&
      step.pointId !== null &&
      step.pointId !== by.tenant.pointId
    )
      return left(tenantDenied())
    let command: TicketStep = step
    if (step.kind === 'PostTicketMessage' && !step.messageId)
      command = { ...step, messageId: newIdFor('msg', meta, ticketId) }
    if (step.kind === 'LogTicketTime' && !step.entryId) command = { ...step, entryId: newIdFor('time', meta, ticketId) }
    const outcome = await this.handle(by, ticketId, command, meta)
    return isLeft(outcome) ? outcome : this.get(by, ticketId, meta.now)
  }

  /**
   * The ticket becomes a real work order: the order is opened at the ticket's (or the given) point
   * for its vehicle, with the ticket's text as the customer's description, and records the ticket
   * (WorkOrderTicketLinked); then the ticket records the order (TicketConvertedToWorkOrder). Both
   * steps derive their event ids from the ticket, so a retry, or two staff members at once, open
   * one order and record each link once; a crash between the two is mended by asking again.
   * Everything the ticket would refuse (closed, another order already, no point or vehicle) is
   * refused before the order is opened.
   */
  async openWorkOrder(
    by: Principal,
    ticketId: string,
    input: TicketWorkOrderInput,
    meta: RequestMeta,
  ): Promise<Either<DomainError, TicketWithWorkOrder>> {
    const { state } = await this.load(ticketId)
    if (state.status === 'none') return left(ticketNotFound(ticketId))
    if (!mayTouch(by, state)) return left(tenantDenied())
    const outsideBranches = await this.branchRefusal(by, state.equipmentId)
    if (outsideBranches) return left(outsideBranches)
    if (state.workOrderId !== null && input.workOrderId !== undefined && input.workOrderId !== state.workOrderId)
      return left(
        domainError('conflict', 'TICKET_ALREADY_CONVERTED', `the ticket became work order ${state.workOrderId}`),
      )
    const workOrderId = state.workOrderId ?? input.workOrderId ?? `wo-${ticketId}`
    const step: TicketStep = {
      kind: 'ConvertTicketToWorkOrder',
      workOrderId,
      pointId: input.pointId ?? null,
      equipmentId: input.equipmentId ?? null,
      serviceCodes: [...input.serviceCodes],
      description: input.description ?? null,
    }
    const decided = ticketDecider.decide({ ...step, ticketId, actor: actorOf(by), now: meta.now }, state)
    if (isLeft(decided)) return decided
    const once = { ...meta, commandId: `ticket-work-order|${ticketId}` }
    let workOrder: TicketWithWorkOrder['workOrder'] = null
    const opener = this.deps.workOrders
    if (opener) {
      const converted = decided.right.find((e) => e.type === 'TicketConvertedToWorkOrder')?.data
      const opened = await opener.open(
        by,
        {
          workOrderId,
          ticketId,
          pointId: converted?.pointId ?? input.pointId ?? state.pointId ?? '',
          equipmentId: converted?.equipmentId ?? input.equipmentId ?? state.equipmentId ?? '',
          customer: { customerId: state.requester.customerId, fleetId: state.requester.fleetId },
          intake: {
            customerDescription:
              converted?.description ?? input.description?.trim() ?? `${state.subject}\n\n${state.description}`,
            mileageKm: input.mileageKm ?? null,
          },
        },
        once,
      )
      if (isLeft(opened)) return opened
      workOrder = {
        workOrderId: opened.right.order.workOrderId,
        status: opened.right.order.status,
        trackingCode: opened.right.trackingCode,
      }
    }
    const recorded = await this.handle(by, ticketId, step, once)
    if (isLeft(recorded)) return recorded
    const view = await this.get(by, ticketId, meta.now)
    return isLeft(view) ? view : right({ ...view.right, workOrder })
  }

  async get(by: Principal, ticketId: string, now: string): Promise<Either<DomainError, TicketView>> {
    const { state, events } = await this.load(ticketId)
    if (state.status === 'none') return left(ticketNotFound(ticketId))
    if (!mayTouch(by, state)) return left(tenantDenied())
    const outsideBranches = await this.branchRefusal(by, state.equipmentId)
    if (outsideBranches) return left(outsideBranches)
    const staff = isStaff(actorOf(by))
    const opened = events.find((e) => e.type === 'TicketOpened')
    const openedAt = opened?.data.at ?? now
    const messages: TicketMessageView[] = []
    const entries = new Map<
      string,
      { entryId: string; staffId: string; minutes: number; billable: boolean; cancelled: boolean }
    >()
    const escalations: Array<{ target: string; level: string; at: string }> = []
    let channel: TicketChannel = 'staff'
    let description = ''
    for (const e of events) {
      if (e.type === 'TicketOpened') {
        channel = e.data.channel
        description = e.data.description
      } else if (e.type === 'TicketMessagePosted' && (staff || e.data.visibility === 'public'))
        messages.push({
          messageId: e.data.messageId,
          author: e.data.author,
          fromStaff: e.data.fromStaff,
          visibility: e.data.visibility,
          body: e.data.body,
          at: e.data.at,
        })
      else if (e.type === 'TicketTimeLogged')
        entries.set(e.data.entryId, {
          entryId: e.data.entryId,
          staffId: e.data.staffId,
          minutes: e.data.minutes,
          billable: e.data.billable,
          cancelled: false,
        })
      else if (e.type === 'TicketTimeEntryCancelled') {
        const entry = entries.get(e.data.entryId)
        if (entry) entry.cancelled = true
      } else if (e.type === 'TicketEscalated')
        escalations.push({ target: e.data.target, level: e.data.level, at: e.data.at })
    }
    const minutes = loggedMinutes(state)
    return right({
      ticketId,
      status: state.status as TicketView['status'],
      priority: state.priority,
      subject: state.subject,
      requester: state.requester,
      contractId: state.contractId,
      pointId: state.pointId,
      equipmentId: state.equipmentId,
      assigneeId: state.assigneeId,
      openedAt,
      updatedAt: events.at(-1)?.data.at ?? openedAt,
      sla: slaSummary(events, state.sla, now),
      channel,
      description,
      messages,
      time: staff
        ? { entries: [...entries.values()], billableMinutes: minutes.billable, nonBillableMinutes: minutes.nonBillable }
        : null,
      workOrderId: state.workOrderId,
      rating: state.rating,
      escalations,
      slaClock: slaClock(events, state.sla, now),
    })
  }

  async list(
    by: Principal,
    query: TicketListQuery,
    paging: Paging,
    now: string,
  ): Promise<Either<DomainError, Page<TicketListItem>>> {
    const filter: Filter = {}
    if (query.fleetId) filter.fleetId = query.fleetId
    if (query.customerId) filter.customerId = query.customerId
    if (query.pointId) filter.pointId = query.pointId
    if (query.contractId) filter.contractId = query.contractId
    const own = (key: 'fleetId' | 'customerId' | 'pointId', value: string): DomainError | null => {
      if (query[key] !== undefined && query[key] !== value) return tenantDenied()
      filter[key] = value
      return null
    }
    const denied =
      by.tenant.scope === 'fleet'
        ? own('fleetId', by.tenant.fleetId)
        : by.tenant.scope === 'customer'
          ? own('customerId', by.tenant.customerId)
          : by.tenant.scope === 'point'
            ? own('pointId', by.tenant.pointId)
            : null
    if (denied) return left(denied)
    // A fleet asking for a customer's tickets, or a customer for a fleet's, asks for someone else's.
    if ((by.tenant.scope === 'fleet' && query.customerId) || (by.tenant.scope === 'customer' && query.fleetId))
      return left(tenantDenied())
    const restricted = this.deps.branches ? await this.deps.branches.restrictionOf(by) : null
    if (restricted) filter.equipmentId = { $in: restricted.equipmentIds() }
    const status = query.status ?? 'open'
    if (status === 'open') filter.open = true
    else if (status !== 'all') filter.status = status
    const tickets = await this.deps.readModels.collection<TicketDoc>(TICKETS.projection, TICKETS.tickets)
    const total = await tickets.count(filter)
    const docs = await tickets.find(filter, {
      sort: { openedAt: -1, _id: 1 },
      skip: paging.offset,
      limit: paging.limit,
    })
    return right({ items: docs.map((d) => ticketListItem(d, now)), total, limit: paging.limit, offset: paging.offset })
  }

  private async load(ticketId: string): Promise<{ state: TicketState; events: TicketEvent[] }> {
    let state = ticketDecider.initialState
    const events: TicketEvent[] = []
    for await (const recorded of this.deps.store.readStream(ticketStream(ticketId))) {
      const event = this.deps.catalogue.decode(recorded) as TicketEvent
      events.push(event)
      state = ticketDecider.evolve(state, event)
    }
    return { state, events }
  }

  /** The ticket's contract and the SLA it promises today, checked against the requester. */
  private async contractFor(
    input: NewTicket,
    requester: TicketRequester,
    now: string,
  ): Promise<Either<DomainError, { contractId: string | null; sla: SlaTerms | null }>> {
    let contractId = input.contractId ?? null
    if (contractId === null && input.equipmentId) {
      const coverage = await this.deps.readModels.collection<CoverageDoc>(CONTRACTS.projection, CONTRACTS.coverage)
      const today = now.slice(0, 10)
      const covering = (await coverage.find({ equipmentId: input.equipmentId })).find((c) =>
        c.periods.some((p) => p.from <= today && (p.to === null || today <= p.to)),
      )
      contractId = covering?.contractId ?? null
    }
    if (contractId === null) return right({ contractId: null, sla: null })
    const events: ContractEvent[] = []
    for await (const recorded of this.deps.store.readStream(contractStream(contractId)))
      events.push(this.deps.catalogue.decode(recorded) as ContractEvent)
    const signed = events.find((e) => e.type === 'ContractSigned')
    if (!signed)
      return left(
        domainError('invalid', 'TICKET_INVALID', 'no such contract', [
          { path: 'contractId', message: `no contract ${contractId}` },
        ]),
      )
    const holder = signed.data.holder
    const fits =
      (requester.customerId === null && requester.fleetId === null) ||
      (holder.kind === 'fleet' ? requester.fleetId === holder.fleetId : requester.customerId === holder.customerId)
    if (!fits)
      return left(
        domainError('invalid', 'TICKET_INVALID', 'the contract is not the requester’s', [
          { path: 'contractId', message: `contract ${contractId} belongs to another customer or fleet` },
        ]),
      )
    const today = toLocal(signed.data.timeZone, parseInstant(now) ?? 0).date
    return right({ contractId, sla: contractAsOf(events, today)?.terms.sla ?? null })
  }

  private handle(
    by: Principal,
    ticketId: string,
    command: WithoutCommon<TicketCommand>,
    meta: RequestMeta,
  ): Promise<Either<DomainError, unknown>> {
    const actor = actorOf(by)
    return handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: ticketDecider,
      streamId: ticketStream(ticketId),
      command: { ...command, ticketId, actor, now: meta.now } as TicketCommand,
      context: { ...meta, actor },
    })
  }
}
