// Commands of a work order. Every command carries who issues it (`actor`) and when (`now`, UTC
// ISO-8601): the domain has no clock, and log entries, decisions and clocks take both from here.
// What the domain cannot load (the equipment, the original of a rework, the point's configuration:
// custom statuses, checklists, defect catalogue) the application loads and passes in.
import type { EquipmentKind, EquipmentStatus } from '../equipment/events.js'
import type { Actor } from '../shared/actor.js'
import type { FileRef } from '../shared/fileRef.js'
import type { Money } from '../shared/money.js'
import type {
  ApprovalChannel,
  Checklist,
  ChecklistResult,
  EstimateLine,
  HandoverProtocol,
  LineDecision,
  OrderCustomer,
  Signature,
  WorkOrderStatus,
} from './events.js'

/** The equipment as its stream says now; null when there is no such equipment. */
export interface EquipmentSnapshot {
  readonly equipmentId: string
  readonly kind: EquipmentKind
  readonly typeCode: string
  readonly status: EquipmentStatus
  readonly label: string
  readonly lastMileageKm: number | null
}

/** The order a rework redoes, as its stream says now; null when there is no such order. */
export interface OriginalOrderSnapshot {
  readonly workOrderId: string
  readonly equipmentId: string
  readonly status: WorkOrderStatus
}

export interface IntakeInput {
  readonly conditionNotes: string
  readonly accessories: ReadonlyArray<string>
  readonly mileageKm: number | null
  /** The odometer was replaced since the last recorded reading: a lower reading is fine. */
  readonly odometerReplaced: boolean
  readonly customerDescription: string
  readonly photos: ReadonlyArray<FileRef>
  /** Signed at the desk with the protocol, or later with SignIntakeProtocol. */
  readonly signature: Signature | null
}

/** A defect the point's configuration knows for this equipment type, with its known causes. */
export interface DefectDefinition {
  readonly code: string
  readonly label: string
  readonly causes: ReadonlyArray<{ readonly code: string; readonly label: string }>
}

export interface CustomStatusDefinition {
  readonly code: string
  readonly label: string
}

interface Base {
  readonly workOrderId: string
  readonly actor: Actor
  readonly now: string
}

export type WorkOrderCommand = Base &
  (
    | {
        readonly kind: 'OpenWorkOrder'
        readonly pointId: string
        readonly equipment: EquipmentSnapshot | null
        readonly customer: OrderCustomer
        readonly intake: IntakeInput
        readonly promisedAt: string | null
        readonly reworkOf: {
          readonly workOrderId: string
          readonly reason: string
          readonly original: OriginalOrderSnapshot | null
        } | null
        readonly bookingId: string | null
        /** SHA-256 hex of the tracking code the application generated (and shows the customer once). */
        readonly trackingCodeHash: string | null
      }
    | { readonly kind: 'SignIntakeProtocol'; readonly signature: Signature }
    | { readonly kind: 'StartDiagnosis' }
    | { readonly kind: 'AssignChecklist'; readonly checklist: Checklist }
    | {
        readonly kind: 'RecordChecklistResults'
        readonly checklistId: string
        readonly results: ReadonlyArray<{
          readonly itemId: string
          readonly result: ChecklistResult
          readonly note: string | null
          readonly photos: ReadonlyArray<FileRef>
          readonly measurement: { readonly value: number; readonly unit: string } | null
        }>
      }
    | {
        readonly kind: 'RecordProblem'
        readonly problemId: string
        readonly defectCode: string
        readonly causeCode: string | null
        readonly note: string | null
        readonly checklistItemId: string | null
        /** The defect catalogue configured for the equipment's type. */
        readonly catalogue: ReadonlyArray<DefectDefinition>
      }
    | { readonly kind: 'WithdrawProblem'; readonly problemId: string }
    | { readonly kind: 'AddEstimateLine'; readonly line: EstimateLine }
    | { readonly kind: 'ChangeEstimateLine'; readonly line: EstimateLine }
    | { readonly kind: 'RemoveEstimateLine'; readonly lineId: string }
    | { readonly kind: 'AttachEstimatePhotos'; readonly photos: ReadonlyArray<FileRef> }
    | {
        readonly kind: 'SendEstimate'
        /** SHA-256 hex of the access code the application generated for the approval link. */
        readonly accessCodeHash: string
        readonly accessCodeExpiresAt: string
        readonly sentTo: { readonly channel: 'sms' | 'email' | 'in_person'; readonly address: string | null }
      }
    | {
        readonly kind: 'DecideEstimateLines'
        /** The revision the customer saw: an answer to an older one is refused. */
        readonly revision: number
        readonly decisions: ReadonlyArray<{
          readonly lineId: string
          readonly decision: LineDecision
          readonly reason: string | null
        }>
        /** The name the customer gave (link) or the person staff spoke to (phone, in person). */
        readonly decidedByName: string
        readonly channel: ApprovalChannel
        /** For 'link': SHA-256 hex of the code the customer presented. */
        readonly accessCodeHash: string | null
      }
    | { readonly kind: 'ReopenEstimate'; readonly reason: string }
    | { readonly kind: 'StartRepair' }
    | {
        readonly kind: 'SendToExternalRepairer'
        readonly repairerId: string
        readonly repairerName: string
        readonly reference: string | null
        readonly expectedBackAt: string | null
        readonly note: string | null
      }
    | {
        readonly kind: 'ReceiveFromExternalRepairer'
        readonly outcome: 'repaired' | 'not_repaired'
        readonly cost: Money | null
        readonly note: string | null
      }
    | { readonly kind: 'MarkReady'; readonly summary: string | null }
    | { readonly kind: 'HandOver'; readonly protocol: HandoverProtocol }
    | { readonly kind: 'ReturnUnrepaired'; readonly reason: string; readonly protocol: HandoverProtocol }
    | { readonly kind: 'DeclareIrreparable'; readonly reason: string }
    | { readonly kind: 'CancelWorkOrder'; readonly reason: string }
    | {
        readonly kind: 'EnterCustomStatus'
        readonly code: string
        readonly note: string | null
        /** The point's configured statuses. */
        readonly allowed: ReadonlyArray<CustomStatusDefinition>
      }
    | { readonly kind: 'LeaveCustomStatus' }
    | { readonly kind: 'AssignTechnician'; readonly technicianId: string; readonly name: string }
    | { readonly kind: 'UnassignTechnician'; readonly technicianId: string }
    | {
        readonly kind: 'AddLogEntry'
        readonly entryId: string
        readonly text: string
        readonly photos: ReadonlyArray<FileRef>
        readonly visibleToCustomer: boolean
      }
    | { readonly kind: 'ClockIn'; readonly technicianId: string; readonly lineId: string | null }
    | { readonly kind: 'ClockOut'; readonly technicianId: string }
    | { readonly kind: 'SetPromisedDate'; readonly promisedAt: string | null; readonly reason: string | null }
    | { readonly kind: 'LinkReworkOrder'; readonly reworkOrderId: string; readonly reason: string }
    | { readonly kind: 'LinkTicket'; readonly ticketId: string }
  )
