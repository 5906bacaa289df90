// Calendars from the `calendar` read model, laid on the point's hours and bays from the
// `servicePoints` read model: a point's day and week, a bay's day, a customer's and a fleet's
// bookings, and a point's utilisation per day (booked minutes / open bay-minutes).
//
// Who sees what: head office every point; a point's own staff their point; a customer only his own
// bookings; a fleet's manager (and the fleet's account) only the fleet's bookings. Utilisation is
// for head office and the point's manager.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import { type LocalRange, openingRangesOn } from '../../domain/service-network/openingHours.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import {
  addDays,
  daysBetween,
  formatLocalTime,
  isLocalDate,
  type LocalDate,
  localToInstant,
  MINUTE,
  type Weekday,
  weekdayOf,
} from '../../domain/shared/localTime.js'
import type { Filter } from '../ports/documentStore.js'
import {
  CALENDAR,
  type CalendarDayView,
  type CalendarEntry,
  type CalendarEntryView,
  type EntryStatus,
  HOLDING_STATUSES,
} from './calendarViews.js'
import { isoWeekOf, weekStart } from './calendarWeeks.js'
import { pointNotFound } from './pointQueries.js'
import type { ReadModelReader } from './readModelReader.js'
import { type BayView, openingRulesOf, SERVICE_POINTS, type ServicePointView } from './servicePointView.js'
import { type Page, type Paging, POINT_STAFF, refuseUnless, type Viewer } from './viewer.js'

export interface CalendarOptions {
  /** Cancelled bookings no longer hold their slot and are left out unless asked for. */
  readonly includeCancelled?: boolean
}

export interface OpeningRange {
  readonly from: string
  readonly to: string
}

export interface DayLoad {
  /** Minutes of visits holding a bay (requested, confirmed, checked in, completed). */
  readonly bookedMinutes: number
  readonly bookings: number
  readonly cancelled: number
  readonly noShows: number
  /** Bays × open minutes of the date (from the point's hours and bays as they are now). */
  readonly openBayMinutes: number
  /** bookedMinutes / openBayMinutes, rounded to 4 places; null on a closed day. */
  readonly utilisation: number | null
}

export interface BayColumn {
  readonly bayId: string
  readonly name: string
  readonly features: BayView['features']
  readonly rimMaxInches: number | null
  readonly entries: ReadonlyArray<CalendarEntry>
}

export interface PointDay {
  readonly pointId: string
  readonly name: string
  readonly timeZone: string
  readonly date: LocalDate
  readonly weekday: Weekday
  readonly open: ReadonlyArray<OpeningRange>
  readonly bays: ReadonlyArray<BayColumn>
  /** Entries on bays the point no longer has (removed after the booking was made). */
  readonly unassigned: ReadonlyArray<CalendarEntry>
  readonly load: DayLoad
}

export interface PointWeek {
  readonly pointId: string
  readonly name: string
  readonly timeZone: string
  /** ISO week 'YYYY-Www'. */
  readonly week: string
  readonly from: LocalDate
  readonly to: LocalDate
  readonly bays: ReadonlyArray<Omit<BayColumn, 'entries'>>
  readonly days: ReadonlyArray<{
    readonly date: LocalDate
    readonly weekday: Weekday
    readonly open: ReadonlyArray<OpeningRange>
    readonly entries: ReadonlyArray<CalendarEntry>
    readonly load: DayLoad
  }>
}

export interface BayDay {
  readonly pointId: string
  readonly timeZone: string
  readonly date: LocalDate
  readonly weekday: Weekday
  readonly bay: Omit<BayColumn, 'entries'>
  readonly open: ReadonlyArray<OpeningRange>
  readonly entries: ReadonlyArray<CalendarEntry>
}

