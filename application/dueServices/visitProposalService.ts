// Proposed visits: a concrete free slot at the customer's usual point for a due item, accepted with
// one click through a link (an access code, no login) or from an account, which books the slot
// through the booking service (a taken slot answers with the 3 nearest free slots before and after,
// as booking does), or books another time the customer picked ("moved").
//
// The usual point is the point of the vehicle's last visit (bookings, by plate), else the point
// nearest the centre of the region its plate encodes (NearestPointsService does both), else the
// point that registered the equipment.
//
// The link's code is derived from the proposal id with a server secret (like the estimate link's
// codes, application/workOrders/accessCodes.ts): only its SHA-256 is in the log, and the reminder
// message can write the link again on a retry without storing the code anywhere.
//
// Nothing is appended when a request is refused: expiry, an earlier acceptance and the caller's
// right are checked before the booking is made, and a booking made for an acceptance that then
// loses a race is cancelled again.

import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { tenantCanAccess } from '../../domain/access/tenant.js'
import type { Slot } from '../../domain/booking/slotSearch.js'
import type { DueItem } from '../../domain/due-service/dueItems.js'
import type { NoProposalReason } from '../../domain/due-service/events.js'
import type { EquipmentState } from '../../domain/equipment/equipmentDecider.js'
import type { VehicleClass } from '../../domain/service-network/capabilities.js'
import type { Actor } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { addDays, toLocal } from '../../domain/shared/localTime.js'
import type { ProposalHolder, ProposedSlot } from '../../domain/visit-proposal/events.js'
import { visitProposalStream } from '../../domain/visit-proposal/events.js'
import {
  acceptanceRefusal,
  proposalNotFound,
  type VisitProposalState,
  visitProposalDecider,
} from '../../domain/visit-proposal/visitProposalDecider.js'
import type { BookingError, BookingService, SlotAlternatives } from '../booking/bookingService.js'
import { type CommandContext, deterministicUuid } from '../commands/commandContext.js'
import { handleCommand, loadState } from '../commands/handleCommand.js'
import { branchDenied, type FleetBranchLookup } from '../customers/fleetBranchScope.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { NearestPointsService } from '../serviceNetwork/nearestPointsService.js'
import type { NetworkReader } from '../serviceNetwork/networkReader.js'
import { isStaffOf, tenantDenied } from '../serviceNetwork/pointAccess.js'
import type { RequestMeta } from '../serviceNetwork/servicePointService.js'
import { accessCodeHash, codeMatches, derivedAccessCode } from '../workOrders/accessCodes.js'

export interface VisitProposalServiceDeps {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  readonly bookings: Pick<BookingService, 'searchSlots' | 'create' | 'cancel'>
  readonly nearest: Pick<NearestPointsService, 'search'>
  readonly reader: Pick<NetworkReader, 'point'>
  /** A server secret the links' access codes derive from. */
  readonly codeSecret: string
  /**
   * Branch-restricted fleet managers (customers/fleetBranchScope.ts) see and answer only proposals
   * for their branches' vehicles (BRANCH_ACCESS_DENIED otherwise).
   */
  readonly fleetBranches?: FleetBranchLookup
  /** How long a proposal can be accepted (and never after its slot starts). Default 14 days. */
  readonly validityDays?: number
  /** Days before the due date the proposed visit should be (not before tomorrow). Default 7. */
  readonly visitDaysBeforeDue?: number
  /** Local wall-clock time the slot search aims at. Default 09:00. */
  readonly preferredTime?: string
}

export interface ProposalView {
  readonly proposalId: string
  readonly status: 'proposed' | 'accepted' | 'expired'
  readonly due: NonNullable<VisitProposalState['due']>
  readonly holder: ProposalHolder
  readonly point: {
    readonly pointId: string
    readonly name: string
    readonly address: string
    readonly timeZone: string
  }
  readonly slot: ProposedSlot & { readonly localDate: string; readonly localTime: string }
  readonly services: ReadonlyArray<string>
  readonly vehicle: NonNullable<VisitProposalState['vehicle']>
  readonly proposedAt: string
  readonly expiresAt: string
  readonly accepted: VisitProposalState['accepted']
}

export interface MadeProposal {
  readonly proposal: ProposalView
  /** Shown once (and to the message): the link's code. */
  readonly accessCode: string
}

/** A due item for which no visit could be proposed, and why. */
export interface NoProposal {
  readonly noProposal: NoProposalReason
  readonly detail: string
}

export type ProposalError = DomainError & { readonly alternatives?: SlotAlternatives }

/** Who answers: the link's code, or an authenticated account. */
export type Answerer = { readonly code: string } | { readonly principal: Principal }

