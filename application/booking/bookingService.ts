// Bookings: visit planning (duration from the catalogue), slot search, and every step of a
// booking's life, following domain/booking/README.md.
//
// Booking a visit is two appends to two streams that no transaction spans:
//   1. Reserve on `schedule-<pointId>-<date>` (the capacity guard; expected revision: of concurrent
//      requests for one slot exactly one is appended, the others re-decide and are refused);
//   2. RequestBooking + confirm on `booking-<bookingId>`.
// If the process dies between 1 and 2, the day holds a reservation no booking owns. Two things
// keep that from blocking the bay:
//   - Retry completes it. The booking id derives from the Idempotency-Key (commandId), and every
//     step's event ids derive from it too, so a retried request finds its own reservation
//     (a no-op) and goes on to record the booking.
//   - Abandoned reservations are released on read. Whenever the service reads a day (slot search,
//     a refused Reserve) it checks each reservation older than `orphanGraceMs` (2 min; far longer
//     than the few milliseconds between the two appends) against its booking: when the booking does
//     not exist, no longer holds a slot (cancelled, no-show) or holds another one (moved), the
//     reservation is released (SlotReleased, reason 'other', by `system`). A reservation found
//     good is trusted for `verifiedTtlMs` before it is checked again.
//   A process stalled for longer than the grace could record its booking just as its reservation
//   is released. Both sides therefore look again after writing: the booking maker re-reads the day
//   after RequestBooking, and the releaser re-reads the booking after Release. Whichever writes
//   second sees the other's write, re-reserves the same slot for the booking, or, if someone took
//   it meanwhile, cancels the booking with a clear reason. No booking is left without its slot.
// The same order protects rescheduling to another day: Reserve the new day, RescheduleBooking,
// then Release the old day. Dying after the first step leaves a new reservation whose booking
// points elsewhere (released on read); after the second, an old one likewise.
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, isRight, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import { type BookingState, bookingDecider, bookingStream } from '../../domain/booking/bookingDecider.js'
import type { BookingCommand } from '../../domain/booking/commands.js'
import type { Reservation } from '../../domain/booking/dayCapacity.js'
import { resolveDay } from '../../domain/booking/dayResources.js'
import { dayScheduleDecider, dayScheduleStream } from '../../domain/booking/dayScheduleDecider.js'
import type { BookedSlot, BookingVehicle, OrderedGoods, ReleaseReason } from '../../domain/booking/events.js'
import { type Slot, type SlotSearchResult, searchSlots } from '../../domain/booking/slotSearch.js'
import type {
  BayFeature,
  CapabilityRequirement,
  StaffSkill,
  VehicleClass,
} from '../../domain/service-network/capabilities.js'
import { type CatalogueState, catalogueGoods, catalogueService } from '../../domain/service-network/catalogueDecider.js'
import { longestOpeningRangeMinutes } from '../../domain/service-network/openingHours.js'
import { regionForPlate } from '../../domain/service-network/plateRegions.js'
import { planVisit, type VisitPlan } from '../../domain/service-network/serviceDuration.js'
import type { ServicePointState } from '../../domain/service-network/servicePointDecider.js'
import type { StaffScheduleState } from '../../domain/service-network/staffScheduleDecider.js'
import { type Actor, SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import {
  daysBetween,
  formatInstant,
  isLocalDate,
  type LocalDate,
  localToInstant,
  parseInstant,
  parseLocalTime,
  toLocal,
} from '../../domain/shared/localTime.js'
import { type CommandContext, deterministicUuid } from '../commands/commandContext.js'
import { CONFLICT_RETRIES_EXHAUSTED, handleCommand } from '../commands/handleCommand.js'
import { branchDenied, type FleetBranchLookup } from '../customers/fleetBranchScope.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { NetworkReader } from '../serviceNetwork/networkReader.js'
import { pointNotFound, type RequestMeta } from '../serviceNetwork/servicePointService.js'
import { StreamStateCache } from '../serviceNetwork/streamStateCache.js'
import { bookingParty, type CustomerInput, mayActOnBooking, mayRunVisit, type StaffChannel } from './bookingAccess.js'
import { type BookingView, bookingHoldsSlot, bookingViewFold } from './bookingView.js'
import { DaySchedules } from './daySchedules.js'

// ── inputs and answers ────────────────────────────────────────────────────────────────────────

export interface VisitInput {
  readonly services: ReadonlyArray<string>
  readonly vehicleClass: VehicleClass
  /** Wheels worked on; 4 (6 for a truck) when not given. */
  readonly wheels?: number
  readonly rimInches?: number | null
}

/** When: a UTC instant, or a local date and wall-clock time at the point. */
export interface WantedTime {
  readonly start?: string
  readonly date?: string
  readonly time?: string
}

export interface SlotSearchInput extends VisitInput {
  readonly pointId: string
  readonly date: string
  /** The wanted start: local 'HH:MM' on date, or a UTC instant (desiredStart). */
  readonly time?: string
  readonly desiredStart?: string
}

export interface SlotSearchAnswer extends Omit<SlotSearchResult, 'unloadedDates'> {
  readonly services: VisitPlan['lines']
  readonly requirement: CapabilityRequirement
  readonly skills: ReadonlyArray<StaffSkill>
}

export interface VehicleInput {
  readonly plate: string
  /** 'PL' when not given. */
  readonly plateCountry?: string
  readonly vehicleClass: VehicleClass
  readonly wheels?: number
  readonly rimInches?: number | null
}

export interface NewBooking extends WantedTime {
  readonly pointId: string
  readonly services: ReadonlyArray<string>
  readonly vehicle: VehicleInput
  readonly goods?: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>
  /** Staff and head office: for whom. Customers and fleets: optional contact details only. */
  readonly customer?: CustomerInput
  /** Staff only: how the booking reached them (default: on the phone). */
  readonly channel?: StaffChannel
  /** Staff only: a particular bay or staff member. */
  readonly bayId?: string
  readonly staffId?: string
  readonly note?: string
}

export interface RescheduleInput extends WantedTime {
  readonly bayId?: string
  readonly staffId?: string
  readonly reason?: string
}

/** Where a refused time leaves the customer: the nearest free slots before and after it. */
export interface SlotAlternatives {
  readonly requestedStart: string
  readonly reason: string
  readonly before: ReadonlyArray<Slot>
  readonly after: ReadonlyArray<Slot>
  /** When only the bay or staff member asked for was taken: the same time with another one. */
  readonly sameTimeElsewhere: Slot | null
}

/** A refusal; a taken time comes with alternatives. */
export type BookingError = DomainError & { readonly alternatives?: SlotAlternatives }

export interface BookingServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: NetworkReader
  /** How long a reservation may wait for its booking before it counts as abandoned. */
  readonly orphanGraceMs?: number
  /** How long a reservation found good is trusted before it is checked again. */
  readonly verifiedTtlMs?: number
  /** New booking ids when the request has no Idempotency-Key. */
  readonly newId?: () => string
  /**
   * Branch-restricted fleet managers (customers/fleetBranchScope.ts) book, see, move and cancel
   * only bookings for a plate of their branches' vehicles; others are BRANCH_ACCESS_DENIED.
   */
  readonly fleetBranches?: FleetBranchLookup
}