export interface Utilisation {
  readonly pointId: string
  readonly timeZone: string
  readonly from: LocalDate
  readonly to: LocalDate
  readonly bayCount: number
  readonly days: ReadonlyArray<{ readonly date: LocalDate } & DayLoad>
  readonly total: {
    readonly bookedMinutes: number
    readonly openBayMinutes: number
    readonly utilisation: number | null
  }
}

export interface BookingsRange {
  /** Local dates (the point's) of the visits, both inclusive. */
  readonly from?: LocalDate
  readonly to?: LocalDate
  readonly status?: EntryStatus
}

/** The longest range utilisation answers for at once (a quarter and a bit). */
export const MAX_UTILISATION_DAYS = 92

const UTILISATION_ROLES = ['head_office', 'service_point_manager'] as const

const invalid = (path: string, message: string): DomainError =>
  domainError('invalid', 'CALENDAR_QUERY_INVALID', 'the calendar query is invalid', [{ path, message }])

const entryOf = ({ _id, ...entry }: CalendarEntryView): CalendarEntry => entry

const round4 = (n: number) => Math.round(n * 10_000) / 10_000

function openRanges(point: ServicePointView, date: LocalDate): LocalRange[] {
  // An inactive point takes no visits, as the capacity guard sees it (resolveDay).
  return point.active ? openingRangesOn(openingRulesOf(point), date) : []
}

/** Open minutes of a date in real time: a range across the spring-forward hour is an hour shorter. */
function openMinutes(point: ServicePointView, date: LocalDate, ranges: ReadonlyArray<LocalRange>): number {
  return ranges.reduce(
    (sum, r) =>
      sum +
      Math.round((localToInstant(point.timeZone, date, r.to) - localToInstant(point.timeZone, date, r.from)) / MINUTE),
    0,
  )
}

function loadOf(point: ServicePointView, date: LocalDate, day: CalendarDayView | undefined): DayLoad {
  const openBayMinutes = openMinutes(point, date, openRanges(point, date)) * point.bays.length
  const bookedMinutes = day?.bookedMinutes ?? 0
  return {
    bookedMinutes,
    bookings: day?.bookings ?? 0,
    cancelled: day?.cancelled ?? 0,
    noShows: day?.noShows ?? 0,
    openBayMinutes,
    utilisation: openBayMinutes > 0 ? round4(bookedMinutes / openBayMinutes) : null,
  }
}

const shownRanges = (ranges: ReadonlyArray<LocalRange>): OpeningRange[] =>
  ranges.map((r) => ({ from: formatLocalTime(r.from), to: formatLocalTime(r.to) }))

const bayHeader = (b: BayView): Omit<BayColumn, 'entries'> => ({
  bayId: b.bayId,
  name: b.name,
  features: b.features,
  rimMaxInches: b.rimMaxInches,
})

export class CalendarQueries {
  constructor(private readonly readModels: ReadModelReader) {}

  private entries() {
    return this.readModels.collection<CalendarEntryView>(CALENDAR.projection, CALENDAR.entries)
  }

  private async days(pointId: string, from: LocalDate, to: LocalDate): Promise<Map<LocalDate, CalendarDayView>> {
    const docs = await (await this.readModels.collection<CalendarDayView>(CALENDAR.projection, CALENDAR.days)).find({
      pointId,
      date: { $gte: from, $lte: to },
    })
    return new Map(docs.map((d) => [d.date, d]))
  }

  /** The point, after checking who asks; the refusal comes first so an outsider learns nothing. */
  private async point(
    viewer: Viewer,
    pointId: string,
    roles: ReadonlyArray<Viewer['role']>,
  ): Promise<Either<DomainError, ServicePointView>> {
    const refused = refuseUnless(viewer, roles, { pointId }, `the calendar of point ${pointId}`)
    if (refused) return left(refused)
    const point = await (
      await this.readModels.collection<ServicePointView>(SERVICE_POINTS.projection, SERVICE_POINTS.points)
    ).findOne({ _id: pointId })
    return point ? right(point) : left(pointNotFound(pointId))
  }

