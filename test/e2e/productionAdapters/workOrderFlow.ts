// The repair part of the flow, run when the API has work orders (GET /openapi.json lists
// /work-orders): Alice's car, checked in for her booking, goes through a work order from intake to
// handover — delivery of parts, equipment registered, intake with diagnosis, checklist results and
// a defect, an estimate priced from the catalogue, sent with an access code and answered by the
// customer through the public link line by line, parts issued, a note for the customer, ready,
// handover. Same Idempotency-Key per step as the booking part, so the order's id and codes match.
import assert from 'node:assert/strict'
import { type BookingFlowRecord, POINT_ID } from './bookingFlow.js'
import { at, type Http, text } from './http.js'

export const EQUIPMENT_ID = 'car-alice'

export interface WorkOrderFlowRecord {
  readonly workOrderId: string
  readonly trackingCode: string
}

/** Whether the API serves work orders (another session was adding them while this test was written). */
export async function hasWorkOrders(http: Http): Promise<boolean> {
  const document = await http.read('/openapi.json')
  const paths = at(document, 'paths')
  return typeof paths === 'object' && paths !== null && '/work-orders' in paths
}

export async function workOrderFlow(http: Http, booking: BookingFlowRecord): Promise<WorkOrderFlowRecord> {
  const { manager, employee } = booking.tokens
  await http.command('POST', `/points/${POINT_ID}/stock/receipts`, 'stock-delivery', manager, {
    receiptId: 'delivery-1',
    supplier: 'Hurtownia Opon',
    lines: [
      { sku: 'TYRE-205', quantity: 8 },
      { sku: 'VALVE-TR413', quantity: 20 },
    ],
  })
  await http.command('POST', '/equipment', 'register-car', employee, {
    equipmentId: EQUIPMENT_ID,
    typeCode: 'passenger_car',
    make: 'Škoda',
    model: 'Octavia',
    registration: { plate: 'DW 12345' },
    owner: { kind: 'customer', customerId: booking.alice.customerId },
  })
  const opened = await http.command('POST', '/work-orders', 'open-order', employee, {
    pointId: POINT_ID,
    equipmentId: EQUIPMENT_ID,
    bookingId: booking.alice.bookingId,
    intake: {
      customerDescription: 'Wymiana opon na zimowe; drgania przy 120 km/h',
      conditionNotes: 'Rysa na tylnym zderzaku',
      accessories: ['klucz do śrub zabezpieczających'],
      mileageKm: 121_000,
    },
    startDiagnosis: true,
    technicianId: 'anna',
  })
  const workOrderId = text(opened, 'order', 'workOrderId')
  const trackingCode = text(opened, 'trackingCode')
  const order = (path: string, step: string, body: unknown = {}, token = employee) =>
    http.command('POST', `/work-orders/${workOrderId}${path}`, step, token, body)

  await order('/checklists/wheels-and-tyres/results', 'checklist', {
    results: [
      { itemId: 'tread-fl', result: 'fail', measurement: { value: 2.1, unit: 'mm' } },
      { itemId: 'pressure', result: 'ok' },
    ],
  })
  await order('/problems', 'defect', {
    problemId: 'pr-1',
    defectCode: 'TREAD_WORN',
    causeCode: 'normal_wear',
    checklistItemId: 'tread-fl',
  })
  for (const [step, line] of [
    ['line-fitting', { kind: 'service', serviceCode: 'TYRE_CHANGE', problemId: 'pr-1' }],
    ['line-tyres', { kind: 'goods', sku: 'TYRE-205', quantity: 4, lineId: 'tyres', problemId: 'pr-1' }],
    ['line-valves', { kind: 'goods', sku: 'VALVE-TR413', quantity: 4, lineId: 'valves' }],
  ] as const)
    await order('/estimate/lines', step, line)
  const sent = await order('/estimate/send', 'send-estimate', { channel: 'in_person' })
  const accessCode = text(sent, 'accessCode')

  // The customer answers through the link: no login, the access code in the body.
  const lines = at(await http.read(`/work-orders/${workOrderId}`, employee), 'lines')
  assert.ok(Array.isArray(lines) && lines.length === 3, JSON.stringify(lines))
  const fitting = text(lines, 0, 'line', 'lineId')
  const decided = await http.command('POST', `/tracking/${workOrderId}/estimate/decisions`, 'decisions', null, {
    code: accessCode,
    revision: 1,
    decidedByName: 'Alicja Kowalska',
    decisions: [
      { lineId: fitting, decision: 'approved' },
      { lineId: 'tyres', decision: 'approved' },
      { lineId: 'valves', decision: 'declined', reason: 'next time' },
    ],
  })
  assert.equal(at(decided, 'status'), 'partially_approved', JSON.stringify(decided))

  await order('/repair', 'repair')
  await http.command('POST', `/points/${POINT_ID}/stock/issues`, 'issue-parts', employee, {
    issueId: 'issue-1',
    technicianId: 'anna',
    workOrderId,
    lines: [{ sku: 'TYRE-205', quantity: 4 }],
  })
  await order('/log', 'note', { entryId: 'note-1', text: 'Opony wymienione, koła wyważone', visibleToCustomer: true })
  await order('/ready', 'ready', { summary: 'Wymienione opony' })
  const handed = await order('/handover', 'handover', { receivedBy: 'Alicja Kowalska', mileageKm: 121_004 })
  assert.equal(at(handed, 'order', 'status'), 'handed_over', JSON.stringify(handed))
  return { workOrderId, trackingCode }
}