export const DEFAULT_ORPHAN_GRACE_MS = 2 * 60_000
const DEFAULT_VERIFIED_TTL_MS = 10 * 60_000

/** Refusals of the capacity guard that mean "not this time, but maybe another": answered with alternatives. */
const TAKEN_CODES = new Set([
  'SLOT_TAKEN',
  'STAFF_BUSY',
  'OUTSIDE_OPENING_HOURS',
  'NO_QUALIFIED_STAFF_ON_SHIFT',
  'STAFF_NOT_ON_SHIFT',
  CONFLICT_RETRIES_EXHAUSTED,
])

type Loaded = {
  readonly point: ServicePointState
  readonly staff: StaffScheduleState
  readonly catalogue: CatalogueState
}

/** Each handleCommand of one request gets its own command id, so retrying the request repeats each step once. */
function step(context: CommandContext, name: string, actor?: Actor): CommandContext {
  const { commandId, ...rest } = context
  return {
    ...rest,
    actor: actor ?? context.actor,
    ...(commandId !== undefined ? { commandId: `${commandId}|${name}` } : {}),
  }
}

const defaultWheels = (vehicleClass: VehicleClass): number => (vehicleClass === 'truck' ? 6 : 4)

// ── the service ───────────────────────────────────────────────────────────────────────────────

export class BookingService {
  private readonly days: DaySchedules
  private readonly bookings: StreamStateCache<BookingView>
  private readonly graceMs: number
  private readonly verifiedTtlMs: number
  private readonly newId: () => string
  /** `${bookingId}|${start}` → until when (epoch ms) the reservation is trusted without a check. */
  private readonly verified = new Map<string, number>()

  constructor(private readonly deps: BookingServiceDeps) {
    this.days = new DaySchedules(deps.store, deps.catalogue)
    this.bookings = new StreamStateCache(deps.store, deps.catalogue, bookingViewFold, 50_000)
    this.graceMs = deps.orphanGraceMs ?? DEFAULT_ORPHAN_GRACE_MS
    this.verifiedTtlMs = deps.verifiedTtlMs ?? DEFAULT_VERIFIED_TTL_MS
    this.newId = deps.newId ?? randomUUID
  }

  // ── queries ──

