import type { BookingFacts, BookingKind } from '../../kinds/booking.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const hello = (f: BookingFacts) => (f.customerName ? `Здравствуйте, ${f.customerName}!` : 'Здравствуйте!')
const place = (f: BookingFacts) => `${f.pointName}, ${f.pointAddress}`
const sign = (f: BookingFacts) => `Перенести или отменить визит: ${f.manageLink}\n\n${f.pointName}`

export const ru: TemplatesFor<BookingKind> = {
  booking_confirmed: (f) => ({
    subject: `Визит подтверждён: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nВаш визит (${f.plate}) подтверждён: ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `${f.pointName}: визит ${f.plate} подтверждён, ${f.when}, ${f.pointAddress}. Изменить: ${f.manageLink}`,
  }),
  booking_rescheduled: (f) => ({
    subject: `Визит перенесён на ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nВаш визит (${f.plate}) перенесён${f.previousWhen ? ` с ${f.previousWhen}` : ''} на ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `${f.pointName}: визит ${f.plate} перенесён на ${f.when}, ${f.pointAddress}. Изменить: ${f.manageLink}`,
  }),
  booking_cancelled: (f) => ({
    subject: `Визит отменён: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nВаш визит (${f.plate}) ${f.when}, ${place(f)}, отменён.\n\nЗаписаться снова: ${f.manageLink}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: визит ${f.plate} (${f.when}) отменён. Записаться: ${f.manageLink}`,
  }),
  booking_reminder: (f) => ({
    subject: `Напоминание о визите: ${f.when}, ${f.pointName}`,
    text: `${hello(f)}\n\nНапоминаем о визите (${f.plate}): ${f.when}, ${place(f)}.\n\n${sign(f)}\n`,
    sms: `Напоминание: ${f.pointName}, ${f.when}, ${f.pointAddress} (${f.plate}). Изменить: ${f.manageLink}`,
  }),
}
