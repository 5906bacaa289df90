// Commands of the service-network context. Each carries the actor: the service-point decider
// enforces the rule that head office runs every point while a point's manager edits only his own.
import type { Actor } from '../shared/actor.js'
import type { LocalDate } from '../shared/localTime.js'
import type { StaffSkill } from './capabilities.js'
import type { Address, Bay, Contacts, GoodsDefinition, ServiceDefinition } from './events.js'
import type { TimeRange, WeeklyHours } from './openingHours.js'

interface PointDetails {
  readonly name: string
  readonly address: Address
  readonly geo: { readonly lat: number; readonly lon: number }
  readonly contacts: Contacts
}

export type ServicePointCommand = { readonly actor: Actor } & (
  | ({
      readonly kind: 'CreateServicePoint'
      readonly pointId: string
      readonly networkId: string
      readonly timeZone: string
      readonly weeklyHours: WeeklyHours
      readonly bays: ReadonlyArray<Bay>
      readonly managerId: string | null
    } & PointDetails)
  | ({ readonly kind: 'ChangeServicePointDetails' } & PointDetails)
  | { readonly kind: 'ChangeTimeZone'; readonly timeZone: string }
  | { readonly kind: 'SetWeeklyOpeningHours'; readonly weeklyHours: WeeklyHours }
  | {
      readonly kind: 'SetOpeningHoursException'
      readonly date: LocalDate
      /** [] = closed that day. */
      readonly hours: ReadonlyArray<TimeRange>
      readonly note: string | null
    }
  | { readonly kind: 'RemoveOpeningHoursException'; readonly date: LocalDate }
  | {
      readonly kind: 'SetSeasonalOpeningHours'
      readonly seasonId: string
      readonly from: LocalDate
      readonly to: LocalDate
      readonly weeklyHours: WeeklyHours
      readonly note: string | null
    }
  | { readonly kind: 'RemoveSeasonalOpeningHours'; readonly seasonId: string }
  | { readonly kind: 'AddBay'; readonly bay: Bay }
  | { readonly kind: 'ChangeBay'; readonly bay: Bay }
  | { readonly kind: 'RemoveBay'; readonly bayId: string }
  | { readonly kind: 'AssignManager'; readonly managerId: string }
  | { readonly kind: 'UnassignManager' }
  | { readonly kind: 'DeactivateServicePoint'; readonly reason: string }
  | { readonly kind: 'ReactivateServicePoint' }
)

export type CatalogueCommand = { readonly networkId: string } & (
  | { readonly kind: 'AddService'; readonly service: ServiceDefinition }
  | { readonly kind: 'ChangeService'; readonly service: ServiceDefinition }
  | { readonly kind: 'RetireService'; readonly code: string }
  | { readonly kind: 'AddGoods'; readonly goods: GoodsDefinition }
  | { readonly kind: 'ChangeGoods'; readonly goods: GoodsDefinition }
  | { readonly kind: 'RetireGoods'; readonly sku: string }
)

export type StaffScheduleCommand = { readonly pointId: string } & (
  | {
      readonly kind: 'RegisterStaffMember'
      readonly staffId: string
      readonly name: string
      readonly skills: ReadonlyArray<StaffSkill>
    }
  | { readonly kind: 'ChangeStaffSkills'; readonly staffId: string; readonly skills: ReadonlyArray<StaffSkill> }
  | { readonly kind: 'StaffMemberLeaves'; readonly staffId: string; readonly effectiveDate: LocalDate }
  | {
      readonly kind: 'PlanShift'
      readonly shiftId: string
      readonly staffId: string
      readonly date: LocalDate
      readonly hours: TimeRange
    }
  | { readonly kind: 'CancelShift'; readonly shiftId: string }
  | {
      readonly kind: 'RecordAbsence'
      readonly absenceId: string
      readonly staffId: string
      /** Local date-times 'YYYY-MM-DDTHH:MM', half-open; a whole day is 'DT00:00' to 'D+1T00:00'. */
      readonly from: string
      readonly to: string
      readonly reason: 'vacation' | 'sick' | 'training' | 'other'
    }
  | { readonly kind: 'CancelAbsence'; readonly absenceId: string }
)
