import type { HelpdeskKind, SlaTarget } from '../../kinds/helpdesk.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const TARGET: Record<SlaTarget, string> = { reaction: 'первая реакция', resolution: 'решение' }
const where = (pointName: string | null) => (pointName ? ` (${pointName})` : '')
const hello = (name: string | null) => (name ? `${name},` : 'Здравствуйте,')

export const ru: TemplatesFor<HelpdeskKind> = {
  sla_warning: (f) => ({
    subject: `Предупреждение SLA: ${TARGET[f.target]} до ${f.deadline} - ${f.ticketSubject}`,
    text: `${hello(f.staffName)}\n\nобращение "${f.ticketSubject}"${where(f.pointName)}, приоритет ${f.priority}: срок (${TARGET[f.target]}) истекает ${f.deadline}, осталось ${f.left}.\n${f.ticketLink}\n`,
    sms: `SLA: ${TARGET[f.target]} "${f.ticketSubject}" до ${f.deadline} (осталось ${f.left}).`,
  }),
  sla_escalated: (f) => ({
    subject: `SLA нарушен (${f.level === 'head_office' ? 'эскалация в головной офис' : 'эскалация руководителю точки'}): ${f.ticketSubject}`,
    text: `${hello(f.staffName)}\n\nобращение "${f.ticketSubject}"${where(f.pointName)}, приоритет ${f.priority}: срок (${TARGET[f.target]}) нарушен ${f.breachedAt}${f.level === 'head_office' ? '; нарушение длится дольше лимита эскалации' : ''}. Просим срочно заняться им.\n${f.ticketLink}\n`,
    sms: `SLA нарушен: ${TARGET[f.target]} "${f.ticketSubject}" с ${f.breachedAt}.`,
  }),
  ticket_rating_request: (f) => ({
    subject: `Обращение "${f.ticketSubject}" решено: как мы справились?`,
    text: `${f.customerName ? `Здравствуйте, ${f.customerName}!` : 'Здравствуйте!'}\n\nваше обращение "${f.ticketSubject}" решено. Оцените, пожалуйста, наш сервис от 1 до 6 звёзд:\n${f.ratingLink}\n`,
    sms: `Обращение "${f.ticketSubject}" решено. Оцените нас (1-6 звёзд): ${f.ratingLink}`,
  }),
}
