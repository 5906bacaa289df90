import type { ReadQueries } from '../../application/queries/readQueries.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { tenantFromPath } from '../auth/tenantAccess.js'
import { orProblem, ProblemError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import { decodeInput } from '../validation/decodeInput.js'
import {
  BayDayBody,
  BOOKINGS_HELP,
  BookingsPage,
  BookingsQuery,
  CalendarQuery,
  DayParam,
  GoodsPage,
  GoodsQuery,
  POINT_SEARCH_HELP,
  PointDayBody,
  PointSearchQuery,
  PointWeekBody,
  PublicPointBody,
  PublicPointPage,
  pagingOf,
  ServicesPage,
  ServicesQuery,
  StaffPointBody,
  StaffPointPage,
  StaffPointSearchQuery,
  UtilisationBody,
  UtilisationQuery,
  WeekParam,
} from './calendarBodies.js'

const POINT_STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const NOT_READY = 'the read model is still being built (e.g. right after an upgrade); try again in a moment'

const POINT_404 = { 404: 'no such service point' }

function pointRoutes(kit: ApiKit, queries: ReadQueries): ApiRouter {
  return kit
    .router('/points', 'service network')
    .get(
      '/',
      {
        summary: 'List and search active service points',
        query: PointSearchQuery,
        description: `Open to anybody: customers choose where to go. ${POINT_SEARCH_HELP}`,
        access: 'public',
        response: { status: 200, description: 'active points by name', schema: PublicPointPage },
        problems: { 400: 'a query field is malformed', 503: NOT_READY },
      },
      async (_req, res, q) => {
        res.json(
          await queries.points.searchPublic(
            { text: q.q, city: q.city, features: q.features, rimInches: q.rimInches },
            pagingOf(q),
          ),
        )
      },
    )
    .get(
      '/:pointId',
      {
        summary: 'An active service point: address, position, hours, bays and what they can do',
        description:
          'Open to anybody; an inactive point answers 404 here (head office: GET /network/points/{pointId}).',
        access: 'public',
        response: { status: 200, description: 'the point', schema: PublicPointBody },
        problems: { ...POINT_404, 503: NOT_READY },
      },
      async (req, res) => {
        res.json(orProblem(await queries.points.publicDetails(req.params.pointId)))
      },
    )
}

function networkRoutes(kit: ApiKit, queries: ReadQueries): ApiRouter {
  return kit
    .router('/network', 'service network')
    .get(
      '/points',
      {
        summary: 'The network’s points as staff see them (inactive ones and managers included)',
        query: StaffPointSearchQuery,
        description: `Head office: every point; a point’s staff: their own point. ${POINT_SEARCH_HELP} activeOnly=true leaves inactive points out.`,
        access: [...POINT_STAFF],
        response: { status: 200, description: 'points by name', schema: StaffPointPage },
        problems: { 400: 'a query field is malformed', 503: NOT_READY },
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await queries.points.searchForStaff(
              principalOf(req),
              { text: q.q, city: q.city, features: q.features, rimInches: q.rimInches, activeOnly: q.activeOnly },
              pagingOf(q),
            ),
          ),
        )
      },
    )
    .get(
      '/points/:pointId',
      {
        summary: 'One point as staff see it, active or not',
        access: [...POINT_STAFF],
        guards: [tenantFromPath({ pointId: 'pointId' })],
        response: { status: 200, description: 'the point', schema: StaffPointBody },
        problems: { ...POINT_404, 503: NOT_READY },
      },
      async (req, res) => {
        res.json(orProblem(await queries.points.staffDetails(principalOf(req), req.params.pointId)))
      },
    )
}

function catalogueRoutes(kit: ApiKit, queries: ReadQueries): ApiRouter {
  return kit
    .router('/catalogue', 'catalogue')
    .get(
      '/services',
      {
        summary: 'The service catalogue',
        query: ServicesQuery,
        description:
          'Open to anybody. Query: q (part of the code or a name in any locale), requiredFeature (a bay feature), ' +
          'includeRetired (default false), limit, offset. By code.',
        access: 'public',
        response: { status: 200, description: 'services by code', schema: ServicesPage },
        problems: { 400: 'a query field is malformed', 503: NOT_READY },
      },
      async (_req, res, q) => {
        res.json(
          await queries.catalogue.services(
            { text: q.q, requiredFeature: q.requiredFeature, includeRetired: q.includeRetired },
            pagingOf(q),
          ),
        )
      },
    )
    .get(
      '/goods',
      {
        summary: 'Goods that can be ordered for a visit (tyres, rims, valves, sensors…)',
        query: GoodsQuery,
        description:
          'Open to anybody. Query: q (part of the SKU or a name), kind, includeRetired (default false), limit, offset. By kind and SKU.',
        access: 'public',
        response: { status: 200, description: 'goods by kind and SKU', schema: GoodsPage },
        problems: { 400: 'a query field is malformed', 503: NOT_READY },
      },
      async (_req, res, q) => {
        res.json(
          await queries.catalogue.goods({ text: q.q, kind: q.kind, includeRetired: q.includeRetired }, pagingOf(q)),
        )
      },
    )
}

