// The routes head office's later pages call (a point's bays, hours exceptions, seasons, staff
// rota; a service's names and durations; password resets; import/export files; report e-mails), as
// typed functions over the session's ApiClient. Kept apart from shared/api so only the staff
// console's chunks that use them carry them.
import type { ApiClient } from '../../shared/api/client.js'
import type { WeeklyHours } from '../../shared/api/officeEndpoints.js'
import type { BayFeature, CatalogueService } from '../../shared/api/types.js'

const seg = encodeURIComponent

export interface TimeRange {
  readonly from: string
  readonly to: string
}

export interface BayView {
  readonly bayId: string
  readonly name: string
  readonly features: readonly BayFeature[]
  readonly rimMaxInches: number | null
}

export interface SeasonView {
  readonly seasonId: string
  readonly from: string
  readonly to: string
  readonly weekly: WeeklyHours
  readonly note: string | null
}

export interface ExceptionView {
  readonly date: string
  readonly hours: readonly TimeRange[]
  readonly note: string | null
}

/** A point's bays and calendar, as the page keeps it (from the staff read model or a command's answer). */
export interface PointSetup {
  readonly pointId: string
  readonly name: string
  readonly timeZone: string
  readonly bays: readonly BayView[]
  readonly seasons: readonly SeasonView[]
  readonly exceptions: readonly ExceptionView[]
}

type RawBay =
  | BayView
  | {
      readonly bayId: string
      readonly name: string
      readonly capabilities: { readonly features: readonly BayFeature[]; readonly rimMaxInches: number | null }
    }

interface RawPoint {
  readonly pointId: string
  readonly name: string
  readonly timeZone: string
  readonly bays: readonly RawBay[]
  readonly seasons?: readonly SeasonView[]
  readonly exceptions?: readonly ExceptionView[]
}

