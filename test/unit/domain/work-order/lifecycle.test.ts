import assert from 'node:assert/strict'
import type { WorkOrderCommand } from '../../../../domain/work-order/commands.js'
import type { WorkOrderEvent } from '../../../../domain/work-order/events.js'
import { isOverdue, overdueMinutes } from '../../../../domain/work-order/overdue.js'
import { workOrderDecider } from '../../../../domain/work-order/workOrderDecider.js'
import { scenario } from '../givenWhenThen.js'
import {
  cmd,
  decideCommand,
  diagnosisStarted,
  openCommand,
  opened,
  photo,
  reception,
  run,
  sentHistory,
  stateOf,
  T,
  technician,
  workOrderId,
} from './fixtures.js'

const { given } = scenario(workOrderDecider)
const protocol = { receivedBy: 'Jan Kowalski', signature: photo('sig-out'), mileageKm: 121_004, note: null }
const pointStatuses = [
  { code: 'waiting_for_parts', label: 'Czeka na części' },
  { code: 'question_to_customer', label: 'Pytanie do klienta' },
]

function approvedHistory(): WorkOrderEvent[] {
  return run(sentHistory(), [
    decideCommand([
      ['L1', 'approved'],
      ['L2', 'approved'],
      ['L3', 'approved'],
    ]),
  ])
}
const inRepair = () => run(approvedHistory(), [cmd('StartRepair', {})])
const ready = () => run(inRepair(), [cmd('MarkReady', { summary: 'Pads replaced, wheels balanced' }, T.ready)])

describe('work order lifecycle', () => {
  it('goes intake → diagnosis → estimate → approved → in repair → ready → handed over', () => {
    const events = run(ready(), [cmd('HandOver', { protocol }, T.handover, reception)])
    const state = stateOf(events)
    assert.equal(state.status, 'handed_over')
    assert.equal(state.closedAt, T.handover)
    assert.deepEqual(
      events.map((e) => e.type).filter((t) => t !== 'EstimateLineAdded'),
      [
        'WorkOrderOpened',
        'DiagnosisStarted',
        'EstimateSent',
        'EstimateLinesDecided',
        'EstimateDecided',
        'RepairStarted',
        'WorkOrderReady',
        'WorkOrderHandedOver',
      ],
    )
  })

  it('refuses what the lifecycle forbids, with codes naming the reason', () => {
    given(inRepair()).when(cmd('HandOver', { protocol })).thenError('WORK_ORDER_NOT_READY', 'conflict')
    given(sentHistory()).when(cmd('StartRepair', {})).thenError('ESTIMATE_NOT_APPROVED', 'conflict')
    given([opened, diagnosisStarted]).when(cmd('StartRepair', {})).thenError('ESTIMATE_NOT_APPROVED')
    given(approvedHistory())
      .when(cmd('MarkReady', { summary: null }))
      .thenError('WORK_ORDER_NOT_IN_REPAIR', 'conflict')
    given([opened])
      .when(cmd('ReturnUnrepaired', { reason: 'x', protocol }))
      .events()
    given(ready())
      .when(cmd('ReturnUnrepaired', { reason: 'x', protocol }))
      .thenError('ILLEGAL_WORK_ORDER_TRANSITION')
    given(ready())
      .when(cmd('CancelWorkOrder', { reason: 'x' }))
      .thenError('ILLEGAL_WORK_ORDER_TRANSITION')
    given([opened])
      .when(cmd('DeclareIrreparable', { reason: 'x' }))
      .thenError('ILLEGAL_WORK_ORDER_TRANSITION')
    const handedOver = run(ready(), [cmd('HandOver', { protocol }, T.handover)])
    for (const command of [
      cmd('StartDiagnosis', {}),
      cmd('CancelWorkOrder', { reason: 'x' }),
      cmd('HandOver', { protocol }),
      cmd('AssignTechnician', { technicianId: 'tech-ewa', name: 'Ewa' }),
      cmd('SetPromisedDate', { promisedAt: null, reason: null }),
    ])
      given(handedOver).when(command).thenError('WORK_ORDER_CLOSED', 'conflict')
  })

  it('repeating a transition the order has already made changes nothing', () => {
    given(inRepair()).when(cmd('StartRepair', {})).then([])
    given(ready())
      .when(cmd('MarkReady', { summary: null }))
      .then([])
    given([opened, diagnosisStarted]).when(cmd('StartDiagnosis', {})).then([])
  })

  it('the handover protocol is checked: who received it, and a mileage not below intake', () => {
    given(ready())
      .when(cmd('HandOver', { protocol: { ...protocol, receivedBy: ' ', mileageKm: 100 } }))
      .thenError('WORK_ORDER_INVALID')
  })

  it('a rejected estimate ends with the item returned unrepaired', () => {
    const rejected = run(sentHistory(), [
      decideCommand([
        ['L1', 'declined'],
        ['L2', 'declined'],
        ['L3', 'declined'],
      ]),
    ])
    const state = given(rejected)
      .when(cmd('ReturnUnrepaired', { reason: 'customer declined the repair', protocol }, T.handover, reception))
      .then([
        {
          type: 'WorkOrderReturnedUnrepaired',
          data: { workOrderId, reason: 'customer declined the repair', protocol, at: T.handover },
        },
      ])
    assert.equal(state.status, 'returned_unrepaired')
  })

  it('an item judged irreparable during repair ends there; a cancelled order ends with its reason', () => {
    assert.equal(
      stateOf(run(inRepair(), [cmd('DeclareIrreparable', { reason: 'housing cracked' })])).status,
      'irreparable',
    )
    const cancelled = run(approvedHistory(), [cmd('CancelWorkOrder', { reason: 'customer took the car' })])
    assert.equal(stateOf(cancelled).status, 'cancelled')
    given(approvedHistory())
      .when(cmd('CancelWorkOrder', { reason: '' }))
      .thenError('WORK_ORDER_INVALID')
  })

  it('a rework order may start repair from diagnosis without a new approval', () => {
    const rework = run(
      [],
      [
        {
          ...openCommand,
          reworkOf: {
            workOrderId: 'wo-0',
            reason: 'comeback',
            original: { workOrderId: 'wo-0', equipmentId: 'eq-car-1', status: 'handed_over' },
          },
        },
        cmd('StartDiagnosis', {}),
        cmd('StartRepair', {}),
      ],
    )
    assert.equal(stateOf(rework).status, 'in_repair')
  })
})

