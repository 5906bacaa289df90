// The equipment registry over HTTP: registration (staff for anybody, customers and fleets for
// themselves), search by plate/VIN/serial/owner, one item with its tyres and tyre-wear advice,
// and the changes staff record (tyres, tread depths, mileage, status, ownership).
import type { Request } from 'express'
import * as t from 'io-ts'
import type { EquipmentQueries } from '../../application/equipment/equipmentQueries.js'
import type { EquipmentChange, EquipmentService } from '../../application/equipment/equipmentService.js'
import { type RepairConfig, statusesOf } from '../../application/workOrders/repairConfig.js'
import { EntityId } from '../../domain/access/fields.js'
import { EquipmentKind } from '../../domain/equipment/events.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter, OperationSpec } from '../routing/apiRouter.js'
import { Flag, NOT_READY, PAGING_HELP, Paging, pagingOf } from '../workOrders/queryFields.js'
import {
  CustomFieldsBody,
  DetailsBody,
  DismountBody,
  EquipmentPageSchema,
  EquipmentSchema,
  MileageBody,
  MountBody,
  OwnerBody,
  RegisterBody,
  RepositionBody,
  ServiceDatesBody,
  StatusBody,
  TreadBody,
  TypesSchema,
} from './equipmentBodies.js'

export interface EquipmentApiDeps {
  readonly equipment: EquipmentService
  readonly queries: EquipmentQueries
  readonly config: RepairConfig
}

const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const ITEM = {
  403: 'not yours (TENANT_ACCESS_DENIED), or a change only staff record (ROLE_NOT_ALLOWED)',
  404: 'no such equipment (EQUIPMENT_NOT_FOUND)',
  409: 'the item’s state forbids it (EQUIPMENT_SCRAPPED, WHEEL_POSITION_OCCUPIED, MILEAGE_BELOW_LAST_READING…)',
  422: 'invalid input (EQUIPMENT_INVALID lists every field)',
}

const SearchQuery = t.exact(
  t.partial({
    q: t.string,
    ownerCustomerId: EntityId,
    ownerFleetId: EntityId,
    kind: EquipmentKind,
    typeCode: t.string,
    tyresDueBefore: t.string,
    includeScrapped: Flag,
    ...Paging,
  }),
)

type Params = Record<string, string>

