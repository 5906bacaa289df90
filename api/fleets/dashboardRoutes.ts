// Fleet dashboards over HTTP: a fleet's dashboard, its vehicles with status, one vehicle's card,
// and head office's dashboard across every fleet. Read models never built answer 503.
import type { FleetDashboardService } from '../../application/customers/fleetDashboardService.js'
import type { ApiKit } from '../apiKit.js'
import { tenantFromPath } from '../auth/tenantAccess.js'
import { objectSchema, PAGING_HELP, pageSchema, pagingOf } from '../customers/queryFields.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import { DashboardQuery, DashboardVehiclesQuery } from './fleetBodies.js'
import { FLEET_SIDE } from './fleetRoutes.js'

const ownFleet = tenantFromPath({ fleetId: 'fleetId' })

export function dashboardRoutes(kit: ApiKit, dashboards: FleetDashboardService): ApiRouter[] {
  const fleet = kit
    .router('/fleets', 'fleet dashboards')
    .get(
      '/:fleetId/dashboard',
      {
        summary: 'A fleet’s dashboard',
        query: DashboardQuery,
        description:
          'Vehicles by status (in operation, booked, in workshop, irreparable, scrapped, removed) and open orders; vehicles at a ' +
          'workshop now; what falls due in the next `days` (default 30): contract schedule services, inspections, warranty and ' +
          'insurance ends, predicted tyre replacements (overdue ones included); open tickets with their SLA state (breached first); ' +
          'spend of the last 12 months split into contract and extra work, per branch, the contracts’ monthly fees and the ' +
          'vehicles costing most; tyres to replace within 90 days. The fleet’s people and head office.',
        access: FLEET_SIDE,
        guards: [ownFleet],
        response: {
          status: 200,
          description: 'the dashboard',
          schema: objectSchema('fleet, vehicles, inWorkshop, due, tickets, spend, tyres'),
        },
        problems: { 404: 'no such fleet', 503: 'the read model is being built' },
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await dashboards.fleet(
              principalOf(req),
              req.params.fleetId,
              kit.now().toISOString(),
              q.days ? { days: q.days } : {},
            ),
          ),
        )
      },
    )
    .get(
      '/:fleetId/dashboard/vehicles',
      {
        summary: 'The fleet’s vehicles with status, last service, next booking, next due date, tyres and spend',
        query: DashboardVehiclesQuery,
        description: `Query: status (removed ones only when asked for), branchId, ${PAGING_HELP}. By plate.`,
        access: FLEET_SIDE,
        guards: [ownFleet],
        response: {
          status: 200,
          description: 'vehicles',
          schema: pageSchema(
            'equipmentId, plate, status, lastService, nextBooking, nextDueOn, minTreadMm, spendTotalNetMinor…',
          ),
        },
        problems: { 503: 'the read model is being built' },
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await dashboards.vehicles(
              principalOf(req),
              req.params.fleetId,
              { ...(q.status ? { status: q.status } : {}), ...(q.branchId ? { branchId: q.branchId } : {}) },
              pagingOf(q),
              kit.now().toISOString(),
            ),
          ),
        )
      },
    )
    .get(
      '/:fleetId/dashboard/vehicles/:equipmentId',
      {
        summary:
          'One vehicle’s card: status, service history facts, dates, tyres (per position, predicted replacement), spend per month',
        access: FLEET_SIDE,
        guards: [ownFleet],
        response: { status: 200, description: 'the vehicle', schema: objectSchema('the dashboard’s vehicle document') },
        problems: { 404: 'no such vehicle in the fleet', 503: 'the read model is being built' },
      },
      async (req, res) => {
        res.json(orProblem(await dashboards.vehicle(principalOf(req), req.params.fleetId, req.params.equipmentId)))
      },
    )
  const network = kit.router('/fleet-dashboard', 'fleet dashboards').get(
    '/',
    {
      summary: 'Head office’s dashboard across every fleet',
      query: DashboardQuery,
      description:
        'Every fleet’s counts with its open and breached tickets and last month’s spend; totals; open fleet tickets (breached first); ' +
        'spend of all fleets per month; what falls due in the next `days` (default 14).',
      access: ['head_office'],
      response: {
        status: 200,
        description: 'the dashboard',
        schema: objectSchema('fleets, totals, tickets, spend, due'),
      },
      problems: { 503: 'the read model is being built' },
    },
    async (req, res, q) => {
      res.json(
        orProblem(
          await dashboards.headOffice(principalOf(req), kit.now().toISOString(), q.days ? { days: q.days } : {}),
        ),
      )
    },
  )
  return [fleet, network]
}
