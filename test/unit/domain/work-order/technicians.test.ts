import assert from 'node:assert/strict'
import type { WorkOrderEvent } from '../../../../domain/work-order/events.js'
import { labourSummary } from '../../../../domain/work-order/labour.js'
import { suggestTechnicians } from '../../../../domain/work-order/technicianSuggestion.js'
import { workOrderDecider } from '../../../../domain/work-order/workOrderDecider.js'
import { scenario } from '../givenWhenThen.js'
import {
  cmd,
  decideCommand,
  diagnosisStarted,
  labourLine,
  lineAdded,
  opened,
  photo,
  reception,
  run,
  sendCommand,
  sentHistory,
  stateOf,
  T,
  technician,
  workOrderId,
} from './fixtures.js'

const { given } = scenario(workOrderDecider)
const assigned: WorkOrderEvent = {
  type: 'TechnicianAssigned',
  data: { workOrderId, technicianId: 'tech-jan', name: 'Jan', at: T.diagnosis },
}
const clockIn = (technicianId: string, at: string, lineId: string | null = null) =>
  cmd('ClockIn', { technicianId, lineId }, at)
const clockOut = (technicianId: string, at: string) => cmd('ClockOut', { technicianId }, at)

describe('technicians on an order', () => {
  it('are assigned once and unassigned unless clocked in', () => {
    given([opened])
      .when(cmd('AssignTechnician', { technicianId: 'tech-jan', name: ' Jan ' }, T.diagnosis, reception))
      .then([assigned])
    given([opened, assigned])
      .when(cmd('AssignTechnician', { technicianId: 'tech-jan', name: 'Jan' }))
      .then([])
    given([opened])
      .when(cmd('UnassignTechnician', { technicianId: 'tech-jan' }))
      .thenError('TECHNICIAN_NOT_ASSIGNED', 'not_found')
    const clocked = run([opened, diagnosisStarted, assigned], [clockIn('tech-jan', T.diagnosis)])
    given(clocked)
      .when(cmd('UnassignTechnician', { technicianId: 'tech-jan' }))
      .thenError('TECHNICIAN_CLOCKED_IN', 'conflict')
  })

  it('log entries take their author and time from the command, and stay open after closing', () => {
    const entry = cmd(
      'AddLogEntry',
      {
        entryId: 'log-1',
        text: ' Caliper slider seized, freed and greased ',
        photos: [photo('ph-cal')],
        visibleToCustomer: true,
      },
      '2026-03-02T13:14:00.000Z',
      technician,
    )
    const state = given([opened])
      .when(entry)
      .then([
        {
          type: 'TechnicianLogEntryAdded',
          data: {
            workOrderId,
            entryId: 'log-1',
            author: technician,
            text: 'Caliper slider seized, freed and greased',
            photos: [photo('ph-cal')],
            visibleToCustomer: true,
            at: '2026-03-02T13:14:00.000Z',
          },
        },
      ])
    assert.equal(state.log.at(0)?.author.id, 'tech-jan')
    given(run([opened], [entry]))
      .when(entry)
      .thenError('LOG_ENTRY_EXISTS', 'conflict')
    given([opened])
      .when(cmd('AddLogEntry', { entryId: 'log-2', text: '  ', photos: [], visibleToCustomer: false }))
      .thenError('WORK_ORDER_INVALID')
    const cancelled: WorkOrderEvent = { type: 'WorkOrderCancelled', data: { workOrderId, reason: 'x', at: T.repair } }
    given([opened, cancelled]).when(entry).events()
  })
})

