// Work orders over HTTP: opening at intake, every step up to handover, the estimate sent with an
// access code and answered from an account, technicians and labour, the point's board and overdue
// alerts, and the photo uploads orders refer to.
//
// Roles: a point's people (and head office) run orders; the services check the tenant on every
// call (another point's order answers 403 TENANT_ACCESS_DENIED), and customers and fleets see
// their own orders and answer their estimates. Steps the lifecycle forbids answer 409 with the
// domain's code (WORK_ORDER_NOT_READY, ESTIMATE_REJECTED…) and append nothing.
import express, { type Request } from 'express'
import * as t from 'io-ts'
import type { FileService } from '../../application/workOrders/fileService.js'
import { MAX_UPLOAD_BYTES, UPLOAD_TYPES } from '../../application/workOrders/fileService.js'
import type { OrderChange } from '../../application/workOrders/orderChanges.js'
import type { TrackingService } from '../../application/workOrders/trackingService.js'
import type { WorkOrderQueries } from '../../application/workOrders/workOrderQueries.js'
import type { WorkOrderService } from '../../application/workOrders/workOrderService.js'
import { EntityId } from '../../domain/access/fields.js'
import { WorkOrderStatus } from '../../domain/work-order/events.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { tenantFromPath } from '../auth/tenantAccess.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter, OperationSpec } from '../routing/apiRouter.js'
import { listFromQuery } from '../serviceNetwork/queryCodecs.js'
import { Flag, NOT_READY, PAGING_HELP, Paging, pagingOf } from './queryFields.js'
import {
  BoardSchema,
  CarryBody,
  ChangeSchema,
  ChecklistBody,
  ChecklistResultsBody,
  ClockInBody,
  CustomStatusBody,
  DecisionBody,
  ExternalRepairBody,
  ExternalReturnBody,
  FileSchema,
  HandoverBody,
  LineBody,
  LogEntryBody,
  OpenedSchema,
  OpenWorkOrderBody,
  OrderListSchema,
  OrderSchema,
  PhotosBody,
  ProblemBody,
  PromisedDateBody,
  ReadyBody,
  ReasonBody,
  ReturnUnrepairedBody,
  ReworkBody,
  SendEstimateBody,
  SentSchema,
  SignBody,
  SuggestionsSchema,
  TechnicianBody,
} from './workOrderBodies.js'

export interface WorkOrderApiDeps {
  readonly workOrders: WorkOrderService
  readonly queries: WorkOrderQueries
  readonly tracking: TrackingService
  readonly files: FileService | null
}

const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const ORDER = {
  403: 'another point’s order (TENANT_ACCESS_DENIED) or a role that does not run orders',
  404: 'no such order (WORK_ORDER_NOT_FOUND)',
}
const STEP_PROBLEMS = {
  ...ORDER,
  409: 'the order’s lifecycle forbids the step (e.g. WORK_ORDER_NOT_READY, WORK_ORDER_CLOSED, ESTIMATE_LOCKED)',
  422: 'invalid input (WORK_ORDER_INVALID lists every field)',
}

const ListQuery = t.exact(
  t.partial({
    pointId: EntityId,
    status: WorkOrderStatus,
    equipmentId: EntityId,
    customerId: EntityId,
    fleetId: EntityId,
    open: Flag,
    ...Paging,
  }),
)
const SuggestionQuery = t.exact(t.partial({ skills: listFromQuery(t.string, 'SkillList') }))

type Params = Record<string, string>

