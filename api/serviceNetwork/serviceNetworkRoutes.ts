// The service network's commands over HTTP: /points (points, bays, opening hours, staff
// schedules) and /catalogue (services and goods), plus nearest-point search. Head office runs
// everything; a point's manager edits his own point and its staff schedule; nearest points are open
// to anybody. Listing and reading points and the catalogue are the read models' routes; every
// command here answers with the changed point or item, read from its stream.
import { randomUUID } from 'node:crypto'
import type { Request } from 'express'
import { deterministicUuid } from '../../application/commands/commandContext.js'
import type { CatalogueService, CatalogueView } from '../../application/serviceNetwork/catalogueService.js'
import type { NearestPointsService } from '../../application/serviceNetwork/nearestPointsService.js'
import type { PointChange, ServicePointService } from '../../application/serviceNetwork/servicePointService.js'
import type {
  StaffScheduleChange,
  StaffScheduleService,
} from '../../application/serviceNetwork/staffScheduleService.js'
import { addDays, type LocalDate } from '../../domain/shared/localTime.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { tenantFromPath } from '../auth/tenantAccess.js'
import { orProblem, ProblemError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  AbsenceBody,
  BayBody,
  BayChangeBody,
  CreatePointBody,
  ExceptionBody,
  GoodsBody,
  GoodsChangeBody,
  GoodsViewBody,
  LeaveBody,
  ManagerBody,
  NearestPointsBody,
  NearestPointsQuery,
  PointDetailsBody,
  PointViewBody,
  ReasonBody,
  RegisterStaffBody,
  SeasonBody,
  ServiceBody,
  ServiceChangeBody,
  ServiceViewBody,
  ShiftsBody,
  SkillsBody,
  StaffChangeResultBody,
  StaffScheduleQuery,
  StaffScheduleViewBody,
  TimeZoneBody,
  WeeklyHoursBody,
} from './serviceNetworkBodies.js'

export interface ServiceNetworkUseCases {
  readonly points: Pick<ServicePointService, 'create' | 'change' | 'get'>
  readonly catalogue: Pick<CatalogueService, 'get' | 'change'>
  readonly staff: Pick<StaffScheduleService, 'get' | 'change'>
  readonly nearest: Pick<NearestPointsService, 'search'>
}

const EDITORS = ['head_office', 'service_point_manager'] as const
const POINT_PEOPLE = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const ownPoint = tenantFromPath({ pointId: 'pointId' })
const POINT = { 404: 'no such service point', 422: 'the data breaks a rule (errors lists the fields)' }

/** A new id for something the client did not name; the same Idempotency-Key gives the same id. */
function newId(kit: ApiKit, req: Request, prefix: string): string {
  const { commandId } = kit.requestMeta(req)
  return `${prefix}-${commandId ? deterministicUuid(`${prefix}|${commandId}`) : randomUUID()}`
}

