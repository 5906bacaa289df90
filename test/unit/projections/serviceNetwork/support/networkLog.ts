// A service network's event log written through the real deciders: point, catalogue, staff
// schedule, day schedules and bookings, appended to a memory event store with the expected
// revision, the way the application's command handling does. Tests of the read models feed on it,
// so their events are what production writes. Refusals come back as values: generated histories
// simply skip commands the domain refuses.
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '../../../../../application/ports/eventStore.js'
import { type BookingState, bookingDecider, bookingStream } from '../../../../../domain/booking/bookingDecider.js'
import type { BookingCommand, DayScheduleCommand } from '../../../../../domain/booking/commands.js'
import { localDateOf, resolveDay } from '../../../../../domain/booking/dayResources.js'
import { dayScheduleDecider, dayScheduleStream } from '../../../../../domain/booking/dayScheduleDecider.js'
import type { BookedSlot, BookingCustomer, BookingVehicle } from '../../../../../domain/booking/events.js'
import { NO_REQUIREMENT } from '../../../../../domain/service-network/capabilities.js'
import { catalogueDecider, catalogueStream } from '../../../../../domain/service-network/catalogueDecider.js'
import type {
  CatalogueCommand,
  ServicePointCommand,
  StaffScheduleCommand,
} from '../../../../../domain/service-network/commands.js'
import type { Bay } from '../../../../../domain/service-network/events.js'
import type { WeeklyHours } from '../../../../../domain/service-network/openingHours.js'
import {
  type ServicePointState,
  servicePointDecider,
  servicePointStream,
} from '../../../../../domain/service-network/servicePointDecider.js'
import {
  type StaffScheduleState,
  staffScheduleDecider,
  staffScheduleStream,
} from '../../../../../domain/service-network/staffScheduleDecider.js'
import type { Actor } from '../../../../../domain/shared/actor.js'
import type { Decider, DomainError } from '../../../../../domain/shared/decider.js'
import {
  addDays,
  formatInstant,
  type LocalDate,
  localToInstant,
  MINUTE,
  parseInstant,
  parseLocalTime,
} from '../../../../../domain/shared/localTime.js'
import { MemoryEventStore } from '../../../../../infrastructure/event-store/memory/memoryEventStore.js'

export const HQ: Actor = { id: 'hq-1', role: 'head_office' }
export const NETWORK = 'net-1'
export const WARSAW = 'Europe/Warsaw'

const weekday = [
  { from: '08:00', to: '12:00' },
  { from: '12:30', to: '18:00' },
]
export const WEEKLY_HOURS: WeeklyHours = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: [{ from: '09:00', to: '14:00' }],
  sun: [],
}

export const BAYS: Bay[] = [
  {
    bayId: 'bay-1',
    name: 'Stanowisko 1',
    capabilities: { features: ['passenger', 'suv', 'balancing'], rimMaxInches: 19 },
  },
  {
    bayId: 'bay-2',
    name: 'Stanowisko 2',
    capabilities: { features: ['passenger', 'suv', 'run_flat', 'tpms', 'balancing'], rimMaxInches: 22 },
  },
  { bayId: 'bay-3', name: 'Ciężarowe', capabilities: { features: ['van', 'truck', 'balancing'], rimMaxInches: 24 } },
]

export const STAFF = ['anna', 'bartek', 'czesiek'] as const

export interface PointSpec {
  readonly pointId: string
  readonly name: string
  readonly city: string
  readonly lat: number
  readonly lon: number
  readonly managerId?: string | null
  readonly bays?: Bay[]
  readonly timeZone?: string
}

export interface BookingSpec {
  readonly bookingId: string
  readonly pointId: string
  readonly date: LocalDate
  /** Local 'HH:MM'. */
  readonly time: string
  readonly minutes?: number
  readonly customerId?: string | null
  readonly fleetId?: string | null
  readonly plate?: string
  readonly bayId?: string | null
  readonly confirm?: boolean
  /** When the booking is made (before the visit). */
  readonly now?: string
}

