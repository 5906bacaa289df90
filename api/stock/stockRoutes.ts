// A point's stock over HTTP: levels and the low-stock list (read models), deliveries, counts and
// minimum levels (the point's manager and head office), parts handed to technicians and brought
// back, and reservations for orders (the work-order policies make and release most of them).
// Parts that are not there answer 409 INSUFFICIENT_STOCK, naming what is available; nothing is
// appended.
import type { Request } from 'express'
import * as t from 'io-ts'
import type { StockQueries } from '../../application/stock/stockQueries.js'
import type { StockChange, StockService } from '../../application/stock/stockService.js'
import { EntityId } from '../../domain/access/fields.js'
import { Money } from '../../domain/shared/money.js'
import { AdjustmentReason, ReleaseReason, StockLine } from '../../domain/stock/events.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { tenantFromPath } from '../auth/tenantAccess.js'
import type { JsonSchema } from '../openapi/jsonSchema.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter, OperationSpec } from '../routing/apiRouter.js'
import { Flag, NOT_READY } from '../workOrders/queryFields.js'

export interface StockApiDeps {
  readonly stock: StockService
  readonly queries: StockQueries
}

const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const Nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null])
const opt = <P extends t.Props>(props: P) => t.partial(props)
const Lines = t.array(t.exact(StockLine))

const ReceiptBody = t.exact(
  t.intersection([
    t.type({
      lines: t.array(
        t.exact(t.intersection([t.type({ sku: t.string, quantity: t.number }), opt({ unitCost: Nullable(Money) })])),
      ),
    }),
    opt({ receiptId: EntityId, supplier: Nullable(t.string), documentRef: Nullable(t.string) }),
  ]),
)
const ReserveBody = t.exact(t.type({ workOrderId: EntityId, lines: Lines }))
const ReleaseBody = t.exact(opt({ lines: Nullable(Lines), reason: ReleaseReason }))
const IssueBody = t.exact(
  t.intersection([
    t.type({ technicianId: EntityId, lines: Lines }),
    opt({ issueId: EntityId, workOrderId: Nullable(EntityId) }),
  ]),
)
const ReturnBody = t.exact(
  t.intersection([
    t.type({ technicianId: EntityId, lines: Lines }),
    opt({ returnId: EntityId, workOrderId: Nullable(EntityId) }),
  ]),
)
const AdjustBody = t.exact(
  t.intersection([
    t.type({ sku: t.string, countedQuantity: t.number, reason: AdjustmentReason }),
    opt({ adjustmentId: EntityId, note: Nullable(t.string) }),
  ]),
)
const MinimumBody = t.exact(t.type({ minimum: t.number }))
const LevelsQuery = t.exact(opt({ live: Flag }))

const LevelsSchema: JsonSchema = {
  type: 'object',
  description: 'per sku: onHand, reserved, available, minimum (and low, shortBy in the read model)',
  properties: {
    pointId: { type: 'string' },
    items: { type: 'array' },
    source: { type: 'string', enum: ['external', 'own'] },
    external: { type: ['object', 'null'] },
  },
}
const AnswerSchema: JsonSchema = {
  type: 'object',
  description: 'the levels of the skus the change touched, and what the order holds when it was for an order',
  properties: { pointId: { type: 'string' }, levels: { type: 'array' }, heldByOrder: { type: 'array' } },
}
const PROBLEMS = {
  403: 'another point (TENANT_ACCESS_DENIED) or a role that may not (ROLE_NOT_ALLOWED)',
  404: 'no such point, order (WORK_ORDER_NOT_FOUND) or technician (STAFF_MEMBER_NOT_FOUND)',
  409: 'not enough in stock (INSUFFICIENT_STOCK: errors say what is available), a document booked already…',
  422: 'invalid input (STOCK_INVALID), goods not in the catalogue (UNKNOWN_GOODS)',
}

type Params = Record<string, string>