/** A step on an order: decode the body, turn it into an OrderChange, run it, answer the order and the policies' notes. */
function step<Body>(
  router: ApiRouter,
  deps: WorkOrderApiDeps,
  kit: ApiKit,
  method: 'post' | 'put' | 'delete',
  path: string,
  spec: Omit<OperationSpec<Body>, 'access' | 'response' | 'problems' | 'idempotent'> & {
    readonly problems?: Readonly<Record<number, string>>
  },
  change: (body: Body, params: Params) => OrderChange,
): ApiRouter {
  const full: OperationSpec<Body> = {
    ...spec,
    access: STAFF,
    idempotent: true,
    response: { status: 200, description: 'the order after the step, and what the policies did', schema: ChangeSchema },
    problems: { ...STEP_PROBLEMS, ...spec.problems },
  }
  const handler = async (req: Request, res: express.Response) => {
    const params = req.params as Params
    res.json(
      orProblem(
        await deps.workOrders.change(
          principalOf(req),
          params.workOrderId as string,
          change(req.body as Body, params),
          kit.requestMeta(req),
        ),
      ),
    )
  }
  if (method === 'delete') return router.delete(path, full as OperationSpec<undefined>, handler)
  return router[method](path, full, handler)
}

function orderRoutes(kit: ApiKit, deps: WorkOrderApiDeps): ApiRouter {
  const r = kit
    .router('/work-orders', 'work orders')
    .get(
      '/',
      {
        summary: 'Orders the caller may see, newest first',
        query: ListQuery,
        description:
          'Head office: every order (filter by pointId, customerId, fleetId); a point’s staff: their point’s; a customer: his own; ' +
          `a fleet’s people: the fleet’s. Query: pointId, status, equipmentId, customerId, fleetId, open (true: not yet closed), ${PAGING_HELP}.`,
        access: 'authenticated',
        response: { status: 200, description: 'a page of orders', schema: OrderListSchema },
        problems: { 503: NOT_READY },
      },
      async (req, res, q) => {
        res.json(
          await deps.queries.list(
            principalOf(req),
            {
              ...(q.pointId !== undefined ? { pointId: q.pointId } : {}),
              ...(q.status !== undefined ? { status: q.status } : {}),
              ...(q.equipmentId !== undefined ? { equipmentId: q.equipmentId } : {}),
              ...(q.customerId !== undefined ? { customerId: q.customerId } : {}),
              ...(q.fleetId !== undefined ? { fleetId: q.fleetId } : {}),
              ...(q.open !== undefined ? { openOnly: q.open } : {}),
            },
            pagingOf(q),
          ),
        )
      },
    )
    .post(
      '/',
      {
        summary: 'Open an order at intake',
        description:
          'The equipment must be registered (POST /equipment); the customer defaults to its owner. The intake protocol: condition, ' +
          'accessories, mileage, the customer’s description, photos (uploaded first: POST /files) and the signature if signed at the ' +
          'desk. startDiagnosis: true starts diagnosis with the equipment type’s checklist; technicianId assigns a technician. ' +
          'The answer holds the tracking code for the customer’s status page, shown only here (the log keeps its hash). ' +
          'The equipment goes "in service" and the intake mileage is recorded on it (policies).',
        access: STAFF,
        body: OpenWorkOrderBody,
        idempotent: true,
        response: { status: 201, description: 'the new order and its tracking code', schema: OpenedSchema },
        problems: {
          403: 'another point (TENANT_ACCESS_DENIED)',
          404: 'no such equipment (EQUIPMENT_NOT_FOUND) or point',
          409: 'scrapped equipment, a mileage below the last reading…',
          422: 'invalid intake (WORK_ORDER_INVALID), a photo not uploaded (FILE_NOT_UPLOADED)',
        },
      },
      async (req, res) => {
        const opened = orProblem(await deps.workOrders.open(principalOf(req), req.body, kit.requestMeta(req)))
        res.status(201).location(`/work-orders/${opened.order.workOrderId}`).json(opened)
      },
    )
    .get(
      '/:workOrderId',
      {
        summary: 'One order',
        description:
          'Its point’s staff and head office see everything (but the hashes of its access codes); its customer or fleet sees it ' +
          'without the internal log, technicians and labour clock.',
        access: 'authenticated',
        response: { status: 200, description: 'the order', schema: OrderSchema },
        problems: { 403: 'not yours to see (TENANT_ACCESS_DENIED)', 404: 'no such order' },
      },
      async (req, res) => {
        res.json(
          orProblem(await deps.workOrders.get(principalOf(req), req.params.workOrderId, kit.now().toISOString())),
        )
      },
    )
    .post(
      '/:workOrderId/rework',
      {
        summary: 'Open a comeback (rework) order for a handed-over order',
        description:
          'A new order for the same equipment, linked to the one it redoes (the link is recorded on the original too). ' +
          'pointId defaults to the original’s point. Its repair may start from diagnosis without a new approval.',
        access: STAFF,
        body: ReworkBody,
        idempotent: true,
        response: { status: 201, description: 'the rework order and its tracking code', schema: OpenedSchema },
        problems: { ...ORDER, 409: 'the original is not handed over (REWORK_OF_UNFINISHED_ORDER)' },
      },
      async (req, res) => {
        const by = principalOf(req)
        const original = orProblem(await deps.workOrders.get(by, req.params.workOrderId, kit.now().toISOString()))
        const opened = orProblem(
          await deps.workOrders.open(
            by,
            {
              pointId: req.body.pointId ?? original.pointId,
              equipmentId: original.equipment?.equipmentId ?? '',
              intake: req.body.intake,
              promisedAt: req.body.promisedAt ?? null,
              reworkOf: { workOrderId: req.params.workOrderId, reason: req.body.reason },
              ...(req.body.startDiagnosis !== undefined ? { startDiagnosis: req.body.startDiagnosis } : {}),
              ...(original.customer
                ? {
                    customer: {
                      customerId: original.customer.customerId,
                      fleetId: original.customer.fleetId,
                      name: original.customer.name,
                      phone: original.customer.phone,
                      email: original.customer.email,
                    },
                  }
                : {}),
            },
            kit.requestMeta(req),
          ),
        )
        res.status(201).location(`/work-orders/${opened.order.workOrderId}`).json(opened)
      },
    )
    .get(
      '/:workOrderId/technician-suggestions',
      {
        summary: 'The point’s technicians ranked for this order',
        query: SuggestionQuery,
        description:
          'By the skills its catalogue services need (or skills=a,b), then by open work already assigned, for those on shift now.',
        access: STAFF,
        response: { status: 200, description: 'the ranking', schema: SuggestionsSchema },
        problems: ORDER,
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await deps.workOrders.suggestTechnicians(
              principalOf(req),
              req.params.workOrderId,
              q.skills,
              kit.now().toISOString(),
            ),
          ),
        )
      },
    )
    .post(
      '/:workOrderId/estimate/send',
      {
        summary: 'Send the estimate to the customer',
        description:
          'Generates the approval link’s access code, valid for a week, shown only in this answer (and handed to the notifier ' +
          'when one is configured); the log keeps its hash. The customer answers line by line at POST /tracking/{workOrderId}/estimate/decisions.',
        access: STAFF,
        body: SendEstimateBody,
        idempotent: true,
        response: { status: 200, description: 'the order and the access code', schema: SentSchema },
        problems: { ...STEP_PROBLEMS, 409: 'already with the customer (ESTIMATE_ALREADY_SENT), nothing to approve…' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await deps.workOrders.sendEstimate(
              principalOf(req),
              req.params.workOrderId,
              req.body,
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:workOrderId/estimate/decisions',
      {
        summary: 'Record the customer’s answer to the estimate, some lines or all',
        description:
          'The order’s customer or fleet answers from the account (channel portal); staff record an answer given by phone, in ' +
          'person or by e-mail (channel). When no line is pending the order moves on (approved, partially approved, rejected), ' +
          'approved parts are reserved from the point’s stock, and declined lines stay on the equipment as recommendations.',
        access: 'authenticated',
        body: DecisionBody,
        idempotent: true,
        response: { status: 200, description: 'the order and what the policies did', schema: ChangeSchema },
        problems: {
          ...STEP_PROBLEMS,
          409: 'not sent, rejected (ESTIMATE_REJECTED), already decided, an older revision (ESTIMATE_REVISION_STALE)…',
        },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await deps.workOrders.decide(principalOf(req), req.params.workOrderId, req.body, kit.requestMeta(req)),
          ),
        )
      },
    )
    .post(
      '/:workOrderId/parts/reserve',
      {
        summary: 'Reserve the approved parts again (e.g. after a delivery)',
        description: 'Reserves what the approved part lines need beyond what the order already holds; all or nothing.',
        access: STAFF,
        idempotent: true,
        response: { status: 200, description: 'the order and the reservation’s outcome', schema: ChangeSchema },
        problems: ORDER,
      },
      async (req, res) => {
        res.json(
          orProblem(await deps.workOrders.reserveParts(principalOf(req), req.params.workOrderId, kit.requestMeta(req))),
        )
      },
    )
    .post(
      '/:workOrderId/access/unlock',
      {
        summary: 'Lift the lock on the order’s access codes',
        description:
          'After too many wrong codes the order’s tracking and estimate codes are locked for a while; staff may lift it early.',
        access: STAFF,
        response: {
          status: 200,
          description: 'unlocked',
          schema: { type: 'object', properties: { lockedUntil: { type: 'null' } } },
        },
        problems: ORDER,
      },
      async (req, res) => {
        res.json(orProblem(await deps.tracking.unlock(principalOf(req), req.params.workOrderId, kit.requestMeta(req))))
      },
    )

  const s = <Body>(
    method: 'post' | 'put' | 'delete',
    path: string,
    spec: Parameters<typeof step<Body>>[5],
    change: (body: Body, params: Params) => OrderChange,
  ) => step(r, deps, kit, method, path, spec, change)

  s('post', '/:workOrderId/intake/signature', { summary: 'Sign the intake protocol', body: SignBody }, (b) => ({
    kind: 'SignIntake',
    ...b,
  }))
  s('post', '/:workOrderId/diagnosis', { summary: 'Start diagnosis' }, () => ({ kind: 'StartDiagnosis' }))
  s(
    'post',
    '/:workOrderId/checklists',
    {
      summary: 'Put a checklist of the equipment type on the order (the type’s first when none is named)',
      body: ChecklistBody,
    },
    (b) => ({ kind: 'AssignChecklist', ...b }),
  )
  s(
    'post',
    '/:workOrderId/checklists/:checklistId/results',
    {
      summary: 'Record checklist results (ok, attention, fail; notes, photos, measurements)',
      body: ChecklistResultsBody,
    },
    (b, p) => ({ kind: 'RecordChecklistResults', checklistId: p.checklistId as string, results: b.results }),
  )
  s(
    'post',
    '/:workOrderId/problems',
    { summary: 'Record a defect (from the type’s defect catalogue) with its cause', body: ProblemBody },
    (b) => ({ kind: 'RecordProblem', ...b }),
  )
  s('post', '/:workOrderId/problems/:problemId/withdraw', { summary: 'Withdraw a recorded problem' }, (_b, p) => ({
    kind: 'WithdrawProblem',
    problemId: p.problemId as string,
  }))
  s(
    'post',
    '/:workOrderId/estimate/lines',
    {
      summary: 'Add an estimate line priced from the catalogue',
      description:
        'kind service (a catalogue service: labour at its price), goods (a catalogue sku × quantity) or labour (minutes at the ' +
        'network’s hourly rate). Prices come from the catalogue, never from the request.',
      body: LineBody,
      problems: { 422: 'unknown service or goods (UNKNOWN_SERVICE, UNKNOWN_GOODS), invalid line' },
    },
    (b) => ({ kind: 'AddLine', line: b }),
  )
  s('put', '/:workOrderId/estimate/lines/:lineId', { summary: 'Change an estimate line', body: LineBody }, (b, p) => ({
    kind: 'ChangeLine',
    lineId: p.lineId as string,
    line: b,
  }))
  s('delete', '/:workOrderId/estimate/lines/:lineId', { summary: 'Remove an estimate line' }, (_b, p) => ({
    kind: 'RemoveLine',
    lineId: p.lineId as string,
  }))
  s(
    'post',
    '/:workOrderId/estimate/photos',
    { summary: 'Attach inspection photos to the estimate', body: PhotosBody },
    (b) => ({
      kind: 'AttachEstimatePhotos',
      photos: b.photos,
    }),
  )
  s(
    'post',
    '/:workOrderId/estimate/recommendations',
    {
      summary: 'Offer the equipment’s open recommendations (declined at earlier visits) as lines, priced as of today',
      body: CarryBody,
    },
    (b) => ({ kind: 'CarryRecommendations', ...b }),
  )
  s(
    'post',
    '/:workOrderId/estimate/reopen',
    { summary: 'Reopen the estimate for a new revision', body: ReasonBody },
    (b) => ({
      kind: 'ReopenEstimate',
      reason: b.reason,
    }),
  )
  s('post', '/:workOrderId/repair', { summary: 'Start the repair (after approval)' }, () => ({ kind: 'StartRepair' }))
  s(
    'post',
    '/:workOrderId/external-repair',
    { summary: 'Send the item to an external repairer', body: ExternalRepairBody },
    (b) => ({ kind: 'SendToExternalRepairer', ...b }),
  )
  s(
    'post',
    '/:workOrderId/external-repair/return',
    { summary: 'The item came back from the external repairer', body: ExternalReturnBody },
    (b) => ({ kind: 'ReceiveFromExternalRepairer', ...b }),
  )
  s(
    'post',
    '/:workOrderId/ready',
    { summary: 'The item is ready for pickup (the customer is told)', body: ReadyBody },
    (b) => ({
      kind: 'MarkReady',
      ...b,
    }),
  )
  s(
    'post',
    '/:workOrderId/handover',
    {
      summary: 'Hand the item over (handover protocol)',
      description: 'Only a ready order. The equipment goes back to the customer, unused reserved parts are released.',
      body: HandoverBody,
      problems: { 409: 'the order is not ready (WORK_ORDER_NOT_READY) or closed' },
    },
    (b) => ({ kind: 'HandOver', ...b }),
  )
  s(
    'post',
    '/:workOrderId/return-unrepaired',
    { summary: 'Return the item unrepaired (return protocol)', body: ReturnUnrepairedBody },
    (b) => ({ kind: 'ReturnUnrepaired', ...b }),
  )
  s('post', '/:workOrderId/irreparable', { summary: 'Declare the item irreparable', body: ReasonBody }, (b) => ({
    kind: 'DeclareIrreparable',
    reason: b.reason,
  }))
  s(
    'post',
    '/:workOrderId/cancel',
    { summary: 'Cancel the order (reserved parts are released)', body: ReasonBody },
    (b) => ({ kind: 'Cancel', reason: b.reason }),
  )
  s(
    'post',
    '/:workOrderId/custom-status',
    {
      summary: 'Enter one of the point’s own statuses (e.g. waiting_for_parts)',
      body: CustomStatusBody,
      problems: { 422: 'not a status of this point (UNKNOWN_CUSTOM_STATUS)' },
    },
    (b) => ({ kind: 'EnterCustomStatus', ...b }),
  )
  s('post', '/:workOrderId/custom-status/leave', { summary: 'Leave the point’s own status' }, () => ({
    kind: 'LeaveCustomStatus',
  }))
  s(
    'post',
    '/:workOrderId/technicians',
    { summary: 'Assign a technician of the point', body: TechnicianBody },
    (b) => ({ kind: 'AssignTechnician', technicianId: b.technicianId }),
  )
  s('delete', '/:workOrderId/technicians/:technicianId', { summary: 'Unassign a technician' }, (_b, p) => ({
    kind: 'UnassignTechnician',
    technicianId: p.technicianId as string,
  }))
  s(
    'post',
    '/:workOrderId/log',
    {
      summary: 'Add a technician log entry (who and when are recorded automatically)',
      description: 'visibleToCustomer: true shows the text on the customer’s status page.',
      body: LogEntryBody,
    },
    (b) => ({ kind: 'AddLogEntry', ...b }),
  )
  s(
    'post',
    '/:workOrderId/labour/clock-in',
    { summary: 'Clock a technician in on the order', body: ClockInBody },
    (b) => ({
      kind: 'ClockIn',
      ...b,
    }),
  )
  s('post', '/:workOrderId/labour/clock-out', { summary: 'Clock a technician out', body: TechnicianBody }, (b) => ({
    kind: 'ClockOut',
    technicianId: b.technicianId,
  }))
  s(
    'put',
    '/:workOrderId/promised-date',
    { summary: 'Set or clear the promised date', body: PromisedDateBody },
    (b) => ({
      kind: 'SetPromisedDate',
      ...b,
    }),
  )
  return r
}

