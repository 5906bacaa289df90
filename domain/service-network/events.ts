// Events of the service-network context: service points, the network's catalogue, staff schedules.
// Every event names its aggregate id (pointId / networkId) so projections need not parse stream names.
import * as t from 'io-ts'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { Money } from '../shared/money.js'
import { BayFeature, Capabilities, StaffSkill, VehicleClass } from './capabilities.js'
import { DateException, SeasonalHours, TimeRange, WeeklyHours } from './openingHours.js'

// ── service point ─────────────────────────────────────────────────────────────────────────────

export const Address = t.type({ street: t.string, postalCode: t.string, city: t.string, country: t.string })
export type Address = t.TypeOf<typeof Address>
export const Contacts = t.type({ phone: t.union([t.string, t.null]), email: t.union([t.string, t.null]) })
export type Contacts = t.TypeOf<typeof Contacts>
export const GeoPosition = t.type({ lat: t.number, lon: t.number })
export const Bay = t.type({ bayId: t.string, name: t.string, capabilities: Capabilities })
export type Bay = t.TypeOf<typeof Bay>

const PointDetails = {
  pointId: t.string,
  name: t.string,
  address: Address,
  geo: GeoPosition,
  contacts: Contacts,
}

export const servicePointEventCodecs = {
  ServicePointCreated: t.type({
    ...PointDetails,
    networkId: t.string,
    timeZone: t.string,
    weeklyHours: WeeklyHours,
    bays: t.array(Bay),
    managerId: t.union([t.string, t.null]),
  }),
  ServicePointDetailsChanged: t.type(PointDetails),
  ServicePointTimeZoneChanged: t.type({ pointId: t.string, timeZone: t.string }),
  WeeklyOpeningHoursSet: t.type({ pointId: t.string, weeklyHours: WeeklyHours }),
  OpeningHoursExceptionSet: t.type({ pointId: t.string, exception: DateException }),
  OpeningHoursExceptionRemoved: t.type({ pointId: t.string, date: t.string }),
  SeasonalOpeningHoursSet: t.type({ pointId: t.string, season: SeasonalHours }),
  SeasonalOpeningHoursRemoved: t.type({ pointId: t.string, seasonId: t.string }),
  BayAdded: t.type({ pointId: t.string, bay: Bay }),
  BayChanged: t.type({ pointId: t.string, bay: Bay }),
  BayRemoved: t.type({ pointId: t.string, bayId: t.string }),
  ServicePointManagerAssigned: t.type({ pointId: t.string, managerId: t.string }),
  ServicePointManagerUnassigned: t.type({ pointId: t.string, managerId: t.string }),
  ServicePointDeactivated: t.type({ pointId: t.string, reason: t.string }),
  ServicePointReactivated: t.type({ pointId: t.string }),
}
export type ServicePointEvent = EventsOf<typeof servicePointEventCodecs>

// ── service catalogue (one per network) ───────────────────────────────────────────────────────

/** Names per locale; 'pl' and 'en' are required, 'ro', 'ru'… optional. */
export const LocalizedText = t.record(t.string, t.string)
export type LocalizedText = t.TypeOf<typeof LocalizedText>

/** A duration override: null matches any vehicle class / wheel count (see serviceDuration.ts). */
export const DurationRule = t.type({
  vehicleClass: t.union([VehicleClass, t.null]),
  wheels: t.union([t.number, t.null]),
  minutes: t.number,
})
export type DurationRule = t.TypeOf<typeof DurationRule>

export const ServiceDefinition = t.type({
  code: t.string,
  names: LocalizedText,
  baseMinutes: t.number,
  durationRules: t.array(DurationRule),
  price: Money,
  vatRatePercent: t.number,
  requiredFeatures: t.array(BayFeature),
  requiredSkill: t.union([StaffSkill, t.null]),
})
export type ServiceDefinition = t.TypeOf<typeof ServiceDefinition>

export const GoodsKind = t.keyof({
  tyre: null,
  rim: null,
  valve: null,
  tpms_sensor: null,
  wheel_bolt: null,
  other: null,
})
export type GoodsKind = t.TypeOf<typeof GoodsKind>

export const GoodsDefinition = t.type({
  sku: t.string,
  kind: GoodsKind,
  names: LocalizedText,
  price: Money,
  vatRatePercent: t.number,
})
export type GoodsDefinition = t.TypeOf<typeof GoodsDefinition>

export const catalogueEventCodecs = {
  CatalogueServiceAdded: t.type({ networkId: t.string, service: ServiceDefinition }),
  CatalogueServiceChanged: t.type({ networkId: t.string, service: ServiceDefinition }),
  CatalogueServiceRetired: t.type({ networkId: t.string, code: t.string }),
  CatalogueGoodsAdded: t.type({ networkId: t.string, goods: GoodsDefinition }),
  CatalogueGoodsChanged: t.type({ networkId: t.string, goods: GoodsDefinition }),
  CatalogueGoodsRetired: t.type({ networkId: t.string, sku: t.string }),
}
export type CatalogueEvent = EventsOf<typeof catalogueEventCodecs>

// ── staff schedule (one per point) ────────────────────────────────────────────────────────────

export const AbsenceReason = t.keyof({ vacation: null, sick: null, training: null, other: null })

export const staffScheduleEventCodecs = {
  StaffMemberRegistered: t.type({ pointId: t.string, staffId: t.string, name: t.string, skills: t.array(StaffSkill) }),
  StaffMemberSkillsChanged: t.type({ pointId: t.string, staffId: t.string, skills: t.array(StaffSkill) }),
  /** From effectiveDate on the member no longer works here; their shifts from then on are cancelled with it. */
  StaffMemberLeft: t.type({ pointId: t.string, staffId: t.string, effectiveDate: t.string }),
  ShiftPlanned: t.type({ pointId: t.string, shiftId: t.string, staffId: t.string, date: t.string, hours: TimeRange }),
  ShiftCancelled: t.type({ pointId: t.string, shiftId: t.string, date: t.string }),
  /** from/to: local date-times 'YYYY-MM-DDTHH:MM' in the point's zone, half-open. */
  AbsenceRecorded: t.type({
    pointId: t.string,
    absenceId: t.string,
    staffId: t.string,
    from: t.string,
    to: t.string,
    reason: AbsenceReason,
  }),
  AbsenceCancelled: t.type({ pointId: t.string, absenceId: t.string }),
}
export type StaffScheduleEvent = EventsOf<typeof staffScheduleEventCodecs>

export const servicePointEventDefinitions = firstVersionDefinitions(servicePointEventCodecs)
export const catalogueEventDefinitions = firstVersionDefinitions(catalogueEventCodecs)
export const staffScheduleEventDefinitions = firstVersionDefinitions(staffScheduleEventCodecs)
export const serviceNetworkEventDefinitions = [
  ...servicePointEventDefinitions,
  ...catalogueEventDefinitions,
  ...staffScheduleEventDefinitions,
]
