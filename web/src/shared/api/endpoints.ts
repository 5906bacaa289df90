// The API's routes as typed functions, one per route the clients call. A page imports what it needs;
// new routes (work orders, customers, reports) go here next to the ones they resemble.
import type { ApiClient } from './client.js'
import type {
  Account,
  BayDay,
  BayFeature,
  Booking,
  BookingStatus,
  CalendarEntry,
  CatalogueGoods,
  CatalogueService,
  LoginAnswer,
  NearestAnswer,
  Page,
  PointDay,
  PointWeek,
  PublicPoint,
  SlotSearch,
  StaffPoint,
  VehicleClass,
} from './types.js'

const seg = encodeURIComponent

export interface VehicleInput {
  readonly plate: string
  readonly vehicleClass: VehicleClass
  readonly rimInches?: number | null
}

export interface SlotQuery {
  readonly date: string
  readonly services: readonly string[]
  readonly vehicleClass: VehicleClass
  readonly rimInches?: number | null
  /** The wanted local start HH:MM: the answer says whether it is free, and if not, the nearest ones. */
  readonly time?: string
}

export interface NewBooking {
  readonly pointId: string
  readonly services: readonly string[]
  readonly goods?: readonly { readonly sku: string; readonly quantity: number }[]
  readonly vehicle: VehicleInput
  readonly start: string
  readonly customer?: {
    readonly name?: string
    readonly phone?: string
    readonly email?: string
    readonly fleetId?: string
  }
  readonly channel?: 'staff_phone' | 'staff_desk'
  readonly note?: string
}

export interface BookingListQuery {
  readonly from?: string
  readonly to?: string
  readonly status?: BookingStatus
  readonly limit?: number
  readonly offset?: number
}

export function endpoints(api: ApiClient) {
  return {
    /** The client itself, for pages that declare their own routes (the staff console's repair pages). */
    client: api,
    // access
    login: (email: string, password: string) => api.post<LoginAnswer>('/auth/login', { email, password }),
    register: (email: string, password: string, displayName: string) =>
      api.post<Account>('/auth/register', { email, password, displayName }),
    me: () => api.get<Account>('/me'),

    // points and catalogue (public)
    points: (q: { q?: string; features?: readonly BayFeature[]; rimInches?: number | null; limit?: number } = {}) =>
      api.get<Page<PublicPoint>>('/points', {
        q: q.q,
        features: q.features?.join(','),
        rimInches: q.rimInches,
        limit: q.limit ?? 200,
      }),
    point: (pointId: string) => api.get<PublicPoint>(`/points/${seg(pointId)}`),
    nearest: (
      origin: { lat: number; lon: number } | { plate: string },
      filter: { features?: readonly BayFeature[]; rimInches?: number | null; limit?: number } = {},
    ) =>
      api.get<NearestAnswer>('/points/nearest', {
        ...origin,
        features: filter.features?.join(','),
        rimInches: filter.rimInches,
        limit: filter.limit ?? 5,
      }),
    services: () => api.get<Page<CatalogueService>>('/catalogue/services', { limit: 200 }),
    goods: () => api.get<Page<CatalogueGoods>>('/catalogue/goods', { limit: 200 }),

    // bookings
    slots: (pointId: string, q: SlotQuery) =>
      api.get<SlotSearch>(`/points/${seg(pointId)}/slots`, {
        date: q.date,
        services: q.services.join(','),
        vehicleClass: q.vehicleClass,
        rimInches: q.rimInches,
        time: q.time,
      }),
    book: (booking: NewBooking, idempotencyKey?: string) => api.post<Booking>('/bookings', booking, idempotencyKey),
    booking: (bookingId: string) => api.get<Booking>(`/bookings/${seg(bookingId)}`),
    reschedule: (bookingId: string, start: string, reason?: string) =>
      api.post<Booking>(`/bookings/${seg(bookingId)}/reschedule`, { start, ...(reason ? { reason } : {}) }),
    cancel: (bookingId: string, reason?: string) =>
      api.post<Booking>(`/bookings/${seg(bookingId)}/cancel`, reason ? { reason } : {}),
    checkIn: (bookingId: string) => api.post<Booking>(`/bookings/${seg(bookingId)}/check-in`, {}),
    complete: (bookingId: string) => api.post<Booking>(`/bookings/${seg(bookingId)}/complete`, {}),
    noShow: (bookingId: string) => api.post<Booking>(`/bookings/${seg(bookingId)}/no-show`, {}),

    // calendars and lists (read models)
    networkPoints: () => api.get<Page<StaffPoint>>('/network/points', { limit: 200 }),
    pointDay: (pointId: string, date: string, includeCancelled = false) =>
      api.get<PointDay>(`/points/${seg(pointId)}/calendar/days/${seg(date)}`, { includeCancelled }),
    pointWeek: (pointId: string, week: string) =>
      api.get<PointWeek>(`/points/${seg(pointId)}/calendar/weeks/${seg(week)}`),
    bayDay: (pointId: string, bayId: string, date: string, includeCancelled = false) =>
      api.get<BayDay>(`/points/${seg(pointId)}/bays/${seg(bayId)}/calendar/days/${seg(date)}`, { includeCancelled }),
    myBookings: (q: BookingListQuery = {}) => api.get<Page<CalendarEntry>>('/me/bookings', { ...q }),
    fleetBookings: (fleetId: string, q: BookingListQuery = {}) =>
      api.get<Page<CalendarEntry>>(`/fleets/${seg(fleetId)}/bookings`, { ...q }),
  }
}

export type Endpoints = ReturnType<typeof endpoints>
