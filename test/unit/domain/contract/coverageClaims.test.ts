// The coverage-claims decider (stream coverage-<equipmentId>): given claims, when a contract claims
// or withdraws, then the events or the overlap refusal.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import {
  ABANDONED_CLAIM_MS,
  type CoverageClaimCommand,
  type CoverageClaimEvent,
  type CoverageClaimsState,
  coverageClaimsDecider,
  effectiveClaims,
} from '../../../../domain/contract/coverageClaims.js'

const NOW = '2026-11-26T10:00:00.000Z'
const YEAR = [{ from: '2027-01-01', to: '2027-12-31', serviceCodes: ['TYRE_CHANGE'] }]

function given(events: CoverageClaimEvent[]): CoverageClaimsState {
  return events.reduce(coverageClaimsDecider.evolve, coverageClaimsDecider.initialState)
}

const claimed = (contractId: string, claimId: string, periods = YEAR, at = NOW): CoverageClaimEvent => ({
  type: 'ContractCoverageClaimed',
  data: { equipmentId: 'v1', contractId, claimId, periods, at },
})

const claim = (contractId: string, claimId: string, extra: Partial<CoverageClaimCommand> = {}): CoverageClaimCommand =>
  ({
    kind: 'ClaimCoverage',
    equipmentId: 'v1',
    contractId,
    claimId,
    periods: YEAR,
    abandonedContracts: [],
    now: NOW,
    ...extra,
  }) as CoverageClaimCommand

describe('coverage claims (the cross-process overlap guard)', () => {
  it('a first claim is recorded; the same claim again records nothing', () => {
    const first = coverageClaimsDecider.decide(claim('k1', 'c1'), given([]))
    assert.ok(isRight(first))
    assert.deepEqual(first.right, [claimed('k1', 'c1')])
    assert.deepEqual(coverageClaimsDecider.decide(claim('k1', 'c1'), given(first.right as CoverageClaimEvent[])), {
      _tag: 'Right',
      right: [],
    })
  })

  it('another contract on the same service and days is refused, naming the pair; other services or days are fine', () => {
    const state = given([claimed('k1', 'c1')])
    const refused = coverageClaimsDecider.decide(claim('k2', 'c2'), state)
    assert.ok(isLeft(refused))
    assert.equal(refused.left.code, 'CONTRACT_COVERAGE_OVERLAPS')
    assert.deepEqual(refused.left.fields, [
      {
        path: 'terms.coverage',
        message: 'v1 / TYRE_CHANGE is already covered by contract k1 from 2027-01-01 to 2027-12-31',
      },
    ])
    const later = [{ from: '2028-01-01', to: null, serviceCodes: ['TYRE_CHANGE'] }]
    assert.ok(isRight(coverageClaimsDecider.decide(claim('k2', 'c2', { periods: later }), state)))
    const other = [{ from: '2027-01-01', to: null, serviceCodes: ['BALANCING'] }]
    assert.ok(isRight(coverageClaimsDecider.decide(claim('k2', 'c2', { periods: other }), state)))
  })

  it('a withdrawn claim brings back the contract’s previous one, and frees what only the withdrawn one covered', () => {
    const shorter = [{ from: '2027-01-01', to: '2027-03-31', serviceCodes: ['TYRE_CHANGE'] }]
    const amended = given([claimed('k1', 'c1', shorter), claimed('k1', 'c2', YEAR)])
    const withdrawal = coverageClaimsDecider.decide(
      { kind: 'WithdrawCoverageClaim', equipmentId: 'v1', contractId: 'k1', claimId: 'c2', now: NOW },
      amended,
    )
    assert.ok(isRight(withdrawal))
    const after = given([claimed('k1', 'c1', shorter), claimed('k1', 'c2', YEAR), ...withdrawal.right])
    assert.deepEqual(
      effectiveClaims(after).map((c) => c.claimId),
      ['c1'],
    )
    const june = [{ from: '2027-06-01', to: '2027-06-30', serviceCodes: ['TYRE_CHANGE'] }]
    assert.ok(isLeft(coverageClaimsDecider.decide(claim('k2', 'k2c', { periods: june }), amended)))
    assert.ok(isRight(coverageClaimsDecider.decide(claim('k2', 'k2c', { periods: june }), after)))
  })

  it('a claim of a contract never written counts until it is older than the abandonment delay', () => {
    const old = new Date(Date.parse(NOW) - ABANDONED_CLAIM_MS - 1).toISOString()
    const fresh = new Date(Date.parse(NOW) - 1000).toISOString()
    const abandoned = { abandonedContracts: ['k1'] }
    assert.ok(
      isRight(coverageClaimsDecider.decide(claim('k2', 'c2', abandoned), given([claimed('k1', 'c1', YEAR, old)]))),
    )
    assert.ok(
      isLeft(coverageClaimsDecider.decide(claim('k2', 'c2', abandoned), given([claimed('k1', 'c1', YEAR, fresh)]))),
    )
    assert.ok(isLeft(coverageClaimsDecider.decide(claim('k2', 'c2'), given([claimed('k1', 'c1', YEAR, old)]))))
  })
})