export function servicePointRoutes(kit: ApiKit, useCases: ServiceNetworkUseCases): ApiRouter {
  const { points, staff, nearest } = useCases
  const change = async (req: Request<{ pointId: string }>, command: PointChange) =>
    orProblem(await points.change(principalOf(req), req.params.pointId, command, kit.requestMeta(req)))
  const changeStaff = async (req: Request<{ pointId: string }>, changes: StaffScheduleChange[], dates: LocalDate[]) => {
    const who = principalOf(req)
    const { applied } = orProblem(await staff.change(who, req.params.pointId, changes, kit.requestMeta(req)))
    const today = kit.now().toISOString().slice(0, 10)
    const sorted = [...dates].sort()
    const range = { from: sorted[0] ?? today, to: sorted.at(-1) ?? addDays(today, 13) }
    return { applied, schedule: orProblem(await staff.get(who, req.params.pointId, range)) }
  }

  return (
    kit
      .router('/points', 'service network')
      // Declared before /:pointId, which would otherwise take "nearest" for a point id.
      .get(
        '/nearest',
        {
          summary: 'Service points nearest to a position or to a car’s registration region',
          query: NearestPointsQuery,
          description:
            'Query: lat & lon (the customer’s position) or plate (a Polish registration plate: its prefix gives the region, e.g. KR → Kraków); ' +
            'features (comma-separated bay features the visit needs, e.g. run_flat,tpms), rimInches, maxDistanceKm, limit (1–100, default 10). ' +
            'With a plate, the point of the car’s last visit comes first when it passes the filters. Open to anybody.',
          access: 'public',
          response: { status: 200, description: 'the nearest points, nearest first', schema: NearestPointsBody },
          problems: {
            400: 'a query field is malformed',
            422: 'no position or plate, or an invalid registration plate',
            503: 'the list of points is still being built',
          },
        },
        async (_req, res, query) => {
          try {
            res.json(orProblem(await nearest.search(query)))
          } catch (error) {
            if ((error as { code?: unknown }).code === 'READ_MODEL_NOT_READY')
              throw new ProblemError({
                status: 503,
                code: 'READ_MODEL_NOT_READY',
                detail: 'the list of service points is still being built; try again in a moment',
                headers: { 'Retry-After': '5' },
              })
            throw error
          }
        },
      )
      .post(
        '/',
        {
          summary: 'Create a service point',
          description: 'With its address, position, time zone, weekly opening hours and bays.',
          access: ['head_office'],
          body: CreatePointBody,
          idempotent: true,
          response: { status: 201, description: 'the new point', schema: PointViewBody },
          problems: { 409: 'a point with this id exists', 422: POINT[422] },
        },
        async (req, res) => {
          const b = req.body
          const point = orProblem(
            await points.create(
              principalOf(req),
              { ...b, managerId: b.managerId ?? null, ...(b.pointId ? { pointId: b.pointId } : {}) },
              kit.requestMeta(req),
            ),
          )
          res.status(201).location(`/points/${point.pointId}`).json(point)
        },
      )
      .put(
        '/:pointId',
        {
          summary: 'Change a point’s name, address, position and contacts',
          description: 'Head office, or the point’s own manager.',
          access: EDITORS,
          guards: [ownPoint],
          body: PointDetailsBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'ChangeServicePointDetails', ...req.body }))
        },
      )
      .put(
        '/:pointId/time-zone',
        {
          summary: 'Change a point’s time zone (IANA, e.g. Europe/Warsaw)',
          access: ['head_office'],
          body: TimeZoneBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'ChangeTimeZone', timeZone: req.body.timeZone }))
        },
      )
      .put(
        '/:pointId/opening-hours',
        {
          summary: 'Set the weekly opening hours',
          description:
            'Ranges of local wall-clock HH:MM per weekday; several ranges make a lunch break; none = closed.',
          access: EDITORS,
          guards: [ownPoint],
          body: WeeklyHoursBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'SetWeeklyOpeningHours', weeklyHours: req.body.weeklyHours }))
        },
      )
      .put(
        '/:pointId/opening-hours/exceptions/:date',
        {
          summary: 'Set the hours of one date (a holiday: no ranges)',
          access: EDITORS,
          guards: [ownPoint],
          body: ExceptionBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(
            await change(req, {
              kind: 'SetOpeningHoursException',
              date: req.params.date,
              hours: req.body.hours,
              note: req.body.note ?? null,
            }),
          )
        },
      )
      .delete(
        '/:pointId/opening-hours/exceptions/:date',
        {
          summary: 'Remove a date’s exception (the usual hours apply again)',
          access: EDITORS,
          guards: [ownPoint],
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'RemoveOpeningHoursException', date: req.params.date }))
        },
      )
      .put(
        '/:pointId/seasons/:seasonId',
        {
          summary: 'Set seasonal opening hours (e.g. extended hours in the tyre-change rush)',
          access: EDITORS,
          guards: [ownPoint],
          body: SeasonBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: { ...POINT, 409: 'overlaps another season' },
        },
        async (req, res) => {
          res.json(
            await change(req, {
              kind: 'SetSeasonalOpeningHours',
              seasonId: req.params.seasonId,
              from: req.body.from,
              to: req.body.to,
              weeklyHours: req.body.weeklyHours,
              note: req.body.note ?? null,
            }),
          )
        },
      )
      .delete(
        '/:pointId/seasons/:seasonId',
        {
          summary: 'Remove a season',
          access: EDITORS,
          guards: [ownPoint],
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'RemoveSeasonalOpeningHours', seasonId: req.params.seasonId }))
        },
      )
      .post(
        '/:pointId/bays',
        {
          summary: 'Add a bay (station) with its capabilities',
          access: EDITORS,
          guards: [ownPoint],
          body: BayBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: { ...POINT, 409: 'a bay with this id exists' },
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'AddBay', bay: req.body }))
        },
      )
      .put(
        '/:pointId/bays/:bayId',
        {
          summary: 'Change a bay’s name and capabilities',
          access: EDITORS,
          guards: [ownPoint],
          body: BayChangeBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'ChangeBay', bay: { bayId: req.params.bayId, ...req.body } }))
        },
      )
      .delete(
        '/:pointId/bays/:bayId',
        {
          summary: 'Remove a bay',
          access: EDITORS,
          guards: [ownPoint],
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'RemoveBay', bayId: req.params.bayId }))
        },
      )
      .put(
        '/:pointId/manager',
        {
          summary: 'Make an account the point’s manager',
          access: ['head_office'],
          body: ManagerBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'AssignManager', managerId: req.body.managerId }))
        },
      )
      .delete(
        '/:pointId/manager',
        {
          summary: 'Leave the point without a manager',
          access: ['head_office'],
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: POINT,
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'UnassignManager' }))
        },
      )
      .post(
        '/:pointId/deactivate',
        {
          summary: 'Close a point: it takes no more bookings',
          access: ['head_office'],
          body: ReasonBody,
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: { ...POINT, 409: 'already inactive' },
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'DeactivateServicePoint', reason: req.body.reason }))
        },
      )
      .post(
        '/:pointId/reactivate',
        {
          summary: 'Reopen a closed point',
          access: ['head_office'],
          idempotent: true,
          response: { status: 200, description: 'the point', schema: PointViewBody },
          problems: { ...POINT, 409: 'already active' },
        },
        async (req, res) => {
          res.json(await change(req, { kind: 'ReactivateServicePoint' }))
        },
      )
      // ── staff schedule ──
      .get(
        '/:pointId/staff',
        {
          summary: 'The point’s staff, their shifts and absences',
          query: StaffScheduleQuery,
          description:
            'Query: from, to (dates YYYY-MM-DD; default today and the 13 days after). Head office and the point’s people.',
          access: POINT_PEOPLE,
          guards: [ownPoint],
          response: { status: 200, description: 'the staff schedule', schema: StaffScheduleViewBody },
          problems: { 404: POINT[404] },
        },
        async (req, res, q) => {
          const from = q.from ?? kit.now().toISOString().slice(0, 10)
          const to = q.to ?? addDays(from, 13)
          res.json(orProblem(await staff.get(principalOf(req), req.params.pointId, { from, to })))
        },
      )
      .post(
        '/:pointId/staff',
        {
          summary: 'Register a staff member with his skills',
          access: EDITORS,
          guards: [ownPoint],
          body: RegisterStaffBody,
          idempotent: true,
          response: { status: 201, description: 'the staff schedule', schema: StaffChangeResultBody },
          problems: { ...POINT, 409: 'a staff member with this id exists' },
        },
        async (req, res) => {
          const staffId = req.body.staffId ?? newId(kit, req, 'staff')
          const result = await changeStaff(
            req,
            [{ kind: 'RegisterStaffMember', staffId, name: req.body.name, skills: req.body.skills }],
            [],
          )
          res.status(201).json(result)
        },
      )
      .put(
        '/:pointId/staff/:staffId/skills',
        {
          summary: 'Change a staff member’s skills',
          access: EDITORS,
          guards: [ownPoint],
          body: SkillsBody,
          idempotent: true,
          response: { status: 200, description: 'the staff schedule', schema: StaffChangeResultBody },
          problems: { ...POINT, 404: 'no such point or staff member' },
        },
        async (req, res) => {
          res.json(
            await changeStaff(
              req,
              [{ kind: 'ChangeStaffSkills', staffId: req.params.staffId, skills: req.body.skills }],
              [],
            ),
          )
        },
      )
      .post(
        '/:pointId/staff/:staffId/leave',
        {
          summary: 'A staff member leaves the point (his shifts from then on are cancelled)',
          access: EDITORS,
          guards: [ownPoint],
          body: LeaveBody,
          idempotent: true,
          response: { status: 200, description: 'the staff schedule', schema: StaffChangeResultBody },
          problems: { ...POINT, 404: 'no such point or staff member' },
        },
        async (req, res) => {
          res.json(
            await changeStaff(
              req,
              [{ kind: 'StaffMemberLeaves', staffId: req.params.staffId, effectiveDate: req.body.effectiveDate }],
              [],
            ),
          )
        },
      )
      .post(
        '/:pointId/shifts',
        {
          summary: 'Plan shifts (one or a whole roster at once: all are planned or none)',
          access: EDITORS,
          guards: [ownPoint],
          body: ShiftsBody,
          idempotent: true,
          response: {
            status: 201,
            description: 'the staff schedule over the planned dates',
            schema: StaffChangeResultBody,
          },
          problems: { ...POINT, 409: 'a shift overlaps another of the same person' },
        },
        async (req, res) => {
          const changes: StaffScheduleChange[] = req.body.shifts.map((s, i) => ({
            kind: 'PlanShift',
            shiftId: s.shiftId ?? `${newId(kit, req, 'shift')}-${i}`,
            staffId: s.staffId,
            date: s.date,
            hours: s.hours,
          }))
          res.status(201).json(
            await changeStaff(
              req,
              changes,
              req.body.shifts.map((s) => s.date),
            ),
          )
        },
      )
      .delete(
        '/:pointId/shifts/:shiftId',
        {
          summary: 'Cancel a shift',
          access: EDITORS,
          guards: [ownPoint],
          idempotent: true,
          response: { status: 200, description: 'the staff schedule', schema: StaffChangeResultBody },
          problems: { ...POINT, 404: 'no such point or shift' },
        },
        async (req, res) => {
          res.json(await changeStaff(req, [{ kind: 'CancelShift', shiftId: req.params.shiftId }], []))
        },
      )
      .post(
        '/:pointId/absences',
        {
          summary: 'Record an absence (vacation, sick leave, training)',
          description: 'from/to: local date-times YYYY-MM-DDTHH:MM at the point, half-open.',
          access: EDITORS,
          guards: [ownPoint],
          body: AbsenceBody,
          idempotent: true,
          response: { status: 201, description: 'the staff schedule', schema: StaffChangeResultBody },
          problems: POINT,
        },
        async (req, res) => {
          const { absenceId, ...absence } = req.body
          const result = await changeStaff(
            req,
            [{ kind: 'RecordAbsence', absenceId: absenceId ?? newId(kit, req, 'absence'), ...absence }],
            [absence.from.slice(0, 10), absence.to.slice(0, 10)],
          )
          res.status(201).json(result)
        },
      )
      .delete(
        '/:pointId/absences/:absenceId',
        {
          summary: 'Cancel an absence',
          access: EDITORS,
          guards: [ownPoint],
          idempotent: true,
          response: { status: 200, description: 'the staff schedule', schema: StaffChangeResultBody },
          problems: { ...POINT, 404: 'no such point or absence' },
        },
        async (req, res) => {
          res.json(await changeStaff(req, [{ kind: 'CancelAbsence', absenceId: req.params.absenceId }], []))
        },
      )
  )
}