  /** The visit a set of services makes at a point: duration, bay requirement, skills. */
  async planVisit(pointId: string, visit: VisitInput): Promise<Either<DomainError, VisitPlan>> {
    const loaded = await this.load(pointId)
    if (isLeft(loaded)) return loaded
    return this.plan(loaded.right, visit)
  }

  async searchSlots(input: SlotSearchInput, meta: RequestMeta): Promise<Either<DomainError, SlotSearchAnswer>> {
    const loaded = await this.load(input.pointId)
    if (isLeft(loaded)) return loaded
    const plan = this.plan(loaded.right, input)
    if (isLeft(plan)) return plan
    if (!isLocalDate(input.date)) return left(invalidTime('SLOT_SEARCH_INVALID', 'date', 'must be a date YYYY-MM-DD'))
    let desiredStart: string | null = null
    if (input.time !== undefined || input.desiredStart !== undefined) {
      const wanted = resolveStart(loaded.right.point.timeZone, {
        ...(input.desiredStart !== undefined ? { start: input.desiredStart } : { date: input.date, time: input.time }),
      })
      if (isLeft(wanted)) return wanted
      desiredStart = formatInstant(wanted.right.start)
    }
    const result = await this.search(loaded.right, plan.right, input.date, desiredStart, meta, null)
    if (isLeft(result)) return result
    const { unloadedDates: _unused, ...answer } = result.right
    return right({
      ...answer,
      services: plan.right.lines,
      requirement: plan.right.requirement,
      skills: plan.right.skills,
    })
  }

  async get(by: Principal, bookingId: string): Promise<Either<DomainError, BookingView>> {
    const booking = await this.booking(bookingId)
    if (isLeft(booking)) return booking
    const denied = mayActOnBooking(by, booking.right) ?? (await this.branchRefusal(by, booking.right.vehicle?.plate))
    return denied ? left(denied) : booking
  }

  /** BRANCH_ACCESS_DENIED for a branch-restricted fleet manager and a plate outside his branches. */
  private async branchRefusal(by: Principal, plate: string | null | undefined): Promise<DomainError | null> {
    const restricted = this.deps.fleetBranches ? await this.deps.fleetBranches.restrictionOf(by) : null
    return restricted && !restricted.allowsPlate(plate) ? branchDenied('the booking’s vehicle') : null
  }

  // ── commands ──

