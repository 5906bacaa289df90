// Events of a work order: stream `workorder-<workOrderId>`. Everything that happens to one item
// from intake to handover, with who and when wherever a dispute may turn on it. Every event names
// the workOrderId so projections need not parse stream names.
import * as t from 'io-ts'
import { EquipmentKind, Recommendation } from '../equipment/events.js'
import { Actor } from '../shared/actor.js'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { FileRef } from '../shared/fileRef.js'
import { Money } from '../shared/money.js'

export const WorkOrderStatus = t.keyof({
  intake: null,
  diagnosis: null,
  /** The estimate is with the customer, waiting for the answer. */
  estimate: null,
  approved: null,
  partially_approved: null,
  rejected: null,
  in_repair: null,
  at_external_repairer: null,
  ready: null,
  handed_over: null,
  returned_unrepaired: null,
  irreparable: null,
  cancelled: null,
})
export type WorkOrderStatus = t.TypeOf<typeof WorkOrderStatus>

export const OrderCustomer = t.type({
  customerId: t.union([t.string, t.null]),
  fleetId: t.union([t.string, t.null]),
  name: t.union([t.string, t.null]),
  phone: t.union([t.string, t.null]),
  email: t.union([t.string, t.null]),
})
export type OrderCustomer = t.TypeOf<typeof OrderCustomer>

export const OrderEquipment = t.type({
  equipmentId: t.string,
  kind: EquipmentKind,
  typeCode: t.string,
  /** What documents print: plate, VIN or serial number. */
  label: t.string,
})
export type OrderEquipment = t.TypeOf<typeof OrderEquipment>

export const Signature = t.type({ signerName: t.string, image: FileRef, signedAt: t.string })
export type Signature = t.TypeOf<typeof Signature>

export const IntakeProtocol = t.type({
  conditionNotes: t.string,
  accessories: t.array(t.string),
  mileageKm: t.union([t.number, t.null]),
  odometerReplaced: t.boolean,
  customerDescription: t.string,
  photos: t.array(FileRef),
})
export type IntakeProtocol = t.TypeOf<typeof IntakeProtocol>

export const HandoverProtocol = t.type({
  receivedBy: t.string,
  signature: t.union([FileRef, t.null]),
  mileageKm: t.union([t.number, t.null]),
  note: t.union([t.string, t.null]),
})
export type HandoverProtocol = t.TypeOf<typeof HandoverProtocol>

export const ChecklistResult = t.keyof({ ok: null, attention: null, fail: null })
export type ChecklistResult = t.TypeOf<typeof ChecklistResult>

export const Checklist = t.type({
  checklistId: t.string,
  name: t.string,
  items: t.array(t.type({ itemId: t.string, label: t.string })),
})
export type Checklist = t.TypeOf<typeof Checklist>

export const ChecklistItemResult = t.type({
  itemId: t.string,
  result: ChecklistResult,
  note: t.union([t.string, t.null]),
  photos: t.array(FileRef),
  measurement: t.union([t.type({ value: t.number, unit: t.string }), t.null]),
})
export type ChecklistItemResult = t.TypeOf<typeof ChecklistItemResult>

export const RecordedProblem = t.type({
  problemId: t.string,
  defectCode: t.string,
  /** Labels as configured when recorded: configuration may change, the record must not. */
  defectLabel: t.string,
  causeCode: t.union([t.string, t.null]),
  causeLabel: t.union([t.string, t.null]),
  note: t.union([t.string, t.null]),
  checklistItemId: t.union([t.string, t.null]),
})
export type RecordedProblem = t.TypeOf<typeof RecordedProblem>

const lineCommon = {
  lineId: t.string,
  description: t.string,
  /** e.g. 23, 8, 5, 0 (Polish rates); at most two decimals. */
  vatRatePercent: t.number,
  photos: t.array(FileRef),
  /** The recorded problem this line fixes, if any. */
  problemId: t.union([t.string, t.null]),
  /** The open recommendation (from an earlier visit) this line takes up, if any. */
  recommendationId: t.union([t.string, t.null]),
}
/** Net prices; labour is minutes at an hourly rate, parts are whole units at a unit price. */
export const LabourLine = t.type({ ...lineCommon, kind: t.literal('labour'), minutes: t.number, hourlyRate: Money })
export const PartLine = t.type({
  ...lineCommon,
  kind: t.literal('part'),
  sku: t.string,
  quantity: t.number,
  unitPrice: Money,
})
export const EstimateLine = t.union([LabourLine, PartLine])
export type EstimateLine = t.TypeOf<typeof EstimateLine>

