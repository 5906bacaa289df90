// Contracts over HTTP: head office signs, amends, renews and terminates; the holder (the fleet's
// people, or the customer) and head office read them, as of any date. Overlapping coverage answers
// 409 CONTRACT_COVERAGE_OVERLAPS naming each vehicle/service pair; invalid terms (e.g. a tier limit
// below its free hours) 422 CONTRACT_INVALID naming the field.
import type { ContractService } from '../../application/contracts/contractService.js'
import type { ApiKit } from '../apiKit.js'
import { objectSchema, PAGING_HELP, pageSchema, pagingOf } from '../customers/queryFields.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  AmendBody,
  ContractListQuery,
  ContractQuery,
  DueQuery,
  RenewBody,
  SignContractBody,
  TerminateBody,
} from './contractBodies.js'

const READERS = ['head_office', 'fleet_client', 'fleet_manager', 'customer'] as const
const CONTRACT = objectSchema(
  'the contract: holder, currency, zone, validity, status, periods with their terms (and asOf)',
)
const CHANGE_PROBLEMS = {
  404: 'no such contract',
  409: 'CONTRACT_COVERAGE_OVERLAPS (each pair in errors), CONTRACT_TERMINATED, CONTRACT_OPEN_ENDED, READ_MODEL_BEHIND (retry)',
  422: 'CONTRACT_INVALID: every failing field (tier limit below free hours, dates, prices, SLA, schedule…)',
}

export function contractRoutes(kit: ApiKit, contracts: ContractService): ApiRouter {
  return kit
    .router('/contracts', 'contracts')
    .post(
      '/',
      {
        summary: 'Sign a contract',
        description:
          'With a customer or a fleet (a fleet’s contract covers only its vehicles in service): coverage (vehicles by equipment id, ' +
          'services by code), one price line per covered service (flat_monthly, hourly, tiered_hours, fixed_price, ' +
          'catalogue_discount) with its VAT rate, discounts, SLA per priority, service schedule. Money in minor units, time in minutes.',
        access: ['head_office'],
        body: SignContractBody,
        idempotent: true,
        response: { status: 201, description: 'the contract', schema: CONTRACT },
        problems: { ...CHANGE_PROBLEMS, 404: 'no such holder' },
      },
      async (req, res) => {
        const view = orProblem(await contracts.sign(principalOf(req), req.body, kit.requestMeta(req)))
        res.status(201).location(`/contracts/${view.contractId}`).json(view)
      },
    )
    .get(
      '/',
      {
        summary: 'Contracts',
        query: ContractListQuery,
        description: `Head office all (filter fleetId, customerId); a fleet’s people and a customer their own. Query: activeOn (date), ${PAGING_HELP}.`,
        access: READERS,
        response: {
          status: 200,
          description: 'contracts, newest first',
          schema: pageSchema('contractId, contractNumber, holder, validity, status, vehicles, services'),
        },
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await contracts.list(
              principalOf(req),
              {
                ...(q.fleetId ? { fleetId: q.fleetId } : {}),
                ...(q.customerId ? { customerId: q.customerId } : {}),
                ...(q.activeOn ? { activeOn: q.activeOn } : {}),
              },
              pagingOf(q),
            ),
          ),
        )
      },
    )
    .get(
      '/:contractId',
      {
        summary: 'One contract, and its terms as of a date',
        query: ContractQuery,
        description:
          'asOf (date): the terms in force that day, rebuilt from the events (null outside validity). knownAt (UTC instant): the ' +
          'contract as it was known then (later amendments left out).',
        access: READERS,
        response: { status: 200, description: 'the contract', schema: CONTRACT },
        problems: { 404: 'no such contract' },
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await contracts.get(principalOf(req), req.params.contractId, {
              ...(q.asOf ? { asOf: q.asOf } : {}),
              ...(q.knownAt ? { knownAt: q.knownAt } : {}),
            }),
          ),
        )
      },
    )
    .get(
      '/:contractId/due-services',
      {
        summary: 'Services the contract’s schedule makes due between two dates',
        query: DueQuery,
        description:
          'Query: from, to (dates, at most a year apart). Per vehicle and schedule, under the terms in force on each due date.',
        access: READERS,
        response: {
          status: 200,
          description: 'due services by date',
          schema: { type: 'array', items: { type: 'object' } },
        },
        problems: { 404: 'no such contract', 422: 'invalid period' },
      },
      async (req, res, q) => {
        res.json(orProblem(await contracts.dueServices(principalOf(req), req.params.contractId, q.from, q.to)))
      },
    )
    .post(
      '/:contractId/amendments',
      {
        summary: 'Amend the terms from the 1st of a month (not in the past)',
        access: ['head_office'],
        body: AmendBody,
        idempotent: true,
        response: { status: 201, description: 'the contract', schema: CONTRACT },
        problems: CHANGE_PROBLEMS,
      },
      async (req, res) => {
        const b = req.body
        res.status(201).json(
          orProblem(
            await contracts.change(
              principalOf(req),
              req.params.contractId,
              {
                kind: 'AmendContract',
                effectiveFrom: b.effectiveFrom,
                terms: b.terms,
                reason: b.reason,
                ...(b.amendmentId ? { amendmentId: b.amendmentId } : {}),
              },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:contractId/renewal',
      {
        summary: 'Renew: a later end (null: open-ended), optionally new terms from the day after the current end',
        access: ['head_office'],
        body: RenewBody,
        idempotent: true,
        response: { status: 200, description: 'the contract', schema: CONTRACT },
        problems: CHANGE_PROBLEMS,
      },
      async (req, res) => {
        res.json(
          orProblem(
            await contracts.change(
              principalOf(req),
              req.params.contractId,
              { kind: 'RenewContract', ...req.body },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:contractId/termination',
      {
        summary: 'Terminate early: lastDay is the last day of validity (never in the past)',
        access: ['head_office'],
        body: TerminateBody,
        idempotent: true,
        response: { status: 200, description: 'the contract', schema: CONTRACT },
        problems: CHANGE_PROBLEMS,
      },
      async (req, res) => {
        res.json(
          orProblem(
            await contracts.change(
              principalOf(req),
              req.params.contractId,
              { kind: 'TerminateContract', ...req.body },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
}