  async create(by: Principal, input: NewBooking, meta: RequestMeta): Promise<Either<BookingError, BookingView>> {
    const party = bookingParty(by, input.pointId, input.customer, input.channel)
    if (isLeft(party)) return party
    if (!party.right.staff && (input.bayId !== undefined || input.staffId !== undefined))
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only staff choose the bay or the staff member'))
    const vehicle = checkVehicle(input.vehicle)
    if (isLeft(vehicle)) return vehicle
    const outsideBranches = await this.branchRefusal(by, vehicle.right.plate)
    if (outsideBranches) return left(outsideBranches)
    const loaded = await this.load(input.pointId)
    if (isLeft(loaded)) return loaded
    const { point, catalogue } = loaded.right
    if (point.status === 'inactive')
      return left(domainError('conflict', 'SERVICE_POINT_INACTIVE', 'the service point takes no bookings'))
    const plan = this.plan(loaded.right, { ...input.vehicle, services: input.services })
    if (isLeft(plan)) return plan
    const goods = priceGoods(catalogue, input.goods ?? [])
    if (isLeft(goods)) return goods
    const when = resolveStart(point.timeZone, input)
    if (isLeft(when)) return when
    const { start, date } = when.right
    const nowMs = Date.parse(meta.now)
    if (start < nowMs)
      return left(
        domainError('invalid', 'START_IN_PAST', `the visit cannot start in the past (${formatInstant(start)})`, [
          { path: input.start !== undefined ? 'start' : 'time', message: 'is in the past' },
        ]),
      )

    // The same Idempotency-Key names the same booking: a retry completes what the first attempt began.
    const bookingId = meta.commandId ? deterministicUuid(`booking|${meta.commandId}`) : this.newId()
    const context: CommandContext = { ...meta, actor: actorOf(by) }
    const existing = await this.bookings.load(bookingStream(bookingId))
    if (existing.state.status !== 'none') {
      const held = await this.ensureHeld(existing.state, context)
      return isLeft(held) ? held : this.booking(bookingId)
    }

    const request = (slot: BookedSlot): BookingCommand => ({
      kind: 'RequestBooking',
      bookingId,
      pointId: point.pointId,
      timeZone: point.timeZone,
      bookedBy: { actor: context.actor, channel: party.right.channel },
      customer: party.right.customer,
      vehicle: vehicle.right,
      services: plan.right.lines,
      goods: goods.right,
      durationMinutes: plan.right.durationMinutes,
      slot,
      note: input.note ?? null,
      confirm: true,
      now: meta.now,
    })
    // Everything about the booking is checked before the slot is taken, so a refused request appends nothing.
    const provisional = bookingDecider.decide(
      request({
        bayId: input.bayId ?? 'any',
        staffId: input.staffId ?? 'any',
        start: formatInstant(start),
        end: formatInstant(start + plan.right.durationMinutes * 60_000),
      }),
      bookingDecider.initialState,
    )
    if (isLeft(provisional)) return provisional

    const reserved = await this.reserveOrOffer(loaded.right, plan.right, {
      bookingId,
      start,
      date,
      bayId: input.bayId ?? null,
      staffId: input.staffId ?? null,
      context,
      ignoreBookingId: null,
    })
    if (isLeft(reserved)) return reserved
    const slot = slotOf(reserved.right)

    const requested = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: bookingDecider,
      streamId: bookingStream(bookingId),
      command: request(slot),
      context: step(context, 'request'),
    })
    if (isLeft(requested)) {
      // Not expected (everything was checked), but never keep a slot for a booking that was refused.
      await this.release(point.pointId, date, bookingId, 'other', step(context, 'undo'))
      return requested
    }
    const booking = await this.bookings.load(bookingStream(bookingId))
    const held = await this.ensureHeld(booking.state, context)
    if (isLeft(held)) return held
    this.trust(bookingId, slot.start, nowMs)
    return right(booking.state)
  }

  async reschedule(
    by: Principal,
    bookingId: string,
    input: RescheduleInput,
    meta: RequestMeta,
  ): Promise<Either<BookingError, BookingView>> {
    const found = await this.booking(bookingId)
    if (isLeft(found)) return found
    const booking = found.right
    const denied = mayActOnBooking(by, booking) ?? (await this.branchRefusal(by, booking.vehicle?.plate))
    if (denied) return left(denied)
    const staffAsks = by.tenant.scope === 'network' || by.tenant.scope === 'point'
    if (!staffAsks && (input.bayId !== undefined || input.staffId !== undefined))
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only staff choose the bay or the staff member'))
    const loaded = await this.load(booking.pointId)
    if (isLeft(loaded)) return loaded
    const { point } = loaded.right
    const when = resolveStart(point.timeZone, input)
    if (isLeft(when)) return when
    const { start, date } = when.right
    const oldSlot = booking.slot as BookedSlot
    const oldDate = toLocal(booking.timeZone, Date.parse(oldSlot.start)).date
    const nowMs = Date.parse(meta.now)
    const context: CommandContext = { ...meta, actor: actorOf(by) }
    const plan = visitOfBooking(loaded.right.catalogue, booking)
    // The booking decides first whether it may move at all (status, a start in the past).
    const provisional = bookingDecider.decide(
      {
        kind: 'RescheduleBooking',
        bookingId,
        slot: {
          bayId: input.bayId ?? 'any',
          staffId: input.staffId ?? 'any',
          start: formatInstant(start),
          end: formatInstant(start + booking.durationMinutes * 60_000),
        },
        reason: input.reason ?? null,
        now: meta.now,
      },
      decisionState(booking),
    )
    if (isLeft(provisional)) return provisional

    const reserved = await this.reserveOrOffer(loaded.right, plan, {
      bookingId,
      start,
      date,
      bayId: input.bayId ?? null,
      staffId: input.staffId ?? null,
      context,
      ignoreBookingId: bookingId,
    })
    if (isLeft(reserved)) return reserved
    const slot = slotOf(reserved.right)
    const moved = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: bookingDecider,
      streamId: bookingStream(bookingId),
      command: { kind: 'RescheduleBooking', bookingId, slot, reason: input.reason ?? null, now: meta.now },
      context: step(context, 'reschedule'),
    })
    if (isLeft(moved)) {
      // Put the booking's hold back where the booking says it is.
      if (date !== oldDate) await this.release(point.pointId, date, bookingId, 'other', step(context, 'undo'))
      else await this.ensureHeld(booking, context)
      return moved
    }
    // A move within the day released the old slot in the same decision; across days, free the old day now.
    if (date !== oldDate) await this.release(point.pointId, oldDate, bookingId, 'rescheduled', step(context, 'release'))
    const after = (await this.bookings.load(bookingStream(bookingId))).state
    const held = await this.ensureHeld(after, context)
    if (isLeft(held)) return held
    this.trust(bookingId, slot.start, nowMs)
    return right(after)
  }

  /** Cancels and frees the slot at once. */
  async cancel(
    by: Principal,
    bookingId: string,
    reason: string,
    meta: RequestMeta,
  ): Promise<Either<DomainError, BookingView>> {
    return this.finish(
      by,
      bookingId,
      meta,
      'owner',
      { kind: 'CancelBooking', bookingId, reason, now: meta.now },
      'cancelled',
    )
  }

  async checkIn(by: Principal, bookingId: string, meta: RequestMeta): Promise<Either<DomainError, BookingView>> {
    return this.finish(by, bookingId, meta, 'staff', { kind: 'CheckInBooking', bookingId, now: meta.now }, null)
  }

  async complete(by: Principal, bookingId: string, meta: RequestMeta): Promise<Either<DomainError, BookingView>> {
    return this.finish(by, bookingId, meta, 'staff', { kind: 'CompleteBooking', bookingId, now: meta.now }, null)
  }

  /** Marks a no-show (only after the start) and frees what is left of the slot. */
  async noShow(by: Principal, bookingId: string, meta: RequestMeta): Promise<Either<DomainError, BookingView>> {
    return this.finish(by, bookingId, meta, 'staff', { kind: 'MarkNoShow', bookingId, now: meta.now }, 'no_show')
  }

  // ── steps ──

  private async finish(
    by: Principal,
    bookingId: string,
    meta: RequestMeta,
    who: 'owner' | 'staff',
    command: BookingCommand,
    release: ReleaseReason | null,
  ): Promise<Either<DomainError, BookingView>> {
    const found = await this.booking(bookingId)
    if (isLeft(found)) return found
    const denied =
      who === 'owner'
        ? (mayActOnBooking(by, found.right) ?? (await this.branchRefusal(by, found.right.vehicle?.plate)))
        : mayRunVisit(by, found.right)
    if (denied) return left(denied)
    const context: CommandContext = { ...meta, actor: actorOf(by) }
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: bookingDecider,
      streamId: bookingStream(bookingId),
      command,
      context: step(context, command.kind),
    })
    if (isLeft(outcome)) return outcome
    const booking = (await this.bookings.load(bookingStream(bookingId))).state
    if (release !== null && booking.slot) {
      const date = toLocal(booking.timeZone, Date.parse(booking.slot.start)).date
      await this.release(booking.pointId, date, bookingId, release, step(context, 'release'))
    }
    return right(booking)
  }

  /**
   * Reserve on the day; when refused because the time is taken, first release abandoned
   * reservations of that day (and try once more if any were), then answer with alternatives.
   */
  private async reserveOrOffer(
    loaded: Loaded,
    plan: Pick<VisitPlan, 'durationMinutes' | 'requirement' | 'skills'>,
    args: {
      bookingId: string
      start: number
      date: LocalDate
      bayId: string | null
      staffId: string | null
      context: CommandContext
      ignoreBookingId: string | null
    },
  ): Promise<Either<BookingError, Reservation>> {
    const attempt = (name: string) => this.reserve(loaded, plan, { ...args, context: step(args.context, name) })
    let reserved = await attempt('reserve')
    if (isLeft(reserved) && TAKEN_CODES.has(reserved.left.code)) {
      const released = await this.sweepDay(loaded.point.pointId, args.date, args.context)
      if (released > 0) reserved = await attempt('reserve-again')
    }
    if (isRight(reserved)) return reserved
    const refusal = reserved.left
    if (!TAKEN_CODES.has(refusal.code)) return reserved
    const requestedStart = formatInstant(args.start)
    const offer = await this.search(loaded, plan, args.date, requestedStart, args.context, args.ignoreBookingId)
    const desired = isLeft(offer) ? null : offer.right.desired
    const when = `${args.date} ${toLocalTime(loaded.point.timeZone, args.start)}`
    const message =
      refusal.code === CONFLICT_RETRIES_EXHAUSTED
        ? `too many bookings for ${when} at once; the nearest free times are offered`
        : `${when} cannot be booked: ${refusal.message}; the nearest free times are offered`
    return left({
      ...refusal,
      message,
      alternatives: {
        requestedStart,
        reason: refusal.code,
        before: desired?.before ?? [],
        after: desired?.after ?? [],
        sameTimeElsewhere: desired?.free ? desired.slot : null,
      },
    })
  }

  private async reserve(
    loaded: Loaded,
    plan: Pick<VisitPlan, 'durationMinutes' | 'requirement' | 'skills'>,
    args: {
      bookingId: string
      start: number
      date: LocalDate
      bayId: string | null
      staffId: string | null
      context: CommandContext
    },
  ): Promise<Either<DomainError, Reservation>> {
    const { point, staff } = loaded
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: dayScheduleDecider,
      streamId: dayScheduleStream(point.pointId, args.date),
      command: {
        kind: 'Reserve',
        pointId: point.pointId,
        date: args.date,
        bookingId: args.bookingId,
        start: formatInstant(args.start),
        durationMinutes: plan.durationMinutes,
        requirement: plan.requirement,
        skills: plan.skills,
        bayId: args.bayId,
        staffId: args.staffId,
        day: resolveDay(point, staff, args.date),
        now: args.context.now,
      },
      context: args.context,
    })
    if (isLeft(outcome)) return outcome
    const reserved = outcome.right.events.find((e) => e.type === 'SlotReserved')
    if (reserved?.type === 'SlotReserved') return right(reserved.data)
    // Nothing appended: the booking already holds exactly this slot (a retried request).
    const day = await this.days.load(point.pointId, args.date)
    const held = day.state.schedule.reservations.find((r) => r.bookingId === args.bookingId)
    return held
      ? right(held)
      : left(domainError('conflict', 'SLOT_TAKEN', 'the slot could not be reserved; search again'))
  }

  /**
   * Frees a booking's slot; false when the day kept changing under us (too many races). That is
   * never an error for the caller: a slot no active booking holds is released by the next read
   * of the day (abandoned reservations), so the worst case is a slot freed a moment later.
   */
  private async release(
    pointId: string,
    date: LocalDate,
    bookingId: string,
    reason: ReleaseReason,
    context: CommandContext,
  ): Promise<boolean> {
    const released = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: dayScheduleDecider,
      streamId: dayScheduleStream(pointId, date),
      command: { kind: 'Release', pointId, date, bookingId, reason },
      context,
    })
    return !isLeft(released)
  }

  /**
   * Makes sure an active booking holds the slot it names (see the top of this file): re-reserves
   * it when its reservation was released as abandoned, or cancels the booking when the slot has
   * meanwhile gone to someone else.
   */
  private async ensureHeld(booking: BookingView, context: CommandContext): Promise<Either<BookingError, true>> {
    if (!bookingHoldsSlot(booking) || !booking.slot) return right(true)
    const slot = booking.slot
    const start = Date.parse(slot.start)
    const date = toLocal(booking.timeZone, start).date
    const day = await this.days.load(booking.pointId, date)
    const held = day.state.schedule.reservations.find((r) => r.bookingId === booking.bookingId)
    if (held && held.start === slot.start) return right(true)
    // Finished visits are history: nothing to hold any more.
    if (booking.status === 'completed' || booking.status === 'checked_in') return right(true)
    const loaded = await this.load(booking.pointId)
    if (isLeft(loaded)) return loaded
    const restored = await this.reserve(loaded.right, visitOfBooking(loaded.right.catalogue, booking), {
      bookingId: booking.bookingId,
      start,
      date,
      bayId: slot.bayId,
      staffId: slot.staffId,
      // A re-reservation is a new fact, not a repeat of the booking's first Reserve: its own ids.
      context: { ...context, commandId: `${context.commandId ?? randomUUID()}|restore|${slot.start}` },
    })
    if (!isLeft(restored)) return right(true)
    await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: bookingDecider,
      streamId: bookingStream(booking.bookingId),
      command: {
        kind: 'CancelBooking',
        bookingId: booking.bookingId,
        reason: 'the reserved slot was lost while the booking was being made',
        now: context.now,
      },
      context: step(context, 'slot-lost', SYSTEM_ACTOR),
    })
    return left(
      domainError('conflict', 'SLOT_LOST', 'the slot was lost while the booking was being made; search again'),
    )
  }

  // ── reading days, and releasing abandoned reservations ──

  /**
   * Slot search over days read as needed: the searched day first, then the nearest unread days on
   * both sides (1, 2, 4… of them) only while alternatives are still missing.
   */
  private async search(
    loaded: Loaded,
    plan: Pick<VisitPlan, 'durationMinutes' | 'requirement' | 'skills'>,
    date: LocalDate,
    desiredStart: string | null,
    meta: RequestMeta,
    ignoreBookingId: string | null,
  ): Promise<Either<DomainError, SlotSearchResult>> {
    const { point } = loaded
    const read = new Map<LocalDate, ReadonlyArray<Reservation>>()
    const readDays = async (dates: readonly LocalDate[]) => {
      const days = await Promise.all(dates.map((d) => this.liveReservations(point.pointId, d, meta)))
      for (const [i, d] of dates.entries()) read.set(d, days[i] as ReadonlyArray<Reservation>)
    }
    await readDays([date])
    for (let round = 0; ; round++) {
      const result = searchSlots({
        point,
        staff: loaded.staff,
        reservationsOn: (d) => read.get(d),
        date,
        durationMinutes: plan.durationMinutes,
        requirement: plan.requirement,
        skills: plan.skills,
        now: meta.now,
        desiredStart,
        ignoreBookingId,
      })
      if (isLeft(result) || result.right.unloadedDates.length === 0) return result
      const wanted = 2 ** round
      const missing = [...result.right.unloadedDates].sort(
        (a, b) => Math.abs(daysBetween(date, a)) - Math.abs(daysBetween(date, b)),
      )
      const earlier = missing.filter((d) => d < date).slice(0, wanted)
      const later = missing.filter((d) => d > date).slice(0, wanted)
      await readDays([...earlier, ...later])
    }
  }

  /** A day's reservations that really hold their slot; abandoned ones are released on the way. */
  private async liveReservations(pointId: string, date: LocalDate, meta: RequestMeta): Promise<Reservation[]> {
    const day = (await this.days.load(pointId, date)).state
    const nowMs = Date.parse(meta.now)
    const live: Reservation[] = []
    const toCheck: Reservation[] = []
    for (const r of day.schedule.reservations) {
      if ((this.verified.get(`${r.bookingId}|${r.start}`) ?? 0) > nowMs) live.push(r)
      else if (nowMs - Date.parse(day.reservedAt[r.bookingId] ?? meta.now) < this.graceMs)
        live.push(r) // perhaps still being booked: it keeps its slot for now
      else toCheck.push(r)
    }
    const bookings = await Promise.all(toCheck.map((r) => this.bookings.load(bookingStream(r.bookingId))))
    const abandoned: Reservation[] = []
    toCheck.forEach((r, i) => {
      const booking = (bookings[i] as { state: BookingView }).state
      if (bookingHoldsSlot(booking) && booking.pointId === pointId && booking.slot?.start === r.start) {
        this.trust(r.bookingId, r.start, nowMs)
        live.push(r)
      } else abandoned.push(r)
    })
    // What could not be released (lost too many races) keeps blocking until the next read.
    if (abandoned.length > 0) live.push(...(await this.releaseAbandoned(pointId, date, abandoned, meta)))
    return live
  }

  /** Releases a day's abandoned reservations; answers how many were released. */
  private async sweepDay(pointId: string, date: LocalDate, meta: RequestMeta): Promise<number> {
    const before = (await this.days.load(pointId, date)).state.schedule.reservations.length
    const live = await this.liveReservations(pointId, date, meta)
    return before - live.length
  }

  private async releaseAbandoned(
    pointId: string,
    date: LocalDate,
    abandoned: readonly Reservation[],
    meta: RequestMeta,
  ): Promise<Reservation[]> {
    const context: CommandContext = { ...meta, actor: SYSTEM_ACTOR }
    const kept: Reservation[] = []
    for (const r of abandoned) {
      const released = await this.release(pointId, date, r.bookingId, 'other', {
        ...context,
        commandId: `abandoned|${pointId}|${date}|${r.bookingId}|${r.start}`,
      })
      if (!released) {
        kept.push(r)
        continue
      }
      // The booking may have been recorded just now (a stalled process): then it gets its slot back.
      const booking = (await this.bookings.load(bookingStream(r.bookingId))).state
      if (bookingHoldsSlot(booking)) await this.ensureHeld(booking, context)
    }
    return kept
  }

  private trust(bookingId: string, start: string, nowMs: number): void {
    if (this.verified.size > 200_000) this.verified.clear()
    this.verified.set(`${bookingId}|${start}`, nowMs + this.verifiedTtlMs)
  }

  // ── loading ──

  private async load(pointId: string): Promise<Either<DomainError, Loaded>> {
    const [point, staff, catalogue] = await Promise.all([
      this.deps.reader.point(pointId),
      this.deps.reader.staff(pointId),
      this.deps.reader.catalogue(),
    ])
    return point.status === 'none' ? left(pointNotFound(pointId)) : right({ point, staff, catalogue })
  }

  private async booking(bookingId: string): Promise<Either<DomainError, BookingView>> {
    const { state } = await this.bookings.load(bookingStream(bookingId))
    return state.status === 'none'
      ? left(domainError('not_found', 'BOOKING_NOT_FOUND', `no booking ${bookingId}`))
      : right(state)
  }

  private plan(loaded: Loaded, visit: VisitInput): Either<DomainError, VisitPlan> {
    const planned = planVisit(
      loaded.catalogue,
      {
        serviceCodes: visit.services,
        vehicleClass: visit.vehicleClass,
        wheels: visit.wheels ?? defaultWheels(visit.vehicleClass),
        rimInches: visit.rimInches ?? null,
      },
      longestOpeningRangeMinutes(loaded.point),
    )
    if (!isLeft(planned)) return planned
    // An unknown service gets its own code: the client has a stale catalogue, not a bad form.
    const unknown = (planned.left.fields ?? []).filter((f) => f.message.startsWith('unknown service'))
    if (unknown.length > 0)
      return left(
        domainError(
          'invalid',
          'UNKNOWN_SERVICE',
          `${unknown.map((f) => f.message).join(', ')} (GET /catalogue lists the services)`,
          planned.left.fields,
        ),
      )
    return planned
  }
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────

