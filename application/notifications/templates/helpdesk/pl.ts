import type { HelpdeskKind, SlaTarget } from '../../kinds/helpdesk.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const TARGET: Record<SlaTarget, string> = { reaction: 'pierwsza reakcja', resolution: 'rozwiązanie' }
const where = (pointName: string | null) => (pointName ? ` (${pointName})` : '')

export const pl: TemplatesFor<HelpdeskKind> = {
  sla_warning: (f) => ({
    subject: `Ostrzeżenie SLA: ${TARGET[f.target]} do ${f.deadline} - ${f.ticketSubject}`,
    text: `${f.staffName ? `${f.staffName},` : 'Dzień dobry,'}\n\nzgłoszenie "${f.ticketSubject}"${where(f.pointName)}, priorytet ${f.priority}: termin (${TARGET[f.target]}) mija ${f.deadline}, zostało ${f.left}.\n${f.ticketLink}\n`,
    sms: `SLA: ${TARGET[f.target]} "${f.ticketSubject}" do ${f.deadline} (zostało ${f.left}).`,
  }),
  sla_escalated: (f) => ({
    subject: `Przekroczone SLA (${f.level === 'head_office' ? 'eskalacja do centrali' : 'eskalacja do kierownika punktu'}): ${f.ticketSubject}`,
    text: `${f.staffName ? `${f.staffName},` : 'Dzień dobry,'}\n\nzgłoszenie "${f.ticketSubject}"${where(f.pointName)}, priorytet ${f.priority}: termin (${TARGET[f.target]}) przekroczony ${f.breachedAt}${f.level === 'head_office' ? '; przekroczenie trwa dłużej niż limit eskalacji' : ''}. Prosimy o pilne zajęcie się nim.\n${f.ticketLink}\n`,
    sms: `Przekroczone SLA: ${TARGET[f.target]} "${f.ticketSubject}" od ${f.breachedAt}.`,
  }),
  ticket_rating_request: (f) => ({
    subject: `Zgłoszenie "${f.ticketSubject}" rozwiązane: jak nam poszło?`,
    text: `${f.customerName ? `Dzień dobry, ${f.customerName}!` : 'Dzień dobry!'}\n\nTwoje zgłoszenie "${f.ticketSubject}" zostało rozwiązane. Prosimy o ocenę od 1 do 6 gwiazdek:\n${f.ratingLink}\n`,
    sms: `Zgłoszenie "${f.ticketSubject}" rozwiązane. Oceń nas (1-6 gwiazdek): ${f.ratingLink}`,
  }),
}
