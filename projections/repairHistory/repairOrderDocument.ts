// A work order's repair-history document after one more event: pure, so the projection is a
// find/replace around it and tests need no store. Events carry everything needed except who acted,
// which is the event's metadata actor (passed in).
import type { RepairLineView, RepairOrderView } from '../../application/audit/repairHistoryViews.js'
import type { Actor } from '../../domain/shared/actor.js'
import type { StockEvent } from '../../domain/stock/events.js'
import { lineCurrency, lineNetMinor } from '../../domain/work-order/estimate.js'
import type { EstimateLine, WorkOrderEvent } from '../../domain/work-order/events.js'

type Opened = Extract<WorkOrderEvent, { type: 'WorkOrderOpened' }>

export function openedOrder(event: Opened, at: string): RepairOrderView {
  const d = event.data
  return {
    _id: d.workOrderId,
    workOrderId: d.workOrderId,
    pointId: d.pointId,
    equipmentId: d.equipment.equipmentId,
    equipmentLabel: d.equipment.label,
    customerId: d.customer.customerId,
    fleetId: d.customer.fleetId,
    customer: { name: d.customer.name, phone: d.customer.phone, email: d.customer.email },
    status: 'intake',
    openedAt: d.openedAt,
    openedBy: d.openedBy,
    closedAt: null,
    promisedAt: d.promisedAt,
    reworkOf: d.reworkOf?.workOrderId ?? null,
    reworkOrderIds: [],
    intake: {
      mileageKm: d.intake.mileageKm,
      customerDescription: d.intake.customerDescription,
      conditionNotes: d.intake.conditionNotes,
      accessories: [...d.intake.accessories],
    },
    problems: [],
    lines: [],
    estimate: null,
    measurements: [],
    checklistLabels: {},
    technicians: [],
    labour: [],
    labourMinutes: 0,
    parts: [],
    external: [],
    log: [],
    summary: null,
    handover: null,
    closingReason: null,
    timeline: [{ status: 'intake', at: d.openedAt, by: d.openedBy }],
    updatedAt: at,
  }
}

function lineView(line: EstimateLine): RepairLineView {
  return {
    lineId: line.lineId,
    kind: line.kind,
    description: line.description,
    sku: line.kind === 'part' ? line.sku : null,
    quantity: line.kind === 'part' ? line.quantity : null,
    minutes: line.kind === 'labour' ? line.minutes : null,
    netMinor: lineNetMinor(line),
    currency: lineCurrency(line),
    vatRatePercent: line.vatRatePercent,
    decision: 'pending',
    reason: null,
    decidedBy: null,
  }
}

const moved = (o: RepairOrderView, status: string, at: string, by: Actor): RepairOrderView => ({
  ...o,
  status,
  timeline: [...o.timeline, { status, at, by }],
})

const closed = (o: RepairOrderView, status: string, at: string, by: Actor, reason: string | null): RepairOrderView => ({
  ...moved(o, status, at, by),
  closedAt: at,
  closingReason: reason,
})