/** Integer minor units of one currency; VAT computed per rate on the sum of net (as on an invoice). */
export const EstimateTotals = t.type({
  currency: t.string,
  netMinor: t.number,
  vatMinor: t.number,
  grossMinor: t.number,
  byVatRate: t.array(
    t.type({ vatRatePercent: t.number, netMinor: t.number, vatMinor: t.number, grossMinor: t.number }),
  ),
})
export type EstimateTotals = t.TypeOf<typeof EstimateTotals>

export const LineDecision = t.keyof({ approved: null, declined: null })
export type LineDecision = t.TypeOf<typeof LineDecision>

/** How the customer's answer reached us. 'link': the access-code page, no login. */
export const ApprovalChannel = t.keyof({ link: null, portal: null, in_person: null, phone: null, email: null })
export type ApprovalChannel = t.TypeOf<typeof ApprovalChannel>

export const EstimateOutcome = t.keyof({ approved: null, partially_approved: null, rejected: null })
export type EstimateOutcome = t.TypeOf<typeof EstimateOutcome>

export const workOrderEventCodecs = {
  WorkOrderOpened: t.type({
    workOrderId: t.string,
    pointId: t.string,
    equipment: OrderEquipment,
    customer: OrderCustomer,
    intake: IntakeProtocol,
    promisedAt: t.union([t.string, t.null]),
    /** The order this one redoes (a comeback), with why. */
    reworkOf: t.union([t.type({ workOrderId: t.string, reason: t.string }), t.null]),
    bookingId: t.union([t.string, t.null]),
    /** SHA-256 (hex) of the customer's tracking code; the code itself never enters the log. */
    trackingCodeHash: t.union([t.string, t.null]),
    openedBy: Actor,
    openedAt: t.string,
  }),
  IntakeProtocolSigned: t.type({ workOrderId: t.string, signature: Signature }),
  DiagnosisStarted: t.type({ workOrderId: t.string, at: t.string }),
  ChecklistAssigned: t.type({ workOrderId: t.string, checklist: Checklist, at: t.string }),
  ChecklistResultsRecorded: t.type({
    workOrderId: t.string,
    checklistId: t.string,
    results: t.array(ChecklistItemResult),
    recordedBy: Actor,
    at: t.string,
  }),
  ProblemRecorded: t.type({ workOrderId: t.string, problem: RecordedProblem, recordedBy: Actor, at: t.string }),
  ProblemWithdrawn: t.type({ workOrderId: t.string, problemId: t.string, at: t.string }),
  EstimateLineAdded: t.type({ workOrderId: t.string, line: EstimateLine }),
  /** A changed line goes back to 'pending': the customer approved a different line. */
  EstimateLineChanged: t.type({ workOrderId: t.string, line: EstimateLine }),
  EstimateLineRemoved: t.type({ workOrderId: t.string, lineId: t.string }),
  EstimatePhotosAttached: t.type({ workOrderId: t.string, photos: t.array(FileRef) }),
  /** What the customer was shown, as shown: every line with its decision so far, and the totals. */
  EstimateSent: t.type({
    workOrderId: t.string,
    revision: t.number,
    lines: t.array(EstimateLine),
    pendingLineIds: t.array(t.string),
    totals: EstimateTotals,
    /** SHA-256 (hex) of the approval link's access code; the code itself never enters the log. */
    accessCodeHash: t.string,
    accessCodeExpiresAt: t.string,
    sentTo: t.type({
      channel: t.keyof({ sms: null, email: null, in_person: null }),
      address: t.union([t.string, t.null]),
    }),
    at: t.string,
  }),
  EstimateLinesDecided: t.type({
    workOrderId: t.string,
    revision: t.number,
    decisions: t.array(t.type({ lineId: t.string, decision: LineDecision, reason: t.union([t.string, t.null]) })),
    decidedBy: t.type({ name: t.string, actor: Actor }),
    channel: ApprovalChannel,
    at: t.string,
  }),
  /** Every line has an answer: the order moves on. */
  EstimateDecided: t.type({
    workOrderId: t.string,
    revision: t.number,
    outcome: EstimateOutcome,
    approvedLineIds: t.array(t.string),
    declinedLineIds: t.array(t.string),
    /** null when nothing was approved. */
    approvedTotals: t.union([EstimateTotals, t.null]),
    at: t.string,
  }),
  /** Declined lines to keep on the equipment as open recommendations (see recommendations.ts). */
  RecommendationsRaised: t.type({
    workOrderId: t.string,
    equipmentId: t.string,
    recommendations: t.array(Recommendation),
  }),
  EstimateReopened: t.type({ workOrderId: t.string, revision: t.number, reason: t.string, at: t.string }),
  RepairStarted: t.type({ workOrderId: t.string, at: t.string }),
  SentToExternalRepairer: t.type({
    workOrderId: t.string,
    repairerId: t.string,
    repairerName: t.string,
    reference: t.union([t.string, t.null]),
    expectedBackAt: t.union([t.string, t.null]),
    note: t.union([t.string, t.null]),
    at: t.string,
  }),
  ReturnedFromExternalRepairer: t.type({
    workOrderId: t.string,
    repairerId: t.string,
    outcome: t.keyof({ repaired: null, not_repaired: null }),
    cost: t.union([Money, t.null]),
    note: t.union([t.string, t.null]),
    at: t.string,
  }),
  WorkOrderReady: t.type({ workOrderId: t.string, summary: t.union([t.string, t.null]), at: t.string }),
  WorkOrderHandedOver: t.type({ workOrderId: t.string, protocol: HandoverProtocol, at: t.string }),
  WorkOrderReturnedUnrepaired: t.type({
    workOrderId: t.string,
    reason: t.string,
    protocol: HandoverProtocol,
    at: t.string,
  }),
  WorkOrderDeclaredIrreparable: t.type({ workOrderId: t.string, reason: t.string, at: t.string }),
  WorkOrderCancelled: t.type({ workOrderId: t.string, reason: t.string, at: t.string }),
  /** A point-defined status (e.g. waiting_for_parts) over the phase the order is in. */
  CustomStatusEntered: t.type({
    workOrderId: t.string,
    code: t.string,
    label: t.string,
    phase: WorkOrderStatus,
    note: t.union([t.string, t.null]),
    at: t.string,
  }),
  CustomStatusLeft: t.type({ workOrderId: t.string, code: t.string, phase: WorkOrderStatus, at: t.string }),
  TechnicianAssigned: t.type({ workOrderId: t.string, technicianId: t.string, name: t.string, at: t.string }),
  TechnicianUnassigned: t.type({ workOrderId: t.string, technicianId: t.string, at: t.string }),
  /** author and at come from the command's actor and time, never from the client's text. */
  TechnicianLogEntryAdded: t.type({
    workOrderId: t.string,
    entryId: t.string,
    author: Actor,
    text: t.string,
    photos: t.array(FileRef),
    visibleToCustomer: t.boolean,
    at: t.string,
  }),
  LabourClockedIn: t.type({
    workOrderId: t.string,
    technicianId: t.string,
    lineId: t.union([t.string, t.null]),
    at: t.string,
  }),
  LabourClockedOut: t.type({
    workOrderId: t.string,
    technicianId: t.string,
    lineId: t.union([t.string, t.null]),
    startedAt: t.string,
    minutes: t.number,
    /** Closed by the order moving on (ready, cancelled…), not by the technician. */
    automatic: t.boolean,
    at: t.string,
  }),
  PromisedDateSet: t.type({
    workOrderId: t.string,
    promisedAt: t.union([t.string, t.null]),
    reason: t.union([t.string, t.null]),
    at: t.string,
  }),
  /** On the original order: a comeback order redoes it. */
  ReworkOrderLinked: t.type({ workOrderId: t.string, reworkOrderId: t.string, reason: t.string, at: t.string }),
  /** The helpdesk ticket this order was opened from (the ticket records TicketConvertedToWorkOrder). */
  WorkOrderTicketLinked: t.type({ workOrderId: t.string, ticketId: t.string, at: t.string }),
}
export type WorkOrderEvent = EventsOf<typeof workOrderEventCodecs>

export const workOrderEventDefinitions = firstVersionDefinitions(workOrderEventCodecs)
