// Query and response shapes of the read routes: points, catalogue, calendars, bookings lists and
// utilisation. Query codecs are what the routes decode req.query and path dates with; response
// codecs only document (the OpenAPI document is generated from them).
import * as t from 'io-ts'
import { weekStart } from '../../application/queries/calendarWeeks.js'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../application/queries/viewer.js'
import { BookingChannel } from '../../domain/booking/events.js'
import { BayFeature, Capabilities, StaffSkill, VehicleClass } from '../../domain/service-network/capabilities.js'
import {
  Address,
  Contacts,
  DurationRule,
  GeoPosition,
  GoodsKind,
  LocalizedText,
} from '../../domain/service-network/events.js'
import { DateException, SeasonalHours, WeeklyHours } from '../../domain/service-network/openingHours.js'
import { isLocalDate } from '../../domain/shared/localTime.js'
import { Money } from '../../domain/shared/money.js'
import { describeCodec } from '../openapi/jsonSchema.js'
import { IntegerFromQuery, listFromQuery } from '../serviceNetwork/queryCodecs.js'

// ── fields ──

/** A local date 'YYYY-MM-DD' that exists in the calendar (2026-02-30 does not). */
export const LocalDateField = new t.Type<string, string, unknown>(
  'LocalDate',
  (u): u is string => typeof u === 'string' && isLocalDate(u),
  (u, c) => (typeof u === 'string' && isLocalDate(u) ? t.success(u) : t.failure(u, c, 'must be a date YYYY-MM-DD')),
  t.identity,
)
describeCodec(LocalDateField, { type: 'string', format: 'date' })

/** An ISO week 'YYYY-Www' (e.g. 2026-W48) or any date of the week. */
export const WeekField = new t.Type<string, string, unknown>(
  'Week',
  (u): u is string => typeof u === 'string' && weekStart(u) !== null,
  (u, c) =>
    typeof u === 'string' && weekStart(u) !== null
      ? t.success(u)
      : t.failure(u, c, 'must be an ISO week YYYY-Www (e.g. 2026-W48) or a date YYYY-MM-DD'),
  t.identity,
)
describeCodec(WeekField, { type: 'string', pattern: '^\\d{4}-(W\\d{2}|\\d{2}-\\d{2})$' })

const ranged = (name: string, min: number, max: number) => {
  const codec = new t.Type<number, string, unknown>(
    name,
    (u): u is number => Number.isInteger(u) && (u as number) >= min && (u as number) <= max,
    (u, c) => {
      const n = IntegerFromQuery.validate(u, c)
      if (n._tag === 'Left') return n
      return n.right >= min && n.right <= max
        ? t.success(n.right)
        : t.failure(u, c, `must be between ${min} and ${max}`)
    },
    String,
  )
  describeCodec(codec, { type: 'integer', minimum: min, maximum: max })
  return codec
}

const Limit = ranged('Limit', 1, MAX_PAGE_SIZE)
const Offset = ranged('Offset', 0, 1_000_000)
const RimInches = ranged('RimInches', 10, 26)

const Flag = new t.Type<boolean, string, unknown>(
  'Flag',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) =>
    u === 'true' ? t.success(true) : u === 'false' ? t.success(false) : t.failure(u, c, 'must be true or false'),
  String,
)
describeCodec(Flag, { type: 'boolean' })

const SearchText = new t.Type<string, string, unknown>(
  'SearchText',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && u.trim().length >= 1 && u.length <= 100
      ? t.success(u.trim())
      : t.failure(u, c, 'must be 1-100 characters'),
  t.identity,
)
describeCodec(SearchText, { type: 'string', minLength: 1, maxLength: 100 })

/** Path parameters decoded as objects, so a refusal names the parameter. */
export const DayParam = t.type({ date: LocalDateField })
export const WeekParam = t.type({ week: WeekField })

export const EntryStatusField = t.keyof({
  requested: null,
  confirmed: null,
  checked_in: null,
  completed: null,
  cancelled: null,
  no_show: null,
})

const PagingQuery = { limit: Limit, offset: Offset }

export const pagingOf = (q: { limit?: number; offset?: number }) => ({
  limit: q.limit ?? DEFAULT_PAGE_SIZE,
  offset: q.offset ?? 0,
})

// ── queries ──

const PointSearchFields = {
  q: SearchText,
  city: SearchText,
  features: listFromQuery(BayFeature, 'BayFeatureList'),
  rimInches: RimInches,
  ...PagingQuery,
}
export const PointSearchQuery = t.exact(t.partial(PointSearchFields))
export const StaffPointSearchQuery = t.exact(t.partial({ ...PointSearchFields, activeOnly: Flag }))
export const POINT_SEARCH_HELP =
  'Query: q (prefix of the name or the city), city (prefix of the city; case and Polish letters ignored: "lodz" finds Łódź), ' +
  'features (comma-separated bay features ONE bay must have, e.g. run_flat,tpms), rimInches (10–26, that bay must take it), ' +
  `limit (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}), offset.`

export const ServicesQuery = t.exact(
  t.partial({ q: SearchText, requiredFeature: BayFeature, includeRetired: Flag, ...PagingQuery }),
)
export const GoodsQuery = t.exact(t.partial({ q: SearchText, kind: GoodsKind, includeRetired: Flag, ...PagingQuery }))