const MAX_SEARCH_DAYS = 3

const accessCodeInvalid = (): DomainError =>
  domainError('forbidden', 'ACCESS_CODE_INVALID', 'the code does not open this proposal')

export class VisitProposalService {
  private readonly validityDays: number
  private readonly daysBeforeDue: number
  private readonly preferredTime: string

  constructor(private readonly deps: VisitProposalServiceDeps) {
    this.validityDays = deps.validityDays ?? 14
    this.daysBeforeDue = deps.visitDaysBeforeDue ?? 7
    this.preferredTime = deps.preferredTime ?? '09:00'
  }

  /** The proposal id of a reminder: one proposal per due item and date. */
  static proposalIdForReminder(reminderId: string): string {
    return deterministicUuid(`visitproposal|${reminderId}`)
  }

  accessCodeOf(proposalId: string): string {
    return derivedAccessCode(this.deps.codeSecret, `visit-proposal|${proposalId}`)
  }

  async load(proposalId: string): Promise<VisitProposalState> {
    return (
      await loadState(this.deps.events, this.deps.catalogue, visitProposalDecider, visitProposalStream(proposalId))
    ).state
  }

  /** The point a vehicle usually goes to: last visit, else nearest to its plate's region, else where it was registered. */
  async usualPoint(plate: string | null, registeredAt: string | null): Promise<string | null> {
    if (plate) {
      const found = await this.deps.nearest.search({ plate, limit: 5 }).catch(() => null)
      if (found && found._tag === 'Right') {
        for (const p of found.right.points) {
          const point = await this.deps.reader.point(p.pointId)
          if (point.status === 'active') return p.pointId
        }
      }
    }
    if (registeredAt) {
      const point = await this.deps.reader.point(registeredAt)
      if (point.status === 'active') return registeredAt
    }
    return null
  }

  /**
   * Proposes a visit for a due item: the usual point (or `pointId`), a free slot near
   * `visitDaysBeforeDue` before the due date, and a link code. `proposalId` names it (deterministic
   * for reminders, so a retried job makes the same proposal); the command id makes the append
   * idempotent.
   */
  async propose(
    item: DueItem,
    equipment: EquipmentState,
    proposalId: string,
    context: CommandContext,
    options: { readonly pointId?: string } = {},
  ): Promise<Either<ProposalError | NoProposal, MadeProposal>> {
    const existing = await this.load(proposalId)
    if (existing.status !== 'none')
      return left({ noProposal: 'already_proposed', detail: `proposal ${proposalId} exists already` })
    if (item.serviceCodes === null || item.serviceCodes.length === 0)
      return left({ noProposal: 'no_visit_needed', detail: `${item.kind} asks for no visit` })
    const plate = equipment.registration
    const holder = holderOf(equipment)
    if (!plate || !holder) return left({ noProposal: 'no_vehicle_details', detail: 'no plate or owner to book for' })
    const pointId = options.pointId ?? (await this.usualPoint(plate.plate, equipment.pointId))
    if (!pointId) return left({ noProposal: 'no_point', detail: 'no active point near the vehicle' })
    const point = await this.deps.reader.point(pointId)
    if (point.status !== 'active')
      return left(domainError('not_found', 'POINT_NOT_FOUND', `no active point ${pointId}`))
    const vehicleClass: VehicleClass = equipment.vehicleClass ?? 'passenger'
    const slot = await this.findSlot(pointId, point.timeZone, item, vehicleClass, context)
    if (isLeft(slot)) return slot
    const expiresMs = Math.min(Date.parse(context.now) + this.validityDays * 86_400_000, Date.parse(slot.right.start))
    const accessCode = this.accessCodeOf(proposalId)
    const done = await handleCommand({
      store: this.deps.events,
      catalogue: this.deps.catalogue,
      decider: visitProposalDecider,
      streamId: visitProposalStream(proposalId),
      command: {
        kind: 'ProposeVisit',
        proposalId,
        due: { equipmentId: item.equipmentId, kind: item.kind, ref: item.ref, dueDate: item.dueDate },
        holder,
        pointId,
        timeZone: point.timeZone,
        slot: { start: slot.right.start, end: slot.right.end },
        services: [...item.serviceCodes],
        vehicle: { plate: plate.plate, plateCountry: plate.country, vehicleClass },
        accessCodeHash: accessCodeHash(accessCode),
        expiresAt: new Date(expiresMs).toISOString(),
        now: context.now,
      },
      context,
    })
    if (isLeft(done)) return done
    return right({ proposal: await this.viewOf(await this.load(proposalId), context.now), accessCode })
  }

