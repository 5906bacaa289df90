// Bookings over HTTP: slot search (open to anybody), booking and every later step.
// A time that cannot be booked answers 409 problem+json with an `alternatives` member: the
// requested start, why it was refused, and the 3 nearest free slots before and after it.
import type { Either } from 'fp-ts/lib/Either.js'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { BookingError, BookingService, SlotAlternatives } from '../../application/booking/bookingService.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { orProblem, type ProblemBody, ProblemError, problemFromDomainError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  BookingViewBody,
  CancelBody,
  CreateBookingBody,
  RescheduleBody,
  SlotSearchBody,
  SlotSearchQuery,
} from './bookingBodies.js'

export type BookingUseCases = Pick<
  BookingService,
  'searchSlots' | 'create' | 'get' | 'reschedule' | 'cancel' | 'checkIn' | 'complete' | 'noShow'
>

/** A problem answer carrying the alternatives to a refused time (RFC 9457 extension member). */
export class SlotProblem extends ProblemError {
  constructor(
    base: ProblemError,
    readonly alternatives: SlotAlternatives,
  ) {
    super({
      status: base.status,
      code: base.code,
      detail: base.message,
      ...(base.errors ? { errors: base.errors } : {}),
    })
  }

  override body(instance: string): ProblemBody & { readonly alternatives: SlotAlternatives } {
    return { ...super.body(instance), alternatives: this.alternatives }
  }
}

function orBookingProblem<T>(answer: Either<BookingError, T>): T {
  if (isLeft(answer) && answer.left.alternatives)
    throw new SlotProblem(problemFromDomainError(answer.left), answer.left.alternatives)
  return orProblem(answer)
}

const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const TAKEN =
  'the time cannot be booked (SLOT_TAKEN, STAFF_BUSY, OUTSIDE_OPENING_HOURS…): `alternatives` has the 3 nearest free slots before and after it; or the booking’s state forbids the step'
const BOOKING = { 404: 'no such booking', 409: 'the booking’s state forbids this (e.g. BOOKING_ALREADY_CANCELLED)' }

export function slotRoutes(kit: ApiKit, bookings: BookingUseCases): ApiRouter {
  return kit.router('/points', 'booking').get(
    '/:pointId/slots',
    {
      summary: 'Free start times at a point for a set of services',
      query: SlotSearchQuery,
      description:
        'Query: date (YYYY-MM-DD, the point’s local date), services (comma-separated codes), vehicleClass ' +
        '(passenger, suv, van, truck), wheels (default 4, truck 6), rimInches, and optionally the wanted start as time (local HH:MM) ' +
        'or desiredStart (UTC ISO-8601). The answer lists every free start of the day with its bay; for a wanted start, whether it is ' +
        'free and, if not, why and the 3 nearest free slots before and after it (crossing into neighbouring days). ' +
        'The visit’s duration is computed from the services and the vehicle. Open to anybody.',
      access: 'public',
      response: { status: 200, description: 'free slots and, for a wanted time, alternatives', schema: SlotSearchBody },
      problems: {
        400: 'a query field is malformed',
        404: 'no such service point',
        409: 'the point takes no bookings',
        422: 'unknown service (UNKNOWN_SERVICE), impossible duration (IMPOSSIBLE_DURATION), a date in the past…',
      },
    },
    async (req, res, query) => {
      res.json(orProblem(await bookings.searchSlots({ ...query, pointId: req.params.pointId }, kit.requestMeta(req))))
    },
  )
}

