import type { HelpdeskKind, SlaTarget } from '../../kinds/helpdesk.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const TARGET: Record<SlaTarget, string> = { reaction: 'first reaction', resolution: 'resolution' }
const where = (pointName: string | null) => (pointName ? ` at ${pointName}` : '')

export const en: TemplatesFor<HelpdeskKind> = {
  sla_warning: (f) => ({
    subject: `SLA warning: ${TARGET[f.target]} due ${f.deadline} - ${f.ticketSubject}`,
    text: `${f.staffName ? `${f.staffName},` : 'Hello,'}\n\nthe ${f.priority} ticket "${f.ticketSubject}"${where(f.pointName)} needs its ${TARGET[f.target]} by ${f.deadline} (${f.left} left).\n${f.ticketLink}\n`,
    sms: `SLA: ${TARGET[f.target]} of "${f.ticketSubject}" due ${f.deadline} (${f.left} left).`,
  }),
  sla_escalated: (f) => ({
    subject: `SLA breached (${f.level === 'head_office' ? 'escalated to head office' : 'escalated to the point manager'}): ${f.ticketSubject}`,
    text: `${f.staffName ? `${f.staffName},` : 'Hello,'}\n\nthe ${f.priority} ticket "${f.ticketSubject}"${where(f.pointName)} missed its ${TARGET[f.target]} target at ${f.breachedAt}${f.level === 'head_office' ? ' and the breach has lasted past the escalation limit' : ''}. Please take it in hand.\n${f.ticketLink}\n`,
    sms: `SLA breached: ${TARGET[f.target]} of "${f.ticketSubject}" since ${f.breachedAt}.`,
  }),
  ticket_rating_request: (f) => ({
    subject: `Your request "${f.ticketSubject}" is resolved: how did we do?`,
    text: `${f.customerName ? `Hello ${f.customerName},` : 'Hello,'}\n\nyour request "${f.ticketSubject}" has been resolved. Please rate our service from 1 to 6 stars:\n${f.ratingLink}\n`,
    sms: `Request "${f.ticketSubject}" resolved. Rate us 1-6 stars: ${f.ratingLink}`,
  }),
}