describe('external repairer', () => {
  const send = cmd('SendToExternalRepairer', {
    repairerId: 'regen-1',
    repairerName: 'Regeneracja Felg Sp. z o.o.',
    reference: 'RF/2026/031',
    expectedBackAt: '2026-03-05T12:00:00.000Z',
    note: 'straighten rim FL',
  })

  it('the item goes out from repair and comes back to repair; it cannot be ready or cancelled while away', () => {
    const away = run(inRepair(), [send])
    assert.equal(stateOf(away).status, 'at_external_repairer')
    assert.equal(stateOf(away).external?.repairerName, 'Regeneracja Felg Sp. z o.o.')
    given(away)
      .when(cmd('MarkReady', { summary: null }))
      .thenError('AT_EXTERNAL_REPAIRER', 'conflict')
    given(away)
      .when(cmd('CancelWorkOrder', { reason: 'x' }))
      .thenError('AT_EXTERNAL_REPAIRER', 'conflict')
    const back = given(away)
      .when(
        cmd('ReceiveFromExternalRepairer', {
          outcome: 'repaired',
          cost: { amountMinor: 15_000, currency: 'PLN' },
          note: null,
        }),
      )
      .then([
        {
          type: 'ReturnedFromExternalRepairer',
          data: {
            workOrderId,
            repairerId: 'regen-1',
            outcome: 'repaired',
            cost: { amountMinor: 15_000, currency: 'PLN' },
            note: null,
            at: T.repair,
          },
        },
      ])
    assert.equal(back.status, 'in_repair')
    given(inRepair())
      .when(cmd('ReceiveFromExternalRepairer', { outcome: 'repaired', cost: null, note: null }))
      .thenError('NOT_AT_EXTERNAL_REPAIRER', 'conflict')
    given(approvedHistory()).when(send).thenError('WORK_ORDER_NOT_IN_REPAIR')
  })
})

