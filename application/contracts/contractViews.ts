// Read-model names and documents of the contract context (the `contracts` projection), and the
// views the API answers with.
import type { ContractState, CoveragePeriod, TermsVersion } from '../../domain/contract/contractTimeline.js'
import { periodsOf } from '../../domain/contract/contractTimeline.js'
import type { ContractHolder } from '../../domain/contract/events.js'
import type { ContractTerms } from '../../domain/contract/terms.js'
import type { LocalDate } from '../../domain/shared/localTime.js'
import type { Document } from '../ports/documentStore.js'

export const CONTRACTS = { projection: 'contracts', contracts: 'contracts', coverage: 'coverage' } as const

/** A contract's folded state, as JSON (sets as arrays), with its holder spelt out for filters. */
export interface ContractDoc extends Document {
  _id: string
  contractId: string
  contractNumber: string
  holder: ContractHolder
  fleetId: string | null
  customerId: string | null
  currency: string
  timeZone: string
  validFrom: LocalDate
  validTo: LocalDate | null
  status: 'active' | 'terminated'
  versions: TermsVersion[]
  amendmentIds: string[]
  signedAt: string
  updatedAt: string
}

/** What one contract covers for one vehicle: the overlap check reads these by equipment id. */
export interface CoverageDoc extends Document {
  /** `<contractId>|<equipmentId>` */
  _id: string
  contractId: string
  equipmentId: string
  periods: Array<{ from: LocalDate; to: LocalDate | null; serviceCodes: string[] }>
}

export function contractStateOf(doc: ContractDoc): ContractState {
  return {
    status: doc.status,
    contractId: doc.contractId,
    contractNumber: doc.contractNumber,
    holder: doc.holder,
    currency: doc.currency,
    timeZone: doc.timeZone,
    validFrom: doc.validFrom,
    validTo: doc.validTo,
    versions: doc.versions,
    amendmentIds: new Set(doc.amendmentIds),
  }
}

/**
 * Coverage rows back into the periods the decider compares, one per contract, period and set of
 * services (so 5,000 vehicles of one contract are one row, not 5,000).
 */
export function coverageRows(docs: ReadonlyArray<CoverageDoc>): CoveragePeriod[] {
  const rows = new Map<
    string,
    { contractId: string; from: string; to: string | null; serviceCodes: string[]; equipmentIds: string[] }
  >()
  for (const doc of docs)
    for (const p of doc.periods) {
      const key = `${doc.contractId}|${p.from}|${p.to}|${p.serviceCodes.join(',')}`
      const row = rows.get(key) ?? {
        contractId: doc.contractId,
        from: p.from,
        to: p.to,
        serviceCodes: p.serviceCodes,
        equipmentIds: [],
      }
      row.equipmentIds.push(doc.equipmentId)
      rows.set(key, row)
    }
  return [...rows.values()]
}

export interface ContractView {
  readonly contractId: string
  readonly contractNumber: string
  readonly holder: ContractHolder
  readonly currency: string
  readonly timeZone: string
  readonly validFrom: LocalDate
  readonly validTo: LocalDate | null
  readonly status: 'active' | 'terminated'
  /** Each period of validity under one version of the terms. */
  readonly periods: ReadonlyArray<{
    readonly from: LocalDate
    readonly to: LocalDate | null
    readonly terms: ContractTerms
  }>
  /** With ?asOf: the terms in force that day (null: not in force). */
  readonly asOf?: {
    readonly date: LocalDate
    readonly termsEffectiveFrom: LocalDate
    readonly terms: ContractTerms
  } | null
}

export function contractView(state: ContractState): ContractView {
  return {
    contractId: state.contractId,
    contractNumber: state.contractNumber,
    holder: state.holder as ContractHolder,
    currency: state.currency,
    timeZone: state.timeZone,
    validFrom: state.validFrom,
    validTo: state.validTo,
    status: state.status === 'terminated' ? 'terminated' : 'active',
    periods: periodsOf(state),
  }
}

export interface ContractListItem {
  readonly contractId: string
  readonly contractNumber: string
  readonly holder: ContractHolder
  readonly validFrom: LocalDate
  readonly validTo: LocalDate | null
  readonly status: 'active' | 'terminated'
  readonly vehicles: number
  readonly services: ReadonlyArray<string>
}
