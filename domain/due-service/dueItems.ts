// What falls due for one piece of equipment, from its own history and the contracts covering it:
//   - inspection        the next inspection date (kept while overdue: it still has to be done);
//   - warranty_end      the warranty's end (a check-up before it ends), only while ahead;
//   - insurance_end     the insurance's end (a reminder, no visit), only while ahead;
//   - tyre_replacement  the earliest suggested replacement of a mounted tyre (tyreWear.ts: legal
//                       1.6 mm, the recommended minimum with its margin, or age);
//   - recommendations   declined estimate lines still open, due some days after the first was raised;
//   - contract_service  the next two occurrences of each scheduled service of each contract
//                       covering the equipment (every N months, seasonal tyre change).
// Pure: the moment comes in (`asOf`), nothing is read. The same history and moment give the same
// items, which is what lets the reminder policy compare what should be scheduled with what is.
import { type ContractState, periodsOf } from '../contract/contractTimeline.js'
import { dueServices, type SchedulePeriod } from '../contract/serviceSchedule.js'
import { type EquipmentState, openRecommendations } from '../equipment/equipmentDecider.js'
import { DEFAULT_TYRE_WEAR_OPTIONS, predictMountedTyres, type TreadLimits } from '../equipment/tyreWear.js'
import { addDays, type LocalDate } from '../shared/localTime.js'

export const DUE_KINDS = [
  'inspection',
  'warranty_end',
  'insurance_end',
  'tyre_replacement',
  'recommendations',
  'contract_service',
] as const
export type DueKind = (typeof DUE_KINDS)[number]

export const isDueKind = (value: unknown): value is DueKind =>
  typeof value === 'string' && (DUE_KINDS as ReadonlyArray<string>).includes(value)

export interface DueTyre {
  readonly position: string
  readonly tyreId: string
  readonly depthMm: number | null
  readonly replaceBefore: LocalDate
  readonly reason: 'legal_minimum' | 'recommended_minimum' | 'age'
}

export interface DueItem {
  readonly equipmentId: string
  readonly kind: DueKind
  /** Which one of its kind: 'inspection', 'tyres', '<contractId>.<scheduleId>'… stable while the item lives. */
  readonly ref: string
  readonly dueDate: LocalDate
  /** The catalogue services a visit for it books; null when it asks for no visit (insurance). */
  readonly serviceCodes: ReadonlyArray<string> | null
  readonly tyres: ReadonlyArray<DueTyre>
  readonly recommendations: ReadonlyArray<{ readonly recommendationId: string; readonly description: string }>
  readonly contract: {
    readonly contractId: string
    readonly scheduleId: string
    readonly season: 'spring' | 'autumn' | null
    readonly window: { readonly from: LocalDate; readonly to: LocalDate } | null
  } | null
}

export interface DueServiceRules {
  readonly treadLimits: TreadLimits
  /** Days before the recommended minimum a replacement is suggested (tyreWear's margin). */
  readonly tyreMarginDays: number
  /** Open recommendations fall due this many days after the oldest was raised. */
  readonly recommendationFollowUpDays: number
  /** The services a visit books, per kind (contract services book their schedule's service). */
  readonly visitServices: Readonly<Record<Exclude<DueKind, 'contract_service'>, ReadonlyArray<string> | null>>
  /** How many occurrences of each contract schedule are kept ahead. */
  readonly contractOccurrencesAhead: number
}

export const DEFAULT_DUE_SERVICE_RULES: DueServiceRules = {
  treadLimits: DEFAULT_TYRE_WEAR_OPTIONS.limits,
  tyreMarginDays: DEFAULT_TYRE_WEAR_OPTIONS.marginDays,
  recommendationFollowUpDays: 30,
  visitServices: {
    inspection: ['INSPECTION'],
    warranty_end: ['INSPECTION'],
    insurance_end: null,
    tyre_replacement: ['TYRE_CHANGE'],
    recommendations: ['INSPECTION'],
  },
  contractOccurrencesAhead: 2,
}

const base = (
  equipmentId: string,
  kind: DueKind,
  ref: string,
  dueDate: LocalDate,
  serviceCodes: ReadonlyArray<string> | null,
): DueItem => ({ equipmentId, kind, ref, dueDate, serviceCodes, tyres: [], recommendations: [], contract: null })

/** Equipment that is gone (scrapped, irreparable) has nothing due. */
export function isOutOfService(state: EquipmentState): boolean {
  return state.exists && (state.status === 'scrapped' || state.status === 'irreparable')
}

