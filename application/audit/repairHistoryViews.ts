// The `repairHistory` read model: one document per work order (collection `orders`) saying what was
// done (estimate lines and their decisions, parts issued, labour clocked), what was measured, who
// did it and when; and one per equipment (collection `equipment`) with its owner, and its mileage
// and tread readings over time (each naming the order that took it, if any). The history of an
// item is its orders plus its readings; a customer's is the orders he was the customer of.
import type { Actor } from '../../domain/shared/actor.js'
import type { Document } from '../ports/documentStore.js'

export const REPAIR_HISTORY = { projection: 'repairHistory', orders: 'orders', equipment: 'equipment' } as const

export interface RepairLineView {
  readonly lineId: string
  readonly kind: 'labour' | 'part'
  readonly description: string
  readonly sku: string | null
  readonly quantity: number | null
  readonly minutes: number | null
  readonly netMinor: number
  readonly currency: string
  readonly vatRatePercent: number
  readonly decision: 'pending' | 'approved' | 'declined'
  readonly reason: string | null
  /** Who answered for the customer and how (the approval link, phone…), and when. */
  readonly decidedBy: { readonly name: string; readonly channel: string; readonly at: string } | null
}

export interface RepairMeasurementView {
  readonly label: string
  readonly value: number
  readonly unit: string
  readonly result: 'ok' | 'attention' | 'fail'
  readonly at: string
  readonly by: Actor
}

export interface RepairPartView {
  readonly sku: string
  /** Issued minus returned, for this issue document. */
  readonly quantity: number
  readonly issueId: string
  readonly technicianId: string
  readonly at: string
  readonly by: Actor
}

export interface TimelineEntry {
  readonly status: string
  readonly at: string
  readonly by: Actor
}

/** The fields of an order's document (RepairOrderView adds the store's _id). */
export interface RepairOrder {
  workOrderId: string
  pointId: string
  equipmentId: string
  equipmentLabel: string
  customerId: string | null
  fleetId: string | null
  customer: { name: string | null; phone: string | null; email: string | null }
  status: string
  openedAt: string
  openedBy: Actor
  closedAt: string | null
  promisedAt: string | null
  reworkOf: string | null
  reworkOrderIds: string[]
  intake: { mileageKm: number | null; customerDescription: string; conditionNotes: string; accessories: string[] }
  problems: Array<{ defectCode: string; defectLabel: string; causeLabel: string | null; note: string | null }>
  lines: RepairLineView[]
  estimate: { revision: number; outcome: string; approvedGrossMinor: number | null; currency: string | null } | null
  measurements: RepairMeasurementView[]
  /** Checklist item labels by item id, as assigned (measurements are printed by label). */
  checklistLabels: Record<string, string>
  technicians: Array<{ technicianId: string; name: string }>
  labour: Array<{ technicianId: string; lineId: string | null; minutes: number; at: string }>
  labourMinutes: number
  parts: RepairPartView[]
  external: Array<{ repairerName: string; sentAt: string; returnedAt: string | null; outcome: string | null }>
  log: Array<{ at: string; author: Actor; text: string; visibleToCustomer: boolean }>
  summary: string | null
  handover: { receivedBy: string; mileageKm: number | null; note: string | null; at: string; by: Actor } | null
  closingReason: string | null
  timeline: TimelineEntry[]
  updatedAt: string
}

export interface TreadMeasurementView {
  readonly at: string
  readonly workOrderId: string | null
  readonly mileageKm: number | null
  readonly readings: ReadonlyArray<{ readonly position: string; readonly tyreId: string; readonly depthMm: number }>
  readonly by: Actor
}

export interface MileageView {
  readonly km: number
  readonly odometerReplaced: boolean
  readonly workOrderId: string | null
  readonly at: string
}

export interface TyreEventView {
  readonly at: string
  readonly what: 'mounted' | 'dismounted' | 'repositioned'
  readonly tyreId: string
  readonly position: string
  readonly detail: string
}

export interface RepairEquipment {
  equipmentId: string
  kind: string
  label: string
  make: string
  model: string
  customerId: string | null
  fleetId: string | null
  registeredAt: string
  mileage: MileageView[]
  treads: TreadMeasurementView[]
  tyres: TyreEventView[]
  updatedAt: string
}

export type RepairOrderView = RepairOrder & Document
export type RepairEquipmentView = RepairEquipment & Document
