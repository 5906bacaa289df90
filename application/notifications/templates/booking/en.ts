import type { BookingFacts, BookingKind } from '../../kinds/booking.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const hello = (f: BookingFacts) => (f.customerName ? `Hello ${f.customerName},` : 'Hello,')
const place = (f: BookingFacts) => `${f.pointName}, ${f.pointAddress}`
const sign = (f: BookingFacts) => `To reschedule or cancel: ${f.manageLink}\n\n${f.pointName}`

export const en: TemplatesFor<BookingKind> = {
  booking_confirmed: (f) => ({
    subject: `Visit confirmed: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nyour visit for ${f.plate} is confirmed for ${f.when} at ${place(f)}.\n\n${sign(f)}\n`,
    sms: `${f.pointName}: visit for ${f.plate} confirmed, ${f.when}, ${f.pointAddress}. Change: ${f.manageLink}`,
  }),
  booking_rescheduled: (f) => ({
    subject: `Visit moved to ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nyour visit for ${f.plate} has been moved${f.previousWhen ? ` from ${f.previousWhen}` : ''} to ${f.when} at ${place(f)}.\n\n${sign(f)}\n`,
    sms: `${f.pointName}: visit for ${f.plate} moved to ${f.when}, ${f.pointAddress}. Change: ${f.manageLink}`,
  }),
  booking_cancelled: (f) => ({
    subject: `Visit cancelled: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nyour visit for ${f.plate} on ${f.when} at ${place(f)} has been cancelled.\n\nTo book a new visit: ${f.manageLink}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: visit for ${f.plate} on ${f.when} cancelled. New visit: ${f.manageLink}`,
  }),
  booking_reminder: (f) => ({
    subject: `Reminder: your visit on ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\na reminder of your visit for ${f.plate} on ${f.when} at ${place(f)}.\n\n${sign(f)}\n`,
    sms: `Reminder: ${f.pointName}, ${f.when}, ${f.pointAddress} (${f.plate}). Change: ${f.manageLink}`,
  }),
}
