// The workshop's other paths over HTTP: suggesting a technician by skill and workload, a repair at
// an external repairer, reopening an approved estimate (a changed part line gives its parts back),
// the point's own statuses, a rejected estimate returned unrepaired, and a comeback (rework) order
// linked to the order it redoes.
import assert from 'node:assert/strict'
import { type RepairFixture, repairFixture } from './support/repairFixture.js'

describe('the workshop: technicians, external repairs, reopened estimates, returns and comebacks', () => {
  let fx: RepairFixture

  before(async () => {
    fx = await repairFixture()
  })

  const step = async (id: string, path: string, body: object = {}, method: 'post' | 'put' | 'delete' = 'post') => {
    const res = await fx.send('employee_p1', method, `/work-orders/${id}${path}`, body)
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`)
    return res.body
  }
  const approveAll = async (id: string) => {
    const order = (await fx.send('employee_p1', 'get', `/work-orders/${id}`)).body
    const pending = order.lines.filter((l: { decision: string }) => l.decision === 'pending')
    return step(id, '/estimate/decisions', {
      revision: order.revision,
      decidedByName: 'Jan (telefon)',
      channel: 'phone',
      decisions: pending.map((l: { line: { lineId: string } }) => ({ lineId: l.line.lineId, decision: 'approved' })),
    })
  }

  it('suggests technicians with the skills the order’s services need, least loaded first', async () => {
    const busy = (await fx.openOrder('employee_p1', { technicianId: 'p1-anna' })).order.workOrderId
    await step(busy, '/estimate/lines', { kind: 'service', serviceCode: 'TYRE_CHANGE' })
    const id = (await fx.openOrder('employee_p1', { equipmentId: 'car-c2' })).order.workOrderId
    await step(id, '/estimate/lines', { kind: 'service', serviceCode: 'TYRE_CHANGE' })
    await fx.refresh()
    const byFitting = await fx.send('employee_p1', 'get', `/work-orders/${id}/technician-suggestions`)
    assert.equal(byFitting.status, 200, JSON.stringify(byFitting.body))
    assert.deepEqual(byFitting.body.skills, ['tyre_fitting'])
    assert.deepEqual(
      byFitting.body.suggestions.map((s: { technicianId: string; workloadMinutes: number }) => [
        s.technicianId,
        s.workloadMinutes,
      ]),
      [
        ['p1-jan', 0],
        ['p1-anna', 60],
      ],
    )
    await step(id, '/estimate/lines', { kind: 'service', serviceCode: 'BALANCING' })
    const byBalancing = await fx.send('employee_p1', 'get', `/work-orders/${id}/technician-suggestions`)
    assert.equal(byBalancing.body.suggestions[0].technicianId, 'p1-anna', 'only Anna balances')
    assert.deepEqual(byBalancing.body.suggestions[1].missingSkills, ['balancing'])
    const assigned = await step(id, '/technicians', { technicianId: 'p1-anna' })
    assert.equal(assigned.order.technicians['p1-anna'].name, 'Anna Nowak')
    await step(id, '/technicians/p1-anna', {}, 'delete')
  })

  it('sends the item to an external repairer and takes it back', async () => {
    const id = (await fx.openOrder('employee_p1', { equipmentId: 'van-f1' })).order.workOrderId
    await step(id, '/estimate/lines', {
      kind: 'labour',
      description: 'Naprawa felgi (zlecenie zewnętrzne)',
      minutes: 90,
    })
    await step(id, '/estimate/send', {})
    await approveAll(id)
    await step(id, '/repair')
    const out = await step(id, '/external-repair', {
      repairerId: 'felgi-sa',
      repairerName: 'Felgi S.A.',
      reference: 'ZL/1/2026',
    })
    assert.equal(out.order.status, 'at_external_repairer')
    const notReady = await fx.send('employee_p1', 'post', `/work-orders/${id}/ready`, {})
    assert.equal(notReady.status, 409)
    assert.equal(notReady.body.code, 'AT_EXTERNAL_REPAIRER')
    const back = await step(id, '/external-repair/return', {
      outcome: 'repaired',
      cost: { amountMinor: 25_000, currency: 'PLN' },
    })
    assert.equal(back.order.status, 'in_repair')
    // The customer's page says it is with a partner, not which one.
    const tracking = (await fx.send('fleet_manager_f1', 'get', `/work-orders/${id}`)).body
    assert.equal(tracking.status, 'in_repair')
  })

  it('reopening an approved estimate: a changed part line gives its reserved parts back; the point’s own statuses', async () => {
    const id = (await fx.openOrder('employee_p1', { equipmentId: 'car-c2' })).order.workOrderId
    await step(id, '/estimate/lines', { kind: 'goods', sku: 'VALVE', quantity: 4, lineId: 'valves' })
    await step(id, '/estimate/send', {})
    const decided = await approveAll(id)
    assert.ok(
      decided.policies.some(
        (p: { policy: string; outcome: string }) => p.policy.endsWith(':reserve') && p.outcome === 'applied',
      ),
    )
    const question = await step(id, '/custom-status', {
      code: 'question_to_customer',
      note: 'Czy wymienić też zawory w zapasie?',
    })
    assert.equal(question.order.customStatus.code, 'question_to_customer')
    const reopened = await step(id, '/estimate/reopen', { reason: 'klient chce tylko dwa zawory' })
    assert.equal(reopened.order.status, 'diagnosis')
    assert.equal(reopened.order.revision, 2)
    assert.equal(reopened.order.customStatus, null, 'leaving the phase leaves the custom status')
    const changed = await step(id, '/estimate/lines/valves', { kind: 'goods', sku: 'VALVE', quantity: 2 }, 'put')
    const released = changed.policies.find((p: { policy: string }) => p.policy.startsWith('release-changed-parts'))
    assert.equal(released?.outcome, 'applied', JSON.stringify(changed.policies))
    const held = (await fx.events()).filter((e) => e.type === 'StockReservationReleased').at(-1)
    assert.deepEqual((held?.data as { lines?: unknown } | undefined)?.lines, [{ sku: 'VALVE', quantity: 4 }])
    await step(id, '/estimate/send', {})
    const again = await approveAll(id)
    assert.equal(again.order.status, 'approved')
    const reservedNow = (await fx.events()).filter((e) => e.type === 'StockReserved').at(-1)
    assert.deepEqual((reservedNow?.data as { lines?: unknown } | undefined)?.lines, [{ sku: 'VALVE', quantity: 2 }])
  })

  it('a rejected estimate is returned unrepaired; the car goes back to its owner', async () => {
    const id = (await fx.openOrder('employee_p2', { pointId: 'p2', equipmentId: 'car-c1' })).order.workOrderId
    const send = (path: string, body: object = {}) => fx.send('employee_p2', 'post', `/work-orders/${id}${path}`, body)
    await send('/estimate/lines', { kind: 'service', serviceCode: 'TYRE_CHANGE' })
    await send('/estimate/send', {})
    const no = await send('/estimate/decisions', {
      revision: 1,
      decidedByName: 'Jan',
      channel: 'in_person',
      decisions: [{ lineId: 'svc:TYRE_CHANGE:1', decision: 'declined' }],
    })
    assert.equal(no.body.order.status, 'rejected')
    const back = await send('/return-unrepaired', { reason: 'estimate rejected', receivedBy: 'Jan Kowalski' })
    assert.equal(back.status, 200, JSON.stringify(back.body))
    assert.equal(back.body.order.status, 'returned_unrepaired')
    assert.equal((await fx.send('employee_p2', 'get', '/equipment/car-c1')).body.status, 'at_customer')
  })

  it('a comeback order redoes a handed-over one, linked both ways, repaired without a new approval', async () => {
    const id = (await fx.openOrder('employee_p1', {})).order.workOrderId
    await step(id, '/estimate/lines', { kind: 'service', serviceCode: 'BALANCING' })
    await step(id, '/estimate/send', {})
    await approveAll(id)
    await step(id, '/repair')
    await step(id, '/ready')
    await step(id, '/handover', { receivedBy: 'Jan Kowalski' })
    const early = await fx.send('employee_p1', 'post', `/work-orders/${id}/rework`, {
      reason: 'x',
      intake: { customerDescription: 'x' },
    })
    assert.equal(early.status, 201, JSON.stringify(early.body))
    const rework = early.body.order
    assert.deepEqual(rework.reworkOf, { workOrderId: id, reason: 'x' })
    assert.equal(rework.customer.customerId, 'c1')
    const original = (await fx.send('employee_p1', 'get', `/work-orders/${id}`)).body
    assert.deepEqual(original.reworkOrderIds, [rework.workOrderId])
    await step(rework.workOrderId, '/diagnosis')
    const repaired = await step(rework.workOrderId, '/repair')
    assert.equal(repaired.order.status, 'in_repair')
    // A rework of an order still in progress is refused.
    const open = (await fx.openOrder('employee_p1', { equipmentId: 'car-c2' })).order.workOrderId
    const refused = await fx.send('employee_p1', 'post', `/work-orders/${open}/rework`, {
      reason: 'x',
      intake: { customerDescription: 'x' },
    })
    assert.equal(refused.status, 409)
    assert.equal(refused.body.code, 'REWORK_OF_UNFINISHED_ORDER')
  })
})
