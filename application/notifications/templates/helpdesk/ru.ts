import type { HelpdeskKind } from '../../kinds/helpdesk.js'
import type { TemplatesFor } from '../../notificationKinds.js'

/** SLA messages to staff: English until translated (the fallback is logged). */
export const ru: Partial<TemplatesFor<HelpdeskKind>> = {
  ticket_rating_request: (f) => ({
    subject: `Обращение "${f.ticketSubject}" решено: как мы справились?`,
    text: `${f.customerName ? `Здравствуйте, ${f.customerName}!` : 'Здравствуйте!'}\n\nваше обращение "${f.ticketSubject}" решено. Оцените, пожалуйста, наш сервис от 1 до 6 звёзд:\n${f.ratingLink}\n`,
    sms: `Обращение "${f.ticketSubject}" решено. Оцените нас (1-6 звёзд): ${f.ratingLink}`,
  }),
}