const slotOf = (r: Reservation): BookedSlot => ({ bayId: r.bayId, staffId: r.staffId, start: r.start, end: r.end })

function toLocalTime(timeZone: string, instant: number): string {
  const m = toLocal(timeZone, instant).minuteOfDay
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

const invalidTime = (code: string, path: string, message: string): DomainError =>
  domainError('invalid', code, `${path} ${message}`, [{ path, message }])

/** The wanted start as an instant and the point's local date it falls on. */
export function resolveStart(
  timeZone: string,
  wanted: WantedTime,
): Either<DomainError, { start: number; date: LocalDate }> {
  if (wanted.start !== undefined) {
    if (wanted.date !== undefined || wanted.time !== undefined)
      return left(invalidTime('TIME_INVALID', 'start', 'give either start or date and time, not both'))
    const start = parseInstant(wanted.start)
    if (start === null)
      return left(invalidTime('TIME_INVALID', 'start', 'must be a UTC ISO-8601 instant such as 2026-04-02T07:30:00Z'))
    return right({ start, date: toLocal(timeZone, start).date })
  }
  if (wanted.date === undefined || wanted.time === undefined)
    return left(invalidTime('TIME_INVALID', 'time', 'give start, or date and time'))
  if (!isLocalDate(wanted.date)) return left(invalidTime('TIME_INVALID', 'date', 'must be a date YYYY-MM-DD'))
  const minute = parseLocalTime(wanted.time)
  if (minute === null || minute >= 1440) return left(invalidTime('TIME_INVALID', 'time', 'must be a time HH:MM'))
  const start = localToInstant(timeZone, wanted.date, minute)
  const local = toLocal(timeZone, start)
  if (local.date !== wanted.date || local.minuteOfDay !== minute)
    return left(invalidTime('TIME_INVALID', 'time', `does not exist on ${wanted.date} in ${timeZone} (clock change)`))
  return right({ start, date: wanted.date })
}

function checkVehicle(input: VehicleInput): Either<DomainError, BookingVehicle> {
  const plateCountry = input.plateCountry ?? 'PL'
  let plate = input.plate
  if (plateCountry === 'PL') {
    const region = regionForPlate(input.plate)
    if (isLeft(region))
      return left({
        ...region.left,
        fields: (region.left.fields ?? []).map((f) => ({ ...f, path: 'vehicle.plate' })),
      })
    plate = input.plate.replace(/[\s-]+/g, '').toUpperCase()
  }
  return right({
    plate,
    plateCountry,
    vehicleClass: input.vehicleClass,
    wheels: input.wheels ?? defaultWheels(input.vehicleClass),
    rimInches: input.rimInches ?? null,
  })
}

function priceGoods(
  catalogue: CatalogueState,
  wanted: ReadonlyArray<{ sku: string; quantity: number }>,
): Either<DomainError, OrderedGoods[]> {
  const problems: Array<{ path: string; message: string }> = []
  const out: OrderedGoods[] = []
  wanted.forEach((g, i) => {
    const item = catalogueGoods(catalogue, g.sku)
    if (!item || item.retired) problems.push({ path: `goods[${i}].sku`, message: `unknown goods ${g.sku}` })
    else out.push({ sku: g.sku, quantity: g.quantity, unitPrice: item.definition.price })
  })
  return problems.length > 0
    ? left(domainError('invalid', 'UNKNOWN_GOODS', 'some goods are not in the catalogue', problems))
    : right(out)
}

/**
 * What a booked visit needs of a bay and a staff member, from its services as the catalogue
 * describes them now (retired services included: the visit was booked when they were offered).
 */
function visitOfBooking(
  catalogue: CatalogueState,
  booking: BookingView,
): Pick<VisitPlan, 'durationMinutes' | 'requirement' | 'skills'> {
  const features = new Set<BayFeature>()
  const skills = new Set<StaffSkill>()
  if (booking.vehicle) features.add(booking.vehicle.vehicleClass)
  for (const s of booking.services) {
    const def = catalogueService(catalogue, s.code)?.definition
    for (const f of def?.requiredFeatures ?? []) features.add(f)
    if (def?.requiredSkill) skills.add(def.requiredSkill)
  }
  return {
    durationMinutes: booking.durationMinutes,
    requirement: { features: [...features].sort(), rimInches: booking.vehicle?.rimInches ?? null },
    skills: [...skills].sort(),
  }
}

/** The decider's state of a booking, from its view (for deciding before writing). */
function decisionState(view: BookingView): BookingState {
  return {
    status: view.status,
    bookingId: view.bookingId,
    pointId: view.pointId,
    timeZone: view.timeZone,
    durationMinutes: view.durationMinutes,
    slot: view.slot,
    rescheduleCount: view.rescheduleCount,
  }
}