/** Items from the equipment's own history (dates, tyres, recommendations) as of `asOf` (UTC instant). */
export function equipmentDueItems(
  state: EquipmentState,
  asOf: string,
  rules: DueServiceRules = DEFAULT_DUE_SERVICE_RULES,
): DueItem[] {
  if (!state.exists || isOutOfService(state)) return []
  const today = asOf.slice(0, 10)
  const id = state.equipmentId
  const out: DueItem[] = []
  const dates = state.serviceDates
  if (dates.nextInspectionOn)
    out.push(base(id, 'inspection', 'inspection', dates.nextInspectionOn, rules.visitServices.inspection))
  if (dates.warrantyEndsOn && dates.warrantyEndsOn >= today)
    out.push(base(id, 'warranty_end', 'warranty', dates.warrantyEndsOn, rules.visitServices.warranty_end))
  if (dates.insuranceEndsOn && dates.insuranceEndsOn >= today)
    out.push(base(id, 'insurance_end', 'insurance', dates.insuranceEndsOn, rules.visitServices.insurance_end))

  const tyres: DueTyre[] = predictMountedTyres(state, asOf, {
    ...DEFAULT_TYRE_WEAR_OPTIONS,
    limits: rules.treadLimits,
    marginDays: rules.tyreMarginDays,
  }).flatMap((p) =>
    p.suggestion.replaceBefore !== null && p.suggestion.reason !== null
      ? [
          {
            position: p.position,
            tyreId: p.tyreId,
            depthMm: p.currentDepthMm,
            replaceBefore: p.suggestion.replaceBefore.slice(0, 10),
            reason: p.suggestion.reason,
          },
        ]
      : [],
  )
  if (tyres.length > 0) {
    const earliest = tyres.map((t) => t.replaceBefore).sort()[0] as LocalDate
    // The tyres to replace at that visit: those due within a month of the first.
    const within = addDays(earliest, 30)
    out.push({
      ...base(id, 'tyre_replacement', 'tyres', earliest, rules.visitServices.tyre_replacement),
      tyres: tyres.filter((t) => t.replaceBefore <= within).sort((a, b) => a.position.localeCompare(b.position)),
    })
  }

  const open = openRecommendations(state)
  const oldest = open[0]
  if (oldest)
    out.push({
      ...base(
        id,
        'recommendations',
        'recommendations',
        addDays(oldest.raisedAt.slice(0, 10), rules.recommendationFollowUpDays),
        rules.visitServices.recommendations,
      ),
      recommendations: open.map((r) => ({ recommendationId: r.recommendationId, description: r.description })),
    })
  return out
}

/**
 * The next occurrences (rules.contractOccurrencesAhead per schedule, due today or later) of the
 * contract's scheduled services for this equipment, under the terms in force on each due date.
 */
export function contractDueItems(
  contract: ContractState,
  equipmentId: string,
  asOf: string,
  rules: DueServiceRules = DEFAULT_DUE_SERVICE_RULES,
): DueItem[] {
  if (contract.status === 'none') return []
  const today = asOf.slice(0, 10)
  // Ten years ahead is past any schedule's second occurrence (periods are at most 120 months).
  const until =
    contract.validTo !== null && contract.validTo < addDays(today, 3660) ? contract.validTo : addDays(today, 3660)
  if (until < today) return []
  const perSchedule = new Map<string, number>()
  const out: DueItem[] = []
  // The schedules as they apply to this one vehicle (a fleet contract covers thousands: listing
  // every vehicle's dates to keep one's would make a contract change quadratic).
  const periods: SchedulePeriod[] = periodsOf(contract).flatMap((p) =>
    p.terms.coverage.equipmentIds.includes(equipmentId)
      ? [
          {
            from: p.from,
            to: p.to,
            coveredEquipmentIds: [equipmentId],
            schedule: p.terms.schedule.flatMap((s) =>
              s.equipmentIds === null || s.equipmentIds.includes(equipmentId)
                ? [{ ...s, equipmentIds: [equipmentId] }]
                : [],
            ),
          },
        ]
      : [],
  )
  for (const due of dueServices(contract.contractId, periods, today, until)) {
    const taken = perSchedule.get(due.scheduleId) ?? 0
    if (taken >= rules.contractOccurrencesAhead) continue
    perSchedule.set(due.scheduleId, taken + 1)
    out.push({
      ...base(equipmentId, 'contract_service', `${due.contractId}.${due.scheduleId}`, due.dueDate, [due.serviceCode]),
      contract: { contractId: due.contractId, scheduleId: due.scheduleId, season: due.season, window: due.window },
    })
  }
  return out
}

/** Every equipment id any version of the contract's terms covers (schedules only name covered ones). */
export function equipmentCoveredByContract(contract: ContractState): string[] {
  const ids = new Set<string>()
  for (const version of contract.versions) for (const id of version.terms.coverage.equipmentIds) ids.add(id)
  return [...ids].sort()
}
