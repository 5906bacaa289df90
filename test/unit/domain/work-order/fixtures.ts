// A car brought to a point, and the events and commands the work-order tests build on.

import type { Actor } from '../../../../domain/shared/actor.js'
import type { EquipmentSnapshot, WorkOrderCommand } from '../../../../domain/work-order/commands.js'
import type { EstimateLine, WorkOrderEvent } from '../../../../domain/work-order/events.js'
import { workOrderDecider } from '../../../../domain/work-order/workOrderDecider.js'
import type { WorkOrderState } from '../../../../domain/work-order/workOrderState.js'

export const workOrderId = 'wo-1'
export const reception: Actor = { id: 'emp-ola', role: 'service_point_employee' }
export const technician: Actor = { id: 'tech-jan', role: 'service_point_employee' }
export const customerActor: Actor = { id: 'access-code', role: 'customer' }
export const T = {
  open: '2026-03-02T08:00:00.000Z',
  diagnosis: '2026-03-02T08:30:00.000Z',
  sent: '2026-03-02T10:00:00.000Z',
  decided: '2026-03-02T11:00:00.000Z',
  repair: '2026-03-02T12:00:00.000Z',
  ready: '2026-03-02T15:00:00.000Z',
  handover: '2026-03-02T17:00:00.000Z',
}

export const sha = (c: string): string => c.repeat(64).slice(0, 64)
export const photo = (id: string) => ({ fileId: id, sha256: sha('a'), contentType: 'image/jpeg' })

export const car: EquipmentSnapshot = {
  equipmentId: 'eq-car-1',
  kind: 'vehicle',
  typeCode: 'passenger_car',
  status: 'at_customer',
  label: 'DW1AB23',
  lastMileageKm: 120_000,
}

export const openCommand: Extract<WorkOrderCommand, { kind: 'OpenWorkOrder' }> = {
  kind: 'OpenWorkOrder',
  workOrderId,
  actor: reception,
  now: T.open,
  pointId: 'wro-1',
  equipment: car,
  customer: { customerId: 'cust-1', fleetId: null, name: 'Jan Kowalski', phone: '+48600100200', email: null },
  intake: {
    conditionNotes: ' Scratch on the rear bumper ',
    accessories: ['locking wheel nut key', 'spare wheel'],
    mileageKm: 121_000,
    odometerReplaced: false,
    customerDescription: 'Squeal when braking; vibration at 120 km/h',
    photos: [photo('ph-1'), photo('ph-2')],
    signature: null,
  },
  promisedAt: '2026-03-03T16:00:00.000Z',
  reworkOf: null,
  bookingId: 'bk-1',
  trackingCodeHash: sha('b'),
}

export const opened: WorkOrderEvent = {
  type: 'WorkOrderOpened',
  data: {
    workOrderId,
    pointId: 'wro-1',
    equipment: { equipmentId: 'eq-car-1', kind: 'vehicle', typeCode: 'passenger_car', label: 'DW1AB23' },
    customer: openCommand.customer,
    intake: {
      conditionNotes: 'Scratch on the rear bumper',
      accessories: ['locking wheel nut key', 'spare wheel'],
      mileageKm: 121_000,
      odometerReplaced: false,
      customerDescription: 'Squeal when braking; vibration at 120 km/h',
      photos: [photo('ph-1'), photo('ph-2')],
    },
    promisedAt: '2026-03-03T16:00:00.000Z',
    reworkOf: null,
    bookingId: 'bk-1',
    trackingCodeHash: sha('b'),
    openedBy: reception,
    openedAt: T.open,
  },
}

export const diagnosisStarted: WorkOrderEvent = { type: 'DiagnosisStarted', data: { workOrderId, at: T.diagnosis } }

const PLN = (amountMinor: number) => ({ amountMinor, currency: 'PLN' })
export type LabourLine = Extract<EstimateLine, { kind: 'labour' }>
export type PartLine = Extract<EstimateLine, { kind: 'part' }>
export const labourLine: LabourLine = {
  lineId: 'L1',
  kind: 'labour',
  description: 'Replace front brake pads',
  minutes: 45,
  hourlyRate: PLN(16_000), // 160 zł/h → 120 zł
  vatRatePercent: 23,
  photos: [],
  problemId: null,
  recommendationId: null,
}
export const partLine: PartLine = {
  lineId: 'L2',
  kind: 'part',
  description: 'Front brake pads (set)',
  sku: 'BRK-PAD-F',
  quantity: 1,
  unitPrice: PLN(18_999),
  vatRatePercent: 23,
  photos: [photo('ph-pads')],
  problemId: null,
  recommendationId: null,
}
export const balancingLine: LabourLine = {
  lineId: 'L3',
  kind: 'labour',
  description: 'Balance four wheels',
  minutes: 40,
  hourlyRate: PLN(12_000), // → 80 zł
  vatRatePercent: 23,
  photos: [],
  problemId: null,
  recommendationId: null,
}
export const lineAdded = (line: EstimateLine): WorkOrderEvent => ({
  type: 'EstimateLineAdded',
  data: { workOrderId, line },
})

export const sendCommand: Extract<WorkOrderCommand, { kind: 'SendEstimate' }> = {
  kind: 'SendEstimate',
  workOrderId,
  actor: reception,
  now: T.sent,
  accessCodeHash: sha('c'),
  accessCodeExpiresAt: '2026-03-09T10:00:00.000Z',
  sentTo: { channel: 'sms', address: '+48600100200' },
}

export const decideCommand = (
  decisions: Array<[string, 'approved' | 'declined']>,
  overrides: Partial<Extract<WorkOrderCommand, { kind: 'DecideEstimateLines' }>> = {},
): Extract<WorkOrderCommand, { kind: 'DecideEstimateLines' }> => ({
  kind: 'DecideEstimateLines',
  workOrderId,
  actor: customerActor,
  now: T.decided,
  revision: 1,
  decisions: decisions.map(([lineId, decision]) => ({ lineId, decision, reason: null })),
  decidedByName: 'Jan Kowalski',
  channel: 'link',
  accessCodeHash: sha('c'),
  ...overrides,
})

/** Runs commands through the decider from a history, failing on the first refusal. */
export function run(
  history: ReadonlyArray<WorkOrderEvent>,
  commands: ReadonlyArray<WorkOrderCommand>,
): WorkOrderEvent[] {
  const events = [...history]
  for (const command of commands) {
    const state = events.reduce(workOrderDecider.evolve, workOrderDecider.initialState)
    const result = workOrderDecider.decide(command, state)
    if (result._tag === 'Left') throw new Error(`${command.kind}: ${JSON.stringify(result.left)}`)
    events.push(...result.right)
  }
  return events
}

export const stateOf = (events: ReadonlyArray<WorkOrderEvent>): WorkOrderState =>
  events.reduce(workOrderDecider.evolve, workOrderDecider.initialState)

/** Opened, diagnosed, three lines, estimate sent. */
export function sentHistory(): WorkOrderEvent[] {
  return run(
    [opened, diagnosisStarted, lineAdded(labourLine), lineAdded(partLine), lineAdded(balancingLine)],
    [sendCommand],
  )
}

export const cmd = <K extends WorkOrderCommand['kind']>(
  kind: K,
  rest: Omit<Extract<WorkOrderCommand, { kind: K }>, 'kind' | 'workOrderId' | 'actor' | 'now'>,
  now = T.repair,
  actor: Actor = technician,
): WorkOrderCommand => ({ kind, workOrderId, actor, now, ...rest }) as WorkOrderCommand