function equipmentRoutes(kit: ApiKit, deps: EquipmentApiDeps): ApiRouter {
  const r = kit
    .router('/equipment', 'equipment')
    .post(
      '/',
      {
        summary: 'Register a vehicle, a tyre set or a device',
        description:
          'typeCode from GET /equipment-types decides the kind and the custom fields. VINs are checked (17 characters, no I/O/Q; a ' +
          'wrong check digit is recorded, not refused), Polish plates against the Polish format. Staff register for anybody ' +
          '(owner required); a customer or a fleet registers its own. A VIN or plate already in the registry is refused (EQUIPMENT_DUPLICATE).',
        access: 'authenticated',
        body: RegisterBody,
        idempotent: true,
        response: { status: 201, description: 'the registered item', schema: EquipmentSchema },
        problems: {
          403: 'registering for someone else (EQUIPMENT_FOR_SOMEONE_ELSE)',
          409: 'registered already (EQUIPMENT_DUPLICATE, EQUIPMENT_ALREADY_EXISTS)',
          422: 'invalid data or custom fields (EQUIPMENT_INVALID), unknown type (UNKNOWN_EQUIPMENT_TYPE)',
        },
      },
      async (req, res) => {
        const item = orProblem(await deps.equipment.register(principalOf(req), req.body, kit.requestMeta(req)))
        res.status(201).location(`/equipment/${item.equipmentId}`).json(item)
      },
    )
    .get(
      '/',
      {
        summary: 'Search the registry',
        query: SearchQuery,
        description:
          'q: a plate, VIN or serial number or its beginning (spaces, dashes and case ignored). ownerCustomerId, ownerFleetId, kind, ' +
          'typeCode; tyresDueBefore (a date): items whose tyres should be replaced before it, soonest first. Staff search everything; ' +
          `customers find their own items, fleets their fleet’s. ${PAGING_HELP}.`,
        access: 'authenticated',
        response: { status: 200, description: 'matching items', schema: EquipmentPageSchema },
        problems: { 503: NOT_READY },
      },
      async (req, res, q) => {
        const { limit: _l, offset: _o, ...search } = q
        res.json(await deps.queries.search(principalOf(req), search, pagingOf(q)))
      },
    )
    .get(
      '/:equipmentId',
      {
        summary: 'One item, with its tyres, tread history and tyre-wear advice as of now',
        access: 'authenticated',
        response: { status: 200, description: 'the item', schema: EquipmentSchema },
        problems: { 403: 'not yours', 404: 'no such equipment' },
      },
      async (req, res) => {
        res.json(orProblem(await deps.equipment.get(principalOf(req), req.params.equipmentId, kit.now().toISOString())))
      },
    )

  const change = <Body>(
    method: 'post' | 'put',
    path: string,
    spec: { summary: string; description?: string; body?: t.Decoder<unknown, Body>; staffOnly?: boolean },
    toChange: (body: Body, params: Params) => EquipmentChange,
  ) => {
    const full: OperationSpec<Body> = {
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      access: spec.staffOnly ? STAFF : 'authenticated',
      idempotent: true,
      response: { status: 200, description: 'the item after the change', schema: EquipmentSchema },
      problems: ITEM,
    }
    r[method](path, full, async (req: Request, res) => {
      const params = req.params as Params
      res.json(
        orProblem(
          await deps.equipment.change(
            principalOf(req),
            params.equipmentId as string,
            toChange(req.body as Body, params),
            kit.requestMeta(req),
          ),
        ),
      )
    })
  }
  change(
    'put',
    '/:equipmentId/details',
    { summary: 'Change make, model, class, VIN, plate or serial number', body: DetailsBody },
    (b) => ({
      kind: 'ChangeDetails',
      ...b,
    }),
  )
  change(
    'put',
    '/:equipmentId/custom-fields',
    { summary: 'Set the type’s custom fields', body: CustomFieldsBody },
    (b) => ({
      kind: 'SetCustomFields',
      customFields: b.customFields,
    }),
  )
  change(
    'put',
    '/:equipmentId/owner',
    { summary: 'Change the owner (a customer or a fleet)', body: OwnerBody, staffOnly: true },
    (b) => ({ kind: 'ChangeOwner', owner: b.owner }),
  )
  change(
    'post',
    '/:equipmentId/status',
    {
      summary: 'Change the status (at customer, in service, on site, irreparable, scrapped)',
      body: StatusBody,
      staffOnly: true,
    },
    (b) => ({ kind: 'ChangeStatus', ...b }),
  )
  change(
    'put',
    '/:equipmentId/service-dates',
    {
      summary: 'Set next inspection, warranty end and insurance end (fields left out keep their value)',
      body: ServiceDatesBody,
    },
    (b) => ({ kind: 'SetServiceDates', ...b }),
  )
  change('post', '/:equipmentId/mileage', { summary: 'Record a mileage reading', body: MileageBody }, (b) => ({
    kind: 'RecordMileage',
    ...b,
  }))
  change(
    'post',
    '/:equipmentId/tyres',
    {
      summary: 'Mount a tyre at a wheel position',
      description:
        'Size as written on the sidewall (stored canonical), DOT date code (WWYY), season, tread when mounted.',
      body: MountBody,
      staffOnly: true,
    },
    (b) => ({ kind: 'MountTyre', ...b }),
  )
  change(
    'post',
    '/:equipmentId/tyres/:tyreId/dismount',
    { summary: 'Dismount a tyre', body: DismountBody, staffOnly: true },
    (b, p) => ({ kind: 'DismountTyre', tyreId: p.tyreId as string, reason: b.reason }),
  )
  change(
    'post',
    '/:equipmentId/tyres/reposition',
    { summary: 'Move tyres between positions, all at once (a rotation)', body: RepositionBody, staffOnly: true },
    (b) => ({ kind: 'RepositionTyres', moves: b.moves }),
  )
  change(
    'post',
    '/:equipmentId/tread-depths',
    {
      summary: 'Record tread depth readings per wheel position',
      description: 'With mileageKm the reading also records the mileage; workOrderId names the order that measured.',
      body: TreadBody,
      staffOnly: true,
    },
    (b) => ({ kind: 'RecordTreadDepths', ...b }),
  )
  change(
    'post',
    '/:equipmentId/recommendations/:recommendationId/dismiss',
    { summary: 'Dismiss an open recommendation (it will not be offered again)', staffOnly: true },
    (_b, p) => ({ kind: 'DismissRecommendation', recommendationId: p.recommendationId as string }),
  )
  return r
}

function typeRoutes(kit: ApiKit, config: RepairConfig): ApiRouter {
  return kit.router('/equipment-types', 'equipment').get(
    '/',
    {
      summary: 'Equipment types, their custom fields, checklists and defect catalogues',
      description: 'pointId=… adds the statuses that point may put orders in (the network’s and its own).',
      access: 'authenticated',
      response: { status: 200, description: 'the configuration', schema: TypesSchema },
    },
    async (req, res) => {
      const pointId = typeof req.query.pointId === 'string' ? req.query.pointId : null
      res.json({
        types: config.equipmentTypes.map((type) => ({
          ...type,
          checklists: config.checklists[type.typeCode] ?? [],
          defects: config.defects[type.typeCode] ?? [],
        })),
        statuses: pointId === null ? config.networkStatuses : statusesOf(config, pointId),
      })
    },
  )
}

export function equipmentModule(deps: EquipmentApiDeps): ApiModule {
  return (kit) => [equipmentRoutes(kit, deps), typeRoutes(kit, deps.config)]
}