function stockRoutes(kit: ApiKit, deps: StockApiDeps): ApiRouter {
  const guard = [tenantFromPath({ pointId: 'pointId' })]
  const r = kit
    .router('/points', 'stock')
    .get(
      '/:pointId/stock',
      {
        summary: 'The point’s stock levels',
        query: LevelsQuery,
        description:
          'From the read model; live=true folds the point’s stock stream instead (exact as of now). With an external ' +
          'warehouse/accounting system configured (EXTERNAL_STOCK_URL), from that system: `source` says "external", or ' +
          '"own" with `external.answered` false and the reason when it could not answer (the point’s own stock then).',
        access: STAFF,
        guards: guard,
        response: { status: 200, description: 'levels per sku', schema: LevelsSchema },
        problems: { 503: NOT_READY },
      },
      async (req, res, q) => {
        const by = principalOf(req)
        if (q.live || deps.stock.hasExternal) {
          const answer = orProblem(await deps.stock.get(by, req.params.pointId))
          res.json({ pointId: answer.pointId, items: answer.levels, source: answer.source, external: answer.external })
        } else res.json(orProblem(await deps.queries.levels(by, req.params.pointId)))
      },
    )
    .get(
      '/:pointId/stock/low',
      {
        summary: 'The point’s low-stock list: available below the minimum level, largest shortfall first',
        access: STAFF,
        guards: guard,
        response: { status: 200, description: 'low skus', schema: LevelsSchema },
        problems: { 503: NOT_READY },
      },
      async (req, res) => {
        res.json(orProblem(await deps.queries.low(principalOf(req), req.params.pointId)))
      },
    )

  const change = <Body>(
    method: 'post' | 'put',
    path: string,
    spec: { summary: string; description?: string; body: t.Decoder<unknown, Body> },
    toChange: (body: Body, params: Params) => StockChange,
  ) => {
    const full: OperationSpec<Body> = {
      ...spec,
      access: STAFF,
      guards: guard,
      idempotent: true,
      response: { status: 200, description: 'levels after the change', schema: AnswerSchema },
      problems: PROBLEMS,
    }
    r[method](path, full, async (req: Request, res) => {
      const params = req.params as Params
      res.json(
        orProblem(
          await deps.stock.change(
            principalOf(req),
            params.pointId as string,
            toChange(req.body as Body, params),
            kit.requestMeta(req),
          ),
        ),
      )
    })
  }
  change(
    'post',
    '/:pointId/stock/receipts',
    { summary: 'Book a delivery (manager, point account, head office)', body: ReceiptBody },
    (b) => ({ kind: 'Receive', ...b }),
  )
  change(
    'post',
    '/:pointId/stock/reservations',
    { summary: 'Hold parts for an order (all or nothing)', body: ReserveBody },
    (b) => ({ kind: 'Reserve', workOrderId: b.workOrderId, lines: b.lines }),
  )
  change(
    'post',
    '/:pointId/stock/reservations/:workOrderId/release',
    { summary: 'Free parts held for an order (lines left out: everything it holds)', body: ReleaseBody },
    (b, p) => ({ kind: 'Release', workOrderId: p.workOrderId as string, ...b }),
  )
  change(
    'post',
    '/:pointId/stock/issues',
    {
      summary: 'Hand parts to a technician (from the order’s reservation first, then free stock)',
      body: IssueBody,
    },
    (b) => ({ kind: 'Issue', ...b }),
  )
  change('post', '/:pointId/stock/returns', { summary: 'Unused parts back on the shelf', body: ReturnBody }, (b) => ({
    kind: 'Return',
    ...b,
  }))
  change(
    'post',
    '/:pointId/stock/adjustments',
    { summary: 'Record a count (stocktake, damage, loss): the difference is booked', body: AdjustBody },
    (b) => ({ kind: 'Adjust', ...b }),
  )
  change(
    'put',
    '/:pointId/stock/minimums/:sku',
    { summary: 'Set the minimum level of a sku (0: never low)', body: MinimumBody },
    (b, p) => ({ kind: 'SetMinimum', sku: p.sku as string, minimum: b.minimum }),
  )
  return r
}

export function stockModule(deps: StockApiDeps): ApiModule {
  return (kit) => stockRoutes(kit, deps)
}
