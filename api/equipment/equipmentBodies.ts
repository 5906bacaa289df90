// Request shapes of the equipment routes.
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import { CustomFieldValue } from '../../domain/equipment/customFields.js'
import { DismountReason, EquipmentOwner, EquipmentStatus, Season } from '../../domain/equipment/events.js'
import { WheelPosition } from '../../domain/equipment/wheelPositions.js'
import { VehicleClass } from '../../domain/service-network/capabilities.js'
import type { JsonSchema } from '../openapi/jsonSchema.js'

const Nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null])
const opt = <P extends t.Props>(props: P) => t.partial(props)

const Identity = {
  model: t.string,
  vehicleClass: Nullable(VehicleClass),
  vin: Nullable(t.string),
  registration: Nullable(t.exact(t.intersection([t.type({ plate: t.string }), opt({ country: t.string })]))),
  serialNumber: Nullable(t.string),
}
const CustomFields = t.record(t.string, Nullable(CustomFieldValue))

export const RegisterBody = t.exact(
  t.intersection([
    t.type({ typeCode: t.string, make: t.string }),
    opt({
      ...Identity,
      equipmentId: EntityId,
      owner: EquipmentOwner,
      customFields: CustomFields,
      status: t.keyof({ at_customer: null, on_site: null, in_service: null }),
    }),
  ]),
)
export const DetailsBody = t.exact(t.intersection([t.type({ make: t.string }), opt(Identity)]))
export const CustomFieldsBody = t.exact(t.type({ customFields: CustomFields }))
export const OwnerBody = t.exact(t.type({ owner: EquipmentOwner }))
export const StatusBody = t.exact(
  t.intersection([t.type({ to: EquipmentStatus }), opt({ reason: Nullable(t.string) })]),
)
export const ServiceDatesBody = t.exact(
  opt({
    nextInspectionOn: Nullable(t.string),
    warrantyEndsOn: Nullable(t.string),
    insuranceEndsOn: Nullable(t.string),
  }),
)
export const MileageBody = t.exact(t.intersection([t.type({ km: t.number }), opt({ odometerReplaced: t.boolean })]))
export const MountBody = t.exact(
  t.intersection([
    t.type({ position: WheelPosition, brand: t.string, size: t.string, season: Season }),
    opt({
      tyreId: EntityId,
      model: Nullable(t.string),
      dotCode: Nullable(t.string),
      treadDepthMm: Nullable(t.number),
      mileageKm: Nullable(t.number),
    }),
  ]),
)
export const DismountBody = t.exact(t.type({ reason: DismountReason }))
export const RepositionBody = t.exact(
  t.type({ moves: t.array(t.exact(t.type({ tyreId: t.string, to: WheelPosition }))) }),
)
export const TreadBody = t.exact(
  t.intersection([
    t.type({ readings: t.array(t.exact(t.type({ position: WheelPosition, depthMm: t.number }))) }),
    opt({ mileageKm: Nullable(t.number), workOrderId: Nullable(EntityId) }),
  ]),
)

export const EquipmentSchema: JsonSchema = {
  type: 'object',
  description:
    'the item: identity, owner, status, service dates, mileage, mounted tyres with readings and wear prediction, tyre advice, open recommendations',
  properties: {
    equipmentId: { type: 'string' },
    kind: { type: 'string' },
    typeCode: { type: 'string' },
    status: { type: 'string' },
    tyreAdvice: {
      type: 'object',
      properties: {
        replaceBefore: { type: ['string', 'null'] },
        reason: { type: ['string', 'null'] },
        urgency: { type: 'string', enum: ['now', 'soon', 'planned', 'none'] },
      },
    },
  },
}
export const EquipmentPageSchema: JsonSchema = {
  type: 'object',
  description: 'a page of registry entries',
  properties: {
    items: { type: 'array' },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
}
export const TypesSchema: JsonSchema = {
  type: 'object',
  description:
    'equipment types with their custom fields, checklists and defect catalogues, and the statuses points may use',
}
