// The cross-process guard of the overlap rule (see domain/contract/coverageClaims.ts): before a
// contract change is appended, the coverage it will have on each vehicle whose coverage changes
// is claimed on that vehicle's `coverage-<equipmentId>` stream, in sorted order, each claim
// decided on the stream as read and appended with that revision (handleCommand re-reads and
// re-decides when another writer got there first). If any claim is refused, or the contract's own
// append then fails, the claims made so far are withdrawn.
//
// Nothing is written for a refusal the streams already show: every vehicle's claims are checked
// before the first claim is appended. Only the loser of a true race (both checked, one claimed
// first) leaves a claim and its withdrawal behind.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { contractStream } from '../../domain/contract/contractDecider.js'
import type { ContractState } from '../../domain/contract/contractTimeline.js'
import {
  ABANDONED_CLAIM_MS,
  type ClaimedPeriod,
  type CoverageClaimCommand,
  claimedPeriodsOn,
  claimOverlaps,
  coverageClaimStream,
  coverageClaimsDecider,
  coverageOverlapError,
} from '../../domain/contract/coverageClaims.js'
import type { Actor } from '../../domain/shared/actor.js'
import type { DomainError } from '../../domain/shared/decider.js'
import { parseInstant } from '../../domain/shared/localTime.js'
import { deterministicUuid } from '../commands/commandContext.js'
import { handleCommand, loadState } from '../commands/handleCommand.js'
import type { RequestMeta } from '../customers/requestMeta.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'

/** Claims made for one contract change; `withdraw` undoes them. */
export interface CoverageClaims {
  readonly equipmentIds: ReadonlyArray<string>
  withdraw(): Promise<void>
}

/** Many racing writers on one vehicle stream each need a turn: more retries than a usual command. */
const CLAIM_RETRIES = 20

export class CoverageGuard {
  constructor(
    private readonly store: EventStore,
    private readonly catalogue: EventCatalogue,
  ) {}

  /**
   * Claims what `after` covers on every vehicle whose coverage differs from `before`. Left: an
   * overlap with another contract's claim (CONTRACT_COVERAGE_OVERLAPS), nothing left claimed.
   */
  async claim(
    contractId: string,
    before: ContractState,
    after: ContractState,
    actor: Actor,
    meta: RequestMeta,
  ): Promise<Either<DomainError, CoverageClaims>> {
    const vehicles = new Set<string>()
    for (const state of [before, after])
      for (const v of state.versions) for (const id of v.terms.coverage.equipmentIds) vehicles.add(id)
    const changes: Array<{ equipmentId: string; periods: ClaimedPeriod[] }> = []
    for (const equipmentId of [...vehicles].sort()) {
      const periods = claimedPeriodsOn(after, equipmentId)
      if (JSON.stringify(periods) !== JSON.stringify(claimedPeriodsOn(before, equipmentId)))
        changes.push({ equipmentId, periods })
    }
    // One claim id per change: derived from the Idempotency-Key, so a retried request finds its claims.
    const baseClaimId = meta.commandId
      ? deterministicUuid(`coverage-claim|${contractId}|${meta.commandId}`)
      : deterministicUuid(`coverage-claim|${contractId}|${meta.correlationId}|${meta.now}|${Math.random()}`)

    // Read-only first: a refusal the streams already show writes nothing.
    const abandoned = new Map<string, string[]>()
    let attempts = 0
    for (const { equipmentId, periods } of changes) {
      const seen = await this.abandonedAndOverlaps(equipmentId, contractId, periods, meta.now)
      if (seen.overlaps) return left(seen.overlaps)
      abandoned.set(equipmentId, seen.abandoned)
      // A retry of a request whose claims were withdrawn (its contract append failed) claims anew.
      attempts = Math.max(attempts, seen.withdrawnIds.filter((id) => id.startsWith(baseClaimId)).length)
    }
    const claimId = attempts === 0 ? baseClaimId : `${baseClaimId}.${attempts}`
    const context = { ...meta, actor, ...(meta.commandId ? { commandId: `${meta.commandId}|${claimId}` } : {}) }

    const claimed: string[] = []
    const withdraw = async () => {
      for (const equipmentId of claimed.reverse())
        await this.run({ kind: 'WithdrawCoverageClaim', equipmentId, contractId, claimId, now: meta.now }, context)
    }
    try {
      for (const { equipmentId, periods } of changes) {
        const outcome = await this.run(
          {
            kind: 'ClaimCoverage',
            equipmentId,
            contractId,
            claimId,
            periods,
            abandonedContracts: abandoned.get(equipmentId) ?? [],
            now: meta.now,
          },
          context,
        )
        if (isLeft(outcome)) {
          await withdraw()
          return outcome
        }
        claimed.push(equipmentId)
      }
    } catch (error) {
      await withdraw().catch(() => undefined)
      throw error
    }
    return right({ equipmentIds: [...claimed], withdraw })
  }

  private run(command: CoverageClaimCommand, context: RequestMeta & { readonly actor: Actor }) {
    return handleCommand({
      store: this.store,
      catalogue: this.catalogue,
      decider: coverageClaimsDecider,
      streamId: coverageClaimStream(command.equipmentId),
      command,
      context: {
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
        now: context.now,
        ...(context.commandId ? { commandId: `${context.commandId}|${command.kind}` } : {}),
      },
      maxRetries: CLAIM_RETRIES,
    })
  }

  /**
   * Other contracts' claims on the vehicle that overlap these periods, apart from claims older than
   * ABANDONED_CLAIM_MS of contracts that were never written (a crash between claim and contract).
   */
  private async abandonedAndOverlaps(
    equipmentId: string,
    contractId: string,
    periods: ReadonlyArray<ClaimedPeriod>,
    now: string,
  ): Promise<{ overlaps: DomainError | null; abandoned: string[]; withdrawnIds: string[] }> {
    const { state } = await loadState(
      this.store,
      this.catalogue,
      coverageClaimsDecider,
      coverageClaimStream(equipmentId),
    )
    const nowMs = parseInstant(now) ?? Date.now()
    const abandoned: string[] = []
    for (const overlap of claimOverlaps(state, equipmentId, contractId, periods)) {
      const claim = state.claims.findLast((c) => c.contractId === overlap.otherContractId && !c.withdrawn)
      if (!claim || abandoned.includes(claim.contractId)) continue
      if ((parseInstant(claim.at) ?? nowMs) > nowMs - ABANDONED_CLAIM_MS) continue
      if (!(await this.contractExists(claim.contractId))) abandoned.push(claim.contractId)
    }
    const overlaps = claimOverlaps(state, equipmentId, contractId, periods, (c) => {
      if (!abandoned.includes(c.contractId)) return false
      return (parseInstant(c.at) ?? nowMs) <= nowMs - ABANDONED_CLAIM_MS
    })
    return {
      overlaps: overlaps.length > 0 ? coverageOverlapError(overlaps) : null,
      abandoned,
      withdrawnIds: state.claims.filter((c) => c.withdrawn && c.contractId === contractId).map((c) => c.claimId),
    }
  }

  private async contractExists(contractId: string): Promise<boolean> {
    for await (const _ of this.store.readStream(contractStream(contractId), { maxCount: 1 })) return true
    return false
  }
}
