// Commands of the contract context. `now` (UTC ISO-8601) gives "today" in the contract's time zone;
// `otherContracts` is what the application loaded about the other contracts covering the same
// vehicles, so the decider can refuse overlaps without reading anything itself.
import type { Actor } from '../shared/actor.js'
import type { LocalDate } from '../shared/localTime.js'
import type { CoveragePeriod } from './contractTimeline.js'
import type { ContractHolder } from './events.js'
import type { ContractTerms } from './terms.js'

export type ContractCommand = {
  readonly contractId: string
  readonly actor: Actor
  readonly now: string
} & (
  | {
      readonly kind: 'SignContract'
      readonly contractNumber: string
      readonly holder: ContractHolder
      readonly currency: string
      readonly timeZone: string
      readonly validFrom: LocalDate
      readonly validTo: LocalDate | null
      readonly terms: ContractTerms
      readonly otherContracts: ReadonlyArray<CoveragePeriod>
    }
  | {
      readonly kind: 'AmendContract'
      /** The amendment's own id: the same amendment sent twice is recorded once. */
      readonly amendmentId: string
      readonly effectiveFrom: LocalDate
      readonly terms: ContractTerms
      readonly reason: string
      readonly otherContracts: ReadonlyArray<CoveragePeriod>
    }
  | {
      readonly kind: 'RenewContract'
      readonly validTo: LocalDate | null
      /** null keeps the current terms. */
      readonly terms: ContractTerms | null
      readonly otherContracts: ReadonlyArray<CoveragePeriod>
    }
  | { readonly kind: 'TerminateContract'; readonly lastDay: LocalDate; readonly reason: string }
)
