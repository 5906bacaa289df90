import type { HelpdeskKind } from '../../kinds/helpdesk.js'
import type { TemplatesFor } from '../../notificationKinds.js'

/** SLA messages to staff: English until translated (the fallback is logged). */
export const ro: Partial<TemplatesFor<HelpdeskKind>> = {
  ticket_rating_request: (f) => ({
    subject: `Solicitarea "${f.ticketSubject}" a fost rezolvată: cum a fost?`,
    text: `${f.customerName ? `Bună ziua, ${f.customerName},` : 'Bună ziua,'}\n\nsolicitarea dvs. "${f.ticketSubject}" a fost rezolvată. Vă rugăm să ne evaluați de la 1 la 6 stele:\n${f.ratingLink}\n`,
    sms: `Solicitarea "${f.ticketSubject}" rezolvată. Evaluați-ne (1-6 stele): ${f.ratingLink}`,
  }),
}
