// Coverage claims (stream `coverage-<equipmentId>`): the guard that keeps two contracts from
// covering the same vehicle and service on the same day even when they are signed at the same
// instant by different processes.
//
// The overlap check of contractDecider reads the other contracts from a read model, which two
// processes (or two holders in one process) may read at the same time before either has written.
// So, before a contract's events are appended, the application claims the coverage the contract
// will have on each of its vehicles, one vehicle stream at a time in a fixed order (sorted ids),
// each claim appended with the expected revision of the stream it was decided on. Of two
// overlapping contracts racing, the second to append on their first common vehicle loses the
// revision race, re-reads, sees the winner's claim and is refused: only one of them can win.
//
// A contract's coverage on the vehicle is its latest claim that was not withdrawn: an amendment
// claims again, and a claim whose contract then failed to be written is withdrawn, which brings
// the contract's previous claim back. A claim left behind by a crash between the claim and the
// contract's append is ignored once the application has seen that its contract does not exist
// and the claim is older than ABANDONED_CLAIM_MS (passed in as `abandonedContracts`).
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import type { LocalDate } from '../shared/localTime.js'
import { parseInstant } from '../shared/localTime.js'
import { type ContractState, type CoverageOverlap, coveragePeriods, findOverlaps } from './contractTimeline.js'

export const coverageClaimStream = (equipmentId: string): string => `coverage-${equipmentId}`

/** A claim older than this whose contract was never written is taken for a crashed signing. */
export const ABANDONED_CLAIM_MS = 2 * 60_000

const ClaimedPeriod = t.type({
  from: t.string,
  /** null: until the contract ends. */
  to: t.union([t.string, t.null]),
  serviceCodes: t.array(t.string),
})
export type ClaimedPeriod = t.TypeOf<typeof ClaimedPeriod>

export const coverageClaimEventCodecs = {
  /** The coverage `contractId` has (or is about to have) on the vehicle: replaces its earlier claims. */
  ContractCoverageClaimed: t.type({
    equipmentId: t.string,
    contractId: t.string,
    claimId: t.string,
    periods: t.array(ClaimedPeriod),
    at: t.string,
  }),
  /** The claim's contract change was not written: the contract's previous claim applies again. */
  ContractCoverageClaimWithdrawn: t.type({
    equipmentId: t.string,
    contractId: t.string,
    claimId: t.string,
    at: t.string,
  }),
}
export type CoverageClaimEvent = EventsOf<typeof coverageClaimEventCodecs>
export const coverageClaimEventDefinitions = firstVersionDefinitions(coverageClaimEventCodecs)

export type CoverageClaimCommand =
  | {
      readonly kind: 'ClaimCoverage'
      readonly equipmentId: string
      readonly contractId: string
      readonly claimId: string
      readonly periods: ReadonlyArray<ClaimedPeriod>
      /** Contracts the application found never written: their claims older than ABANDONED_CLAIM_MS do not count. */
      readonly abandonedContracts: ReadonlyArray<string>
      readonly now: string
    }
  | {
      readonly kind: 'WithdrawCoverageClaim'
      readonly equipmentId: string
      readonly contractId: string
      readonly claimId: string
      readonly now: string
    }

interface Claim {
  readonly contractId: string
  readonly claimId: string
  readonly periods: ReadonlyArray<ClaimedPeriod>
  readonly at: string
  readonly withdrawn: boolean
}

export interface CoverageClaimsState {
  /** Every claim in stream order. */
  readonly claims: ReadonlyArray<Claim>
}

/** Each contract's coverage on the vehicle: its latest claim that was not withdrawn. */
export function effectiveClaims(state: CoverageClaimsState): Claim[] {
  const latest = new Map<string, Claim>()
  for (const claim of state.claims) if (!claim.withdrawn) latest.set(claim.contractId, claim)
  return [...latest.values()]
}

/** The periods a contract covers one vehicle in, as a claim states them. */
export function claimedPeriodsOn(state: ContractState, equipmentId: string): ClaimedPeriod[] {
  return coveragePeriods(state)
    .filter((p) => p.equipmentIds.includes(equipmentId))
    .map((p) => ({ from: p.from, to: p.to, serviceCodes: [...p.serviceCodes] }))
}