function pointBoardRoutes(kit: ApiKit, deps: WorkOrderApiDeps): ApiRouter {
  return kit
    .router('/points', 'work orders')
    .get(
      '/:pointId/work-orders/board',
      {
        summary: 'The point’s open orders by status (ready ones included), oldest first, with minutes overdue',
        access: STAFF,
        guards: [tenantFromPath({ pointId: 'pointId' })],
        response: { status: 200, description: 'the board', schema: BoardSchema },
        problems: { 503: NOT_READY },
      },
      async (req, res) => {
        res.json(orProblem(await deps.queries.board(principalOf(req), req.params.pointId, kit.now().toISOString())))
      },
    )
    .get(
      '/:pointId/work-orders/overdue',
      {
        summary: 'The point’s orders past their promised date and not yet ready, most late first',
        access: STAFF,
        guards: [tenantFromPath({ pointId: 'pointId' })],
        response: { status: 200, description: 'the alerts', schema: OrderListSchema },
        problems: { 503: NOT_READY },
      },
      async (req, res) => {
        res.json(orProblem(await deps.queries.overdue(principalOf(req), req.params.pointId, kit.now().toISOString())))
      },
    )
}

function fileRoutes(kit: ApiKit, files: FileService): ApiRouter {
  const raw = express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES })
  return kit
    .router('/files', 'work orders')
    .post(
      '/',
      {
        summary: 'Upload a photo or a signature image',
        description:
          `Send the bytes as the body with their Content-Type (${UPLOAD_TYPES.join(', ')}), at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. ` +
          'The answer’s { fileId, sha256, contentType } is what orders refer to; the server computes the digest.',
        access: STAFF,
        guards: [raw],
        response: { status: 201, description: 'the stored file', schema: FileSchema },
        problems: { 413: 'too large', 422: 'an unsupported type (UNSUPPORTED_FILE_TYPE) or an empty file' },
      },
      async (req, res) => {
        const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array()
        const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? null
        const stored = orProblem(await files.upload(principalOf(req), bytes, type, kit.now().toISOString()))
        res.status(201).location(`/files/${stored.fileId}`).json(stored)
      },
    )
    .get(
      '/:fileId',
      {
        summary: 'A stored file’s bytes',
        access: STAFF,
        response: { status: 200, description: 'the bytes, with their content type and digest (ETag)' },
        problems: { 404: 'no such file' },
      },
      async (req, res) => {
        const { file, bytes } = orProblem(await files.get(principalOf(req), req.params.fileId))
        res
          .status(200)
          .type(file.contentType ?? 'application/octet-stream')
          .set('ETag', `"${file.sha256}"`)
          .send(Buffer.from(bytes))
      },
    )
}

/** The work-order routers, for createApp's modules. */
export function workOrderModule(deps: WorkOrderApiDeps): ApiModule {
  return (kit) => [
    orderRoutes(kit, deps),
    pointBoardRoutes(kit, deps),
    ...(deps.files ? [fileRoutes(kit, deps.files)] : []),
  ]
}