  private async findSlot(
    pointId: string,
    timeZone: string,
    item: DueItem,
    vehicleClass: VehicleClass,
    context: CommandContext,
  ): Promise<Either<ProposalError | NoProposal, Slot>> {
    const nowMs = Date.parse(context.now)
    const tomorrow = addDays(toLocal(timeZone, nowMs).date, 1)
    const aimed = addDays(item.dueDate, -this.daysBeforeDue)
    // The later of the two dates (ISO dates compare as text).
    let date = [aimed, tomorrow].sort()[1] as string
    const meta: RequestMeta = {
      correlationId: context.correlationId,
      causationId: context.causationId,
      now: context.now,
    }
    // The search answers the day's free slots and, for the wanted time, the nearest ones up to two
    // weeks away; a few tries cover a point closed or full for longer.
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      const found = await this.deps.bookings.searchSlots(
        { pointId, date, services: item.serviceCodes ?? [], vehicleClass, time: this.preferredTime },
        meta,
      )
      if (isLeft(found)) {
        if (found.left.kind === 'invalid' || found.left.kind === 'not_found')
          return left({ noProposal: 'no_free_slot', detail: found.left.message })
        return found
      }
      const desired = found.right.desired
      const candidates = [
        ...(desired?.slot ? [desired.slot] : []),
        ...(desired?.after ?? []),
        ...found.right.slots,
      ].filter((s) => Date.parse(s.start) > nowMs)
      const first = candidates[0]
      if (first) return right(first)
      date = addDays(date, 14)
    }
    return left({
      noProposal: 'no_free_slot',
      detail: `no free slot at ${pointId} within six weeks of ${item.dueDate}`,
    })
  }

  /** The proposal as the customer's page shows it (the link's code, or an account that may see it). */
  async view(proposalId: string, by: Answerer, now: string): Promise<Either<DomainError, ProposalView>> {
    const state = await this.load(proposalId)
    const denied = this.refusalFor(state, proposalId, by) ?? (await this.branchRefusal(state, by))
    if (denied) return left(denied)
    return right(await this.viewOf(state, now))
  }

  /** Free slots on a date at the proposal's point for its services, to move the visit. */
  async slots(proposalId: string, by: Answerer, date: string, meta: RequestMeta) {
    const state = await this.load(proposalId)
    const denied = this.refusalFor(state, proposalId, by) ?? (await this.branchRefusal(state, by))
    if (denied) return left(denied)
    return this.deps.bookings.searchSlots(
      {
        pointId: state.pointId,
        date,
        services: state.services,
        vehicleClass: state.vehicle?.vehicleClass ?? 'passenger',
      },
      meta,
    )
  }

  /**
   * Accepts: books the proposed slot, or `start` (another time: the visit is moved), then records
   * the acceptance with the booking's id. A taken time answers with alternatives, nothing recorded.
   */
  async accept(
    proposalId: string,
    by: Answerer,
    input: { readonly start?: string },
    meta: RequestMeta,
  ): Promise<Either<ProposalError, ProposalView>> {
    const state = await this.load(proposalId)
    const denied = this.refusalFor(state, proposalId, by) ?? (await this.branchRefusal(state, by))
    if (denied) return left(denied)
    const refusal = acceptanceRefusal(state, meta.now)
    if (refusal) return left(refusal)
    const proposed = state.slot as ProposedSlot
    const start = input.start ?? proposed.start
    const booker = 'principal' in by ? by.principal : linkPrincipal(state)
    if (!booker)
      return left(domainError('conflict', 'PROPOSAL_WITHOUT_CUSTOMER', 'the proposal names no customer or fleet'))
    const staff = booker.tenant.scope === 'network' || booker.tenant.scope === 'point'
    const bookingKey = `visitproposal|${proposalId}|accept|${start}`
    const booked = await this.deps.bookings.create(
      booker,
      {
        pointId: state.pointId,
        services: state.services,
        start,
        vehicle: {
          plate: (state.vehicle as NonNullable<VisitProposalState['vehicle']>).plate,
          plateCountry: state.vehicle?.plateCountry ?? 'PL',
          vehicleClass: state.vehicle?.vehicleClass ?? 'passenger',
        },
        ...(staff
          ? {
              customer: {
                ...(state.holder.customerId ? { customerId: state.holder.customerId } : {}),
                ...(state.holder.fleetId ? { fleetId: state.holder.fleetId } : {}),
              },
            }
          : {}),
        note: `visit proposal ${proposalId}`,
      },
      { ...meta, commandId: bookingKey },
    )
    if (isLeft(booked)) return booked as Either<BookingError, never>
    const bookingId = booked.right.bookingId
    const slot = booked.right.slot as ProposedSlot
    const actor: Actor = { id: booker.id, role: booker.role }
    const accepted = await handleCommand({
      store: this.deps.events,
      catalogue: this.deps.catalogue,
      decider: visitProposalDecider,
      streamId: visitProposalStream(proposalId),
      command: {
        kind: 'AcceptVisitProposal',
        proposalId,
        bookingId,
        slot: { start: slot.start, end: slot.end },
        channel: 'code' in by ? 'link' : 'account',
        now: meta.now,
      },
      context: { ...meta, actor, commandId: `${bookingKey}|record` },
    })
    if (isLeft(accepted)) {
      // Someone accepted it in between (another click, another time): keep only their booking.
      const now = await this.load(proposalId)
      if (now.accepted?.bookingId !== bookingId)
        await this.deps.bookings.cancel(booker, bookingId, 'the visit proposal was accepted with another booking', {
          ...meta,
          commandId: `${bookingKey}|undo`,
        })
      return accepted
    }
    return right(await this.viewOf(await this.load(proposalId), meta.now))
  }

  /** A branch-restricted fleet manager and a proposal for a vehicle outside his branches. */
  private async branchRefusal(state: VisitProposalState, by: Answerer): Promise<DomainError | null> {
    if (!('principal' in by) || !this.deps.fleetBranches) return null
    const restricted = await this.deps.fleetBranches.restrictionOf(by.principal)
    if (!restricted) return null
    return restricted.allows(state.due?.equipmentId) || restricted.allowsPlate(state.vehicle?.plate)
      ? null
      : branchDenied('the proposal’s vehicle')
  }

  /** Who may see or answer: the link's code, the holder (customer, fleet), the point's staff, head office. */
  private refusalFor(state: VisitProposalState, proposalId: string, by: Answerer): DomainError | null {
    if (state.status === 'none') return 'code' in by ? accessCodeInvalid() : proposalNotFound(proposalId)
    if ('code' in by) return codeMatches(by.code, state.accessCodeHash) ? null : accessCodeInvalid()
    const p = by.principal
    const owner = {
      pointId: state.pointId,
      ...(state.holder.customerId ? { customerId: state.holder.customerId } : {}),
      ...(state.holder.fleetId ? { fleetId: state.holder.fleetId } : {}),
    }
    if (p.tenant.scope === 'point') return isStaffOf(p, state.pointId) ? null : tenantDenied()
    return tenantCanAccess(p.tenant, owner) ? null : tenantDenied()
  }

  private async viewOf(state: VisitProposalState, now: string): Promise<ProposalView> {
    const point = await this.deps.reader.point(state.pointId)
    const slot = state.accepted?.slot ?? (state.slot as ProposedSlot)
    const local = toLocal(state.timeZone, Date.parse(slot.start))
    const minutes = local.minuteOfDay
    const status =
      state.status === 'accepted' ? 'accepted' : Date.parse(now) >= Date.parse(state.expiresAt) ? 'expired' : 'proposed'
    return {
      proposalId: state.proposalId,
      status,
      due: state.due as NonNullable<VisitProposalState['due']>,
      holder: state.holder,
      point: {
        pointId: state.pointId,
        name: point.name,
        address: [point.address?.street, point.address?.postalCode, point.address?.city].filter(Boolean).join(', '),
        timeZone: state.timeZone,
      },
      slot: {
        start: slot.start,
        end: slot.end,
        localDate: local.date,
        localTime: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      },
      services: state.services,
      vehicle: state.vehicle as NonNullable<VisitProposalState['vehicle']>,
      proposedAt: state.proposedAt,
      expiresAt: state.expiresAt,
      accepted: state.accepted,
    }
  }
}

export function holderOf(equipment: EquipmentState): ProposalHolder | null {
  const owner = equipment.owner
  if (!owner) return null
  return owner.kind === 'customer'
    ? { customerId: owner.customerId, fleetId: null }
    : { customerId: null, fleetId: owner.fleetId }
}

/** Whom a link acceptance books as: the proposal's customer or fleet (the actor names the link). */
function linkPrincipal(state: VisitProposalState): Principal | null {
  const id = `link-${state.proposalId}` as Principal['id']
  if (state.holder.customerId)
    return {
      id,
      role: 'customer',
      tenant: { scope: 'customer', customerId: state.holder.customerId as never },
    } as Principal
  if (state.holder.fleetId)
    return { id, role: 'fleet_client', tenant: { scope: 'fleet', fleetId: state.holder.fleetId as never } } as Principal
  return null
}

export const isNoProposal = (value: unknown): value is NoProposal =>
  typeof value === 'object' && value !== null && 'noProposal' in value
