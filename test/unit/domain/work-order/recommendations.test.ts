// Declined lines → open recommendations on the equipment → draft lines at the next visit → resolved.
import assert from 'node:assert/strict'
import { equipmentDecider, openRecommendations } from '../../../../domain/equipment/equipmentDecider.js'
import type { EquipmentEvent } from '../../../../domain/equipment/events.js'
import type { WorkOrderEvent } from '../../../../domain/work-order/events.js'
import { carryRecommendations, recommendationsDoneBy } from '../../../../domain/work-order/recommendations.js'
import { carRegistered } from '../equipment/fixtures.js'
import { cmd, decideCommand, openCommand, partLine, run, sendCommand, sentHistory, sha, stateOf } from './fixtures.js'

function declinedOnFirstVisit() {
  const events = run(sentHistory(), [
    decideCommand([
      ['L1', 'approved'],
      ['L2', 'declined'],
      ['L3', 'declined'],
    ]),
  ])
  const raised = events.find((e) => e.type === 'RecommendationsRaised') as Extract<
    WorkOrderEvent,
    { type: 'RecommendationsRaised' }
  >
  return { events, raised }
}

describe('recommendations from declined lines', () => {
  it('are recorded on the equipment and offered at the next visit as draft lines, priced as of today', () => {
    const { raised } = declinedOnFirstVisit()
    // the policy: RecommendationsRaised → RecordRecommendations on equipment-<id>
    const decided = equipmentDecider.decide(
      {
        kind: 'RecordRecommendations',
        equipmentId: raised.data.equipmentId,
        recommendations: raised.data.recommendations,
      },
      [carRegistered].reduce(equipmentDecider.evolve, equipmentDecider.initialState),
    )
    assert.ok(decided._tag === 'Right')
    const equipment = [carRegistered, ...(decided.right as EquipmentEvent[])].reduce(
      equipmentDecider.evolve,
      equipmentDecider.initialState,
    )
    const open = openRecommendations(equipment)
    assert.deepEqual(
      open.map((r) => r.recommendationId),
      ['wo-1:L2', 'wo-1:L3'],
    )

    const carried = carryRecommendations(open, {
      now: '2026-09-01T08:00:00.000Z',
      currentUnitPrice: (sku) => (sku === 'BRK-PAD-F' ? { amountMinor: 19_999, currency: 'PLN' } : undefined),
      staleAfterDays: 90,
    })
    assert.deepEqual(
      carried.map((c) => [c.line.lineId, c.line.kind, c.line.recommendationId, c.stale, c.ageDays]),
      [
        ['rec-1', 'part', 'wo-1:L2', true, 182],
        ['rec-2', 'labour', 'wo-1:L3', true, 182],
      ],
    )
    const [pads, balancing] = carried
    assert.deepEqual(
      pads?.line.kind === 'part' && [pads.line.sku, pads.line.quantity, pads.line.unitPrice.amountMinor],
      ['BRK-PAD-F', 1, 19_999],
    )
    assert.deepEqual(
      balancing?.line.kind === 'labour' && [balancing.line.minutes, balancing.line.hourlyRate.amountMinor],
      [40, 12_000],
    )
  })

  it('a carried line approved and done resolves its recommendation; declined again it is not raised twice', () => {
    const { raised } = declinedOnFirstVisit()
    const [carried] = carryRecommendations(raised.data.recommendations, { now: '2026-09-01T08:00:00.000Z' })
    const line = { ...(carried?.line ?? partLine), lineId: 'N1' }
    const next = { ...openCommand, workOrderId: 'wo-2', now: '2026-09-01T08:00:00.000Z', promisedAt: null }
    const base = run([], [next])
    const withLine = run(base, [
      { ...cmd('StartDiagnosis', {}), workOrderId: 'wo-2', now: '2026-09-01T08:10:00.000Z' },
      { ...cmd('AddEstimateLine', { line }), workOrderId: 'wo-2', now: '2026-09-01T08:20:00.000Z' },
      {
        ...sendCommand,
        workOrderId: 'wo-2',
        now: '2026-09-01T08:30:00.000Z',
        accessCodeExpiresAt: '2026-09-08T00:00:00.000Z',
      },
    ])
    const approved = run(withLine, [
      decideCommand([['N1', 'approved']], { workOrderId: 'wo-2', now: '2026-09-01T09:00:00.000Z' }),
    ])
    assert.deepEqual(recommendationsDoneBy(stateOf(approved)), ['wo-1:L2'])
    const declined = run(withLine, [
      decideCommand([['N1', 'declined']], { workOrderId: 'wo-2', now: '2026-09-01T09:00:00.000Z' }),
    ])
    assert.equal(declined.filter((e) => e.type === 'RecommendationsRaised').length, 0)
    assert.deepEqual(recommendationsDoneBy(stateOf(declined)), [])
  })

  it('a line declined and approved after reopening the same order resolves the recommendation it raised', () => {
    const { events } = declinedOnFirstVisit()
    const again = run(events, [
      cmd('ReopenEstimate', { reason: 'customer changed their mind' }),
      { ...sendCommand, accessCodeHash: sha('f'), now: '2026-03-02T12:30:00.000Z' },
      decideCommand(
        [
          ['L2', 'approved'],
          ['L3', 'declined'],
        ],
        { revision: 2, accessCodeHash: sha('f'), now: '2026-03-02T13:00:00.000Z' },
      ),
    ])
    assert.deepEqual(recommendationsDoneBy(stateOf(again)), ['wo-1:L2'])
  })
})
