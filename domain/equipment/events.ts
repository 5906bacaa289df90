// Events of the equipment registry: stream `equipment-<equipmentId>`. One stream per item (a
// vehicle, a stored set of tyres/wheels, a device): its identity, owner, status, service dates,
// odometer, the tyres on it with their tread history, and the open recommendations from past visits.
// Every event names the equipmentId so projections need not parse stream names.
import * as t from 'io-ts'
import { VehicleClass } from '../service-network/capabilities.js'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { Money } from '../shared/money.js'
import { CustomFieldValues } from './customFields.js'
import { DotDate } from './dotCode.js'
import { WheelPosition } from './wheelPositions.js'

export const EquipmentKind = t.keyof({ vehicle: null, tyre_set: null, device: null })
export type EquipmentKind = t.TypeOf<typeof EquipmentKind>

/**
 * at_customer: with its owner · in_service: being worked on · on_site: kept at a point (stored
 * tyres, a car left after service) · irreparable: judged beyond repair · scrapped: gone for good.
 */
export const EquipmentStatus = t.keyof({
  at_customer: null,
  in_service: null,
  on_site: null,
  irreparable: null,
  scrapped: null,
})
export type EquipmentStatus = t.TypeOf<typeof EquipmentStatus>

export const EquipmentOwner = t.union([
  t.type({ kind: t.literal('customer'), customerId: t.string }),
  t.type({ kind: t.literal('fleet'), fleetId: t.string }),
])
export type EquipmentOwner = t.TypeOf<typeof EquipmentOwner>

export const Registration = t.type({ plate: t.string, country: t.string })
export type Registration = t.TypeOf<typeof Registration>

export const VinCheck = t.keyof({ valid: null, mismatch: null })

const Identity = {
  make: t.string,
  model: t.string,
  /** Vehicles only: decides which wheel positions exist (twin tyres on vans and trucks). */
  vehicleClass: t.union([VehicleClass, t.null]),
  vin: t.union([t.string, t.null]),
  /** Whether position 9 is a valid ISO 3779 check digit; informational (see vin.ts). */
  vinCheckDigit: t.union([VinCheck, t.null]),
  registration: t.union([Registration, t.null]),
  serialNumber: t.union([t.string, t.null]),
}

export const Season = t.keyof({ summer: null, winter: null, all_season: null })
export type Season = t.TypeOf<typeof Season>

export const Tyre = t.type({
  /** Given by the application; stays with the tyre when it moves between a vehicle and a stored set. */
  tyreId: t.string,
  brand: t.string,
  model: t.union([t.string, t.null]),
  /** Canonical designation, e.g. '205/55 R16 91V' (tyreSize.ts). */
  size: t.string,
  dot: t.union([DotDate, t.null]),
  season: Season,
})
export type Tyre = t.TypeOf<typeof Tyre>

export const DismountReason = t.keyof({
  seasonal_swap: null,
  worn: null,
  damaged: null,
  aged: null,
  sold: null,
  other: null,
})
export type DismountReason = t.TypeOf<typeof DismountReason>

export const TreadReading = t.type({ tyreId: t.string, position: WheelPosition, depthMm: t.number })
export type TreadReading = t.TypeOf<typeof TreadReading>

/** A declined estimate line left on the equipment, to be offered again at its next visit. */
export const Recommendation = t.type({
  /** `<workOrderId>:<lineId>`: unique, and the same on every retry of the policy. */
  recommendationId: t.string,
  workOrderId: t.string,
  lineId: t.string,
  kind: t.keyof({ labour: null, part: null }),
  description: t.string,
  /** Parts: sku, whole units and the net unit price quoted. */
  sku: t.union([t.string, t.null]),
  quantity: t.union([t.number, t.null]),
  unitPrice: t.union([Money, t.null]),
  /** Labour: minutes at the net hourly rate quoted. */
  minutes: t.union([t.number, t.null]),
  hourlyRate: t.union([Money, t.null]),
  /** The line's net as quoted then; the next estimate may be priced anew. */
  quotedNet: Money,
  vatRatePercent: t.number,
  defectCode: t.union([t.string, t.null]),
  raisedAt: t.string,
})
export type Recommendation = t.TypeOf<typeof Recommendation>

export const RecommendationResolution = t.keyof({ done: null, dismissed: null })

export const equipmentEventCodecs = {
  EquipmentRegistered: t.type({
    equipmentId: t.string,
    kind: EquipmentKind,
    /** The network's configurable type (e.g. 'passenger_car', 'compressor'), keys the field schema. */
    typeCode: t.string,
    ...Identity,
    owner: EquipmentOwner,
    customFields: CustomFieldValues,
    status: EquipmentStatus,
    /** The point that registered it, null when registered centrally (e.g. a fleet import). */
    pointId: t.union([t.string, t.null]),
    registeredAt: t.string,
  }),
  EquipmentDetailsChanged: t.type({ equipmentId: t.string, ...Identity }),
  EquipmentCustomFieldsSet: t.type({ equipmentId: t.string, customFields: CustomFieldValues }),
  EquipmentOwnerChanged: t.type({ equipmentId: t.string, from: EquipmentOwner, to: EquipmentOwner, at: t.string }),
  EquipmentStatusChanged: t.type({
    equipmentId: t.string,
    from: EquipmentStatus,
    to: EquipmentStatus,
    workOrderId: t.union([t.string, t.null]),
    reason: t.union([t.string, t.null]),
    at: t.string,
  }),
  /** Local dates 'YYYY-MM-DD'; null = not known / not applicable. */
  EquipmentServiceDatesSet: t.type({
    equipmentId: t.string,
    nextInspectionOn: t.union([t.string, t.null]),
    warrantyEndsOn: t.union([t.string, t.null]),
    insuranceEndsOn: t.union([t.string, t.null]),
  }),
  EquipmentMileageRecorded: t.type({
    equipmentId: t.string,
    km: t.number,
    /** A new odometer was fitted: this reading may be lower, and the distance driven carries on. */
    odometerReplaced: t.boolean,
    workOrderId: t.union([t.string, t.null]),
    at: t.string,
  }),
  TyreMounted: t.type({
    equipmentId: t.string,
    tyre: Tyre,
    position: WheelPosition,
    /** Tread when mounted (new tyres ~8 mm), recorded as the first reading; null when not measured. */
    treadDepthMm: t.union([t.number, t.null]),
    mileageKm: t.union([t.number, t.null]),
    at: t.string,
  }),
  TyreDismounted: t.type({
    equipmentId: t.string,
    tyreId: t.string,
    position: WheelPosition,
    reason: DismountReason,
    at: t.string,
  }),
  TyresRepositioned: t.type({
    equipmentId: t.string,
    moves: t.array(t.type({ tyreId: t.string, from: WheelPosition, to: WheelPosition })),
    at: t.string,
  }),
  TreadDepthsMeasured: t.type({
    equipmentId: t.string,
    readings: t.array(TreadReading),
    mileageKm: t.union([t.number, t.null]),
    workOrderId: t.union([t.string, t.null]),
    at: t.string,
  }),
  EquipmentRecommendationsRecorded: t.type({ equipmentId: t.string, recommendations: t.array(Recommendation) }),
  EquipmentRecommendationResolved: t.type({
    equipmentId: t.string,
    recommendationId: t.string,
    resolution: RecommendationResolution,
    /** The order that did the work ('done'), or null. */
    workOrderId: t.union([t.string, t.null]),
    at: t.string,
  }),
}
export type EquipmentEvent = EventsOf<typeof equipmentEventCodecs>

export const equipmentEventDefinitions = firstVersionDefinitions(equipmentEventCodecs)
