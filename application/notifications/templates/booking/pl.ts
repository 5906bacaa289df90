import type { BookingFacts, BookingKind } from '../../kinds/booking.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const hello = (f: BookingFacts) => (f.customerName ? `Dzień dobry, ${f.customerName}!` : 'Dzień dobry!')
const place = (f: BookingFacts) => `${f.pointName}, ${f.pointAddress}`
const sign = (f: BookingFacts) => `Zmiana terminu lub odwołanie wizyty: ${f.manageLink}\n\n${f.pointName}`

export const pl: TemplatesFor<BookingKind> = {
  booking_confirmed: (f) => ({
    subject: `Potwierdzenie wizyty: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nPotwierdzamy wizytę pojazdu ${f.plate}: ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `${f.pointName}: potwierdzamy wizytę ${f.plate}, ${f.when}, ${f.pointAddress}. Zmiana: ${f.manageLink}`,
  }),
  booking_rescheduled: (f) => ({
    subject: `Zmiana terminu wizyty: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nWizyta pojazdu ${f.plate} została przeniesiona${f.previousWhen ? ` z terminu ${f.previousWhen}` : ''} na ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `${f.pointName}: wizyta ${f.plate} przeniesiona na ${f.when}, ${f.pointAddress}. Zmiana: ${f.manageLink}`,
  }),
  booking_cancelled: (f) => ({
    subject: `Odwołanie wizyty: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nWizyta pojazdu ${f.plate} w dniu ${f.when}, ${place(f)}, została odwołana.\n\nNowa wizyta: ${f.manageLink}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: wizyta ${f.plate} (${f.when}) odwołana. Nowa wizyta: ${f.manageLink}`,
  }),
  booking_reminder: (f) => ({
    subject: `Przypomnienie o wizycie: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nPrzypominamy o wizycie pojazdu ${f.plate}: ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `Przypomnienie: ${f.pointName}, ${f.when}, ${f.pointAddress} (${f.plate}). Zmiana: ${f.manageLink}`,
  }),
}
