import assert from 'node:assert/strict'
import { contractAsOf, contractFrom, dueServicesOf } from '../../../../domain/contract/contractTimeline.js'
import type { ContractEvent } from '../../../../domain/contract/events.js'
import { officeActor, signed, terms } from './fixtures.js'

const contractId = 'ctr-1'
const noSchedule = { ...terms, schedule: [] }
const amended: ContractEvent = {
  type: 'ContractAmended',
  data: {
    contractId,
    amendmentId: 'am-1',
    effectiveFrom: '2026-07-01',
    terms: noSchedule,
    reason: 'schedules dropped',
    amendedBy: officeActor,
    at: '2026-05-20T10:00:00.000Z',
  },
}
const renewed: ContractEvent = {
  type: 'ContractRenewed',
  data: {
    contractId,
    previousValidTo: '2026-12-31',
    validTo: '2027-06-30',
    terms,
    renewedBy: officeActor,
    at: '2026-11-02T10:00:00.000Z',
  },
}
const terminated: ContractEvent = {
  type: 'ContractTerminated',
  data: {
    contractId,
    lastDay: '2027-03-31',
    reason: 'fleet sold',
    terminatedBy: officeActor,
    at: '2027-01-10T10:00:00.000Z',
  },
}
const history = [signed, amended, renewed, terminated]

describe('contract as of a date', () => {
  it('rebuilds the terms in force on each date from signing, amendment, renewal and termination', () => {
    assert.equal(contractAsOf(history, '2025-12-31'), null)
    assert.equal(contractAsOf(history, '2026-06-30')?.terms.schedule.length, 2)
    assert.equal(contractAsOf(history, '2026-07-01')?.terms.schedule.length, 0)
    assert.equal(contractAsOf(history, '2026-07-01')?.termsEffectiveFrom, '2026-07-01')
    assert.equal(contractAsOf(history, '2027-01-01')?.terms.schedule.length, 2)
    assert.equal(contractAsOf(history, '2027-03-31')?.validTo, '2027-03-31')
    assert.equal(contractAsOf(history, '2027-04-01'), null)
  })

  it('as known at a moment: events recorded later are left out', () => {
    // On 1 March the amendment was not yet signed: July looked like January.
    assert.equal(contractAsOf(history, '2026-07-15', '2026-03-01T00:00:00.000Z')?.terms.schedule.length, 2)
    // Before the renewal was recorded, 2027 was outside the contract.
    assert.equal(contractAsOf(history, '2027-01-15', '2026-11-01T00:00:00.000Z'), null)
    assert.equal(contractAsOf(history, '2027-01-15', '2026-11-03T00:00:00.000Z')?.contractNumber, 'UM/2026/0001')
  })
})

describe('service schedule', () => {
  it('lists seasonal windows per covered vehicle and every-6-months inspections, clamping month ends', () => {
    const due = dueServicesOf(contractFrom([signed]), '2026-01-01', '2026-12-31')
    assert.deepEqual(
      due.map((d) => [d.dueDate, d.equipmentId, d.scheduleId, d.season]),
      [
        ['2026-01-31', 'eq-1', 'inspection', null],
        ['2026-03-15', 'eq-1', 'tyres', 'spring'],
        ['2026-03-15', 'eq-2', 'tyres', 'spring'],
        ['2026-07-31', 'eq-1', 'inspection', null],
        ['2026-10-01', 'eq-1', 'tyres', 'autumn'],
        ['2026-10-01', 'eq-2', 'tyres', 'autumn'],
      ],
    )
    assert.deepEqual(due[1]?.window, { from: '2026-03-15', to: '2026-04-30' })
  })

  it('monthly from the 31st: the 28th in February, back to the 31st in March (counted from the first date)', () => {
    const monthly: ContractEvent = {
      ...signed,
      data: {
        ...signed.data,
        terms: {
          ...terms,
          schedule: [
            {
              scheduleId: 'm',
              serviceCode: 'INSPECTION',
              equipmentIds: ['eq-2'],
              rule: { kind: 'every_months', months: 1, firstDue: '2026-01-31' },
            },
          ],
        },
      },
    } as ContractEvent
    assert.deepEqual(
      dueServicesOf(contractFrom([monthly]), '2026-02-01', '2026-04-30').map((d) => d.dueDate),
      ['2026-02-28', '2026-03-31', '2026-04-30'],
    )
  })

  it('only while the contract is in force and under the terms of the due date', () => {
    const due = dueServicesOf(contractFrom(history), '2026-01-01', '2027-12-31').map(
      (d) => `${d.dueDate} ${d.equipmentId} ${d.scheduleId}`,
    )
    assert.deepEqual(due, [
      '2026-01-31 eq-1 inspection',
      '2026-03-15 eq-1 tyres',
      '2026-03-15 eq-2 tyres',
      // amended from 2026-07-01: no schedules until the renewal's terms from 2027-01-01
      '2027-01-31 eq-1 inspection',
      '2027-03-15 eq-1 tyres',
      '2027-03-15 eq-2 tyres',
      // terminated after 2027-03-31
    ])
  })
})
