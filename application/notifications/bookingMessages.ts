// Booking jobs → messages: the confirmation, change and cancellation written from the booking as of
// the event's revision, and each reminder from the booking as it is now, sent only while it is still
// due for the booking's current time (a reminder that fires in the instant between a reschedule and
// the subscriber moving its job is skipped; the moved job sends it at the right time).
import { bookingStream } from '../../domain/booking/bookingDecider.js'
import { parseInstant } from '../../domain/shared/localTime.js'
import type { BookingView } from '../booking/bookingView.js'
import type { Clock } from '../leases/clock.js'
import { type JobContext, PermanentJobFailure } from '../ports/jobQueue.js'
import type { BookingLoader } from './bookingLoader.js'
import { MESSAGE_JOB, REMINDER_JOB } from './bookingReminderPolicy.js'
import { BOOKING_KINDS, type BookingKind } from './kinds/booking.js'
import { baseJobId, type MessageSource, type PlannedMessage } from './messageSource.js'
import { formatAddress, formatVisitTime, messageOf } from './messageTemplates.js'
import type { PointFactsSource } from './pointFacts.js'

/** A reminder fires up to this much early (clock skew between Redis and this host) and still counts as due. */
const DUE_TOLERANCE_MS = 60_000

export interface BookingMessagesDeps {
  readonly bookings: BookingLoader
  readonly points: PointFactsSource
  readonly clock: Clock
  /** The page where the customer reschedules or cancels. */
  readonly manageLink: (bookingId: string) => string
}

export class BookingMessages implements MessageSource {
  readonly jobNames = [MESSAGE_JOB, REMINDER_JOB]

  constructor(private readonly deps: BookingMessagesDeps) {}

  async plan(job: JobContext): Promise<ReadonlyArray<PlannedMessage> | { readonly notDue: string }> {
    const p = job.payload
    const bookingId = typeof p.bookingId === 'string' ? p.bookingId : null
    if (!bookingId) throw new PermanentJobFailure(`${job.id}: payload has no bookingId`)
    const reminder = job.name === REMINDER_JOB
    let kind: BookingKind = 'booking_reminder'
    if (!reminder) {
      if (typeof p.kind !== 'string' || !Object.hasOwn(BOOKING_KINDS, p.kind) || typeof p.eventId !== 'string')
        throw new PermanentJobFailure(`${job.id}: message payload incomplete`)
      kind = p.kind as BookingKind
    }
    if (!reminder && typeof p.revision !== 'number')
      throw new PermanentJobFailure(`${job.id}: message payload incomplete`)
    const beforeMinutes = typeof p.beforeMinutes === 'number' ? p.beforeMinutes : null
    if (reminder && (typeof p.reminder !== 'string' || beforeMinutes === null))
      throw new PermanentJobFailure(`${job.id}: reminder payload incomplete`)
    // Messages are written from the booking as of their event; reminders from the booking now.
    const booking = await this.deps.bookings.load(bookingId, reminder ? undefined : (p.revision as number))
    if (!booking?.slot) throw new PermanentJobFailure(`booking ${bookingId} not found in ${bookingStream(bookingId)}`)
    if (!booking.customer) throw new PermanentJobFailure(`booking ${booking.bookingId} has no customer`)
    let baseId = baseJobId(job.id)
    if (reminder) {
      const skip = this.reminderNotDue(booking, beforeMinutes as number)
      if (skip) return { notDue: skip }
      // One reminder per visit time: moved to another time, it is a new message.
      baseId = `${baseId}-${parseInstant(booking.slot.start)}`
    }
    const point = (await this.deps.points.pointFacts(booking.pointId)) ?? {
      pointId: booking.pointId,
      name: booking.pointId,
      address: null,
      timeZone: booking.timeZone,
      country: null,
    }
    const previousStart = typeof p.previousStart === 'string' ? p.previousStart : null
    const start = booking.slot.start
    const message = messageOf(kind, ({ locale, name }) => ({
      customerName: name,
      pointName: point.name,
      pointAddress: formatAddress(point.address),
      when: formatVisitTime(start, point.timeZone, locale),
      previousWhen: previousStart ? formatVisitTime(previousStart, point.timeZone, locale) : null,
      plate: booking.vehicle?.plate ?? '',
      manageLink: this.deps.manageLink(booking.bookingId),
    }))
    const eventId = reminder ? null : (p.eventId as string)
    return [
      {
        message,
        subject: { type: 'booking', id: booking.bookingId },
        recipient: { type: 'customer', customer: booking.customer },
        point,
        baseId,
        causedByEventId: eventId,
        correlationId:
          typeof p.correlationId === 'string' ? p.correlationId : (eventId ?? `reminder-${booking.bookingId}`),
      },
    ]
  }

  /** Why a reminder should not go out now; null when it should. */
  private reminderNotDue(booking: BookingView, beforeMinutes: number): string | null {
    if (booking.status !== 'confirmed' && booking.status !== 'requested') return `the booking is ${booking.status}`
    const start = parseInstant(booking.slot?.start ?? '')
    if (start === null) return 'the booking has no slot'
    const now = this.deps.clock.now()
    if (now >= start) return 'the visit has started'
    // The visit was moved later and this run is for the old time; the moved job runs at the new one.
    if (now < start - beforeMinutes * 60_000 - DUE_TOLERANCE_MS) return 'not due yet for the booking’s current time'
    return null
  }
}
