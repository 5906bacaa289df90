import assert from 'node:assert/strict'
import type { ContractCommand } from '../../../../domain/contract/commands.js'
import { contractDecider } from '../../../../domain/contract/contractDecider.js'
import type { CoveragePeriod } from '../../../../domain/contract/contractTimeline.js'
import type { ContractEvent } from '../../../../domain/contract/events.js'
import type { ContractTerms } from '../../../../domain/contract/terms.js'
import { scenario } from '../givenWhenThen.js'
import { officeActor, signed, terms, WARSAW } from './fixtures.js'

const { given } = scenario(contractDecider)
const contractId = 'ctr-1'
const now = '2026-02-10T09:00:00.000Z'
const sign: ContractCommand = {
  kind: 'SignContract',
  contractId,
  contractNumber: 'UM/2026/0001',
  holder: { kind: 'fleet', fleetId: 'fleet-1' },
  currency: 'PLN',
  timeZone: WARSAW,
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  terms,
  otherContracts: [],
  actor: officeActor,
  now: '2025-12-15T10:00:00.000Z',
}
const withTerms = (changes: Partial<ContractTerms>): ContractTerms => ({ ...terms, ...changes })
const repairTier = (freeMinutes: number, limitMinutes: number): ContractTerms =>
  withTerms({
    priceList: terms.priceList.map((l) =>
      l.serviceCode === 'REPAIR' && l.term.kind === 'tiered_hours'
        ? { ...l, term: { ...l.term, freeMinutes, limitMinutes } }
        : l,
    ),
  })
const other = (
  from: string,
  to: string | null,
  equipmentIds = ['eq-1'],
  serviceCodes = ['TYRE-CHANGE'],
): CoveragePeriod => ({
  contractId: 'ctr-other',
  from,
  to,
  equipmentIds,
  serviceCodes,
})

