// The customer's pages without a login: an order's status by its tracking code (and, once the
// vehicle is back, a 1–6 star rating with the same code), and its estimate by the code sent with
// the approval link, answered line by line.
//
// The code travels in the X-Access-Code header (GET) or the body (POST), never in the URL: URLs end
// up in logs and browser histories. Wrong codes count against the order; after too many it is
// locked for a while (429 ACCESS_LOCKED with Retry-After), every try recorded as an event.
// A wrong code and an unknown order answer the same 403, so the page reveals no order ids.
import * as t from 'io-ts'
import type { ServiceRatingService } from '../../application/workOrders/serviceRating.js'
import type { TrackingError, TrackingService } from '../../application/workOrders/trackingService.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { accessCodeOf } from '../auth/accessCodeHeader.js'
import type { JsonSchema } from '../openapi/jsonSchema.js'
import { orProblem, ProblemError, problemFromDomainError } from '../problem.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import { Decisions } from '../workOrders/workOrderBodies.js'

export interface TrackingApiDeps {
  readonly tracking: TrackingService
  /** Ratings of finished orders: GET answers include the rating, POST …/rating records one. */
  readonly ratings?: ServiceRatingService
}

const DecideBody = t.exact(
  t.type({ code: t.string, revision: t.number, decidedByName: t.string, decisions: Decisions }),
)

const RateBody = t.exact(
  t.intersection([t.type({ code: t.string, stars: t.number }), t.partial({ comment: t.union([t.string, t.null]) })]),
)

const TrackingSchema: JsonSchema = {
  type: 'object',
  description:
    'status (with its text in pl and en), equipment label, opened/promised/ready dates, whether an estimate waits for an answer, the history meant for the customer, and the customer’s rating once given',
  properties: {
    workOrderId: { type: 'string' },
    status: { type: 'string' },
    statusText: { type: 'object' },
    history: { type: 'array' },
    rating: { type: ['object', 'null'] },
  },
}
const EstimateSchema: JsonSchema = {
  type: 'object',
  description:
    'the estimate as sent: lines with net, VAT and gross and their decisions, totals, revision, whether it is still open',
  properties: {
    revision: { type: 'integer' },
    open: { type: 'boolean' },
    lines: { type: 'array' },
    totals: { type: 'object' },
  },
}

const CODE_PROBLEMS = {
  400: 'no code sent',
  403: 'the code does not open the order (ACCESS_CODE_INVALID) or has expired (ACCESS_CODE_EXPIRED)',
  429: 'too many wrong codes (ACCESS_LOCKED): Retry-After says when to try again',
}

/** The value, or the refusal as a problem: a lock is 429 with Retry-After. */
function orTrackingProblem<T>(
  answer: { _tag: 'Left'; left: TrackingError } | { _tag: 'Right'; right: T },
  now: Date,
): T {
  if (answer._tag === 'Right') return answer.right
  const error = answer.left
  if (error.code === 'ACCESS_LOCKED' && error.lockedUntil) {
    const seconds = Math.max(1, Math.ceil((Date.parse(error.lockedUntil) - now.getTime()) / 1000))
    throw new ProblemError({
      status: 429,
      code: error.code,
      detail: error.message,
      headers: { 'Retry-After': String(seconds) },
    })
  }
  throw problemFromDomainError(error)
}

function trackingRoutes(kit: ApiKit, deps: TrackingApiDeps): ApiRouter {
  return kit
    .router('/tracking', 'tracking')
    .get(
      '/:workOrderId',
      {
        summary: 'The order’s status page (tracking code in X-Access-Code)',
        description: 'Status and the history meant for the customer: no prices, no staff, no internal notes. No login.',
        access: 'public',
        response: { status: 200, description: 'the status', schema: TrackingSchema },
        problems: CODE_PROBLEMS,
      },
      async (req, res) => {
        const view = orTrackingProblem(
          await deps.tracking.track(req.params.workOrderId, accessCodeOf(req), kit.requestMeta(req)),
          kit.now(),
        )
        res.json({ ...view, rating: deps.ratings ? await deps.ratings.of(view.workOrderId) : null })
      },
    )
    .get(
      '/:workOrderId/estimate',
      {
        summary:
          'The estimate behind the approval link (its code in X-Access-Code, or the message’s signed link ?token=)',
        access: 'public',
        response: { status: 200, description: 'the estimate', schema: EstimateSchema },
        problems: CODE_PROBLEMS,
      },
      async (req, res) => {
        res.json(
          orTrackingProblem(
            await deps.tracking.estimate(req.params.workOrderId, accessCodeOf(req), kit.requestMeta(req)),
            kit.now(),
          ),
        )
      },
    )
    .post(
      '/:workOrderId/rating',
      {
        summary: 'Rate the service 1–6 stars, with an optional comment (the tracking code in the body)',
        description:
          'Once the vehicle is back with the customer (handed over, returned unrepaired, beyond repair); once per order ' +
          '(the same rating sent again answers as before). Recorded as ServiceRated on servicerating-<workOrderId>. No login.',
        access: 'public',
        body: RateBody,
        idempotent: true,
        response: { status: 200, description: 'the status page with the rating', schema: TrackingSchema },
        problems: {
          ...CODE_PROBLEMS,
          409: 'not handed back yet (WORK_ORDER_NOT_RATEABLE) or rated already (WORK_ORDER_RATED)',
          422: 'stars not a whole number from 1 to 6, or a comment over 1000 characters (RATING_INVALID)',
        },
      },
      async (req, res) => {
        const { code, stars, comment } = req.body
        const meta = kit.requestMeta(req)
        // The code is checked (and a wrong one counted) exactly as on the status page.
        const view = orTrackingProblem(await deps.tracking.track(req.params.workOrderId, code, meta), kit.now())
        if (!deps.ratings) throw new ProblemError({ status: 404, code: 'ROUTE_NOT_FOUND', detail: 'ratings are off' })
        const rating = orProblem(await deps.ratings.rate(view, { stars, comment: comment ?? null }, meta))
        res.json({ ...view, rating })
      },
    )
    .post(
      '/:workOrderId/estimate/decisions',
      {
        summary: 'Approve or decline estimate lines through the link (some lines or all)',
        description:
          'Body: the link’s code, the revision shown, the name of who decides, and a decision per line. Recorded with the name, ' +
          'the channel (link) and the time. Declined lines stay on the vehicle as recommendations for its next visit.',
        access: 'public',
        body: DecideBody,
        idempotent: true,
        response: { status: 200, description: 'the estimate after the answer', schema: EstimateSchema },
        problems: {
          ...CODE_PROBLEMS,
          409: 'rejected already (ESTIMATE_REJECTED), decided already, an older revision (ESTIMATE_REVISION_STALE), a line answered before',
          422: 'invalid answer (WORK_ORDER_INVALID)',
        },
      },
      async (req, res) => {
        const { code, ...input } = req.body
        res.json(
          orTrackingProblem(
            await deps.tracking.decide(req.params.workOrderId, code, input, kit.requestMeta(req)),
            kit.now(),
          ),
        )
      },
    )
}

export function trackingModule(deps: TrackingApiDeps): ApiModule {
  return (kit) => trackingRoutes(kit, deps)
}