describe('labour clock', () => {
  it('clocks in and out per technician while someone works on the item', () => {
    const history = [opened, diagnosisStarted, assigned]
    given(history)
      .when(clockIn('tech-jan', '2026-03-02T08:40:00.000Z'))
      .then([
        {
          type: 'LabourClockedIn',
          data: { workOrderId, technicianId: 'tech-jan', lineId: null, at: '2026-03-02T08:40:00.000Z' },
        },
      ])
    const running = run(history, [clockIn('tech-jan', '2026-03-02T08:40:00.000Z')])
    given(running).when(clockIn('tech-jan', T.sent)).thenError('TECHNICIAN_ALREADY_CLOCKED_IN', 'conflict')
    given(running)
      .when(clockOut('tech-jan', '2026-03-02T09:05:30.000Z'))
      .then([
        {
          type: 'LabourClockedOut',
          data: {
            workOrderId,
            technicianId: 'tech-jan',
            lineId: null,
            startedAt: '2026-03-02T08:40:00.000Z',
            minutes: 25,
            automatic: false,
            at: '2026-03-02T09:05:30.000Z',
          },
        },
      ])
    given(running).when(clockOut('tech-jan', '2026-03-02T08:00:00.000Z')).thenError('WORK_ORDER_INVALID')
    given(history).when(clockOut('tech-jan', T.sent)).thenError('TECHNICIAN_NOT_CLOCKED_IN', 'conflict')
    given([opened, assigned]).when(clockIn('tech-jan', T.open)).thenError('WORK_NOT_IN_PROGRESS', 'conflict')
    given([opened, diagnosisStarted]).when(clockIn('tech-ewa', T.open)).thenError('TECHNICIAN_NOT_ASSIGNED')
    given(history)
      .when(clockIn('tech-jan', T.open, 'L9'))
      .thenError('WORK_ORDER_INVALID')
  })

  it('clocks still running stop on their own when the order leaves the working phases', () => {
    const history = run(
      [opened, diagnosisStarted, assigned, lineAdded(labourLine)],
      [clockIn('tech-jan', '2026-03-02T09:00:00.000Z')],
    )
    const events = given(history).when(sendCommand).events()
    assert.deepEqual(
      events.map((e) => e.type),
      ['LabourClockedOut', 'EstimateSent'],
    )
    assert.deepEqual(events[0]?.type === 'LabourClockedOut' && [events[0].data.minutes, events[0].data.automatic], [
      60,
      true,
    ])
  })

  it('compares minutes clocked with minutes billed, per technician and per labour line', () => {
    const approved = run(sentHistory(), [
      decideCommand([
        ['L1', 'approved'],
        ['L2', 'approved'],
        ['L3', 'declined'],
      ]),
      cmd('StartRepair', {}, T.repair),
      cmd('AssignTechnician', { technicianId: 'tech-jan', name: 'Jan' }, T.repair),
      cmd('AssignTechnician', { technicianId: 'tech-ewa', name: 'Ewa' }, T.repair),
      clockIn('tech-jan', '2026-03-02T12:00:00.000Z', 'L1'),
      clockIn('tech-ewa', '2026-03-02T12:10:00.000Z'),
      clockOut('tech-jan', '2026-03-02T13:00:00.000Z'),
    ])
    const midway = labourSummary(stateOf(approved), '2026-03-02T12:40:00.000Z')
    assert.deepEqual(midway.perTechnician, [
      { technicianId: 'tech-ewa', clockedMinutes: 30, clockRunning: true },
      { technicianId: 'tech-jan', clockedMinutes: 60, clockRunning: false },
    ])
    const finished = run(approved, [cmd('MarkReady', { summary: null }, '2026-03-02T12:55:00.000Z')])
    const summary = labourSummary(stateOf(finished))
    assert.equal(summary.clockedMinutes, 60 + 45)
    assert.equal(summary.billedMinutes, 45) // L1 approved (45 min); L3 declined
    assert.deepEqual(summary.perLine, [
      { lineId: 'L1', billedMinutes: 45, clockedMinutes: 60 },
      { lineId: 'L3', billedMinutes: 0, clockedMinutes: 0 },
    ])
    assert.equal(summary.unassignedClockedMinutes, 45)
    assert.equal(summary.efficiency, 0.43)
  })
})

describe('suggesting technicians', () => {
  const team = [
    {
      technicianId: 'anna',
      skills: ['tyre_fitting', 'balancing', 'tpms', 'run_flat'],
      workloadMinutes: 60,
      available: true,
    },
    { technicianId: 'bartek', skills: ['tyre_fitting', 'balancing'], workloadMinutes: 60, available: true },
    {
      technicianId: 'czesiek',
      skills: ['tyre_fitting', 'balancing', 'truck_tyres'],
      workloadMinutes: 0,
      available: true,
    },
    { technicianId: 'dorota', skills: ['tyre_fitting', 'balancing', 'tpms'], workloadMinutes: 240, available: true },
    { technicianId: 'edek', skills: ['tyre_fitting', 'balancing', 'tpms'], workloadMinutes: 0, available: false },
  ]

  it('ranks those with every skill first, then by workload, keeping specialists free', () => {
    const ranked = suggestTechnicians(['tyre_fitting', 'balancing'], team)
    assert.deepEqual(
      ranked.map((r) => r.technicianId),
      ['czesiek', 'bartek', 'anna', 'dorota'],
    )
    assert.ok(ranked.every((r) => r.fits))
    const tpms = suggestTechnicians(['tyre_fitting', 'tpms'], team)
    assert.deepEqual(
      tpms.map((r) => [r.technicianId, r.fits]),
      [
        ['anna', true],
        ['dorota', true],
        ['czesiek', false],
        ['bartek', false],
      ],
    )
    assert.deepEqual(tpms[2]?.missingSkills, ['tpms'])
    assert.deepEqual(suggestTechnicians([], []), [])
  })
})
