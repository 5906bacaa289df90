import assert from 'node:assert/strict'
import { estimateTotals, lineNetMinor, vatMinor } from '../../../../domain/work-order/estimate.js'
import type { WorkOrderEvent } from '../../../../domain/work-order/events.js'
import { approvedParts } from '../../../../domain/work-order/parts.js'
import { workOrderDecider } from '../../../../domain/work-order/workOrderDecider.js'
import { scenario } from '../givenWhenThen.js'
import {
  balancingLine,
  cmd,
  decideCommand,
  diagnosisStarted,
  labourLine,
  lineAdded,
  opened,
  partLine,
  photo,
  reception,
  run,
  sendCommand,
  sentHistory,
  sha,
  stateOf,
  T,
  workOrderId,
} from './fixtures.js'

const { given } = scenario(workOrderDecider)
const drafted = [opened, diagnosisStarted, lineAdded(labourLine), lineAdded(partLine), lineAdded(balancingLine)]

describe('estimate arithmetic', () => {
  it('labour is minutes at an hourly rate, parts are units at a price; VAT per rate on the sum of net', () => {
    assert.equal(lineNetMinor(labourLine), 12_000)
    assert.equal(
      lineNetMinor({ ...labourLine, minutes: 7, hourlyRate: { amountMinor: 10_000, currency: 'PLN' } }),
      1167,
    )
    assert.equal(lineNetMinor({ ...partLine, quantity: 4 }), 75_996)
    assert.equal(vatMinor(18_999, 23), 4370) // 4369.77
    assert.equal(vatMinor(1000, 5.5), 55)
    const totals = estimateTotals([labourLine, partLine, { ...balancingLine, vatRatePercent: 8 }], 'PLN')
    assert.deepEqual(totals, {
      currency: 'PLN',
      netMinor: 38_999,
      vatMinor: 7130 + 640,
      grossMinor: 38_999 + 7770,
      byVatRate: [
        { vatRatePercent: 23, netMinor: 30_999, vatMinor: 7130, grossMinor: 38_129 },
        { vatRatePercent: 8, netMinor: 8000, vatMinor: 640, grossMinor: 8640 },
      ],
    })
  })
})

describe('estimate lines', () => {
  it('are added, changed and removed while the estimate is a draft', () => {
    given([opened, diagnosisStarted])
      .when(cmd('AddEstimateLine', { line: labourLine }))
      .then([lineAdded(labourLine)])
    const changed = { ...labourLine, minutes: 60 }
    given([opened, diagnosisStarted, lineAdded(labourLine)])
      .when(cmd('ChangeEstimateLine', { line: changed }))
      .then([{ type: 'EstimateLineChanged', data: { workOrderId, line: changed } }])
    given([opened, diagnosisStarted, lineAdded(labourLine)])
      .when(cmd('ChangeEstimateLine', { line: labourLine }))
      .then([])
    given([opened, diagnosisStarted, lineAdded(labourLine)])
      .when(cmd('RemoveEstimateLine', { lineId: 'L1' }))
      .then([{ type: 'EstimateLineRemoved', data: { workOrderId, lineId: 'L1' } }])
    given([opened, diagnosisStarted, lineAdded(labourLine)])
      .when(cmd('AddEstimateLine', { line: labourLine }))
      .thenError('ESTIMATE_LINE_EXISTS', 'conflict')
    given([opened, diagnosisStarted])
      .when(cmd('RemoveEstimateLine', { lineId: 'L9' }))
      .thenError('ESTIMATE_LINE_NOT_FOUND', 'not_found')
  })

  it('refuses bad lines: zero minutes, fractional quantity, negative price, odd VAT, another currency', () => {
    const error = given([opened, diagnosisStarted, lineAdded(labourLine)])
      .when(
        cmd('AddEstimateLine', {
          line: { ...partLine, quantity: 1.5, unitPrice: { amountMinor: -1, currency: 'EUR' }, vatRatePercent: 23.456 },
        }),
      )
      .thenError('WORK_ORDER_INVALID', 'invalid')
    assert.deepEqual((error.fields ?? []).map((f) => f.path).sort(), [
      'line.quantity',
      'line.unitPrice.amountMinor',
      'line.unitPrice.currency',
      'line.vatRatePercent',
    ])
    given([opened, diagnosisStarted])
      .when(cmd('AddEstimateLine', { line: { ...labourLine, minutes: 0 } }))
      .thenError('WORK_ORDER_INVALID')
    given([opened, diagnosisStarted])
      .when(cmd('AddEstimateLine', { line: { ...labourLine, problemId: 'P-404' } }))
      .thenError('WORK_ORDER_INVALID')
  })

  it('photos from the inspection are attached to the estimate', () => {
    given([opened, diagnosisStarted])
      .when(cmd('AttachEstimatePhotos', { photos: [photo('ph-disc')] }))
      .then([{ type: 'EstimatePhotosAttached', data: { workOrderId, photos: [photo('ph-disc')] } }])
  })
})

