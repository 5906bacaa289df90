// A ticket under an SLA at the test point, as the helpdesk records it (TicketOpened): high priority,
// 60 min to react, 8 h to resolve, escalated to head office an hour after a breach.
import { formatInstant } from '../../../../domain/shared/localTime.js'
import { type BookingHistory, POINT } from './bookingHistory.js'

export async function openSlaTicket(history: BookingHistory, ticketId: string, openedAt: number): Promise<void> {
  await history.append(`ticket-${ticketId}`, 'TicketOpened', {
    ticketId,
    openedBy: { id: 'c9', role: 'customer' },
    channel: 'customer_portal',
    requester: { customerId: 'c9', fleetId: null },
    contractId: 'k1',
    pointId: POINT.pointId,
    equipmentId: null,
    subject: 'Wibracje po wymianie opon',
    description: 'Auto drga przy 100 km/h.',
    priority: 'high',
    sla: {
      clock: { kind: 'calendar_hours' },
      targets: {
        critical: { reactionMinutes: 30, resolutionMinutes: 240 },
        high: { reactionMinutes: 60, resolutionMinutes: 480 },
        normal: { reactionMinutes: 240, resolutionMinutes: 2880 },
        low: { reactionMinutes: 480, resolutionMinutes: 5760 },
      },
      headOfficeEscalationAfterMinutes: 60,
    },
    at: formatInstant(openedAt),
  })
}