type Outcome = Either<DomainError, ReadonlyArray<RecordedEvent>>

export class NetworkLog {
  readonly events = new MemoryEventStore()
  private readonly states = new Map<string, { state: unknown; revision: number }>()
  private clock = Date.parse('2026-03-01T06:00:00.000Z')

  /** occurredAt of the next event: one minute after the last, so the log reads in time order. */
  private tick(): string {
    this.clock += MINUTE
    return formatInstant(this.clock)
  }

  /** Moves the log's time on to `instant` (never back); later events are a minute apart from there. */
  advanceTo(instant: string): void {
    this.clock = Math.max(this.clock, Date.parse(instant))
  }

  /** The state of a stream as its decider folded it (initial when the stream is empty). */
  stateOf<S>(decider: { readonly initialState: S }, stream: string): S {
    return (this.states.get(stream)?.state as S | undefined) ?? decider.initialState
  }

  async run<C, S, E extends { readonly type: string; readonly data: unknown }>(
    decider: Decider<C, S, E>,
    stream: string,
    command: C,
    actor: Actor = HQ,
  ): Promise<Outcome> {
    const held = this.states.get(stream)
    const state = (held?.state as S | undefined) ?? decider.initialState
    const decided = decider.decide(command, state)
    if (isLeft(decided)) return decided
    if (decided.right.length === 0) return right([])
    const correlationId = randomUUID()
    const occurredAt = this.tick()
    await this.events.appendToStream(
      stream,
      decided.right.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { eventId: randomUUID(), correlationId, causationId: null, actor, occurredAt, schemaVersion: 1 },
      })),
      { expectedRevision: held ? held.revision : 'no_stream' },
    )
    this.states.set(stream, {
      state: decided.right.reduce(decider.evolve, state),
      revision: (held?.revision ?? -1) + decided.right.length,
    })
    const recorded: RecordedEvent[] = []
    for await (const e of this.events.readStream(stream, { fromRevision: (held?.revision ?? -1) + 1 })) recorded.push(e)
    return right(recorded)
  }

  point(pointId: string, command: ServicePointCommand): Promise<Outcome> {
    return this.run(servicePointDecider, servicePointStream(pointId), command, command.actor)
  }

  catalogue(command: CatalogueCommand): Promise<Outcome> {
    return this.run(catalogueDecider, catalogueStream(command.networkId), command)
  }

  staff(command: StaffScheduleCommand): Promise<Outcome> {
    return this.run(staffScheduleDecider, staffScheduleStream(command.pointId), command)
  }

  booking(command: BookingCommand, actor: Actor = HQ): Promise<Outcome> {
    return this.run(bookingDecider, bookingStream(command.bookingId), command, actor)
  }

  daySchedule(command: DayScheduleCommand): Promise<Outcome> {
    return this.run(dayScheduleDecider, dayScheduleStream(command.pointId, command.date), command)
  }

  pointState(pointId: string): ServicePointState {
    return this.stateOf(servicePointDecider, servicePointStream(pointId))
  }

  rosterState(pointId: string): StaffScheduleState {
    return this.stateOf(staffScheduleDecider, staffScheduleStream(pointId))
  }

  /** A point with three bays, Warsaw hours, three staff on shift 08:00–18:00 for `days` days from `from`. */
  async openPoint(spec: PointSpec, from: LocalDate = '2026-03-02', days = 21): Promise<void> {
    must(
      await this.point(spec.pointId, {
        kind: 'CreateServicePoint',
        actor: HQ,
        pointId: spec.pointId,
        networkId: NETWORK,
        name: spec.name,
        address: { street: 'ul. Główna 1', postalCode: '50-001', city: spec.city, country: 'PL' },
        geo: { lat: spec.lat, lon: spec.lon },
        contacts: { phone: '+48 71 123 45 67', email: null },
        timeZone: spec.timeZone ?? WARSAW,
        weeklyHours: WEEKLY_HOURS,
        bays: spec.bays ?? BAYS,
        managerId: spec.managerId ?? null,
      }),
    )
    for (const staffId of STAFF)
      must(
        await this.staff({
          kind: 'RegisterStaffMember',
          pointId: spec.pointId,
          staffId,
          name: staffId,
          skills: ['tyre_fitting', 'balancing', 'tpms', 'run_flat', 'truck_tyres'],
        }),
      )
    for (let i = 0; i < days; i++) {
      const date = addDays(from, i)
      for (const staffId of STAFF)
        must(
          await this.staff({
            kind: 'PlanShift',
            pointId: spec.pointId,
            shiftId: `${staffId}-${date}`,
            staffId,
            date,
            hours: { from: '08:00', to: '18:00' },
          }),
        )
    }
  }

  /** Reserve on the day schedule, then RequestBooking with the reserved slot (the documented flow). */
  async book(spec: BookingSpec, actor: Actor = HQ): Promise<Either<DomainError, BookedSlot>> {
    const point = this.pointState(spec.pointId)
    const minutes = spec.minutes ?? 60
    const start = formatInstant(localToInstant(point.timeZone, spec.date, parseLocalTime(spec.time) ?? 0))
    const now = spec.now ?? '2026-03-01T06:00:00.000Z'
    const reserved = await this.daySchedule({
      kind: 'Reserve',
      pointId: spec.pointId,
      date: spec.date,
      bookingId: spec.bookingId,
      start,
      durationMinutes: minutes,
      requirement: NO_REQUIREMENT,
      skills: ['tyre_fitting'],
      bayId: spec.bayId ?? null,
      staffId: null,
      day: resolveDay(point, this.rosterState(spec.pointId), spec.date),
      now,
    })
    if (isLeft(reserved)) return reserved
    const slot = slotOf(reserved.right, spec.bookingId)
    if (!slot) return left({ kind: 'conflict', code: 'ALREADY_HELD', message: 'the booking holds this slot already' })
    const customer: BookingCustomer = {
      customerId: spec.customerId ?? null,
      fleetId: spec.fleetId ?? null,
      name: 'Jan Kowalski',
      phone: '+48 600 100 200',
      email: null,
    }
    const vehicle: BookingVehicle = {
      plate: spec.plate ?? 'DW 1AB23',
      plateCountry: 'PL',
      vehicleClass: 'passenger',
      wheels: 4,
      rimInches: 17,
    }
    const requested = await this.booking(
      {
        kind: 'RequestBooking',
        bookingId: spec.bookingId,
        pointId: spec.pointId,
        timeZone: point.timeZone,
        bookedBy: {
          actor,
          channel: spec.fleetId ? 'fleet_manager' : actor.role === 'customer' ? 'customer_online' : 'staff_phone',
        },
        customer,
        vehicle,
        services: [{ code: 'TYRE-CHANGE', minutes }],
        goods: [],
        durationMinutes: minutes,
        slot,
        note: null,
        confirm: spec.confirm ?? true,
        now,
      },
      actor,
    )
    if (isLeft(requested)) {
      await this.daySchedule({
        kind: 'Release',
        pointId: spec.pointId,
        date: spec.date,
        bookingId: spec.bookingId,
        reason: 'other',
      })
      return requested
    }
    return right(slot)
  }

  /** Reserve on the new day, release the old day when it differs, then RescheduleBooking. */
  async reschedule(
    bookingId: string,
    date: LocalDate,
    time: string,
    now = '2026-03-01T06:00:00.000Z',
  ): Promise<Either<DomainError, BookedSlot>> {
    const booking = bookingState(this, bookingId)
    if (booking.status !== 'requested' && booking.status !== 'confirmed')
      return left({ kind: 'conflict', code: 'NOT_OPEN', message: booking.status })
    const point = this.pointState(booking.pointId)
    const oldDate = dateOfSlot(booking.timeZone, booking.slot as BookedSlot)
    const start = formatInstant(localToInstant(booking.timeZone, date, parseLocalTime(time) ?? 0))
    const reserved = await this.daySchedule({
      kind: 'Reserve',
      pointId: booking.pointId,
      date,
      bookingId,
      start,
      durationMinutes: booking.durationMinutes,
      requirement: NO_REQUIREMENT,
      skills: ['tyre_fitting'],
      bayId: null,
      staffId: null,
      day: resolveDay(point, this.rosterState(booking.pointId), date),
      now,
    })
    if (isLeft(reserved)) return reserved
    const slot = slotOf(reserved.right, bookingId)
    if (!slot) return left({ kind: 'conflict', code: 'SAME_SLOT', message: 'already there' })
    if (oldDate !== date)
      must(
        await this.daySchedule({
          kind: 'Release',
          pointId: booking.pointId,
          date: oldDate,
          bookingId,
          reason: 'rescheduled',
        }),
      )
    const moved = await this.booking({ kind: 'RescheduleBooking', bookingId, slot, reason: 'customer asked', now })
    return isLeft(moved) ? moved : right(slot)
  }

  async cancel(bookingId: string, now = '2026-03-01T07:00:00.000Z'): Promise<Outcome> {
    const booking = bookingState(this, bookingId)
    const cancelled = await this.booking({ kind: 'CancelBooking', bookingId, reason: 'changed plans', now })
    if (isLeft(cancelled) || booking.slot === null) return cancelled
    const date = dateOfSlot(booking.timeZone, booking.slot)
    await this.daySchedule({ kind: 'Release', pointId: booking.pointId, date, bookingId, reason: 'cancelled' })
    return cancelled
  }

  /** Check-in at the slot's start (the visit day), as the desk does when the car arrives. */
  checkIn(bookingId: string): Promise<Outcome> {
    const slot = bookingState(this, bookingId).slot
    return this.booking({ kind: 'CheckInBooking', bookingId, now: slot?.start ?? '2026-03-01T06:00:00.000Z' })
  }

  complete(bookingId: string): Promise<Outcome> {
    const slot = bookingState(this, bookingId).slot
    return this.booking({ kind: 'CompleteBooking', bookingId, now: slot?.end ?? '2026-03-01T06:00:00.000Z' })
  }

  async noShow(bookingId: string): Promise<Outcome> {
    const booking = bookingState(this, bookingId)
    const marked = await this.booking({
      kind: 'MarkNoShow',
      bookingId,
      now: booking.slot?.start ?? '2026-03-01T06:00:00.000Z',
    })
    if (isLeft(marked) || booking.slot === null) return marked
    const date = dateOfSlot(booking.timeZone, booking.slot)
    await this.daySchedule({ kind: 'Release', pointId: booking.pointId, date, bookingId, reason: 'no_show' })
    return marked
  }

  async all(): Promise<RecordedEvent[]> {
    const all: RecordedEvent[] = []
    for await (const e of this.events.readAll()) all.push(e)
    return all
  }
}

export function bookingState(log: NetworkLog, bookingId: string): BookingState {
  return log.stateOf(bookingDecider, bookingStream(bookingId))
}

function slotOf(events: ReadonlyArray<RecordedEvent>, bookingId: string): BookedSlot | null {
  for (const e of events)
    if (e.type === 'SlotReserved') {
      const d = e.data as BookedSlot & { bookingId: string }
      if (d.bookingId === bookingId) return { bayId: d.bayId, staffId: d.staffId, start: d.start, end: d.end }
    }
  return null
}

function dateOfSlot(timeZone: string, slot: BookedSlot): LocalDate {
  return localDateOf(timeZone, parseInstant(slot.start) ?? 0)
}

/** The events of a successful command; fails the test with the domain's reason otherwise. */
export function must<T>(outcome: Either<DomainError, T>): T {
  if (isLeft(outcome)) throw new Error(`refused: ${outcome.left.code} ${outcome.left.message}`)
  return outcome.right
}
