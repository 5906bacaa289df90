import type { HelpdeskKind, SlaTarget } from '../../kinds/helpdesk.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const TARGET: Record<SlaTarget, string> = { reaction: 'prima reacție', resolution: 'rezolvare' }
const where = (pointName: string | null) => (pointName ? ` (${pointName})` : '')
const hello = (name: string | null) => (name ? `${name},` : 'Bună ziua,')

export const ro: TemplatesFor<HelpdeskKind> = {
  sla_warning: (f) => ({
    subject: `Avertizare SLA: ${TARGET[f.target]} până la ${f.deadline} - ${f.ticketSubject}`,
    text: `${hello(f.staffName)}\n\nsolicitarea "${f.ticketSubject}"${where(f.pointName)}, prioritate ${f.priority}: termenul (${TARGET[f.target]}) expiră la ${f.deadline}, mai rămân ${f.left}.\n${f.ticketLink}\n`,
    sms: `SLA: ${TARGET[f.target]} "${f.ticketSubject}" până la ${f.deadline} (mai rămân ${f.left}).`,
  }),
  sla_escalated: (f) => ({
    subject: `SLA depășit (${f.level === 'head_office' ? 'escaladat la sediul central' : 'escaladat la managerul punctului'}): ${f.ticketSubject}`,
    text: `${hello(f.staffName)}\n\nsolicitarea "${f.ticketSubject}"${where(f.pointName)}, prioritate ${f.priority}: termenul (${TARGET[f.target]}) a fost depășit la ${f.breachedAt}${f.level === 'head_office' ? '; depășirea durează de mai mult decât limita de escaladare' : ''}. Vă rugăm să vă ocupați urgent de ea.\n${f.ticketLink}\n`,
    sms: `SLA depășit: ${TARGET[f.target]} "${f.ticketSubject}" din ${f.breachedAt}.`,
  }),
  ticket_rating_request: (f) => ({
    subject: `Solicitarea "${f.ticketSubject}" a fost rezolvată: cum a fost?`,
    text: `${f.customerName ? `Bună ziua, ${f.customerName},` : 'Bună ziua,'}\n\nsolicitarea dvs. "${f.ticketSubject}" a fost rezolvată. Vă rugăm să ne evaluați de la 1 la 6 stele:\n${f.ratingLink}\n`,
    sms: `Solicitarea "${f.ticketSubject}" rezolvată. Evaluați-ne (1-6 stele): ${f.ratingLink}`,
  }),
}
