// The routes of the customer portal's repair side (tracking, estimate, rating, own vehicles), the
// fleet dashboard and head office's pages, as typed functions over the session's ApiClient. The
// answers are declared as far as the pages read them (GET /openapi.json has the rest).
import type { ApiClient } from './client.js'
import type { BayFeature, Money, Page, Role, VehicleClass } from './types.js'

const seg = encodeURIComponent

// ── tracking (no login: the code travels in X-Access-Code or the body) ──

export interface LocalizedPair {
  readonly pl: string
  readonly en: string
}

export interface TrackingAnswer {
  readonly workOrderId: string
  readonly pointId: string
  readonly equipment: { readonly label: string; readonly kind: string } | null
  readonly status: string
  readonly statusText: LocalizedPair
  readonly openedAt: string
  readonly promisedAt: string | null
  readonly readyAt: string | null
  readonly closedAt: string | null
  readonly estimateAwaitingDecision: boolean
  readonly history: readonly {
    readonly at: string
    readonly kind: 'status' | 'note'
    readonly status: string | null
    readonly text: LocalizedPair
  }[]
  readonly rating?: { readonly stars: number; readonly comment: string | null; readonly at: string } | null
}

export type LineDecision = 'approved' | 'declined'

export interface EstimateLine {
  readonly lineId: string
  readonly kind: 'labour' | 'part'
  readonly description: string
  readonly quantity: number | null
  readonly minutes: number | null
  readonly netMinor: number
  readonly vatRatePercent: number
  readonly grossMinor: number
  readonly decision: 'pending' | LineDecision
}

export interface EstimateAnswer {
  readonly workOrderId: string
  readonly equipment: { readonly label: string } | null
  readonly revision: number
  readonly open: boolean
  readonly expiresAt: string
  readonly currency: string | null
  readonly lines: readonly EstimateLine[]
  readonly totals: { readonly netMinor: number; readonly vatMinor: number; readonly grossMinor: number } | null
  readonly status: string
}

// ── helpdesk tickets (the customer's side) ──

export interface TicketAnswer {
  readonly ticketId: string
  readonly status: 'open' | 'in_progress' | 'waiting_for_customer' | 'resolved' | 'closed' | string
  readonly subject: string
  readonly description: string
  readonly openedAt: string
  readonly messages: readonly {
    readonly messageId: string
    readonly fromStaff: boolean
    readonly visibility: string
    readonly body: string
    readonly at: string
  }[]
  readonly rating: { readonly stars: number; readonly comment: string | null } | null
}

// ── equipment and history (a logged-in customer's own) ──

export interface RegistryItem {
  readonly equipmentId: string
  readonly kind: string
  readonly make: string
  readonly model: string
  readonly plate: string | null
  readonly vin: string | null
  readonly status: string
  readonly nextInspectionOn: string | null
  readonly warrantyEndsOn: string | null
  readonly insuranceEndsOn: string | null
  readonly lastMileageKm: number | null
  readonly tyres: readonly {
    readonly position: string
    readonly brand: string
    readonly size: string
    readonly season: string
    readonly depthMm: number | null
  }[]
  readonly tyreAdvice: {
    readonly replaceBefore: string | null
    readonly urgency: string
    readonly reason: string | null
  }
  readonly openRecommendations: number
}

export interface EquipmentDetail {
  readonly equipmentId: string
  readonly recommendations: readonly { readonly recommendationId: string; readonly description: string }[]
}

export interface HistoryOrder {
  readonly workOrderId: string
  readonly pointId: string
  readonly equipmentId: string
  readonly equipmentLabel: string
  readonly status: string
  readonly openedAt: string
  readonly closedAt: string | null
  readonly summary: string | null
  readonly lines: readonly {
    readonly lineId: string
    readonly description: string
    readonly netMinor: number
    readonly currency: string
    readonly decision: 'pending' | LineDecision
  }[]
  readonly estimate: { readonly approvedGrossMinor: number | null; readonly currency: string | null } | null
}

// ── fleet dashboard ──

export type VehicleStatus = 'in_operation' | 'booked' | 'in_workshop' | 'irreparable' | 'scrapped' | 'removed'
export const VEHICLE_STATUSES: readonly VehicleStatus[] = [
  'in_operation',
  'booked',
  'in_workshop',
  'irreparable',
  'scrapped',
  'removed',
]