describe('point-defined statuses', () => {
  const enter = (code: string): WorkOrderCommand =>
    cmd('EnterCustomStatus', { code, note: 'pads ordered', allowed: pointStatuses })

  it('are entered and left from in-progress phases; the phase underneath is kept', () => {
    const entered = given(inRepair())
      .when(enter('waiting_for_parts'))
      .then([
        {
          type: 'CustomStatusEntered',
          data: {
            workOrderId,
            code: 'waiting_for_parts',
            label: 'Czeka na części',
            phase: 'in_repair',
            note: 'pads ordered',
            at: T.repair,
          },
        },
      ])
    assert.equal(entered.status, 'in_repair')
    assert.equal(entered.customStatus?.code, 'waiting_for_parts')
    const history = run(inRepair(), [enter('waiting_for_parts')])
    given(history).when(enter('waiting_for_parts')).then([])
    given(history)
      .when(cmd('LeaveCustomStatus', {}))
      .then([
        {
          type: 'CustomStatusLeft',
          data: { workOrderId, code: 'waiting_for_parts', phase: 'in_repair', at: T.repair },
        },
      ])
    // switching from one point status to another leaves the first
    const switched = given(history).when(enter('question_to_customer')).events()
    assert.deepEqual(
      switched.map((e) => e.type),
      ['CustomStatusLeft', 'CustomStatusEntered'],
    )
  })

  it('only the point’s own statuses, never one named like a built-in status, and not outside in-progress phases', () => {
    given(inRepair()).when(enter('on_holiday')).thenError('UNKNOWN_CUSTOM_STATUS', 'invalid')
    given(inRepair())
      .when(cmd('EnterCustomStatus', { code: 'ready', note: null, allowed: [{ code: 'ready', label: 'Gotowe' }] }))
      .thenError('UNKNOWN_CUSTOM_STATUS')
    given([opened]).when(enter('waiting_for_parts')).thenError('ILLEGAL_WORK_ORDER_TRANSITION', 'conflict')
    given(ready()).when(enter('waiting_for_parts')).thenError('ILLEGAL_WORK_ORDER_TRANSITION')
  })

  it('a phase change leaves the point status on its own (a question answered by the customer’s decision)', () => {
    const asking = run(sentHistory(), [enter('question_to_customer')])
    const events = given(asking)
      .when(
        decideCommand([
          ['L1', 'approved'],
          ['L2', 'approved'],
          ['L3', 'approved'],
        ]),
      )
      .events()
    assert.deepEqual(
      events.map((e) => e.type),
      ['EstimateLinesDecided', 'CustomStatusLeft', 'EstimateDecided'],
    )
    assert.equal(stateOf([...asking, ...events]).customStatus, null)
  })
})