  private statusFilter(options: CalendarOptions): Filter {
    return options.includeCancelled ? {} : { status: { $ne: 'cancelled' } }
  }

  async pointDay(
    viewer: Viewer,
    pointId: string,
    date: LocalDate,
    options: CalendarOptions = {},
  ): Promise<Either<DomainError, PointDay>> {
    if (!isLocalDate(date)) return left(invalid('date', 'must be a date YYYY-MM-DD'))
    const found = await this.point(viewer, pointId, POINT_STAFF)
    if (found._tag === 'Left') return found
    const point = found.right
    const entries = (
      await (await this.entries()).find({ pointId, date, ...this.statusFilter(options) }, { sort: { start: 1 } })
    ).map(entryOf)
    const bayIds = new Set(point.bays.map((b) => b.bayId))
    const day = (await this.days(pointId, date, date)).get(date)
    return right({
      pointId,
      name: point.name,
      timeZone: point.timeZone,
      date,
      weekday: weekdayOf(date),
      open: shownRanges(openRanges(point, date)),
      bays: point.bays.map((b) => ({ ...bayHeader(b), entries: entries.filter((e) => e.bayId === b.bayId) })),
      unassigned: entries.filter((e) => !bayIds.has(e.bayId)),
      load: loadOf(point, date, day),
    })
  }

  /** week: ISO 'YYYY-Www' or any date of the week; Monday to Sunday in the point's local dates. */
  async pointWeek(
    viewer: Viewer,
    pointId: string,
    week: string,
    options: CalendarOptions = {},
  ): Promise<Either<DomainError, PointWeek>> {
    const monday = weekStart(week)
    if (monday === null) return left(invalid('week', 'must be an ISO week YYYY-Www or a date YYYY-MM-DD'))
    const found = await this.point(viewer, pointId, POINT_STAFF)
    if (found._tag === 'Left') return found
    const point = found.right
    const sunday = addDays(monday, 6)
    const entries = (
      await (
        await this.entries()
      ).find({ pointId, date: { $gte: monday, $lte: sunday }, ...this.statusFilter(options) }, { sort: { start: 1 } })
    ).map(entryOf)
    const days = await this.days(pointId, monday, sunday)
    return right({
      pointId,
      name: point.name,
      timeZone: point.timeZone,
      week: isoWeekOf(monday),
      from: monday,
      to: sunday,
      bays: point.bays.map(bayHeader),
      days: Array.from({ length: 7 }, (_, i) => {
        const date = addDays(monday, i)
        return {
          date,
          weekday: weekdayOf(date),
          open: shownRanges(openRanges(point, date)),
          entries: entries.filter((e) => e.date === date),
          load: loadOf(point, date, days.get(date)),
        }
      }),
    })
  }

  async bayDay(
    viewer: Viewer,
    pointId: string,
    bayId: string,
    date: LocalDate,
    options: CalendarOptions = {},
  ): Promise<Either<DomainError, BayDay>> {
    if (!isLocalDate(date)) return left(invalid('date', 'must be a date YYYY-MM-DD'))
    const found = await this.point(viewer, pointId, POINT_STAFF)
    if (found._tag === 'Left') return found
    const point = found.right
    const bay = point.bays.find((b) => b.bayId === bayId)
    if (!bay) return left(domainError('not_found', 'BAY_NOT_FOUND', `point ${pointId} has no bay ${bayId}`))
    const entries = await (await this.entries()).find(
      { pointId, bayId, date, ...this.statusFilter(options) },
      { sort: { start: 1 } },
    )
    return right({
      pointId,
      timeZone: point.timeZone,
      date,
      weekday: weekdayOf(date),
      bay: bayHeader(bay),
      open: shownRanges(openRanges(point, date)),
      entries: entries.map(entryOf),
    })
  }