/** The order's document after a later event of its own stream. */
export function evolveOrder(o: RepairOrderView, event: WorkOrderEvent, by: Actor): RepairOrderView {
  switch (event.type) {
    case 'WorkOrderOpened':
      return o // an order is opened once
    case 'DiagnosisStarted':
      return moved(o, 'diagnosis', event.data.at, by)
    case 'ChecklistAssigned': {
      const labels = { ...o.checklistLabels }
      for (const item of event.data.checklist.items) labels[item.itemId] = item.label
      return { ...o, checklistLabels: labels }
    }
    case 'IntakeProtocolSigned':
    case 'EstimatePhotosAttached':
    case 'RecommendationsRaised':
    case 'CustomStatusLeft':
    case 'TechnicianUnassigned':
    case 'LabourClockedIn':
      return o
    case 'ChecklistResultsRecorded': {
      const measured = event.data.results.flatMap((r) =>
        r.measurement
          ? [
              {
                label: o.checklistLabels[r.itemId] ?? r.itemId,
                value: r.measurement.value,
                unit: r.measurement.unit,
                result: r.result,
                at: event.data.at,
                by,
              },
            ]
          : [],
      )
      return { ...o, measurements: [...o.measurements, ...measured] }
    }
    case 'ProblemRecorded': {
      const p = event.data.problem
      return {
        ...o,
        problems: [
          ...o.problems.filter((x) => x.defectCode !== p.defectCode || x.note !== p.note),
          { defectCode: p.defectCode, defectLabel: p.defectLabel, causeLabel: p.causeLabel, note: p.note },
        ],
      }
    }
    case 'ProblemWithdrawn':
      return o // problems are listed by what was recorded; the estimate shows what was acted on
    case 'EstimateLineAdded':
      return { ...o, lines: [...o.lines, lineView(event.data.line)] }
    case 'EstimateLineChanged':
      return {
        ...o,
        lines: o.lines.map((l) => (l.lineId === event.data.line.lineId ? lineView(event.data.line) : l)),
      }
    case 'EstimateLineRemoved':
      return { ...o, lines: o.lines.filter((l) => l.lineId !== event.data.lineId) }
    case 'EstimateSent':
      return moved(o, 'estimate', event.data.at, by)
    case 'EstimateLinesDecided': {
      const decisions = new Map(event.data.decisions.map((d) => [d.lineId, d]))
      const decidedBy = { name: event.data.decidedBy.name, channel: event.data.channel, at: event.data.at }
      return {
        ...o,
        lines: o.lines.map((l) => {
          const d = decisions.get(l.lineId)
          return d ? { ...l, decision: d.decision, reason: d.reason, decidedBy } : l
        }),
      }
    }
    case 'EstimateDecided':
      return {
        ...moved(o, event.data.outcome, event.data.at, by),
        estimate: {
          revision: event.data.revision,
          outcome: event.data.outcome,
          approvedGrossMinor: event.data.approvedTotals?.grossMinor ?? null,
          currency: event.data.approvedTotals?.currency ?? null,
        },
      }
    case 'EstimateReopened':
      return {
        ...moved(o, 'diagnosis', event.data.at, by),
        lines: o.lines.map((l) =>
          l.decision === 'declined' ? { ...l, decision: 'pending', reason: null, decidedBy: null } : l,
        ),
      }
    case 'RepairStarted':
      return moved(o, 'in_repair', event.data.at, by)
    case 'SentToExternalRepairer':
      return {
        ...moved(o, 'at_external_repairer', event.data.at, by),
        external: [
          ...o.external,
          { repairerName: event.data.repairerName, sentAt: event.data.at, returnedAt: null, outcome: null },
        ],
      }
    case 'ReturnedFromExternalRepairer':
      return {
        ...moved(o, 'in_repair', event.data.at, by),
        external: o.external.map((x, i) =>
          i === o.external.length - 1 ? { ...x, returnedAt: event.data.at, outcome: event.data.outcome } : x,
        ),
      }
    case 'WorkOrderReady':
      return { ...moved(o, 'ready', event.data.at, by), summary: event.data.summary }
    case 'WorkOrderHandedOver': {
      const p = event.data.protocol
      return {
        ...closed(o, 'handed_over', event.data.at, by, null),
        handover: { receivedBy: p.receivedBy, mileageKm: p.mileageKm, note: p.note, at: event.data.at, by },
      }
    }
    case 'WorkOrderReturnedUnrepaired': {
      const p = event.data.protocol
      return {
        ...closed(o, 'returned_unrepaired', event.data.at, by, event.data.reason),
        handover: { receivedBy: p.receivedBy, mileageKm: p.mileageKm, note: p.note, at: event.data.at, by },
      }
    }
    case 'WorkOrderDeclaredIrreparable':
      return closed(o, 'irreparable', event.data.at, by, event.data.reason)
    case 'WorkOrderCancelled':
      return closed(o, 'cancelled', event.data.at, by, event.data.reason)
    case 'CustomStatusEntered':
      return { ...o, timeline: [...o.timeline, { status: event.data.code, at: event.data.at, by }] }
    case 'TechnicianAssigned':
      return {
        ...o,
        technicians: [
          ...o.technicians.filter((t) => t.technicianId !== event.data.technicianId),
          { technicianId: event.data.technicianId, name: event.data.name },
        ],
      }
    case 'TechnicianLogEntryAdded':
      return {
        ...o,
        log: [
          ...o.log,
          {
            at: event.data.at,
            author: event.data.author,
            text: event.data.text,
            visibleToCustomer: event.data.visibleToCustomer,
          },
        ],
      }
    case 'LabourClockedOut':
      return {
        ...o,
        labour: [
          ...o.labour,
          {
            technicianId: event.data.technicianId,
            lineId: event.data.lineId,
            minutes: event.data.minutes,
            at: event.data.at,
          },
        ],
        labourMinutes: o.labourMinutes + event.data.minutes,
      }
    case 'PromisedDateSet':
      return { ...o, promisedAt: event.data.promisedAt }
    case 'ReworkOrderLinked':
      return { ...o, reworkOrderIds: [...o.reworkOrderIds, event.data.reworkOrderId] }
    case 'WorkOrderTicketLinked':
      // The ticket is the helpdesk's: the repair history shows the work.
      return o
  }
}

/** Parts issued to (or returned from) the order's technicians, from the point's stock stream. */
export function evolveOrderParts(o: RepairOrderView, event: StockEvent, by: Actor): RepairOrderView {
  if (event.type === 'StockIssued')
    return {
      ...o,
      parts: [
        ...o.parts,
        ...event.data.lines.map((l) => ({
          sku: l.sku,
          quantity: l.quantity,
          issueId: event.data.issueId,
          technicianId: event.data.technicianId,
          at: event.data.at,
          by,
        })),
      ],
    }
  if (event.type === 'StockReturned') {
    // Returns come off the latest issues of the same sku first (what was last handed out comes back).
    const parts = o.parts.map((p) => ({ ...p }))
    for (const line of event.data.lines) {
      let left = line.quantity
      for (let i = parts.length - 1; i >= 0 && left > 0; i--) {
        const p = parts[i] as (typeof parts)[number]
        if (p.sku !== line.sku) continue
        const back = Math.min(p.quantity, left)
        p.quantity -= back
        left -= back
      }
    }
    return { ...o, parts: parts.filter((p) => p.quantity > 0) }
  }
  return o
}
