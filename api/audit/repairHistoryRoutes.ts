// Repair history routes: an item's history (every order, what was done, parts, labour, readings,
// who and when), a customer's and a fleet's. Head office everything; a point's staff their point's
// orders; a customer his own equipment and orders; a fleet's people the fleet's.
import type { RepairHistoryQueries } from '../../application/audit/repairHistoryQueries.js'
import { isReadModelNotReady } from '../../application/queries/readModelReader.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { orProblem, ProblemError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import { EquipmentHistoryBody, RepairHistoryBody } from './repairHistoryBodies.js'

const NOT_READY = 'the read model is still being built (e.g. right after an upgrade); try again in a moment'

/** A read model never built answers 503 with Retry-After, not a 500 or an empty history. */
async function orNotReady<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (isReadModelNotReady(error))
      throw new ProblemError({
        status: 503,
        code: 'READ_MODEL_NOT_READY',
        detail: NOT_READY,
        headers: { 'Retry-After': '5' },
      })
    throw error
  }
}

const EVERYONE = [
  'head_office',
  'service_point',
  'service_point_manager',
  'service_point_employee',
  'fleet_client',
  'fleet_manager',
  'customer',
] as const

export function repairHistoryModule(queries: RepairHistoryQueries): ApiModule {
  return (kit: ApiKit) =>
    kit
      .router('/repair-history', 'repair history')
      .get(
        '/equipment/:equipmentId',
        {
          summary:
            'An item’s repair history: its orders (newest first) with lines, parts, labour, readings, who and when',
          description:
            'Head office: every order; a point’s staff: their point’s orders; the owner (customer or fleet) of the item ' +
            'now: every order, earlier owners’ contact details and staff-only detail left out.',
          access: [...EVERYONE],
          response: { status: 200, description: 'the history', schema: EquipmentHistoryBody },
          problems: { 404: 'no such equipment', 503: NOT_READY },
        },
        async (req, res) => {
          res.json(
            orProblem(await orNotReady(() => queries.equipmentHistory(principalOf(req), req.params.equipmentId))),
          )
        },
      )
      .get(
        '/customers/:customerId',
        {
          summary: 'A customer’s repair history: the orders he was the customer of (newest first)',
          description: 'Head office; a point’s staff (their point’s orders); the customer himself.',
          access: [...EVERYONE],
          response: { status: 200, description: 'the history', schema: RepairHistoryBody },
          problems: { 503: NOT_READY },
        },
        async (req, res) => {
          res.json(orProblem(await orNotReady(() => queries.customerHistory(principalOf(req), req.params.customerId))))
        },
      )
      .get(
        '/fleets/:fleetId',
        {
          summary: 'A fleet’s repair history: the orders made for the fleet (newest first)',
          description: 'Head office; a point’s staff (their point’s orders); the fleet’s manager and account.',
          access: [...EVERYONE],
          response: { status: 200, description: 'the history', schema: RepairHistoryBody },
          problems: { 503: NOT_READY },
        },
        async (req, res) => {
          res.json(orProblem(await orNotReady(() => queries.fleetHistory(principalOf(req), req.params.fleetId))))
        },
      )
}