function calendarRoutes(kit: ApiKit, queries: ReadQueries): ApiRouter {
  const pointGuard = [tenantFromPath({ pointId: 'pointId' })]
  const CALENDAR_HELP = 'Query: includeCancelled (default false: a cancelled booking no longer holds its slot).'
  return kit
    .router('/points', 'calendar')
    .get(
      '/:pointId/calendar/days/:date',
      {
        summary: 'A point’s calendar for one local day: its hours, and per bay the visits in time order',
        query: CalendarQuery,
        description: `Head office and the point’s own staff. ${CALENDAR_HELP}`,
        access: [...POINT_STAFF],
        guards: pointGuard,
        response: { status: 200, description: 'the day', schema: PointDayBody },
        problems: { 400: 'the date is not a date YYYY-MM-DD', ...POINT_404, 503: NOT_READY },
      },
      async (req, res, q) => {
        const { date } = decodeInput(DayParam, { date: req.params.date }, 'path')
        res.json(orProblem(await queries.calendar.pointDay(principalOf(req), req.params.pointId, date, q)))
      },
    )
    .get(
      '/:pointId/calendar/weeks/:week',
      {
        summary: 'A point’s calendar for one week (Monday to Sunday in the point’s time zone)',
        query: CalendarQuery,
        description: `week: an ISO week such as 2026-W48, or any date of the week. Head office and the point’s own staff. ${CALENDAR_HELP}`,
        access: [...POINT_STAFF],
        guards: pointGuard,
        response: { status: 200, description: 'the week', schema: PointWeekBody },
        problems: { 400: 'the week is neither YYYY-Www nor a date', ...POINT_404, 503: NOT_READY },
      },
      async (req, res, q) => {
        const { week } = decodeInput(WeekParam, { week: req.params.week }, 'path')
        res.json(orProblem(await queries.calendar.pointWeek(principalOf(req), req.params.pointId, week, q)))
      },
    )
    .get(
      '/:pointId/bays/:bayId/calendar/days/:date',
      {
        summary: 'One bay’s calendar for one local day',
        query: CalendarQuery,
        description: `Head office and the point’s own staff. ${CALENDAR_HELP}`,
        access: [...POINT_STAFF],
        guards: pointGuard,
        response: { status: 200, description: 'the bay’s day', schema: BayDayBody },
        problems: { 400: 'the date is not a date YYYY-MM-DD', 404: 'no such point or bay', 503: NOT_READY },
      },
      async (req, res, q) => {
        const { date } = decodeInput(DayParam, { date: req.params.date }, 'path')
        res.json(
          orProblem(await queries.calendar.bayDay(principalOf(req), req.params.pointId, req.params.bayId, date, q)),
        )
      },
    )
    .get(
      '/:pointId/utilisation',
      {
        summary: 'A point’s utilisation per day: booked minutes / open bay-minutes',
        query: UtilisationQuery,
        description:
          'Query: from, to (local dates, inclusive, at most 92 days). Open bay-minutes come from the point’s hours ' +
          '(seasons and exceptions included) and its bays as they are now. Head office and the point’s manager.',
        access: ['head_office', 'service_point_manager'],
        guards: pointGuard,
        response: { status: 200, description: 'per day and in total', schema: UtilisationBody },
        problems: {
          400: 'from or to is missing or not a date',
          ...POINT_404,
          422: 'to is before from, or the range is longer than 92 days',
          503: NOT_READY,
        },
      },
      async (req, res, q) => {
        res.json(orProblem(await queries.calendar.utilisation(principalOf(req), req.params.pointId, q.from, q.to)))
      },
    )
}

function bookingListRoutes(kit: ApiKit, queries: ReadQueries): ApiRouter[] {
  const problems = { 400: 'a query field is malformed', 422: 'to is before from', 503: NOT_READY }
  const mine = kit.router('/me', 'calendar').get(
    '/bookings',
    {
      summary: 'Your own bookings (customers)',
      query: BookingsQuery,
      description: BOOKINGS_HELP,
      access: ['customer'],
      response: { status: 200, description: 'your bookings', schema: BookingsPage },
      problems,
    },
    async (req, res, q) => {
      const me = principalOf(req)
      if (me.tenant.scope !== 'customer')
        throw new ProblemError({ status: 403, code: 'ROLE_NOT_ALLOWED', detail: 'only customers have own bookings' })
      res.json(
        orProblem(
          await queries.calendar.customerBookings(
            me,
            me.tenant.customerId,
            { from: q.from, to: q.to, status: q.status },
            pagingOf(q),
          ),
        ),
      )
    },
  )
  const fleets = kit.router('/fleets', 'calendar').get(
    '/:fleetId/bookings',
    {
      summary: 'A fleet’s bookings at every point',
      query: BookingsQuery,
      description: `The fleet’s manager and company account, and head office. ${BOOKINGS_HELP}`,
      access: ['head_office', 'fleet_manager', 'fleet_client'],
      guards: [tenantFromPath({ fleetId: 'fleetId' })],
      response: { status: 200, description: 'the fleet’s bookings', schema: BookingsPage },
      problems,
    },
    async (req, res, q) => {
      res.json(
        orProblem(
          await queries.calendar.fleetBookings(
            principalOf(req),
            req.params.fleetId,
            { from: q.from, to: q.to, status: q.status },
            pagingOf(q),
          ),
        ),
      )
    },
  )
  return [mine, fleets]
}

/**
 * The read side's routes. Register it after the service network's module: its /points/nearest is a
 * literal path that this module's /points/:pointId would otherwise take for a point id.
 */
export function calendarModule(queries: ReadQueries): ApiModule {
  return (kit) => [
    pointRoutes(kit, queries),
    networkRoutes(kit, queries),
    catalogueRoutes(kit, queries),
    calendarRoutes(kit, queries),
    ...bookingListRoutes(kit, queries),
  ]
}
