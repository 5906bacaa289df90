import type { BookingFacts, BookingKind } from '../../kinds/booking.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const hello = (f: BookingFacts) => (f.customerName ? `Bună ziua, ${f.customerName},` : 'Bună ziua,')
const place = (f: BookingFacts) => `${f.pointName}, ${f.pointAddress}`
const sign = (f: BookingFacts) => `Pentru reprogramare sau anulare: ${f.manageLink}\n\n${f.pointName}`

export const ro: TemplatesFor<BookingKind> = {
  booking_confirmed: (f) => ({
    subject: `Programare confirmată: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nprogramarea pentru ${f.plate} este confirmată: ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `${f.pointName}: programare ${f.plate} confirmată, ${f.when}, ${f.pointAddress}. Modificare: ${f.manageLink}`,
  }),
  booking_rescheduled: (f) => ({
    subject: `Programare mutată: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nprogramarea pentru ${f.plate} a fost mutată${f.previousWhen ? ` de pe ${f.previousWhen}` : ''} pe ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `${f.pointName}: programarea ${f.plate} mutată pe ${f.when}, ${f.pointAddress}. Modificare: ${f.manageLink}`,
  }),
  booking_cancelled: (f) => ({
    subject: `Programare anulată: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nprogramarea pentru ${f.plate} din ${f.when}, ${place(f)}, a fost anulată.\n\nProgramare nouă: ${f.manageLink}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: programarea ${f.plate} (${f.when}) anulată. Programare nouă: ${f.manageLink}`,
  }),
  booking_reminder: (f) => ({
    subject: `Memento: programarea din ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nvă reamintim de programarea pentru ${f.plate}: ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `Memento: ${f.pointName}, ${f.when}, ${f.pointAddress} (${f.plate}). Modificare: ${f.manageLink}`,
  }),
}