  /** A customer's own bookings (head office may look too), in time order. */
  async customerBookings(
    viewer: Viewer,
    customerId: string,
    range: BookingsRange,
    paging: Paging,
  ): Promise<Either<DomainError, Page<CalendarEntry>>> {
    const refused = refuseUnless(viewer, ['head_office', 'customer'], { customerId }, 'these bookings')
    if (refused) return left(refused)
    return this.bookings({ customerId }, range, paging)
  }

  /** A fleet's bookings for its manager and its company account (and head office), in time order. */
  async fleetBookings(
    viewer: Viewer,
    fleetId: string,
    range: BookingsRange,
    paging: Paging,
  ): Promise<Either<DomainError, Page<CalendarEntry>>> {
    const refused = refuseUnless(
      viewer,
      ['head_office', 'fleet_manager', 'fleet_client'],
      { fleetId },
      'these bookings',
    )
    if (refused) return left(refused)
    return this.bookings({ fleetId }, range, paging)
  }

  private async bookings(
    owner: Filter,
    range: BookingsRange,
    paging: Paging,
  ): Promise<Either<DomainError, Page<CalendarEntry>>> {
    if (range.from !== undefined && !isLocalDate(range.from)) return left(invalid('from', 'must be a date YYYY-MM-DD'))
    if (range.to !== undefined && !isLocalDate(range.to)) return left(invalid('to', 'must be a date YYYY-MM-DD'))
    if (range.from !== undefined && range.to !== undefined && range.to < range.from)
      return left(invalid('to', 'must not be before from'))
    const filter: Filter = { ...owner }
    if (range.from !== undefined || range.to !== undefined)
      filter.date = {
        ...(range.from !== undefined ? { $gte: range.from } : {}),
        ...(range.to !== undefined ? { $lte: range.to } : {}),
      }
    if (range.status) filter.status = range.status
    const entries = await this.entries()
    const [items, total] = await Promise.all([
      entries.find(filter, { sort: { start: 1, _id: 1 }, skip: paging.offset, limit: paging.limit }),
      entries.count(filter),
    ])
    return right({ items: items.map(entryOf), total, limit: paging.limit, offset: paging.offset })
  }

  /** Per local date: booked minutes / open bay-minutes (the point's hours and bays as projected now). */
  async utilisation(
    viewer: Viewer,
    pointId: string,
    from: LocalDate,
    to: LocalDate,
  ): Promise<Either<DomainError, Utilisation>> {
    if (!isLocalDate(from)) return left(invalid('from', 'must be a date YYYY-MM-DD'))
    if (!isLocalDate(to)) return left(invalid('to', 'must be a date YYYY-MM-DD'))
    const span = daysBetween(from, to) + 1
    if (span < 1) return left(invalid('to', 'must not be before from'))
    if (span > MAX_UTILISATION_DAYS) return left(invalid('to', `at most ${MAX_UTILISATION_DAYS} days at once`))
    const found = await this.point(viewer, pointId, UTILISATION_ROLES)
    if (found._tag === 'Left') return found
    const point = found.right
    const days = await this.days(pointId, from, to)
    const perDay = Array.from({ length: span }, (_, i) => {
      const date = addDays(from, i)
      return { date, ...loadOf(point, date, days.get(date)) }
    })
    const bookedMinutes = perDay.reduce((n, d) => n + d.bookedMinutes, 0)
    const openBayMinutes = perDay.reduce((n, d) => n + d.openBayMinutes, 0)
    return right({
      pointId,
      timeZone: point.timeZone,
      from,
      to,
      bayCount: point.bays.length,
      days: perDay,
      total: {
        bookedMinutes,
        openBayMinutes,
        utilisation: openBayMinutes > 0 ? round4(bookedMinutes / openBayMinutes) : null,
      },
    })
  }
}

/** Statuses a booking can be filtered by. */
export const ENTRY_STATUSES: ReadonlyArray<EntryStatus> = [...HOLDING_STATUSES, 'cancelled', 'no_show']