export interface VehicleRow {
  readonly equipmentId: string
  readonly plate: string | null
  readonly make: string | null
  readonly model: string | null
  readonly branchId: string | null
  readonly status: VehicleStatus
  readonly lastService: { readonly pointId: string; readonly at: string } | null
  readonly nextBooking: { readonly bookingId: string; readonly pointId: string; readonly start: string } | null
  readonly nextDueOn: string | null
  readonly mileageKm: number | null
  readonly minTreadMm: number | null
  readonly tyreReplaceBefore: string | null
  readonly spendTotalNetMinor: number
}

export interface SpendMonth {
  readonly month: string
  readonly netMinor: number
  readonly grossMinor: number
  readonly contractNetMinor: number
  readonly extraNetMinor: number
  readonly byBranch: Readonly<Record<string, number>>
  readonly invoices: number
}

export interface DueItem {
  readonly kind: string
  readonly equipmentId: string
  readonly plate: string | null
  readonly dueDate: string
  readonly serviceCode: string | null
}

export interface FleetDashboard {
  readonly fleet: {
    readonly fleetId: string
    readonly name: string
    readonly branches: Readonly<Record<string, string>>
  }
  readonly asOf: string
  readonly vehicles: {
    readonly inService: number
    readonly byStatus: Readonly<Record<VehicleStatus, number>>
    readonly openOrders: number
  }
  readonly inWorkshop: readonly VehicleRow[]
  readonly due: {
    readonly from: string
    readonly to: string
    readonly total: number
    readonly items: readonly DueItem[]
  }
  readonly tickets: { readonly open: number; readonly breached: number }
  readonly spend: {
    readonly months: readonly SpendMonth[]
    readonly contractMonthlyFeesMinor: number
    readonly currency: string | null
    readonly topVehicles: readonly {
      readonly equipmentId: string
      readonly plate: string | null
      readonly spendTotalNetMinor: number
    }[]
  }
  readonly tyres: {
    readonly replaceWithin90Days: number
    readonly items: readonly {
      readonly equipmentId: string
      readonly plate: string | null
      readonly replaceBefore: string
    }[]
  }
}

export interface FleetVehicleCard {
  readonly equipmentId: string
  readonly fleetId: string
  readonly branchId: string | null
  readonly plate: string | null
  readonly make: string | null
  readonly model: string | null
  readonly year: number | null
  readonly status: VehicleStatus
  readonly mileageKm: number | null
  readonly lastService: { readonly pointId: string; readonly at: string } | null
  readonly serviceDates: {
    readonly nextInspectionOn: string | null
    readonly warrantyEndsOn: string | null
    readonly insuranceEndsOn: string | null
  }
  readonly tyres: readonly {
    readonly position: string
    readonly brand: string
    readonly size: string
    readonly season: string
    readonly depthMm: number | null
    readonly replaceBefore: string | null
    readonly urgency: string
  }[]
  readonly spendTotalNetMinor: number
  readonly spendByMonth: Readonly<Record<string, number>>
}

export interface NetworkFleetsDashboard {
  readonly fleets: readonly {
    readonly fleetId: string
    readonly name: string
    readonly vehicles: number
    readonly openOrders: number
    readonly openTickets: number
    readonly breachedTickets: number
    readonly spendLastMonthNetMinor: number
  }[]
  readonly totals: { readonly fleets: number; readonly vehicles: number; readonly openOrders: number }
  readonly spend: { readonly months: readonly SpendMonth[] }
}

// ── head office ──

export interface WeeklyHours {
  readonly [day: string]: readonly { readonly from: string; readonly to: string }[]
}

export interface NewPoint {
  readonly pointId?: string
  readonly name: string
  readonly address: { street: string; postalCode: string; city: string; country: string }
  readonly geo: { lat: number; lon: number }
  readonly contacts: { phone: string | null; email: string | null }
  readonly timeZone: string
  readonly weeklyHours: WeeklyHours
  readonly bays: readonly {
    bayId: string
    name: string
    capabilities: { features: readonly BayFeature[]; rimMaxInches: number | null }
  }[]
}