describe('sending the estimate', () => {
  it('records what the customer is shown, with totals and the access code hash, and waits for the answer', () => {
    const events = given(drafted).when(sendCommand).events()
    assert.equal(events.length, 1)
    const sent = events[0] as Extract<WorkOrderEvent, { type: 'EstimateSent' }>
    assert.equal(sent.type, 'EstimateSent')
    assert.equal(sent.data.revision, 1)
    assert.deepEqual(sent.data.pendingLineIds, ['L1', 'L2', 'L3'])
    assert.equal(sent.data.totals.netMinor, 12_000 + 18_999 + 8000)
    assert.equal(sent.data.totals.grossMinor, 38_999 + vatMinor(38_999, 23))
    assert.equal(sent.data.accessCodeHash, sha('c'))
    assert.equal(stateOf([...drafted, sent]).status, 'estimate')
  })

  it('needs lines to approve, a hashed code valid in the future, and an address to send to', () => {
    given([opened, diagnosisStarted]).when(sendCommand).thenError('ESTIMATE_NOTHING_TO_APPROVE', 'conflict')
    const error = given(drafted)
      .when({
        ...sendCommand,
        accessCodeHash: 'ABC123',
        accessCodeExpiresAt: '2026-03-01T00:00:00.000Z',
        sentTo: { channel: 'email', address: null },
      })
      .thenError('WORK_ORDER_INVALID')
    assert.deepEqual((error.fields ?? []).map((f) => f.path).sort(), [
      'accessCodeExpiresAt',
      'accessCodeHash',
      'sentTo.address',
    ])
    given(sentHistory()).when(sendCommand).thenError('ESTIMATE_ALREADY_SENT', 'conflict')
  })

  it('a sent estimate is locked: lines cannot be edited without reopening it', () => {
    const sent = sentHistory()
    given(sent)
      .when(cmd('AddEstimateLine', { line: { ...labourLine, lineId: 'L4' } }))
      .thenError('ESTIMATE_LOCKED', 'conflict')
    given(sent)
      .when(cmd('ChangeEstimateLine', { line: { ...labourLine, minutes: 10 } }))
      .thenError('ESTIMATE_LOCKED')
    given(sent)
      .when(cmd('RemoveEstimateLine', { lineId: 'L1' }))
      .thenError('ESTIMATE_LOCKED')
  })
})

describe('line-by-line approval', () => {
  it('the customer approves some lines and declines others through the link; who, when and channel recorded', () => {
    const sent = sentHistory()
    const events = given(sent)
      .when(
        decideCommand([
          ['L1', 'approved'],
          ['L2', 'approved'],
          ['L3', 'declined'],
        ]),
      )
      .events()
    assert.deepEqual(
      events.map((e) => e.type),
      ['EstimateLinesDecided', 'EstimateDecided', 'RecommendationsRaised'],
    )
    const decided = events[0] as Extract<WorkOrderEvent, { type: 'EstimateLinesDecided' }>
    assert.deepEqual(decided.data.decidedBy, { name: 'Jan Kowalski', actor: { id: 'access-code', role: 'customer' } })
    assert.equal(decided.data.channel, 'link')
    assert.equal(decided.data.at, T.decided)
    const outcome = events[1] as Extract<WorkOrderEvent, { type: 'EstimateDecided' }>
    assert.equal(outcome.data.outcome, 'partially_approved')
    assert.deepEqual(outcome.data.approvedLineIds, ['L1', 'L2'])
    assert.equal(outcome.data.approvedTotals?.netMinor, 30_999)
    const raised = events[2] as Extract<WorkOrderEvent, { type: 'RecommendationsRaised' }>
    assert.deepEqual(raised.data.recommendations, [
      {
        recommendationId: 'wo-1:L3',
        workOrderId,
        lineId: 'L3',
        kind: 'labour',
        description: 'Balance four wheels',
        sku: null,
        quantity: null,
        unitPrice: null,
        minutes: 40,
        hourlyRate: { amountMinor: 12_000, currency: 'PLN' },
        quotedNet: { amountMinor: 8000, currency: 'PLN' },
        vatRatePercent: 23,
        defectCode: null,
        raisedAt: T.decided,
      },
    ])
    assert.equal(raised.data.equipmentId, 'eq-car-1')
    const state = stateOf([...sent, ...events])
    assert.equal(state.status, 'partially_approved')
    assert.deepEqual(approvedParts(state), [{ sku: 'BRK-PAD-F', quantity: 1 }])
    assert.equal(state.access, null) // the link is spent
  })

  it('lines may be decided one at a time; the order moves on when the last one is answered', () => {
    const sent = sentHistory()
    const first = run(sent, [decideCommand([['L1', 'approved']])])
    assert.equal(stateOf(first).status, 'estimate')
    const all = run(first, [
      decideCommand([
        ['L2', 'approved'],
        ['L3', 'approved'],
      ]),
    ])
    assert.equal(stateOf(all).status, 'approved')
    assert.equal(all.filter((e) => e.type === 'RecommendationsRaised').length, 0)
    given(first)
      .when(decideCommand([['L1', 'declined']]))
      .thenError('ESTIMATE_LINE_ALREADY_DECIDED', 'conflict')
    given(first)
      .when(decideCommand([['L9', 'declined']]))
      .thenError('ESTIMATE_LINE_NOT_FOUND', 'not_found')
  })

  it('declining everything rejects the estimate; a rejected estimate cannot be approved', () => {
    const rejected = run(sentHistory(), [
      decideCommand([
        ['L1', 'declined'],
        ['L2', 'declined'],
        ['L3', 'declined'],
      ]),
    ])
    assert.equal(stateOf(rejected).status, 'rejected')
    given(rejected)
      .when(decideCommand([['L1', 'approved']]))
      .thenError('ESTIMATE_REJECTED', 'conflict')
    given(rejected).when(cmd('StartRepair', {})).thenError('ESTIMATE_REJECTED', 'conflict')
  })

  it('a wrong or expired access code is forbidden; staff record answers by phone without one', () => {
    const sent = sentHistory()
    given(sent)
      .when(decideCommand([['L1', 'approved']], { accessCodeHash: sha('d') }))
      .thenError('ACCESS_CODE_INVALID', 'forbidden')
    given(sent)
      .when(decideCommand([['L1', 'approved']], { accessCodeHash: null }))
      .thenError('ACCESS_CODE_INVALID', 'forbidden')
    given(sent)
      .when(decideCommand([['L1', 'approved']], { now: '2026-03-10T00:00:00.000Z' }))
      .thenError('ACCESS_CODE_EXPIRED', 'forbidden')
    const [event] = given(sent)
      .when(
        decideCommand([['L1', 'approved']], {
          channel: 'phone',
          accessCodeHash: null,
          actor: reception,
          decidedByName: 'Jan (phone)',
        }),
      )
      .events()
    assert.deepEqual(event?.type === 'EstimateLinesDecided' && event.data.decidedBy.actor, reception)
  })

  it('an answer to an older revision is refused; a draft cannot be approved', () => {
    const sent = sentHistory()
    given(sent)
      .when(decideCommand([['L1', 'approved']], { revision: 0 }))
      .thenError('ESTIMATE_REVISION_STALE', 'conflict')
    given(drafted)
      .when(decideCommand([['L1', 'approved']]))
      .thenError('ESTIMATE_NOT_SENT', 'conflict')
    const approved = run(sent, [
      decideCommand([
        ['L1', 'approved'],
        ['L2', 'approved'],
        ['L3', 'approved'],
      ]),
    ])
    given(approved)
      .when(decideCommand([['L1', 'approved']]))
      .thenError('ESTIMATE_ALREADY_DECIDED', 'conflict')
  })
})