/** The read model lists a bay's capabilities flat, a command's answer nests them: one shape here. */
export function setupOf(p: RawPoint): PointSetup {
  return {
    pointId: p.pointId,
    name: p.name,
    timeZone: p.timeZone,
    bays: p.bays.map((b) =>
      'capabilities' in b
        ? { bayId: b.bayId, name: b.name, ...b.capabilities }
        : { bayId: b.bayId, name: b.name, features: b.features, rimMaxInches: b.rimMaxInches },
    ),
    seasons: p.seasons ?? [],
    exceptions: [...(p.exceptions ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
  }
}

export type StaffSkillName =
  | 'tyre_fitting'
  | 'balancing'
  | 'wheel_alignment'
  | 'tpms'
  | 'run_flat'
  | 'tyre_repair'
  | 'truck_tyres'
  | 'tyre_storage'

export type AbsenceReason = 'vacation' | 'sick' | 'training' | 'other'

export interface StaffSchedule {
  readonly pointId: string
  readonly members: readonly {
    readonly staffId: string
    readonly name: string
    readonly skills: readonly StaffSkillName[]
    readonly leftOn: string | null
  }[]
  readonly shifts: readonly {
    readonly shiftId: string
    readonly staffId: string
    readonly date: string
    readonly hours: TimeRange
  }[]
  readonly absences: readonly {
    readonly absenceId: string
    readonly staffId: string
    readonly from: string
    readonly to: string
    readonly reason: AbsenceReason
  }[]
}

interface StaffChange {
  readonly applied: number
  readonly schedule: StaffSchedule
}

/** A catalogue service as the API lists it (the shared type). */
export type ServiceItem = CatalogueService

export interface TemplateInfo {
  readonly name: string
  readonly columns: readonly { readonly name: string; readonly required?: boolean }[]
  readonly scope?: string
}

export interface ImportDone {
  readonly template: string
  readonly fileName: string
  readonly imported: number
  readonly unchanged: number
  readonly ids?: readonly string[]
  readonly blankRows?: number
}

export type Cadence = 'daily' | 'weekly' | 'monthly'
export type MailFormat = 'csv' | 'xlsx' | 'pdf'

export interface SubscriptionView {
  readonly subscriptionId: string
  readonly email: string
  readonly report: string
  readonly variantId: string | null
  readonly title?: string
  readonly cadence: Cadence
  readonly format: MailFormat
  readonly active: boolean
  readonly subscribedAt: string
  readonly next: { readonly period: { readonly key: string }; readonly at: string } | null
}

export interface VariantInfo {
  readonly variantId: string
  readonly report: string
  readonly title?: string
  readonly name?: string
}

export function setupApi(api: ApiClient) {
  const put = <T>(path: string, body: unknown) => api.request<T>('PUT', path, { body })
  const del = <T>(path: string) => api.request<T>('DELETE', path)
  const point = (pointId: string) => `/points/${seg(pointId)}`
  const changed = (p: Promise<RawPoint>) => p.then(setupOf)
  return {
    // a point's bays and calendar
    setup: (pointId: string) => changed(api.get<RawPoint>(`/network/points/${seg(pointId)}`)),
    addBay: (pointId: string, bay: BayView) =>
      changed(
        api.post<RawPoint>(`${point(pointId)}/bays`, {
          bayId: bay.bayId,
          name: bay.name,
          capabilities: { features: bay.features, rimMaxInches: bay.rimMaxInches },
        }),
      ),
    changeBay: (pointId: string, bay: BayView) =>
      changed(
        put<RawPoint>(`${point(pointId)}/bays/${seg(bay.bayId)}`, {
          name: bay.name,
          capabilities: { features: bay.features, rimMaxInches: bay.rimMaxInches },
        }),
      ),
    removeBay: (pointId: string, bayId: string) => changed(del<RawPoint>(`${point(pointId)}/bays/${seg(bayId)}`)),
    setException: (pointId: string, date: string, hours: readonly TimeRange[], note: string | null) =>
      changed(put<RawPoint>(`${point(pointId)}/opening-hours/exceptions/${seg(date)}`, { hours, note })),
    removeException: (pointId: string, date: string) =>
      changed(del<RawPoint>(`${point(pointId)}/opening-hours/exceptions/${seg(date)}`)),
    setSeason: (pointId: string, season: SeasonView) =>
      changed(
        put<RawPoint>(`${point(pointId)}/seasons/${seg(season.seasonId)}`, {
          from: season.from,
          to: season.to,
          weeklyHours: season.weekly,
          note: season.note,
        }),
      ),
    removeSeason: (pointId: string, seasonId: string) =>
      changed(del<RawPoint>(`${point(pointId)}/seasons/${seg(seasonId)}`)),

    // the point's people
    staff: (pointId: string, from: string, to: string) =>
      api.get<StaffSchedule>(`${point(pointId)}/staff`, { from, to }),
    registerStaff: (pointId: string, name: string, skills: readonly StaffSkillName[]) =>
      api.post<StaffChange>(`${point(pointId)}/staff`, { name, skills }),
    planShifts: (pointId: string, shifts: readonly { staffId: string; date: string; hours: TimeRange }[]) =>
      api.post<StaffChange>(`${point(pointId)}/shifts`, { shifts }),
    cancelShift: (pointId: string, shiftId: string) => del<StaffChange>(`${point(pointId)}/shifts/${seg(shiftId)}`),
    recordAbsence: (pointId: string, absence: { staffId: string; from: string; to: string; reason: AbsenceReason }) =>
      api.post<StaffChange>(`${point(pointId)}/absences`, absence),
    cancelAbsence: (pointId: string, absenceId: string) =>
      del<StaffChange>(`${point(pointId)}/absences/${seg(absenceId)}`),

    // a catalogue service
    service: (code: string) =>
      api
        .get<{ items: readonly ServiceItem[] }>('/catalogue/services', { limit: 200 })
        .then((page) => page.items.find((s) => s.code === code) ?? null),
    changeService: (s: ServiceItem) =>
      put<ServiceItem>(`/catalogue/services/${seg(s.code)}`, {
        names: s.names,
        baseMinutes: s.baseMinutes,
        durationRules: s.durationRules,
        price: s.price,
        vatRatePercent: s.vatRatePercent,
        requiredFeatures: s.requiredFeatures,
        requiredSkill: s.requiredSkill,
      }),

    // accounts
    resetPassword: (accountId: string, newPassword: string) =>
      put<null>(`/accounts/${seg(accountId)}/password`, { newPassword }),

    // import / export
    templates: () => api.get<{ items: readonly TemplateInfo[] }>('/data-exchange/templates'),
    exportFile: (template: string, format: string, scope: { fleetId?: string; pointId?: string }) =>
      api.download(`/data-exchange/${seg(template)}/export`, { format, ...scope }),
    blankFile: (template: string, format: string) => api.download(`/data-exchange/${seg(template)}/blank`, { format }),
    importFile: (template: string, file: File, scope: { fleetId?: string; pointId?: string }) => {
      const query = new URLSearchParams({ fileName: file.name, ...scope })
      return api.upload<ImportDone>(`/data-exchange/${seg(template)}/import?${query}`, file)
    },

    // report e-mails
    variants: () => api.get<{ items: readonly VariantInfo[] }>('/reports/variants'),
    subscriptions: () => api.get<{ items: readonly SubscriptionView[] }>('/reports/subscriptions'),
    subscribe: (body: { report?: string; variantId?: string; cadence: Cadence; email: string; format: MailFormat }) =>
      api.post<SubscriptionView>('/reports/subscriptions', body),
    unsubscribe: (subscriptionId: string) => del<null>(`/reports/subscriptions/${seg(subscriptionId)}`),
  }
}

export type SetupApi = ReturnType<typeof setupApi>