/** A point as head office reads it (GET /network/points/{id}). */
export interface NetworkPoint {
  readonly pointId: string
  readonly name: string
  readonly address: {
    readonly street: string
    readonly postalCode: string
    readonly city: string
    readonly country: string
  }
  readonly geo: { readonly lat: number; readonly lon: number }
  readonly contacts: { readonly phone: string | null; readonly email: string | null }
  readonly timeZone: string
  readonly weeklyHours: WeeklyHours
  readonly active: boolean
  readonly deactivationReason: string | null
  readonly bays: readonly { readonly bayId: string; readonly name: string }[]
}

export type StaffSkill = 'tyre_fitting' | 'balancing' | 'wheel_alignment' | 'tyre_repair' | 'rim_repair' | 'tpms'

export interface NewService {
  readonly code: string
  readonly names: Readonly<Record<string, string>>
  readonly baseMinutes: number
  readonly durationRules: readonly { vehicleClass: VehicleClass | null; wheels: number | null; minutes: number }[]
  readonly price: Money
  readonly vatRatePercent: number
  readonly requiredFeatures: readonly BayFeature[]
  readonly requiredSkill?: string | null
}

export interface NewGoods {
  readonly sku: string
  readonly kind: string
  readonly names: Readonly<Record<string, string>>
  readonly price: Money
  readonly vatRatePercent: number
}

export interface NewAccount {
  readonly email: string
  readonly password: string
  readonly displayName: string
  readonly role: Role
  readonly pointId?: string
  readonly fleetId?: string
  readonly customerId?: string
}

export interface AccountView {
  readonly accountId: string
  readonly email: string
  readonly displayName: string
  readonly role: Role
  readonly tenant: {
    readonly scope: string
    readonly pointId?: string
    readonly fleetId?: string
    readonly customerId?: string
  }
  readonly status: 'active' | 'deactivated'
}

export interface ReportInfo {
  readonly report: string
  readonly title: string
  readonly description: string
  /** A key with a bucket is the report's time (its rows are per hour, day…). */
  readonly keys: readonly { readonly name: string; readonly bucket: string | null }[]
  readonly measures: readonly { readonly name: string; readonly op: string }[]
}

export interface ReportTable {
  readonly report: string
  readonly title: string
  readonly period: string | null
  readonly columns: readonly { readonly name: string; readonly kind: 'key' | 'measure' }[]
  readonly rows: readonly Readonly<Record<string, string | number | boolean | null>>[]
  readonly total: number
}

export interface ReportQuery {
  readonly period?: string
  readonly from?: string
  readonly to?: string
  readonly groupBy?: readonly string[]
  readonly filters?: Readonly<Record<string, string>>
}

/** A report query as the API's query string reads it (f.<key>=v1,v2 filters). */
export function reportParams(q: ReportQuery): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {
    period: q.period,
    from: q.from,
    to: q.to,
    ...(q.groupBy ? { groupBy: q.groupBy.join(',') } : {}),
  }
  for (const [key, value] of Object.entries(q.filters ?? {})) if (value.trim()) params[`f.${key}`] = value.trim()
  return params
}

