// Response shapes of the repair-history routes (documentation only: generated into /openapi.json).
import * as t from 'io-ts'
import { Role } from '../../domain/shared/actor.js'

const Actor = t.type({ id: t.string, role: Role })
const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null])

const Tread = t.type({
  at: t.string,
  workOrderId: nullable(t.string),
  mileageKm: nullable(t.number),
  readings: t.array(t.type({ position: t.string, tyreId: t.string, depthMm: t.number })),
  by: Actor,
})
const Mileage = t.type({ km: t.number, odometerReplaced: t.boolean, workOrderId: nullable(t.string), at: t.string })

export const OrderHistoryBody = t.type({
  workOrderId: t.string,
  pointId: t.string,
  equipmentId: t.string,
  equipmentLabel: t.string,
  customerId: nullable(t.string),
  fleetId: nullable(t.string),
  customer: t.type({ name: nullable(t.string), phone: nullable(t.string), email: nullable(t.string) }),
  status: t.string,
  openedAt: t.string,
  openedBy: Actor,
  closedAt: nullable(t.string),
  promisedAt: nullable(t.string),
  reworkOf: nullable(t.string),
  reworkOrderIds: t.array(t.string),
  intake: t.type({
    mileageKm: nullable(t.number),
    customerDescription: t.string,
    conditionNotes: t.string,
    accessories: t.array(t.string),
  }),
  problems: t.array(
    t.type({ defectCode: t.string, defectLabel: t.string, causeLabel: nullable(t.string), note: nullable(t.string) }),
  ),
  lines: t.array(
    t.type({
      lineId: t.string,
      kind: t.keyof({ labour: null, part: null }),
      description: t.string,
      sku: nullable(t.string),
      quantity: nullable(t.number),
      minutes: nullable(t.number),
      netMinor: t.number,
      currency: t.string,
      vatRatePercent: t.number,
      decision: t.keyof({ pending: null, approved: null, declined: null }),
      reason: nullable(t.string),
      decidedBy: nullable(t.type({ name: t.string, channel: t.string, at: t.string })),
    }),
  ),
  estimate: nullable(
    t.type({
      revision: t.number,
      outcome: t.string,
      approvedGrossMinor: nullable(t.number),
      currency: nullable(t.string),
    }),
  ),
  measurements: t.array(
    t.type({ label: t.string, value: t.number, unit: t.string, result: t.string, at: t.string, by: Actor }),
  ),
  technicians: t.array(t.type({ technicianId: t.string, name: t.string })),
  labour: t.array(t.type({ technicianId: t.string, lineId: nullable(t.string), minutes: t.number, at: t.string })),
  labourMinutes: t.number,
  parts: t.array(
    t.type({
      sku: t.string,
      quantity: t.number,
      issueId: t.string,
      technicianId: t.string,
      at: t.string,
      by: Actor,
    }),
  ),
  external: t.array(
    t.type({ repairerName: t.string, sentAt: t.string, returnedAt: nullable(t.string), outcome: nullable(t.string) }),
  ),
  log: t.array(t.type({ at: t.string, author: Actor, text: t.string, visibleToCustomer: t.boolean })),
  summary: nullable(t.string),
  handover: nullable(
    t.type({ receivedBy: t.string, mileageKm: nullable(t.number), note: nullable(t.string), at: t.string, by: Actor }),
  ),
  closingReason: nullable(t.string),
  timeline: t.array(t.type({ status: t.string, at: t.string, by: Actor })),
  treads: t.array(Tread),
  mileageReadings: t.array(Mileage),
})

export const EquipmentHistoryBody = t.type({
  equipment: t.type({
    equipmentId: t.string,
    kind: t.string,
    label: t.string,
    make: t.string,
    model: t.string,
    registeredAt: t.string,
  }),
  orders: t.array(OrderHistoryBody),
  mileage: t.array(Mileage),
  treads: t.array(Tread),
  tyres: t.array(
    t.type({
      at: t.string,
      what: t.keyof({ mounted: null, dismounted: null, repositioned: null }),
      tyreId: t.string,
      position: t.string,
      detail: t.string,
    }),
  ),
})

export const RepairHistoryBody = t.intersection([
  t.partial({ customerId: t.string, fleetId: t.string }),
  t.type({ orders: t.array(OrderHistoryBody) }),
])