export const CalendarQuery = t.exact(t.partial({ includeCancelled: Flag }))
export const BookingsQuery = t.exact(
  t.partial({ from: LocalDateField, to: LocalDateField, status: EntryStatusField, ...PagingQuery }),
)
export const BOOKINGS_HELP =
  'Query: from, to (local dates of the visits, inclusive), status, ' +
  `limit (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}), offset. In time order.`

export const UtilisationQuery = t.exact(t.type({ from: LocalDateField, to: LocalDateField }))

// ── responses ──

const page = <C extends t.Mixed>(name: string, item: C) =>
  t.type({ items: t.array(item), total: t.number, limit: t.number, offset: t.number }, name)

const BayViewBody = t.type({
  bayId: t.string,
  name: t.string,
  features: t.array(BayFeature),
  rimMaxInches: t.union([t.number, t.null]),
})

export const PublicPointBody = t.type({
  pointId: t.string,
  name: t.string,
  address: Address,
  geo: GeoPosition,
  timeZone: t.string,
  contacts: Contacts,
  capabilities: Capabilities,
  bays: t.array(BayViewBody),
  weeklyHours: WeeklyHours,
  seasons: t.array(SeasonalHours),
  exceptions: t.array(DateException),
  active: t.boolean,
})
export const StaffPointBody = t.intersection([
  PublicPointBody,
  t.type({
    networkId: t.string,
    managerIds: t.array(t.string),
    deactivationReason: t.union([t.string, t.null]),
    createdAt: t.string,
    updatedAt: t.string,
    revision: t.number,
  }),
])
export const PublicPointPage = page('PublicPointPage', PublicPointBody)
export const StaffPointPage = page('StaffPointPage', StaffPointBody)

export const CatalogueServiceBody = t.type({
  networkId: t.string,
  code: t.string,
  names: LocalizedText,
  baseMinutes: t.number,
  durationRules: t.array(DurationRule),
  price: Money,
  vatRatePercent: t.number,
  requiredFeatures: t.array(BayFeature),
  requiredSkill: t.union([StaffSkill, t.null]),
  active: t.boolean,
  updatedAt: t.string,
})
export const CatalogueGoodsBody = t.type({
  networkId: t.string,
  sku: t.string,
  kind: GoodsKind,
  names: LocalizedText,
  price: Money,
  vatRatePercent: t.number,
  active: t.boolean,
  updatedAt: t.string,
})
export const ServicesPage = page('ServicesPage', CatalogueServiceBody)
export const GoodsPage = page('GoodsPage', CatalogueGoodsBody)

const Nullable = t.union([t.string, t.null])

export const CalendarEntryBody = t.type({
  bookingId: t.string,
  pointId: t.string,
  timeZone: t.string,
  date: t.string,
  bayId: t.string,
  staffId: t.string,
  start: t.string,
  end: t.string,
  localStart: t.string,
  localEnd: t.string,
  minutes: t.number,
  status: EntryStatusField,
  customerId: Nullable,
  fleetId: Nullable,
  contact: t.type({ name: Nullable, phone: Nullable, email: Nullable }),
  plate: t.string,
  vehicleClass: VehicleClass,
  services: t.array(t.type({ code: t.string, minutes: t.number })),
  goodsCount: t.number,
  channel: BookingChannel,
  bookedBy: t.string,
  note: Nullable,
  rescheduleCount: t.number,
  cancelReason: Nullable,
  requestedAt: t.string,
  checkedInAt: Nullable,
  completedAt: Nullable,
  updatedAt: t.string,
})
export const BookingsPage = page('BookingsPage', CalendarEntryBody)

const OpeningRangeBody = t.type({ from: t.string, to: t.string })
const Weekday = t.keyof({ mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null })
const DayLoadBody = t.type({
  bookedMinutes: t.number,
  bookings: t.number,
  cancelled: t.number,
  noShows: t.number,
  openBayMinutes: t.number,
  utilisation: t.union([t.number, t.null]),
})

export const PointDayBody = t.type({
  pointId: t.string,
  name: t.string,
  timeZone: t.string,
  date: t.string,
  weekday: Weekday,
  open: t.array(OpeningRangeBody),
  bays: t.array(t.intersection([BayViewBody, t.type({ entries: t.array(CalendarEntryBody) })])),
  unassigned: t.array(CalendarEntryBody),
  load: DayLoadBody,
})

export const PointWeekBody = t.type({
  pointId: t.string,
  name: t.string,
  timeZone: t.string,
  week: t.string,
  from: t.string,
  to: t.string,
  bays: t.array(BayViewBody),
  days: t.array(
    t.type({
      date: t.string,
      weekday: Weekday,
      open: t.array(OpeningRangeBody),
      entries: t.array(CalendarEntryBody),
      load: DayLoadBody,
    }),
  ),
})

export const BayDayBody = t.type({
  pointId: t.string,
  timeZone: t.string,
  date: t.string,
  weekday: Weekday,
  bay: BayViewBody,
  open: t.array(OpeningRangeBody),
  entries: t.array(CalendarEntryBody),
})

export const UtilisationBody = t.type({
  pointId: t.string,
  timeZone: t.string,
  from: t.string,
  to: t.string,
  bayCount: t.number,
  days: t.array(t.intersection([t.type({ date: t.string }), DayLoadBody])),
  total: t.type({
    bookedMinutes: t.number,
    openBayMinutes: t.number,
    utilisation: t.union([t.number, t.null]),
  }),
})