describe('checklists and predefined problems', () => {
  const checklist = {
    checklistId: 'CL-TYRE',
    name: 'Tyre service',
    items: [
      { itemId: 'tread', label: 'Tread depth' },
      { itemId: 'valves', label: 'Valves' },
      { itemId: 'discs', label: 'Brake discs' },
    ],
  }
  const catalogue = [
    {
      code: 'BRAKE_WEAR',
      label: 'Worn brake pads',
      causes: [
        { code: 'NORMAL_WEAR', label: 'Normal wear' },
        { code: 'SEIZED_CALIPER', label: 'Seized caliper' },
      ],
    },
  ]
  const withChecklist = () => run([opened, diagnosisStarted], [cmd('AssignChecklist', { checklist })])

  it('a checklist per equipment type is put on the order and its items answered ok / attention / fail', () => {
    const state = given(withChecklist())
      .when(
        cmd('RecordChecklistResults', {
          checklistId: 'CL-TYRE',
          results: [
            {
              itemId: 'tread',
              result: 'attention',
              note: 'FL 3.1 mm',
              photos: [],
              measurement: { value: 3.1, unit: 'mm' },
            },
            { itemId: 'discs', result: 'fail', note: 'scored', photos: [photo('ph-disc')], measurement: null },
          ],
        }),
      )
      .events()
    const recorded = state[0] as Extract<WorkOrderEvent, { type: 'ChecklistResultsRecorded' }>
    assert.deepEqual(recorded.data.recordedBy, technician)
    given(withChecklist())
      .when(
        cmd('RecordChecklistResults', {
          checklistId: 'CL-TYRE',
          results: [{ itemId: 'wipers', result: 'ok', note: null, photos: [], measurement: null }],
        }),
      )
      .thenError('WORK_ORDER_INVALID')
    given(withChecklist())
      .when(cmd('RecordChecklistResults', { checklistId: 'CL-X', results: [] }))
      .thenError('CHECKLIST_NOT_FOUND', 'not_found')
    given(withChecklist()).when(cmd('AssignChecklist', { checklist })).then([])
    given(withChecklist())
      .when(cmd('AssignChecklist', { checklist: { ...checklist, name: 'Other' } }))
      .thenError('CHECKLIST_ALREADY_ASSIGNED', 'conflict')
  })

  it('problems come from the defect catalogue, with their labels as configured at the time', () => {
    const record = (defectCode: string, causeCode: string | null) =>
      cmd('RecordProblem', { problemId: 'P1', defectCode, causeCode, note: null, checklistItemId: 'discs', catalogue })
    const [event] = given(withChecklist()).when(record('BRAKE_WEAR', 'SEIZED_CALIPER')).events()
    assert.deepEqual(event?.type === 'ProblemRecorded' && event.data.problem, {
      problemId: 'P1',
      defectCode: 'BRAKE_WEAR',
      defectLabel: 'Worn brake pads',
      causeCode: 'SEIZED_CALIPER',
      causeLabel: 'Seized caliper',
      note: null,
      checklistItemId: 'discs',
    })
    given(withChecklist()).when(record('ENGINE_FIRE', null)).thenError('WORK_ORDER_INVALID')
    given(withChecklist()).when(record('BRAKE_WEAR', 'GREMLINS')).thenError('WORK_ORDER_INVALID')
    const recorded = run(withChecklist(), [record('BRAKE_WEAR', null)])
    given(recorded).when(record('BRAKE_WEAR', null)).thenError('PROBLEM_ALREADY_RECORDED', 'conflict')
    // a line fixing the problem keeps it from being withdrawn
    const quoted = run(recorded, [
      cmd('AddEstimateLine', {
        line: {
          lineId: 'L1',
          kind: 'labour',
          description: 'Pads',
          minutes: 30,
          hourlyRate: { amountMinor: 10_000, currency: 'PLN' },
          vatRatePercent: 23,
          photos: [],
          problemId: 'P1',
          recommendationId: null,
        },
      }),
    ])
    given(quoted)
      .when(cmd('WithdrawProblem', { problemId: 'P1' }))
      .thenError('PROBLEM_REFERENCED_BY_ESTIMATE', 'conflict')
    given(recorded)
      .when(cmd('WithdrawProblem', { problemId: 'P1' }))
      .then([{ type: 'ProblemWithdrawn', data: { workOrderId, problemId: 'P1', at: T.repair } }])
  })

  it('a declined line fixing a recorded defect carries its defect code into the recommendation', () => {
    const history = run(withChecklist(), [
      cmd('RecordProblem', {
        problemId: 'P1',
        defectCode: 'BRAKE_WEAR',
        causeCode: null,
        note: null,
        checklistItemId: null,
        catalogue,
      }),
      cmd('AddEstimateLine', {
        line: {
          lineId: 'L1',
          kind: 'part',
          description: 'Rear pads',
          sku: 'BRK-PAD-R',
          quantity: 1,
          unitPrice: { amountMinor: 24_000, currency: 'PLN' },
          vatRatePercent: 23,
          photos: [],
          problemId: 'P1',
          recommendationId: null,
        },
      }),
      cmd('SendEstimate', {
        accessCodeHash: 'c'.repeat(64),
        accessCodeExpiresAt: '2026-03-09T10:00:00.000Z',
        sentTo: { channel: 'in_person', address: null },
      }),
      decideCommand([['L1', 'declined']], { channel: 'in_person', accessCodeHash: null }),
    ])
    const raised = history.at(-1) as Extract<WorkOrderEvent, { type: 'RecommendationsRaised' }>
    assert.equal(raised.data.recommendations[0]?.defectCode, 'BRAKE_WEAR')
  })
})

describe('promised date and overdue orders', () => {
  it('an order is overdue once past its promised time until it is ready', () => {
    const state = stateOf(inRepair())
    assert.equal(isOverdue(state, '2026-03-03T15:59:00.000Z'), false)
    assert.equal(isOverdue(state, '2026-03-03T16:30:00.000Z'), true)
    assert.equal(overdueMinutes(state, '2026-03-03T16:30:00.000Z'), 30)
    assert.equal(isOverdue(stateOf(ready()), '2026-03-04T00:00:00.000Z'), false)
    const moved = run(inRepair(), [
      cmd('SetPromisedDate', { promisedAt: '2026-03-04T12:00:00.000Z', reason: 'parts late' }),
    ])
    assert.equal(isOverdue(stateOf(moved), '2026-03-03T16:30:00.000Z'), false)
    const unpromised = run(inRepair(), [cmd('SetPromisedDate', { promisedAt: null, reason: null })])
    assert.equal(isOverdue(stateOf(unpromised), '2030-01-01T00:00:00.000Z'), false)
    given(inRepair())
      .when(cmd('SetPromisedDate', { promisedAt: '2026-03-03T16:00:00.000Z', reason: null }))
      .then([])
  })
})