export function catalogueRoutes(kit: ApiKit, useCases: ServiceNetworkUseCases): ApiRouter {
  const { catalogue } = useCases
  const CATALOGUE = { 422: 'the item breaks a rule (errors lists the fields)' }
  const service = (code: string, view: CatalogueView) => view.services.find((s) => s.code === code)
  const goods = (sku: string, view: CatalogueView) => view.goods.find((g) => g.sku === sku)
  // Reading the catalogue is the catalogue read model's (GET /catalogue… in the query routes).
  return kit
    .router('/catalogue', 'catalogue')
    .post(
      '/services',
      {
        summary: 'Add a service',
        access: ['head_office'],
        body: ServiceBody,
        idempotent: true,
        response: { status: 201, description: 'the service', schema: ServiceViewBody },
        problems: { ...CATALOGUE, 409: 'the code is taken' },
      },
      async (req, res) => {
        const view = orProblem(
          await catalogue.change(principalOf(req), { kind: 'AddService', service: req.body }, kit.requestMeta(req)),
        )
        res.status(201).location(`/catalogue/services/${req.body.code}`).json(service(req.body.code, view))
      },
    )
    .put(
      '/services/:code',
      {
        summary: 'Change a service (duration, price, requirements)',
        access: ['head_office'],
        body: ServiceChangeBody,
        idempotent: true,
        response: { status: 200, description: 'the service', schema: ServiceViewBody },
        problems: { ...CATALOGUE, 404: 'no such service', 409: 'the service is retired' },
      },
      async (req, res) => {
        const code = req.params.code
        const view = orProblem(
          await catalogue.change(
            principalOf(req),
            { kind: 'ChangeService', service: { ...req.body, code } },
            kit.requestMeta(req),
          ),
        )
        res.json(service(code, view))
      },
    )
    .post(
      '/services/:code/retire',
      {
        summary: 'Stop offering a service (its code is never reused)',
        access: ['head_office'],
        idempotent: true,
        response: { status: 200, description: 'the service', schema: ServiceViewBody },
        problems: { 404: 'no such service' },
      },
      async (req, res) => {
        const code = req.params.code
        const view = orProblem(
          await catalogue.change(principalOf(req), { kind: 'RetireService', code }, kit.requestMeta(req)),
        )
        res.json(service(code, view))
      },
    )
    .post(
      '/goods',
      {
        summary: 'Add goods (tyres, rims, valves, TPMS sensors…)',
        access: ['head_office'],
        body: GoodsBody,
        idempotent: true,
        response: { status: 201, description: 'the goods', schema: GoodsViewBody },
        problems: { ...CATALOGUE, 409: 'the SKU is taken' },
      },
      async (req, res) => {
        const view = orProblem(
          await catalogue.change(principalOf(req), { kind: 'AddGoods', goods: req.body }, kit.requestMeta(req)),
        )
        res.status(201).location(`/catalogue/goods/${req.body.sku}`).json(goods(req.body.sku, view))
      },
    )
    .put(
      '/goods/:sku',
      {
        summary: 'Change goods (name, price)',
        access: ['head_office'],
        body: GoodsChangeBody,
        idempotent: true,
        response: { status: 200, description: 'the goods', schema: GoodsViewBody },
        problems: { ...CATALOGUE, 404: 'no such goods', 409: 'the goods are retired' },
      },
      async (req, res) => {
        const sku = req.params.sku
        const view = orProblem(
          await catalogue.change(
            principalOf(req),
            { kind: 'ChangeGoods', goods: { ...req.body, sku } },
            kit.requestMeta(req),
          ),
        )
        res.json(goods(sku, view))
      },
    )
    .post(
      '/goods/:sku/retire',
      {
        summary: 'Stop selling goods',
        access: ['head_office'],
        idempotent: true,
        response: { status: 200, description: 'the goods', schema: GoodsViewBody },
        problems: { 404: 'no such goods' },
      },
      async (req, res) => {
        const sku = req.params.sku
        const view = orProblem(
          await catalogue.change(principalOf(req), { kind: 'RetireGoods', sku }, kit.requestMeta(req)),
        )
        res.json(goods(sku, view))
      },
    )
}

/** The service network's routers, for createApp's modules. */
export function serviceNetworkModule(useCases: ServiceNetworkUseCases): ApiModule {
  return (kit) => [servicePointRoutes(kit, useCases), catalogueRoutes(kit, useCases)]
}
