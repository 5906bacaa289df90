// One car's visit end to end over HTTP: intake with a photo, diagnosis with the checklist and a
// defect, an estimate priced from the catalogue, sent with an access code, answered by the
// customer through the link line by line (no login), parts reserved by the policy, the declined
// line kept on the car as a recommendation, repair with the labour clock, parts issued, ready,
// handover; the public status page along the way; the next visit offered the recommendation.
import assert from 'node:assert/strict'
import { equipmentStream } from '../../../domain/equipment/equipmentDecider.js'
import { stockStream } from '../../../domain/stock/stockDecider.js'
import { type RepairFixture, repairFixture } from './support/repairFixture.js'

describe('a work order from intake to handover', () => {
  let fx: RepairFixture
  let workOrderId: string
  let trackingCode: string
  let accessCode: string
  const photo = { fileId: '', sha256: '', contentType: 'image/jpeg' }

  before(async () => {
    fx = await repairFixture()
  })

  const types = async (stream: string) => (await fx.events()).filter((e) => e.streamId === stream).map((e) => e.type)

  it('uploads an intake photo and opens the order with it; the car goes in service and its mileage is recorded', async () => {
    const upload = await fx
      .send('employee_p1', 'post', '/files')
      .set('Content-Type', 'image/jpeg')
      .send(Buffer.from('jpeg bytes'))
    assert.equal(upload.status, 201, JSON.stringify(upload.body))
    assert.match(upload.body.sha256, /^[0-9a-f]{64}$/)
    Object.assign(photo, { fileId: upload.body.fileId, sha256: upload.body.sha256 })

    const opened = await fx.openOrder('employee_p1', {
      intake: {
        customerDescription: 'Wymiana opon na zimowe; drgania przy 120 km/h',
        conditionNotes: 'Rysa na tylnym zderzaku',
        accessories: ['klucz do śrub zabezpieczających'],
        mileageKm: 121_000,
        photos: [photo],
        signature: { signerName: 'Jan Kowalski', image: photo },
      },
      startDiagnosis: true,
      technicianId: 'p1-anna',
    })
    workOrderId = opened.order.workOrderId
    trackingCode = opened.trackingCode
    assert.match(trackingCode, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    assert.equal(opened.order.status, 'diagnosis')
    const order = opened.order as unknown as Record<string, unknown>
    assert.equal(order.trackingCodeHash, undefined, 'the hash of a bearer code never leaves the server')
    assert.deepEqual(Object.keys(order.checklists as object), ['wheels-and-tyres'])
    assert.deepEqual(Object.keys(order.technicians as object), ['p1-anna'])
    assert.deepEqual(await types(`workorder-${workOrderId}`), [
      'WorkOrderOpened',
      'IntakeProtocolSigned',
      'DiagnosisStarted',
      'ChecklistAssigned',
      'TechnicianAssigned',
    ])
    assert.deepEqual((await types(equipmentStream('car-c1'))).slice(1), [
      'EquipmentStatusChanged',
      'EquipmentMileageRecorded',
    ])
    const car = await fx.send('employee_p1', 'get', '/equipment/car-c1')
    assert.equal(car.body.status, 'in_service')
    assert.equal(car.body.mileage.lastKm, 121_000)
  })

  it('records the checklist and a defect from the catalogue of the equipment type', async () => {
    const results = await fx.send(
      'employee_p1',
      'post',
      `/work-orders/${workOrderId}/checklists/wheels-and-tyres/results`,
      {
        results: [
          { itemId: 'tread-fl', result: 'fail', measurement: { value: 2.1, unit: 'mm' }, photos: [photo] },
          { itemId: 'pressure', result: 'ok' },
        ],
      },
    )
    assert.equal(results.status, 200, JSON.stringify(results.body))
    const problem = await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/problems`, {
      problemId: 'pr-1',
      defectCode: 'TREAD_WORN',
      causeCode: 'normal_wear',
      checklistItemId: 'tread-fl',
    })
    assert.equal(problem.status, 200, JSON.stringify(problem.body))
    assert.equal(problem.body.order.problems['pr-1'].defectLabel, 'Zużyty bieżnik')
  })

  it('prices estimate lines from the catalogue, not from the request', async () => {
    const add = (line: object) => fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/estimate/lines`, line)
    for (const line of [
      { kind: 'service', serviceCode: 'TYRE_CHANGE', problemId: 'pr-1' },
      { kind: 'service', serviceCode: 'BALANCING' },
      { kind: 'goods', sku: 'TYRE-205', quantity: 4, lineId: 'tyres', problemId: 'pr-1' },
      { kind: 'goods', sku: 'VALVE', quantity: 4, lineId: 'valves' },
      { kind: 'goods', sku: 'TPMS', quantity: 1, lineId: 'tpms' },
    ]) {
      const res = await add(line)
      assert.equal(res.status, 200, JSON.stringify(res.body))
    }
    const order = (await fx.send('employee_p1', 'get', `/work-orders/${workOrderId}`)).body
    const lines = order.lines.map((l: { line: { lineId: string } }) => l.line)
    assert.deepEqual(
      lines.map((l: { lineId: string }) => l.lineId),
      ['svc:TYRE_CHANGE:1', 'svc:BALANCING:1', 'tyres', 'valves', 'tpms'],
    )
    assert.deepEqual(lines[0].hourlyRate, { amountMinor: 12_000, currency: 'PLN' }) // 60 min for 120 zł
    assert.deepEqual(lines[2].unitPrice, { amountMinor: 35_000, currency: 'PLN' })
    const unknown = await add({ kind: 'goods', sku: 'CAVIAR', quantity: 1 })
    assert.equal(unknown.status, 422)
    assert.equal(unknown.body.code, 'UNKNOWN_GOODS')
  })

  it('sends the estimate with an access code shown once; the status page shows it waits, without prices', async () => {
    const sent = await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}/estimate/send`, {})
    assert.equal(sent.status, 200, JSON.stringify(sent.body))
    accessCode = sent.body.accessCode
    assert.notEqual(accessCode, trackingCode)
    assert.equal(fx.notifier.estimates.at(-1)?.accessCode, accessCode)
    assert.equal(fx.notifier.estimates.at(-1)?.to.channel, 'in_person')
    const status = await fx
      .send(null, 'get', `/tracking/${workOrderId}`)
      .set('X-Access-Code', trackingCode.toLowerCase())
    assert.equal(status.status, 200, JSON.stringify(status.body))
    assert.equal(status.body.status, 'estimate')
    assert.equal(status.body.estimateAwaitingDecision, true)
    assert.equal(status.body.equipment.label, 'DW1AB23')
    const text = JSON.stringify(status.body)
    for (const secret of ['amountMinor', 'p1-anna', 'Anna', 'trackingCodeHash', 'Rysa', 'klucz'])
      assert.ok(!text.includes(secret), `the status page does not show ${secret}`)
  })

  it('the customer approves through the link line by line; parts are reserved, the declined line stays on the car', async () => {
    const estimate = await fx.send(null, 'get', `/tracking/${workOrderId}/estimate`).set('X-Access-Code', accessCode)
    assert.equal(estimate.status, 200, JSON.stringify(estimate.body))
    assert.equal(estimate.body.open, true)
    assert.equal(estimate.body.lines.length, 5)
    // 120 + 80 + 1400 + 32 + 199 zł net, 23% VAT
    assert.equal(estimate.body.totals.netMinor, 183_100)
    assert.equal(estimate.body.totals.grossMinor, 225_213)

    const decide = (decisions: object[]) =>
      fx.send(null, 'post', `/tracking/${workOrderId}/estimate/decisions`, {
        code: accessCode,
        revision: 1,
        decidedByName: 'Jan Kowalski',
        decisions,
      })
    const first = await decide([
      { lineId: 'svc:TYRE_CHANGE:1', decision: 'approved' },
      { lineId: 'tyres', decision: 'approved' },
    ])
    assert.equal(first.status, 200, JSON.stringify(first.body))
    assert.equal(first.body.status, 'estimate', 'lines are still pending')
    const rest = await decide([
      { lineId: 'svc:BALANCING:1', decision: 'approved' },
      { lineId: 'valves', decision: 'approved' },
      { lineId: 'tpms', decision: 'declined', reason: 'next time' },
    ])
    assert.equal(rest.status, 200, JSON.stringify(rest.body))
    assert.equal(rest.body.status, 'partially_approved')

    const decided = (await fx.events()).find((e) => e.type === 'EstimateLinesDecided')
    assert.ok(decided)
    assert.deepEqual(decided.metadata.actor, { id: 'estimate-link', role: 'customer' })
    assert.deepEqual((decided.data as { decidedBy: unknown }).decidedBy, {
      name: 'Jan Kowalski',
      actor: { id: 'estimate-link', role: 'customer' },
    })
    const reserved = (await fx.events()).filter((e) => e.streamId === stockStream('p1') && e.type === 'StockReserved')
    assert.deepEqual(
      reserved.map((e) => e.data),
      [
        {
          pointId: 'p1',
          workOrderId,
          lines: [
            { sku: 'TYRE-205', quantity: 4 },
            { sku: 'VALVE', quantity: 4 },
          ],
          at: reserved[0]?.data && (reserved[0].data as { at: string }).at,
        },
      ],
    )
    const car = await fx.send('employee_p1', 'get', '/equipment/car-c1')
    assert.deepEqual(
      car.body.recommendations.map((r: { recommendationId: string; sku: string }) => [r.recommendationId, r.sku]),
      [[`${workOrderId}:tpms`, 'TPMS']],
    )
    // The link answers what was decided when opened again, and refuses another answer.
    const again = await decide([{ lineId: 'tpms', decision: 'approved' }])
    assert.equal(again.status, 409)
    assert.equal(again.body.code, 'ESTIMATE_ALREADY_DECIDED')
  })

  it('repairs with the labour clock and parts issued from the reservation, then hands over', async () => {
    const go = async (path: string, body: object = {}) => {
      const res = await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}${path}`, body)
      assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`)
      return res.body
    }
    await go('/repair')
    await go('/labour/clock-in', { technicianId: 'p1-anna', lineId: 'svc:TYRE_CHANGE:1' })
    fx.advanceClock(50 * 60)
    await go('/labour/clock-out', { technicianId: 'p1-anna' })
    const issued = await fx.send('employee_p1', 'post', '/points/p1/stock/issues', {
      technicianId: 'p1-anna',
      workOrderId,
      lines: [
        { sku: 'TYRE-205', quantity: 4 },
        { sku: 'VALVE', quantity: 3 },
      ],
    })
    assert.equal(issued.status, 200, JSON.stringify(issued.body))
    assert.deepEqual(issued.body.heldByOrder, [{ sku: 'VALVE', quantity: 1 }])
    await go('/log', { text: 'Opony wymienione, koła wyważone', visibleToCustomer: true })
    await go('/log', { text: 'Klient marudny', visibleToCustomer: false })
    const ready = await go('/ready', { summary: 'Wymienione opony i wyważone koła' })
    assert.equal(ready.order.status, 'ready')
    assert.deepEqual(fx.notifier.ready, [workOrderId])
    const labour = ready.order.labour
    assert.equal(labour.clockedMinutes, 50)
    assert.equal(labour.billedMinutes, 90)

    const handed = await go('/handover', { receivedBy: 'Jan Kowalski', mileageKm: 121_004 })
    assert.equal(handed.order.status, 'handed_over')
    const released = handed.policies.find((p: { policy: string }) => p.policy === 'release-unused-parts')
    assert.equal(released.outcome, 'applied', 'the unused valve goes back to free stock')
    const car = await fx.send('employee_p1', 'get', '/equipment/car-c1')
    assert.equal(car.body.status, 'at_customer')
    assert.equal(car.body.mileage.lastKm, 121_004)
    const stock = await fx.send('employee_p1', 'get', '/points/p1/stock?live=true')
    assert.deepEqual(
      stock.body.items.map((i: { sku: string; onHand: number; reserved: number }) => [i.sku, i.onHand, i.reserved]),
      [
        ['TYRE-205', 0, 0],
        ['VALVE', 17, 0],
      ],
    )
  })

  it('the status page shows the customer’s history: statuses and the notes meant for him', async () => {
    const status = await fx.send(null, 'get', `/tracking/${workOrderId}`).set('X-Access-Code', trackingCode)
    assert.equal(status.status, 200)
    assert.equal(status.body.status, 'handed_over')
    assert.deepEqual(
      status.body.history.filter((h: { kind: string }) => h.kind === 'status').map((h: { status: string }) => h.status),
      ['intake', 'diagnosis', 'estimate', 'partially_approved', 'in_repair', 'ready', 'handed_over'],
    )
    const notes = status.body.history
      .filter((h: { kind: string }) => h.kind === 'note')
      .map((h: { text: { pl: string } }) => h.text.pl)
    assert.deepEqual(notes, ['Opony wymienione, koła wyważone'])
  })

  it('the next visit offers the declined line again, priced as of today; doing it resolves the recommendation', async () => {
    const next = await fx.openOrder('employee_p1', { intake: { customerDescription: 'TPMS', mileageKm: 125_000 } })
    const id = next.order.workOrderId
    const carried = await fx.send('employee_p1', 'post', `/work-orders/${id}/estimate/recommendations`, {})
    assert.equal(carried.status, 200, JSON.stringify(carried.body))
    const line = carried.body.order.lines[0].line
    assert.equal(line.recommendationId, `${workOrderId}:tpms`)
    assert.equal(line.sku, 'TPMS')
    const sent = await fx.send('employee_p1', 'post', `/work-orders/${id}/estimate/send`, {
      channel: 'sms',
      address: '+48600100200',
    })
    assert.equal(sent.status, 200, JSON.stringify(sent.body))
    // Staff take the answer on the phone.
    const decided = await fx.send('employee_p1', 'post', `/work-orders/${id}/estimate/decisions`, {
      revision: 1,
      decidedByName: 'Jan Kowalski (telefon)',
      channel: 'phone',
      decisions: [{ lineId: line.lineId, decision: 'approved' }],
    })
    assert.equal(decided.status, 200, JSON.stringify(decided.body))
    const reservation = decided.body.policies.find((p: { policy: string }) =>
      p.policy.startsWith('reserve-approved-parts'),
    )
    assert.equal(reservation.outcome, 'refused', 'no TPMS sensor in stock')
    assert.equal(reservation.code, 'INSUFFICIENT_STOCK')
    assert.deepEqual(reservation.shortages, [{ sku: 'TPMS', requested: 1, available: 0 }])
    assert.equal(decided.body.order.customStatus?.code, 'waiting_for_parts')
    // A delivery comes; the reservation is made again.
    const delivery = await fx.send('manager_p1', 'post', '/points/p1/stock/receipts', {
      lines: [{ sku: 'TPMS', quantity: 2 }],
    })
    assert.equal(delivery.status, 200, JSON.stringify(delivery.body))
    const retry = await fx.send('employee_p1', 'post', `/work-orders/${id}/parts/reserve`)
    assert.equal(retry.status, 200, JSON.stringify(retry.body))
    assert.ok(
      retry.body.policies.some(
        (p: { outcome: string; policy: string }) => p.policy.endsWith(':reserve') && p.outcome === 'applied',
      ),
    )
    for (const [path, body] of [
      ['/custom-status/leave', {}],
      ['/repair', {}],
      ['/ready', {}],
      ['/handover', { receivedBy: 'Jan Kowalski' }],
    ] as const) {
      const res = await fx.send('employee_p1', 'post', `/work-orders/${id}${path}`, body)
      assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`)
    }
    const car = await fx.send('employee_p1', 'get', '/equipment/car-c1')
    assert.deepEqual(car.body.recommendations, [], 'done at the handover')
  })
})