export function bookingRoutes(kit: ApiKit, bookings: BookingUseCases): ApiRouter {
  return kit
    .router('/bookings', 'booking')
    .post(
      '/',
      {
        summary: 'Book a visit',
        description:
          'The start as `start` (UTC ISO-8601) or `date` + `time` (the point’s local wall clock). The duration follows from the ' +
          'services and the vehicle; goods are priced from the catalogue. Customers book for themselves, fleet accounts for their ' +
          'fleet, a point’s staff (on the phone, at the desk) and head office for anyone. Booking needs an account: anonymous ' +
          'visitors search slots, then register (POST /auth/register). With an Idempotency-Key a retry completes the same booking.',
        access: 'authenticated',
        body: CreateBookingBody,
        idempotent: true,
        response: { status: 201, description: 'the confirmed booking', schema: BookingViewBody },
        problems: {
          404: 'no such service point',
          409: TAKEN,
          422: 'unknown service or goods, invalid registration plate, a start in the past, an impossible duration…',
        },
      },
      async (req, res) => {
        const booking = orBookingProblem(await bookings.create(principalOf(req), req.body, kit.requestMeta(req)))
        res.status(201).location(`/bookings/${booking.bookingId}`).json(booking)
      },
    )
    .get(
      '/:bookingId',
      {
        summary: 'One booking',
        description: 'Its customer or fleet, its point’s people, head office.',
        access: 'authenticated',
        response: { status: 200, description: 'the booking', schema: BookingViewBody },
        problems: { 403: 'not yours to see', 404: 'no such booking' },
      },
      async (req, res) => {
        res.json(orProblem(await bookings.get(principalOf(req), req.params.bookingId)))
      },
    )
    .post(
      '/:bookingId/reschedule',
      {
        summary: 'Move a booking to another time',
        description:
          'The new start as `start` or `date` + `time`. The old slot is freed when the new one is held; a taken time answers 409 ' +
          'with the nearest free alternatives.',
        access: 'authenticated',
        body: RescheduleBody,
        idempotent: true,
        response: { status: 200, description: 'the booking at its new time', schema: BookingViewBody },
        problems: { ...BOOKING, 409: TAKEN, 422: 'a start in the past or malformed' },
      },
      async (req, res) => {
        res.json(
          orBookingProblem(
            await bookings.reschedule(principalOf(req), req.params.bookingId, req.body, kit.requestMeta(req)),
          ),
        )
      },
    )
    .post(
      '/:bookingId/cancel',
      {
        summary: 'Cancel a booking; its slot is free at once',
        access: 'authenticated',
        body: CancelBody,
        idempotent: true,
        response: { status: 200, description: 'the cancelled booking', schema: BookingViewBody },
        problems: BOOKING,
      },
      async (req, res) => {
        const reason = req.body.reason?.trim() || 'cancelled by request'
        res.json(orProblem(await bookings.cancel(principalOf(req), req.params.bookingId, reason, kit.requestMeta(req))))
      },
    )
    .post(
      '/:bookingId/check-in',
      {
        summary: 'The customer has arrived (on the day of the visit)',
        access: STAFF,
        idempotent: true,
        response: { status: 200, description: 'the booking', schema: BookingViewBody },
        problems: { ...BOOKING, 409: 'not the day of the visit, or the booking’s state forbids it' },
      },
      async (req, res) => {
        res.json(orProblem(await bookings.checkIn(principalOf(req), req.params.bookingId, kit.requestMeta(req))))
      },
    )
    .post(
      '/:bookingId/complete',
      {
        summary: 'The visit is done',
        access: STAFF,
        idempotent: true,
        response: { status: 200, description: 'the booking', schema: BookingViewBody },
        problems: { ...BOOKING, 409: 'not checked in, or already finished' },
      },
      async (req, res) => {
        res.json(orProblem(await bookings.complete(principalOf(req), req.params.bookingId, kit.requestMeta(req))))
      },
    )
    .post(
      '/:bookingId/no-show',
      {
        summary: 'The customer did not come (only after the start); the rest of the slot is freed',
        access: STAFF,
        idempotent: true,
        response: { status: 200, description: 'the booking', schema: BookingViewBody },
        problems: { ...BOOKING, 409: 'before the start, or the booking’s state forbids it' },
      },
      async (req, res) => {
        res.json(orProblem(await bookings.noShow(principalOf(req), req.params.bookingId, kit.requestMeta(req))))
      },
    )
}

/** The booking routers, for createApp's modules. */
export function bookingModule(bookings: BookingUseCases): ApiModule {
  return (kit) => [slotRoutes(kit, bookings), bookingRoutes(kit, bookings)]
}