/** Other contracts' claims on the vehicle that the claimed periods would overlap. */
export function claimOverlaps(
  state: CoverageClaimsState,
  equipmentId: string,
  contractId: string,
  periods: ReadonlyArray<ClaimedPeriod>,
  ignore: (claim: Claim) => boolean = () => false,
): CoverageOverlap[] {
  const asCoverage = (id: string, ps: ReadonlyArray<ClaimedPeriod>) =>
    ps.map((p) => ({
      contractId: id,
      from: p.from as LocalDate,
      to: p.to,
      equipmentIds: [equipmentId],
      serviceCodes: p.serviceCodes,
    }))
  const others = effectiveClaims(state)
    .filter((c) => c.contractId !== contractId && !ignore(c))
    .flatMap((c) => asCoverage(c.contractId, c.periods))
  return findOverlaps(asCoverage(contractId, periods), others)
}

/** The refusal both the read-model check and the claims give, naming each pair. */
export function coverageOverlapError(overlaps: ReadonlyArray<CoverageOverlap>): DomainError {
  return domainError(
    'conflict',
    'CONTRACT_COVERAGE_OVERLAPS',
    `${overlaps.length} vehicle/service pair(s) are covered by another contract on the same days`,
    overlaps.slice(0, 20).map((o) => ({
      path: 'terms.coverage',
      message: `${o.equipmentId} / ${o.serviceCode} is already covered by contract ${o.otherContractId} from ${o.from}${o.to === null ? '' : ` to ${o.to}`}`,
    })),
  )
}

const sameClaim = (a: ReadonlyArray<ClaimedPeriod>, b: ReadonlyArray<ClaimedPeriod>): boolean =>
  JSON.stringify(a) === JSON.stringify(b)

function decide(
  command: CoverageClaimCommand,
  state: CoverageClaimsState,
): Either<DomainError, ReadonlyArray<CoverageClaimEvent>> {
  const { equipmentId, contractId, claimId, now: at } = command
  const mine = state.claims.find((c) => c.claimId === claimId)
  if (command.kind === 'WithdrawCoverageClaim') {
    if (!mine || mine.withdrawn) return right([])
    return right([{ type: 'ContractCoverageClaimWithdrawn', data: { equipmentId, contractId, claimId, at } }])
  }
  // The same claim again (a retried request): nothing to add.
  if (mine) return right([])
  const nowMs = parseInstant(at)
  if (nowMs === null) return left(domainError('invalid', 'CONTRACT_INVALID', 'now must be a UTC ISO-8601 instant'))
  const abandoned = new Set(command.abandonedContracts)
  const overlaps = claimOverlaps(
    state,
    equipmentId,
    contractId,
    command.periods,
    (c) => abandoned.has(c.contractId) && (parseInstant(c.at) ?? nowMs) <= nowMs - ABANDONED_CLAIM_MS,
  )
  if (overlaps.length > 0) return left(coverageOverlapError(overlaps))
  // Nothing changes on this vehicle: no claim needed.
  const current = effectiveClaims(state).find((c) => c.contractId === contractId)
  if (current ? sameClaim(current.periods, command.periods) : command.periods.length === 0) return right([])
  return right([
    {
      type: 'ContractCoverageClaimed',
      data: { equipmentId, contractId, claimId, periods: command.periods.map((p) => ({ ...p })), at },
    },
  ])
}

function evolve(state: CoverageClaimsState, event: CoverageClaimEvent): CoverageClaimsState {
  if (event.type === 'ContractCoverageClaimed') {
    const { contractId, claimId, periods, at } = event.data
    return { claims: [...state.claims, { contractId, claimId, periods, at, withdrawn: false }] }
  }
  return {
    claims: state.claims.map((c) => (c.claimId === event.data.claimId ? { ...c, withdrawn: true } : c)),
  }
}

export const coverageClaimsDecider: Decider<CoverageClaimCommand, CoverageClaimsState, CoverageClaimEvent> = {
  initialState: { claims: [] },
  decide,
  evolve,
}
