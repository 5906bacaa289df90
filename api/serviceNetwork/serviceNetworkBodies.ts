// Request and response shapes of the service-network routes. Request codecs are what the
// routes decode with (the domain's own codecs where it has them); response codecs document.
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import { BayFeature, Capabilities, StaffSkill } from '../../domain/service-network/capabilities.js'
import {
  AbsenceReason,
  Address,
  Bay,
  Contacts,
  GeoPosition,
  GoodsDefinition,
  ServiceDefinition,
} from '../../domain/service-network/events.js'
import { DateException, SeasonalHours, TimeRange, WeeklyHours } from '../../domain/service-network/openingHours.js'
import { IntegerFromQuery, listFromQuery, NumberFromQuery } from './queryCodecs.js'

const Text = t.string
const Note = t.union([t.string, t.null])

// ── service points ──

const PointDetails = { name: Text, address: Address, geo: GeoPosition, contacts: Contacts }

export const CreatePointBody = t.exact(
  t.intersection([
    t.type({ ...PointDetails, timeZone: Text, weeklyHours: WeeklyHours, bays: t.array(Bay) }),
    t.partial({ pointId: EntityId, managerId: t.union([EntityId, t.null]) }),
  ]),
)

export const PointDetailsBody = t.exact(t.type(PointDetails))
export const TimeZoneBody = t.exact(t.type({ timeZone: Text }))
export const WeeklyHoursBody = t.exact(t.type({ weeklyHours: WeeklyHours }))
export const ExceptionBody = t.exact(t.intersection([t.type({ hours: t.array(TimeRange) }), t.partial({ note: Note })]))
export const SeasonBody = t.exact(
  t.intersection([t.type({ from: Text, to: Text, weeklyHours: WeeklyHours }), t.partial({ note: Note })]),
)
export const BayBody = t.exact(Bay)
export const BayChangeBody = t.exact(t.type({ name: Text, capabilities: Capabilities }))
export const ManagerBody = t.exact(t.type({ managerId: EntityId }))
export const ReasonBody = t.exact(t.type({ reason: Text }))

export const PointViewBody = t.type({
  pointId: t.string,
  networkId: t.string,
  active: t.boolean,
  ...PointDetails,
  timeZone: t.string,
  weeklyHours: WeeklyHours,
  seasons: t.array(SeasonalHours),
  exceptions: t.array(DateException),
  bays: t.array(Bay),
  capabilities: Capabilities,
  managerId: t.union([t.string, t.null]),
})

// ── nearest points ──

export const NearestPointsQuery = t.exact(
  t.partial({
    lat: NumberFromQuery,
    lon: NumberFromQuery,
    plate: t.string,
    features: listFromQuery(BayFeature, 'BayFeatureList'),
    rimInches: IntegerFromQuery,
    maxDistanceKm: NumberFromQuery,
    limit: IntegerFromQuery,
  }),
)

const PlateRegionBody = t.type({
  prefix: t.string,
  level: t.keyof({ district: null, voivodeship: null }),
  name: t.string,
  voivodeship: t.string,
  centroid: GeoPosition,
})

export const NearestPointsBody = t.type({
  origin: t.type({
    lat: t.number,
    lon: t.number,
    source: t.keyof({ location: null, plate: null }),
    region: t.union([PlateRegionBody, t.null]),
  }),
  points: t.array(
    t.type({
      pointId: t.string,
      name: t.string,
      address: t.union([Address, t.null]),
      timeZone: t.union([t.string, t.null]),
      geo: GeoPosition,
      distanceKm: t.number,
      lastService: t.boolean,
    }),
  ),
})

// ── catalogue ──

const { code: _code, ...serviceProps } = ServiceDefinition.props
const { sku: _sku, ...goodsProps } = GoodsDefinition.props

export const ServiceBody = t.exact(ServiceDefinition)
export const ServiceChangeBody = t.exact(t.type(serviceProps))
export const GoodsBody = t.exact(GoodsDefinition)
export const GoodsChangeBody = t.exact(t.type(goodsProps))

export const ServiceViewBody = t.intersection([ServiceDefinition, t.type({ retired: t.boolean })])
export const GoodsViewBody = t.intersection([GoodsDefinition, t.type({ retired: t.boolean })])

// ── staff schedules ──

export const RegisterStaffBody = t.exact(
  t.intersection([t.type({ name: Text, skills: t.array(StaffSkill) }), t.partial({ staffId: EntityId })]),
)
export const SkillsBody = t.exact(t.type({ skills: t.array(StaffSkill) }))
export const LeaveBody = t.exact(t.type({ effectiveDate: Text }))
export const ShiftsBody = t.exact(
  t.type({
    shifts: t.array(
      t.exact(
        t.intersection([t.type({ staffId: EntityId, date: Text, hours: TimeRange }), t.partial({ shiftId: EntityId })]),
      ),
    ),
  }),
)
export const AbsenceBody = t.exact(
  t.intersection([
    t.type({ staffId: EntityId, from: Text, to: Text, reason: AbsenceReason }),
    t.partial({ absenceId: EntityId }),
  ]),
)

export const StaffScheduleQuery = t.exact(t.partial({ from: t.string, to: t.string }))

const StaffMemberBody = t.type({
  staffId: t.string,
  name: t.string,
  skills: t.array(StaffSkill),
  leftOn: t.union([t.string, t.null]),
})
const ShiftBody = t.type({ shiftId: t.string, staffId: t.string, date: t.string, hours: TimeRange })
const AbsenceViewBody = t.type({
  absenceId: t.string,
  staffId: t.string,
  from: t.string,
  to: t.string,
  reason: AbsenceReason,
})
export const StaffScheduleViewBody = t.type({
  pointId: t.string,
  members: t.array(StaffMemberBody),
  shifts: t.array(ShiftBody),
  absences: t.array(AbsenceViewBody),
})
export const StaffChangeResultBody = t.type({ applied: t.number, schedule: StaffScheduleViewBody })