describe('contract', () => {
  it('signs a contract with price terms mixed per service', () => {
    given([]).when(sign).then([signed])
    given([signed]).when(sign).thenError('CONTRACT_ALREADY_EXISTS', 'conflict')
  })

  it('refuses a tier limit below its free hours (equal is fine: no middle tier)', () => {
    const error = given([])
      .when({ ...sign, terms: repairTier(600, 540) })
      .thenError('CONTRACT_INVALID', 'invalid')
    assert.deepEqual(error.fields, [
      {
        path: 'terms.priceList[2].term.limitMinutes',
        message: 'the tier limit (540 min) must not be below the free minutes (600 min)',
      },
    ])
    given([])
      .when({ ...sign, terms: repairTier(600, 600) })
      .events()
  })

  it('every covered service needs exactly one price, and prices only for covered services', () => {
    const error = given([])
      .when({
        ...sign,
        terms: withTerms({
          priceList: [
            ...terms.priceList.filter((l) => l.serviceCode !== 'SUPPORT'),
            { serviceCode: 'WASH', term: { kind: 'fixed_price', pricePerServiceMinor: 100 }, vatRatePercent: 23 },
          ],
        }),
      })
      .thenError('CONTRACT_INVALID')
    assert.deepEqual(
      (error.fields ?? []).map((f) => f.message),
      ['WASH is not a covered service', 'SUPPORT has no price in the price list'],
    )
  })

  it('validates the SLA and schedule: reaction not after resolution, schedules only for covered services and vehicles', () => {
    const sla = terms.sla
    assert.ok(sla)
    const error = given([])
      .when({
        ...sign,
        terms: withTerms({
          sla: { ...sla, targets: { ...sla.targets, high: { reactionMinutes: 120, resolutionMinutes: 60 } } },
          schedule: [
            {
              scheduleId: 'x',
              serviceCode: 'WASH',
              equipmentIds: ['eq-9'],
              rule: { kind: 'every_months', months: 0, firstDue: '2026-02-30' },
            },
          ],
        }),
      })
      .thenError('CONTRACT_INVALID')
    assert.deepEqual(
      (error.fields ?? []).map((f) => f.path),
      [
        'terms.sla.targets.high.resolutionMinutes',
        'terms.schedule[0].serviceCode',
        'terms.schedule[0].equipmentIds[0]',
        'terms.schedule[0].rule.months',
        'terms.schedule[0].rule.firstDue',
      ],
    )
  })

  it('refuses overlapping coverage of the same vehicle and service; other days or services are fine', () => {
    const error = given([])
      .when({ ...sign, otherContracts: [other('2025-07-01', '2026-01-31')] })
      .thenError('CONTRACT_COVERAGE_OVERLAPS', 'conflict')
    assert.deepEqual(error.fields, [
      {
        path: 'terms.coverage',
        message: 'eq-1 / TYRE-CHANGE is already covered by contract ctr-other from 2026-01-01 to 2026-01-31',
      },
    ])
    given([])
      .when({ ...sign, otherContracts: [other('2025-01-01', '2025-12-31')] })
      .events()
    given([])
      .when({ ...sign, otherContracts: [other('2026-01-01', null, ['eq-1'], ['WASH'])] })
      .events()
    given([])
      .when({ ...sign, otherContracts: [other('2026-01-01', null, ['eq-3'])] })
      .events()
    given([])
      .when({ ...sign, otherContracts: [{ ...other('2026-01-01', null), contractId }] })
      .events()
  })

  describe('amendments', () => {
    const amend: ContractCommand = {
      kind: 'AmendContract',
      contractId,
      amendmentId: 'am-1',
      effectiveFrom: '2026-03-01',
      terms: repairTier(300, 1200),
      reason: 'fewer free hours, lower limit',
      otherContracts: [],
      actor: officeActor,
      now,
    }
    const amended: ContractEvent = {
      type: 'ContractAmended',
      data: {
        contractId,
        amendmentId: 'am-1',
        effectiveFrom: '2026-03-01',
        terms: repairTier(300, 1200),
        reason: 'fewer free hours, lower limit',
        amendedBy: officeActor,
        at: now,
      },
    }

    it('take effect on the 1st of a month, never in the past; the same amendment twice is recorded once', () => {
      const state = given([signed]).when(amend).then([amended])
      assert.deepEqual(
        state.versions.map((v) => v.effectiveFrom),
        ['2026-01-01', '2026-03-01'],
      )
      given([signed, amended]).when(amend).then([])
      const midMonth = given([signed])
        .when({ ...amend, effectiveFrom: '2026-03-15' })
        .thenError('CONTRACT_INVALID')
      assert.match(midMonth.fields?.[0]?.message ?? '', /1st of a month/)
      const past = given([signed])
        .when({ ...amend, effectiveFrom: '2026-02-01' })
        .thenError('CONTRACT_INVALID')
      assert.match(past.fields?.[0]?.message ?? '', /must not be in the past \(today is 2026-02-10\)/)
      const after = given([signed])
        .when({ ...amend, effectiveFrom: '2027-01-01' })
        .thenError('CONTRACT_INVALID')
      assert.match(after.fields?.[0]?.message ?? '', /within the contract's validity/)
      given([signed, amended])
        .when({ ...amend, amendmentId: 'am-0', effectiveFrom: '2026-02-01', now: '2026-01-20T09:00:00.000Z' })
        .thenError('CONTRACT_INVALID')
    })

    it('are checked for overlaps and validated like the signed terms', () => {
      given([signed])
        .when({ ...amend, otherContracts: [other('2026-06-01', null)] })
        .thenError('CONTRACT_COVERAGE_OVERLAPS')
      given([signed])
        .when({ ...amend, terms: repairTier(300, 200) })
        .thenError('CONTRACT_INVALID')
    })
  })

  describe('renewals and termination', () => {
    const renew: ContractCommand = {
      kind: 'RenewContract',
      contractId,
      validTo: '2027-12-31',
      terms: null,
      otherContracts: [],
      actor: officeActor,
      now,
    }

    it('renews to a later end, with new terms only from the 1st of a month', () => {
      given([signed])
        .when(renew)
        .then([
          {
            type: 'ContractRenewed',
            data: {
              contractId,
              previousValidTo: '2026-12-31',
              validTo: '2027-12-31',
              terms: null,
              renewedBy: officeActor,
              at: now,
            },
          },
        ])
      given([signed])
        .when({ ...renew, validTo: '2026-06-30' })
        .thenError('CONTRACT_INVALID')
      given([signed])
        .when({ ...renew, otherContracts: [other('2027-06-01', null)] })
        .thenError('CONTRACT_COVERAGE_OVERLAPS')
      const midMonth: ContractEvent = { ...signed, data: { ...signed.data, validTo: '2026-12-15' } } as ContractEvent
      given([midMonth])
        .when({ ...renew, terms: repairTier(0, 0) })
        .thenError('CONTRACT_INVALID')
      given([midMonth]).when(renew).events()
      const openEnded: ContractEvent = { ...signed, data: { ...signed.data, validTo: null } } as ContractEvent
      given([openEnded]).when(renew).thenError('CONTRACT_OPEN_ENDED', 'conflict')
    })

    it('terminates from today on, never retroactively; a terminated contract changes no more', () => {
      const terminate: ContractCommand = {
        kind: 'TerminateContract',
        contractId,
        lastDay: '2026-06-30',
        reason: 'fleet sold',
        actor: officeActor,
        now,
      }
      const state = given([signed])
        .when(terminate)
        .then([
          {
            type: 'ContractTerminated',
            data: { contractId, lastDay: '2026-06-30', reason: 'fleet sold', terminatedBy: officeActor, at: now },
          },
        ])
      assert.equal(state.validTo, '2026-06-30')
      given([signed])
        .when({ ...terminate, lastDay: '2026-02-09' })
        .thenError('CONTRACT_INVALID')
      given([signed])
        .when({ ...terminate, lastDay: '2026-12-31' })
        .thenError('CONTRACT_INVALID')
      const terminated: ContractEvent = {
        type: 'ContractTerminated',
        data: { contractId, lastDay: '2026-06-30', reason: 'x', terminatedBy: officeActor, at: now },
      }
      given([signed, terminated]).when(renew).thenError('CONTRACT_TERMINATED', 'conflict')
      given([]).when(renew).thenError('CONTRACT_NOT_FOUND', 'not_found')
    })
  })
})
