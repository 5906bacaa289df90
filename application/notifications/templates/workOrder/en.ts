import type { CustomerOrderStatus, WorkOrderKind } from '../../kinds/workOrder.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const hello = (name: string | null) => (name ? `Hello ${name},` : 'Hello,')
const STATUS: Record<CustomerOrderStatus, string> = {
  diagnosis: 'we have started the diagnosis',
  repair: 'the repair has started',
  external_repair: 'it has gone to a specialist repairer',
  back_from_external_repair: 'it is back from the specialist repairer',
  returned_unrepaired: 'it is ready to be collected unrepaired',
  irreparable: 'it cannot be repaired',
  cancelled: 'the order has been cancelled',
}

export const en: TemplatesFor<WorkOrderKind> = {
  workorder_status_changed: (f) => ({
    subject: `${f.equipment}: ${STATUS[f.status]}`,
    text: `${hello(f.customerName)}\n\nyour order for ${f.equipment} at ${f.pointName}: ${STATUS[f.status]}.${f.reason ? `\nReason: ${f.reason}` : ''}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} - ${STATUS[f.status]}.`,
  }),
  workorder_custom_status: (f) => ({
    subject: `${f.equipment}: ${f.statusLabel}`,
    text: `${hello(f.customerName)}\n\nyour order for ${f.equipment} at ${f.pointName} has a new status: ${f.statusLabel}.\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} - ${f.statusLabel}.`,
  }),
  estimate_ready: (f) => ({
    subject: `Estimate for ${f.equipment} ready for your approval`,
    text: `${hello(f.customerName)}\n\nthe estimate for ${f.equipment} (${f.lineCount} item${f.lineCount === 1 ? '' : 's'}, ${f.total}) is ready. Open it, approve or decline each item:\n${f.approvalLink}\n\nThe link works until ${f.expiresAt}; no login is needed.\n\n${f.pointName}\n`,
    sms: `${f.pointName}: estimate for ${f.equipment}, ${f.total}. Approve: ${f.approvalLink}`,
  }),
  workorder_ready: (f) => ({
    subject: `${f.equipment} is ready for pick-up, ${f.pointName}`,
    text: `${hello(f.customerName)}\n\n${f.equipment} is ready for pick-up at ${f.pointName}, ${f.pointAddress}.${f.summary ? `\n\nDone: ${f.summary}` : ''}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} is ready for pick-up, ${f.pointAddress}.`,
  }),
  workorder_rating_request: (f) => ({
    subject: `How did we do? ${f.pointName}`,
    text: `${hello(f.customerName)}\n\nthank you for choosing ${f.pointName} for ${f.equipment}. Please rate our service from 1 to 6 stars:\n${f.ratingLink}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: thank you! Rate us 1-6 stars: ${f.ratingLink}`,
  }),
  workorder_overdue: (f) => ({
    subject: `Overdue: ${f.equipment} promised for ${f.promisedAt}`,
    text: `${f.staffName ? `${f.staffName},` : 'Hello,'}\n\nthe order for ${f.equipment} (${f.customer}) at ${f.pointName} was promised for ${f.promisedAt} and is ${f.overdueBy} late (status: ${f.status}).\n${f.orderLink}\n`,
    sms: `${f.pointName}: ${f.equipment} overdue by ${f.overdueBy} (promised ${f.promisedAt}).`,
  }),
}
