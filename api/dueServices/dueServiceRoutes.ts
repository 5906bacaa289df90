// Due services and proposed visits over HTTP.
//   - GET  /due-services/equipment/{equipmentId}            what falls due (owner, fleet, registering point, head office)
//   - POST /due-services/equipment/{equipmentId}/proposals  propose a visit for one due item
//   - GET  /visit-proposals/{id}, /slots, POST /accept      with an account (holder, the point's staff, head office)
//   - GET  /visit-proposals/{id}/link, /link/slots, POST /link/accept   with the link's code, no login
// The link's code travels in the X-Access-Code header (GET) or the body (POST), never in the URL.
// A taken time answers 409 with `alternatives` (3 free slots before and after), as booking does.

import type { Request } from 'express'
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { DueServiceDesk } from '../../application/dueServices/dueServiceDesk.js'
import type {
  Answerer,
  ProposalError,
  VisitProposalService,
} from '../../application/dueServices/visitProposalService.js'
import { EntityId } from '../../domain/access/fields.js'
import { DUE_KINDS } from '../../domain/due-service/dueItems.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { accessCodeOf } from '../auth/accessCodeHeader.js'
import { SlotProblem } from '../booking/bookingRoutes.js'
import { objectSchema } from '../customers/queryFields.js'
import { orProblem, problemFromDomainError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'

export interface DueServiceApiDeps {
  readonly desk: DueServiceDesk
  readonly proposals: VisitProposalService
}

const DueKindBody = t.keyof(
  Object.fromEntries(DUE_KINDS.map((k) => [k, null])) as Record<(typeof DUE_KINDS)[number], null>,
)

const ProposeBody = t.exact(
  t.intersection([t.type({ kind: DueKindBody, ref: t.string, dueDate: t.string }), t.partial({ pointId: EntityId })]),
)
const AcceptBody = t.exact(t.partial({ start: t.string }))
const LinkAcceptBody = t.exact(t.intersection([t.type({ code: t.string }), t.partial({ start: t.string })]))
const SlotsQuery = t.exact(t.type({ date: t.string }))

const ProposalSchema = objectSchema(
  'proposalId, status (proposed | accepted | expired), due {equipmentId, kind, ref, dueDate}, holder, point {pointId, name, address, timeZone}, slot {start, end, localDate, localTime}, services, vehicle, proposedAt, expiresAt, accepted {bookingId, slot, moved, channel, at} | null',
)

const PROPOSAL_PROBLEMS = {
  403: 'not yours (TENANT_ACCESS_DENIED), or the link’s code does not open it (ACCESS_CODE_INVALID)',
  404: 'no such proposal (PROPOSAL_NOT_FOUND)',
}
const ACCEPT_PROBLEMS = {
  ...PROPOSAL_PROBLEMS,
  409:
    'accepted already (PROPOSAL_ALREADY_ACCEPTED), expired (PROPOSAL_EXPIRED), or the time was taken meanwhile (SLOT_TAKEN…): ' +
    '`alternatives` has the 3 nearest free slots before and after it',
  422: 'a start in the past or malformed',
}

function orProposalProblem<T>(answer: { _tag: 'Left'; left: ProposalError } | { _tag: 'Right'; right: T }): T {
  if (isLeft(answer) && answer.left.alternatives)
    throw new SlotProblem(problemFromDomainError(answer.left), answer.left.alternatives)
  return orProblem(answer)
}

function dueRoutes(kit: ApiKit, deps: DueServiceApiDeps): ApiRouter {
  return kit
    .router('/due-services', 'due services')
    .get(
      '/equipment/:equipmentId',
      {
        summary: 'What falls due for a vehicle',
        description:
          'Inspection, warranty and insurance ends, predicted tyre replacement (legal 1.6 mm or the recommended minimum), open ' +
          'recommendations from declined estimate lines, and the next occurrences of contract schedules, each with its reminder ' +
          'job id. Its customer, its fleet’s people, the point that registered it, head office.',
        access: 'authenticated',
        response: { status: 200, description: 'the due items', schema: objectSchema('equipmentId, asOf, items') },
        problems: { 403: 'not yours to see', 404: 'no such equipment (EQUIPMENT_NOT_FOUND)' },
      },
      async (req, res) => {
        res.json(orProblem(await deps.desk.dueFor(principalOf(req), req.params.equipmentId, kit.now().toISOString())))
      },
    )
    .post(
      '/equipment/:equipmentId/proposals',
      {
        summary: 'Propose a visit for one due item',
        description:
          'A free slot at the usual point (the vehicle’s last visit, else the nearest to its plate’s region) or at `pointId` (staff: ' +
          'their own point), near a week before the due date. Answers the proposal and its link’s code, shown only here.',
        access: 'authenticated',
        body: ProposeBody,
        idempotent: true,
        response: {
          status: 201,
          description: 'the proposal and its access code',
          schema: objectSchema('proposal, accessCode'),
        },
        problems: {
          403: 'not yours, or another point than the staff member’s',
          404: 'no such equipment, or nothing of that kind due on that date (DUE_ITEM_NOT_FOUND)',
          409: 'no visit possible (NO_VISIT_POSSIBLE: no plate, no point, no free slot, a kind without visit)',
        },
      },
      async (req, res) => {
        const made = orProposalProblem(
          await deps.desk.propose(principalOf(req), req.params.equipmentId, req.body, kit.requestMeta(req)),
        )
        res.status(201).location(`/visit-proposals/${made.proposal.proposalId}`).json(made)
      },
    )
}

function proposalRoutes(kit: ApiKit, deps: DueServiceApiDeps): ApiRouter {
  const { proposals } = deps
  const account = (req: Request): Answerer => ({ principal: principalOf(req) })
  return kit
    .router('/visit-proposals', 'due services')
    .get(
      '/:proposalId',
      {
        summary: 'A proposed visit',
        description: 'Its customer or fleet, the staff of its point, head office.',
        access: 'authenticated',
        response: { status: 200, description: 'the proposal', schema: ProposalSchema },
        problems: PROPOSAL_PROBLEMS,
      },
      async (req, res) => {
        res.json(orProblem(await proposals.view(req.params.proposalId, account(req), kit.now().toISOString())))
      },
    )
    .get(
      '/:proposalId/slots',
      {
        summary: 'Free slots at the proposal’s point on a date, to move the visit',
        query: SlotsQuery,
        access: 'authenticated',
        response: { status: 200, description: 'free slots', schema: objectSchema('the slot search’s answer') },
        problems: { ...PROPOSAL_PROBLEMS, 422: 'a malformed date' },
      },
      async (req, res, q) => {
        res.json(orProblem(await proposals.slots(req.params.proposalId, account(req), q.date, kit.requestMeta(req))))
      },
    )
    .post(
      '/:proposalId/accept',
      {
        summary: 'Accept a proposed visit (its slot, or another `start`): books it',
        access: 'authenticated',
        body: AcceptBody,
        idempotent: true,
        response: { status: 200, description: 'the accepted proposal with its booking', schema: ProposalSchema },
        problems: ACCEPT_PROBLEMS,
      },
      async (req, res) => {
        res.json(
          orProposalProblem(
            await proposals.accept(req.params.proposalId, account(req), req.body, kit.requestMeta(req)),
          ),
        )
      },
    )
    .get(
      '/:proposalId/link',
      {
        summary: 'The proposed visit behind the reminder’s link (its code in X-Access-Code)',
        access: 'public',
        response: { status: 200, description: 'the proposal', schema: ProposalSchema },
        problems: { 400: 'no code sent', ...PROPOSAL_PROBLEMS },
      },
      async (req, res) => {
        res.json(
          orProblem(await proposals.view(req.params.proposalId, { code: accessCodeOf(req) }, kit.now().toISOString())),
        )
      },
    )
    .get(
      '/:proposalId/link/slots',
      {
        summary: 'Free slots on a date for the visit behind the link (its code in X-Access-Code)',
        query: SlotsQuery,
        access: 'public',
        response: { status: 200, description: 'free slots', schema: objectSchema('the slot search’s answer') },
        problems: { 400: 'no code sent', ...PROPOSAL_PROBLEMS, 422: 'a malformed date' },
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await proposals.slots(req.params.proposalId, { code: accessCodeOf(req) }, q.date, kit.requestMeta(req)),
          ),
        )
      },
    )
    .post(
      '/:proposalId/link/accept',
      {
        summary:
          'Accept the visit with one click from the reminder (the link’s code in the body), or at another `start`',
        description:
          'No login. Books the slot for the proposal’s customer or fleet and records who accepted through which channel.',
        access: 'public',
        body: LinkAcceptBody,
        idempotent: true,
        response: { status: 200, description: 'the accepted proposal with its booking', schema: ProposalSchema },
        problems: ACCEPT_PROBLEMS,
      },
      async (req, res) => {
        const { code, ...input } = req.body
        res.json(
          orProposalProblem(await proposals.accept(req.params.proposalId, { code }, input, kit.requestMeta(req))),
        )
      },
    )
}

export function dueServiceModule(deps: DueServiceApiDeps): ApiModule {
  return (kit) => [dueRoutes(kit, deps), proposalRoutes(kit, deps)]
}
