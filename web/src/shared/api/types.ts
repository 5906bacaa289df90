// The API's answers as the web clients read them, written from GET /openapi.json. Only what the
// pages use is declared; the API may send more.

export type Role =
  | 'head_office'
  | 'service_point'
  | 'service_point_manager'
  | 'service_point_employee'
  | 'fleet_client'
  | 'fleet_manager'
  | 'customer'

export type Tenant =
  | { readonly scope: 'network' }
  | { readonly scope: 'point'; readonly pointId: string }
  | { readonly scope: 'fleet'; readonly fleetId: string }
  | { readonly scope: 'customer'; readonly customerId: string }

export interface Account {
  readonly accountId: string
  readonly email: string
  readonly displayName: string
  readonly role: Role
  readonly tenant: Tenant
  readonly status: 'active' | 'deactivated'
}

export interface LoginAnswer {
  readonly accessToken: string
  readonly expiresAt: string
  readonly account: Account
}

export type VehicleClass = 'passenger' | 'suv' | 'van' | 'truck'
export const VEHICLE_CLASSES: readonly VehicleClass[] = ['passenger', 'suv', 'van', 'truck']

export type BayFeature =
  | VehicleClass
  | 'run_flat'
  | 'tpms'
  | 'wheel_alignment'
  | 'tyre_storage'
  | 'balancing'
  | 'tyre_repair'
  | 'nitrogen_inflation'
  | 'rim_repair'

export interface Money {
  readonly amountMinor: number
  readonly currency: string
}

export type LocalizedText = Readonly<Record<string, string>>

export interface TimeRange {
  readonly from: string
  readonly to: string
}

export interface Address {
  readonly street: string
  readonly postalCode: string
  readonly city: string
  readonly country: string
}

export interface Bay {
  readonly bayId: string
  readonly name: string
  readonly features: readonly BayFeature[]
  readonly rimMaxInches: number | null
}

export interface PublicPoint {
  readonly pointId: string
  readonly name: string
  readonly address: Address
  readonly timeZone: string
  readonly contacts: { readonly phone: string | null; readonly email: string | null }
  readonly bays: readonly Bay[]
}

export interface StaffPoint extends PublicPoint {
  readonly active: boolean
  readonly managerIds: readonly string[]
  readonly deactivationReason: string | null
}

export interface NearestPoint {
  readonly pointId: string
  readonly name: string
  readonly address: Address | null
  readonly distanceKm: number
  readonly lastService: boolean
}

export interface NearestAnswer {
  readonly origin: {
    readonly source: 'location' | 'plate'
    readonly region: { readonly name: string; readonly voivodeship: string } | null
  }
  readonly points: readonly NearestPoint[]
}

export interface DurationRule {
  readonly vehicleClass: VehicleClass | null
  readonly wheels: number | null
  readonly minutes: number
}

export interface CatalogueService {
  readonly code: string
  readonly names: LocalizedText
  readonly baseMinutes: number
  readonly durationRules: readonly DurationRule[]
  readonly price: Money
  readonly vatRatePercent: number
  readonly requiredFeatures: readonly BayFeature[]
  readonly requiredSkill: string | null
  readonly active: boolean
}

export type GoodsKind = 'tyre' | 'rim' | 'valve' | 'tpms_sensor' | 'wheel_bolt' | 'other'

export interface CatalogueGoods {
  readonly sku: string
  readonly kind: GoodsKind
  readonly names: LocalizedText
  readonly price: Money
  readonly vatRatePercent: number
  readonly active: boolean
}

export interface Page<T> {
  readonly items: readonly T[]
  readonly total: number
  readonly limit: number
  readonly offset: number
}

export interface Slot {
  readonly start: string
  readonly end: string
  readonly date: string
  readonly localTime: string
  readonly bayId: string
  readonly staffId: string
}

