// A contract through time: its state folded from events, the periods in which each version of its
// terms is in force, the terms on a given date (`contractAsOf`), its coverage periods (what the
// overlap check compares) and the services its schedule makes due.
//
// "As of" is valid time: the terms in force on a date as the contract stands now (amendments and
// renewals recorded later included). For "as it was known at a moment" (a dispute about what we
// knew when an invoice was made) pass `knownAt`: events recorded after it are left out.
import { addDays, type LocalDate, parseInstant } from '../shared/localTime.js'
import { earlierEnd, laterDate } from '../shared/yearMonth.js'
import type { ContractEvent, ContractHolder } from './events.js'
import { type DueService, dueServices, type SchedulePeriod } from './serviceSchedule.js'
import type { ContractTerms } from './terms.js'

export interface TermsVersion {
  readonly effectiveFrom: LocalDate
  readonly terms: ContractTerms
}

export interface ContractState {
  /** 'active' = signed and not terminated (whether its dates have begun or passed is a matter of dates). */
  readonly status: 'none' | 'active' | 'terminated'
  readonly contractId: string
  readonly contractNumber: string
  readonly holder: ContractHolder | null
  readonly currency: string
  readonly timeZone: string
  readonly validFrom: LocalDate
  /** Inclusive; null = open-ended. After a termination: the last day. */
  readonly validTo: LocalDate | null
  /** Sorted by effectiveFrom; the first starts at validFrom. */
  readonly versions: ReadonlyArray<TermsVersion>
  readonly amendmentIds: ReadonlySet<string>
}

export const initialContractState: ContractState = {
  status: 'none',
  contractId: '',
  contractNumber: '',
  holder: null,
  currency: '',
  timeZone: 'UTC',
  validFrom: '',
  validTo: null,
  versions: [],
  amendmentIds: new Set(),
}

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  switch (event.type) {
    case 'ContractSigned': {
      const d = event.data
      return {
        ...state,
        status: 'active',
        contractId: d.contractId,
        contractNumber: d.contractNumber,
        holder: d.holder,
        currency: d.currency,
        timeZone: d.timeZone,
        validFrom: d.validFrom,
        validTo: d.validTo,
        versions: [{ effectiveFrom: d.validFrom, terms: d.terms }],
      }
    }
    case 'ContractAmended': {
      const { effectiveFrom, terms, amendmentId } = event.data
      return {
        ...state,
        versions: [...state.versions.filter((v) => v.effectiveFrom < effectiveFrom), { effectiveFrom, terms }],
        amendmentIds: new Set([...state.amendmentIds, amendmentId]),
      }
    }
    case 'ContractRenewed': {
      const { terms, previousValidTo, validTo } = event.data
      const versions =
        terms === null ? state.versions : [...state.versions, { effectiveFrom: addDays(previousValidTo, 1), terms }]
      return { ...state, validTo, versions }
    }
    case 'ContractTerminated': {
      const { lastDay } = event.data
      return {
        ...state,
        status: 'terminated',
        validTo: state.validTo !== null && state.validTo < lastDay ? state.validTo : lastDay,
      }
    }
  }
}

export interface TermsPeriod {
  readonly from: LocalDate
  readonly to: LocalDate | null
  readonly terms: ContractTerms
}

/** The periods of validity, each under one version of the terms; none for a contract ended before it began. */
export function periodsOf(state: ContractState): TermsPeriod[] {
  const out: TermsPeriod[] = []
  state.versions.forEach((version, i) => {
    const next = state.versions[i + 1]
    const from = laterDate(version.effectiveFrom, state.validFrom)
    const to = earlierEnd(next ? addDays(next.effectiveFrom, -1) : null, state.validTo)
    if (to === null || from <= to) out.push({ from, to, terms: version.terms })
  })
  return out
}

export interface ContractOnDate {
  readonly contractId: string
  readonly contractNumber: string
  readonly holder: ContractHolder
  readonly currency: string
  readonly timeZone: string
  readonly validFrom: LocalDate
  readonly validTo: LocalDate | null
  readonly termsEffectiveFrom: LocalDate
  readonly terms: ContractTerms
}

/** The contract's terms in force on a local date, or null when it is not in force that day. */
export function termsOn(state: ContractState, date: LocalDate): ContractOnDate | null {
  if (state.status === 'none' || state.holder === null) return null
  const period = periodsOf(state).find((p) => p.from <= date && (p.to === null || date <= p.to))
  if (!period) return null
  return {
    contractId: state.contractId,
    contractNumber: state.contractNumber,
    holder: state.holder,
    currency: state.currency,
    timeZone: state.timeZone,
    validFrom: state.validFrom,
    validTo: state.validTo,
    termsEffectiveFrom: period.from,
    terms: period.terms,
  }
}

export function contractFrom(events: ReadonlyArray<ContractEvent>, knownAt: string | null = null): ContractState {
  const cutoff = knownAt === null ? null : parseInstant(knownAt)
  const known = cutoff === null ? events : events.filter((e) => (parseInstant(e.data.at) ?? 0) <= cutoff)
  return known.reduce(evolveContract, initialContractState)
}

/** The terms in force on `date`, rebuilt from the contract's events (as known at `knownAt`, if given). */
export function contractAsOf(
  events: ReadonlyArray<ContractEvent>,
  date: LocalDate,
  knownAt: string | null = null,
): ContractOnDate | null {
  return termsOn(contractFrom(events, knownAt), date)
}

/** What one contract covers over one period; the overlap check compares these. */
export interface CoveragePeriod {
  readonly contractId: string
  readonly from: LocalDate
  readonly to: LocalDate | null
  readonly equipmentIds: ReadonlyArray<string>
  readonly serviceCodes: ReadonlyArray<string>
}

export function coveragePeriods(state: ContractState): CoveragePeriod[] {
  return periodsOf(state).map((p) => ({
    contractId: state.contractId,
    from: p.from,
    to: p.to,
    equipmentIds: p.terms.coverage.equipmentIds,
    serviceCodes: p.terms.coverage.serviceCodes,
  }))
}

export interface CoverageOverlap {
  readonly equipmentId: string
  readonly serviceCode: string
  readonly otherContractId: string
  readonly from: LocalDate
  readonly to: LocalDate | null
}

/** Every vehicle and service that `mine` and another contract both cover on some day. */
export function findOverlaps(
  mine: ReadonlyArray<CoveragePeriod>,
  others: ReadonlyArray<CoveragePeriod>,
): CoverageOverlap[] {
  const out: CoverageOverlap[] = []
  for (const a of mine) {
    const equipment = new Set(a.equipmentIds)
    const services = new Set(a.serviceCodes)
    for (const b of others) {
      if (b.contractId === a.contractId) continue
      const from = laterDate(a.from, b.from)
      const to = earlierEnd(a.to, b.to)
      if (to !== null && to < from) continue
      for (const equipmentId of b.equipmentIds) {
        if (!equipment.has(equipmentId)) continue
        for (const serviceCode of b.serviceCodes)
          if (services.has(serviceCode)) out.push({ equipmentId, serviceCode, otherContractId: b.contractId, from, to })
      }
    }
  }
  return out
}

/** Services the contract's schedules make due in [from, to] (inclusive local dates). */
export function dueServicesOf(state: ContractState, from: LocalDate, to: LocalDate): DueService[] {
  const periods: SchedulePeriod[] = periodsOf(state).map((p) => ({
    from: p.from,
    to: p.to,
    coveredEquipmentIds: p.terms.coverage.equipmentIds,
    schedule: p.terms.schedule,
  }))
  return dueServices(state.contractId, periods, from, to)
}
