import type { CustomerOrderStatus, WorkOrderKind } from '../../kinds/workOrder.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const hello = (name: string | null) => (name ? `Bună ziua, ${name},` : 'Bună ziua,')
const STATUS: Record<CustomerOrderStatus, string> = {
  diagnosis: 'am început diagnosticarea',
  repair: 'am început reparația',
  external_repair: 'a fost trimis la un atelier specializat',
  back_from_external_repair: 's-a întors de la atelierul specializat',
  returned_unrepaired: 'poate fi ridicat nereparat',
  irreparable: 'nu poate fi reparat',
  cancelled: 'comanda a fost anulată',
}

export const ro: TemplatesFor<WorkOrderKind> = {
  workorder_status_changed: (f) => ({
    subject: `${f.equipment}: ${STATUS[f.status]}`,
    text: `${hello(f.customerName)}\n\ncomanda pentru ${f.equipment} la ${f.pointName}: ${STATUS[f.status]}.${f.reason ? `\nMotiv: ${f.reason}` : ''}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} - ${STATUS[f.status]}.`,
  }),
  workorder_custom_status: (f) => ({
    subject: `${f.equipment}: ${f.statusLabel}`,
    text: `${hello(f.customerName)}\n\ncomanda pentru ${f.equipment} la ${f.pointName} are o stare nouă: ${f.statusLabel}.\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} - ${f.statusLabel}.`,
  }),
  estimate_ready: (f) => ({
    subject: `Devizul pentru ${f.equipment} așteaptă aprobarea dvs.`,
    text: `${hello(f.customerName)}\n\ndevizul pentru ${f.equipment} (${f.lineCount} poziții, total ${f.total}) este gata. Deschideți-l și aprobați sau refuzați fiecare poziție:\n${f.approvalLink}\n\nLinkul este valabil până la ${f.expiresAt}; nu este nevoie de autentificare.\n\n${f.pointName}\n`,
    sms: `${f.pointName}: deviz ${f.equipment}, ${f.total}. Aprobare: ${f.approvalLink}`,
  }),
  workorder_ready: (f) => ({
    subject: `${f.equipment} poate fi ridicat, ${f.pointName}`,
    text: `${hello(f.customerName)}\n\n${f.equipment} poate fi ridicat de la ${f.pointName}, ${f.pointAddress}.${f.summary ? `\n\nLucrări: ${f.summary}` : ''}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} poate fi ridicat, ${f.pointAddress}.`,
  }),
  workorder_rating_request: (f) => ({
    subject: `Cum a fost? ${f.pointName}`,
    text: `${hello(f.customerName)}\n\nvă mulțumim că ați ales ${f.pointName} pentru ${f.equipment}. Vă rugăm să ne evaluați de la 1 la 6 stele:\n${f.ratingLink}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: mulțumim! Evaluați-ne (1-6 stele): ${f.ratingLink}`,
  }),
  workorder_overdue: (f) => ({
    subject: `Întârziere: ${f.equipment}, promis pentru ${f.promisedAt}`,
    text: `${f.staffName ? `${f.staffName},` : 'Bună ziua,'}\n\ncomanda ${f.equipment} (${f.customer}) la ${f.pointName} a fost promisă pentru ${f.promisedAt} și întârzie ${f.overdueBy} (stare: ${f.status}).\n${f.orderLink}\n`,
    sms: `${f.pointName}: ${f.equipment} întârzie ${f.overdueBy} (promis ${f.promisedAt}).`,
  }),
}