export function officeEndpoints(api: ApiClient) {
  const withCode = <T>(path: string, code: string) =>
    api.request<T>('GET', path, { headers: { 'x-access-code': code.trim() } })
  return {
    // tracking
    track: (workOrderId: string, code: string) => withCode<TrackingAnswer>(`/tracking/${seg(workOrderId)}`, code),
    estimate: (workOrderId: string, code: string) =>
      withCode<EstimateAnswer>(`/tracking/${seg(workOrderId)}/estimate`, code),
    decide: (
      workOrderId: string,
      body: {
        code: string
        revision: number
        decidedByName: string
        decisions: readonly { lineId: string; decision: LineDecision; reason?: string | null }[]
      },
    ) => api.post<EstimateAnswer>(`/tracking/${seg(workOrderId)}/estimate/decisions`, body),
    rate: (workOrderId: string, body: { code: string; stars: number; comment: string | null }) =>
      api.post<TrackingAnswer>(`/tracking/${seg(workOrderId)}/rating`, body),

    // helpdesk tickets
    ticket: (ticketId: string) => api.get<TicketAnswer>(`/tickets/${seg(ticketId)}`),
    rateTicket: (ticketId: string, body: { stars: number; comment: string | null }) =>
      api.post<TicketAnswer>(`/tickets/${seg(ticketId)}/rating`, body),

    // a customer's own
    myEquipment: () => api.get<Page<RegistryItem>>('/equipment', { limit: 100 }),
    equipment: (equipmentId: string) => api.get<EquipmentDetail>(`/equipment/${seg(equipmentId)}`),
    customerHistory: (customerId: string) =>
      api.get<{ orders: readonly HistoryOrder[] }>(`/repair-history/customers/${seg(customerId)}`),

    // fleet dashboard
    fleetDashboard: (fleetId: string, days?: number) =>
      api.get<FleetDashboard>(`/fleets/${seg(fleetId)}/dashboard`, { days }),
    fleetVehicles: (
      fleetId: string,
      q: { branchId?: string; status?: VehicleStatus; limit?: number; offset?: number } = {},
    ) => api.get<Page<VehicleRow>>(`/fleets/${seg(fleetId)}/dashboard/vehicles`, { ...q }),
    fleetVehicle: (fleetId: string, equipmentId: string) =>
      api.get<FleetVehicleCard>(`/fleets/${seg(fleetId)}/dashboard/vehicles/${seg(equipmentId)}`),

    networkFleets: () => api.get<NetworkFleetsDashboard>('/fleet-dashboard'),

    // head office
    createPoint: (point: NewPoint) => api.post<{ pointId: string; name: string }>('/points', point),
    networkPoint: (pointId: string) => api.get<NetworkPoint>(`/network/points/${seg(pointId)}`),
    changePointDetails: (pointId: string, details: Pick<NewPoint, 'name' | 'address' | 'geo' | 'contacts'>) =>
      api.request<NetworkPoint>('PUT', `/points/${seg(pointId)}`, { body: details }),
    changeOpeningHours: (pointId: string, weeklyHours: WeeklyHours) =>
      api.request<NetworkPoint>('PUT', `/points/${seg(pointId)}/opening-hours`, { body: { weeklyHours } }),
    deactivatePoint: (pointId: string, reason: string) =>
      api.post<NetworkPoint>(`/points/${seg(pointId)}/deactivate`, { reason }),
    reactivatePoint: (pointId: string) => api.post<NetworkPoint>(`/points/${seg(pointId)}/reactivate`, {}),
    addService: (service: NewService) => api.post<unknown>('/catalogue/services', service),
    changeService: (service: NewService) => {
      const { code, ...rest } = service
      return api.request<unknown>('PUT', `/catalogue/services/${seg(code)}`, { body: rest })
    },
    changeGoods: (goods: NewGoods) => {
      const { sku, ...rest } = goods
      return api.request<unknown>('PUT', `/catalogue/goods/${seg(sku)}`, { body: rest })
    },
    retireService: (code: string) => api.post<unknown>(`/catalogue/services/${seg(code)}/retire`, {}),
    addGoods: (goods: NewGoods) => api.post<unknown>('/catalogue/goods', goods),
    retireGoods: (sku: string) => api.post<unknown>(`/catalogue/goods/${seg(sku)}/retire`, {}),
    createAccount: (account: NewAccount) => api.post<AccountView>('/accounts', account),
    accounts: (q: { role?: Role; pointId?: string; fleetId?: string; limit?: number; offset?: number }) =>
      api.get<Page<AccountView>>('/accounts', { ...q }),
    deactivateAccount: (accountId: string, reason?: string) =>
      api.post<AccountView>(`/accounts/${seg(accountId)}/deactivate`, reason ? { reason } : {}),
    reactivateAccount: (accountId: string) => api.post<AccountView>(`/accounts/${seg(accountId)}/reactivate`, {}),
    reports: () => api.get<{ items: readonly ReportInfo[] }>('/reports'),
    reportRows: (report: string, q: ReportQuery) =>
      api.get<ReportTable>(`/reports/${seg(report)}/rows`, reportParams(q)),
    openapiPaths: () => api.get<{ paths: Readonly<Record<string, unknown>> }>('/openapi.json'),
  }
}

export type OfficeEndpoints = ReturnType<typeof officeEndpoints>