export interface SlotSearch {
  readonly pointId: string
  readonly date: string
  readonly timeZone: string
  readonly durationMinutes: number
  readonly services: readonly { readonly code: string; readonly minutes: number }[]
  readonly slots: readonly Slot[]
  readonly desired: {
    readonly start: string
    readonly free: boolean
    readonly slot: Slot | null
    readonly reason: string | null
    readonly before: readonly Slot[]
    readonly after: readonly Slot[]
  } | null
}

/** The `alternatives` member of a 409 answer to a booking or a reschedule. */
export interface SlotAlternatives {
  readonly requestedStart: string
  readonly reason: string
  readonly before: readonly Slot[]
  readonly after: readonly Slot[]
  readonly sameTimeElsewhere: Slot | null
}

export type BookingStatus = 'requested' | 'confirmed' | 'cancelled' | 'checked_in' | 'completed' | 'no_show'
export type BookingChannel = 'customer_online' | 'fleet_manager' | 'staff_phone' | 'staff_desk'

export interface Vehicle {
  readonly plate: string
  readonly vehicleClass: VehicleClass
  readonly wheels: number
  readonly rimInches: number | null
}

export interface Booking {
  readonly bookingId: string
  readonly status: BookingStatus
  readonly pointId: string
  readonly timeZone: string
  readonly customer: {
    readonly customerId: string | null
    readonly fleetId: string | null
    readonly name: string | null
    readonly phone: string | null
    readonly email: string | null
  }
  readonly vehicle: Vehicle
  readonly services: readonly { readonly code: string; readonly minutes: number }[]
  readonly goods: readonly { readonly sku: string; readonly quantity: number; readonly unitPrice: Money }[]
  readonly durationMinutes: number
  readonly slot: { readonly bayId: string; readonly staffId: string; readonly start: string; readonly end: string }
  readonly date: string
  readonly localTime: string
  readonly note: string | null
  readonly rescheduleCount: number
  readonly cancellation: { readonly reason: string; readonly at: string } | null
}

/** A booking as the calendars and booking lists show it (a read model: it follows the commands shortly). */
export interface CalendarEntry {
  readonly bookingId: string
  readonly pointId: string
  readonly timeZone: string
  readonly date: string
  readonly bayId: string
  readonly staffId: string
  readonly start: string
  readonly end: string
  readonly localStart: string
  readonly localEnd: string
  readonly minutes: number
  readonly status: BookingStatus
  readonly customerId: string | null
  readonly fleetId: string | null
  readonly contact: { readonly name: string | null; readonly phone: string | null; readonly email: string | null }
  readonly plate: string
  readonly vehicleClass: VehicleClass
  readonly services: readonly { readonly code: string; readonly minutes: number }[]
  readonly goodsCount: number
  readonly channel: BookingChannel
  readonly note: string | null
  readonly rescheduleCount: number
  readonly cancelReason: string | null
}

export interface DayLoad {
  readonly bookedMinutes: number
  readonly bookings: number
  readonly cancelled: number
  readonly noShows: number
  readonly openBayMinutes: number
  readonly utilisation: number | null
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

export interface PointDay {
  readonly pointId: string
  readonly name: string
  readonly timeZone: string
  readonly date: string
  readonly weekday: Weekday
  readonly open: readonly TimeRange[]
  readonly bays: readonly (Bay & { readonly entries: readonly CalendarEntry[] })[]
  readonly unassigned: readonly CalendarEntry[]
  readonly load: DayLoad
}

export interface PointWeek {
  readonly pointId: string
  readonly name: string
  readonly week: string
  readonly from: string
  readonly to: string
  readonly bays: readonly Bay[]
  readonly days: readonly {
    readonly date: string
    readonly weekday: Weekday
    readonly open: readonly TimeRange[]
    readonly entries: readonly CalendarEntry[]
    readonly load: DayLoad
  }[]
}

export interface BayDay {
  readonly pointId: string
  readonly date: string
  readonly weekday: Weekday
  readonly bay: Bay
  readonly open: readonly TimeRange[]
  readonly entries: readonly CalendarEntry[]
}
