// The `tickets` read model: one document per helpdesk ticket with what lists filter on (status,
// requester, point, contract), and the SLA clock's events, so a list can show every ticket's SLA
// state as of the moment it is asked, and the escalation check can find the tickets whose SLA
// answer changes by now (`slaNextCheckAt`, computed as of each event's own time: deterministic).

import { clockEvent, OPEN_STATUSES, TICKETS, type TicketDoc } from '../../application/helpdesk/ticketViews.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { ticketEventCodecs } from '../../domain/helpdesk/events.js'
import { slaClock } from '../../domain/helpdesk/slaClock.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeBusinessEvent } from './decodeBusinessEvent.js'

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeBusinessEvent(ticketEventCodecs, event)
  const tickets = view.collection(TICKETS.tickets)
  const id = decoded.data.ticketId
  const at = decoded.data.at
  let doc: TicketDoc
  if (decoded.type === 'TicketOpened') {
    const d = decoded.data
    doc = {
      _id: id,
      ticketId: id,
      status: 'open',
      open: true,
      priority: d.priority,
      subject: d.subject,
      channel: d.channel,
      requester: d.requester,
      customerId: d.requester.customerId,
      fleetId: d.requester.fleetId,
      contractId: d.contractId,
      pointId: d.pointId,
      equipmentId: d.equipmentId,
      assigneeId: null,
      workOrderId: null,
      rating: null,
      sla: d.sla,
      clock: [],
      slaNextCheckAt: null,
      escalations: [],
      openedAt: at,
      updatedAt: at,
      resolvedAt: null,
    }
  } else {
    const current = (await tickets.findOne({ _id: id })) as TicketDoc | null
    if (!current) return
    doc = { ...current, updatedAt: at }
    switch (decoded.type) {
      case 'TicketPriorityChanged':
        doc.priority = decoded.data.priority
        break
      case 'TicketAssigned':
        doc.assigneeId = decoded.data.assigneeId
        doc.pointId = decoded.data.pointId
        break
      case 'TicketUnassigned':
        doc.assigneeId = null
        break
      case 'TicketWorkStarted':
      case 'TicketResumed':
        doc.status = 'in_progress'
        break
      case 'TicketWaitingForCustomer':
        doc.status = 'waiting_for_customer'
        break
      case 'TicketResolved':
        doc.status = 'resolved'
        doc.resolvedAt = at
        break
      case 'TicketClosed':
        doc.status = 'closed'
        break
      case 'TicketReopened':
        doc.status = 'open'
        doc.resolvedAt = null
        break
      case 'TicketConvertedToWorkOrder':
        doc.workOrderId = decoded.data.workOrderId
        break
      case 'TicketRated':
        doc.rating = { stars: decoded.data.stars, comment: decoded.data.comment }
        break
      case 'TicketEscalated':
        doc.escalations = [...current.escalations, { target: decoded.data.target, level: decoded.data.level, at }]
        break
      default:
        break
    }
  }
  const clocked = clockEvent(decoded)
  if (clocked) doc.clock = [...doc.clock, clocked]
  doc.open = OPEN_STATUSES.includes(doc.status)
  doc.slaNextCheckAt = slaClock(doc.clock, doc.sla, at)?.nextCheckAt ?? null
  await tickets.replaceOne({ _id: id }, doc, { upsert: true })
}

export const ticketsProjection: Projection = {
  name: TICKETS.projection,
  version: 1,
  types: Object.keys(ticketEventCodecs),
  collections: [TICKETS.tickets],
  indexes: {
    [TICKETS.tickets]: [
      { keys: { open: 1, slaNextCheckAt: 1 } },
      { keys: { fleetId: 1, open: 1, openedAt: -1 } },
      { keys: { customerId: 1, openedAt: -1 } },
      { keys: { pointId: 1, openedAt: -1 } },
      { keys: { openedAt: -1 } },
    ],
  },
  apply,
}