describe('reopening the estimate', () => {
  const partially = () =>
    run(sentHistory(), [
      decideCommand([
        ['L1', 'approved'],
        ['L2', 'approved'],
        ['L3', 'declined'],
      ]),
    ])

  it('editing an approved estimate needs reopening; a changed line needs approval again', () => {
    const history = partially()
    given(history)
      .when(cmd('ChangeEstimateLine', { line: { ...partLine, quantity: 2 } }))
      .thenError('ESTIMATE_LOCKED', 'conflict')
    const reopened = run(history, [cmd('ReopenEstimate', { reason: 'rear pads worn too' })])
    const state = stateOf(reopened)
    assert.equal(state.status, 'diagnosis')
    assert.equal(state.revision, 2)
    const revised = run(reopened, [
      cmd('ChangeEstimateLine', { line: { ...partLine, quantity: 2 } }),
      cmd('AddEstimateLine', { line: { ...labourLine, lineId: 'L4', description: 'Rear pads' } }),
      { ...sendCommand, accessCodeHash: sha('e') },
    ])
    const sent = revised.at(-1) as Extract<WorkOrderEvent, { type: 'EstimateSent' }>
    assert.equal(sent.data.revision, 2)
    // L1 stays approved; L2 changed and L3 (declined) are offered again with the new L4
    assert.deepEqual(sent.data.pendingLineIds, ['L2', 'L3', 'L4'])
    // the old link no longer opens the estimate
    given(revised)
      .when(decideCommand([['L2', 'approved']], { revision: 2 }))
      .thenError('ACCESS_CODE_INVALID')
    const done = run(revised, [
      decideCommand(
        [
          ['L2', 'approved'],
          ['L3', 'declined'],
          ['L4', 'approved'],
        ],
        { revision: 2, accessCodeHash: sha('e') },
      ),
    ])
    assert.equal(stateOf(done).status, 'partially_approved')
    // L3 was raised as a recommendation the first time; not again
    assert.equal(done.filter((e) => e.type === 'RecommendationsRaised').length, 1)
  })

  it('reopening a draft is refused, and so is reopening a closed order', () => {
    given(drafted)
      .when(cmd('ReopenEstimate', { reason: 'x' }))
      .thenError('ESTIMATE_NOT_SENT', 'conflict')
    const cancelled: WorkOrderEvent = {
      type: 'WorkOrderCancelled',
      data: { workOrderId, reason: 'customer left', at: T.repair },
    }
    given([...partially(), cancelled])
      .when(cmd('ReopenEstimate', { reason: 'x' }))
      .thenError('WORK_ORDER_CLOSED', 'conflict')
  })
})
