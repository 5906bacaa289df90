import type { CustomerOrderStatus, WorkOrderKind } from '../../kinds/workOrder.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const hello = (name: string | null) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!')
const STATUS: Record<CustomerOrderStatus, string> = {
  diagnosis: 'мы начали диагностику',
  repair: 'мы начали ремонт',
  external_repair: 'передано в специализированную мастерскую',
  back_from_external_repair: 'вернулось из специализированной мастерской',
  returned_unrepaired: 'можно забрать без ремонта',
  irreparable: 'ремонт невозможен',
  cancelled: 'заказ отменён',
}

export const ru: TemplatesFor<WorkOrderKind> = {
  workorder_status_changed: (f) => ({
    subject: `${f.equipment}: ${STATUS[f.status]}`,
    text: `${hello(f.customerName)}\n\nЗаказ для ${f.equipment} в ${f.pointName}: ${STATUS[f.status]}.${f.reason ? `\nПричина: ${f.reason}` : ''}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} - ${STATUS[f.status]}.`,
  }),
  workorder_custom_status: (f) => ({
    subject: `${f.equipment}: ${f.statusLabel}`,
    text: `${hello(f.customerName)}\n\nЗаказ на ${f.equipment} в ${f.pointName}: новый статус - ${f.statusLabel}.\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} - ${f.statusLabel}.`,
  }),
  estimate_ready: (f) => ({
    subject: `Смета для ${f.equipment} ждёт вашего согласия`,
    text: `${hello(f.customerName)}\n\nСмета для ${f.equipment} (позиций: ${f.lineCount}, итого ${f.total}) готова. Откройте её и согласуйте или отклоните каждую позицию:\n${f.approvalLink}\n\nСсылка действует до ${f.expiresAt}; входить в систему не нужно.\n\n${f.pointName}\n`,
    sms: `${f.pointName}: смета ${f.equipment}, ${f.total}. Согласовать: ${f.approvalLink}`,
  }),
  workorder_ready: (f) => ({
    subject: `${f.equipment} можно забрать, ${f.pointName}`,
    text: `${hello(f.customerName)}\n\n${f.equipment} можно забрать в ${f.pointName}, ${f.pointAddress}.${f.summary ? `\n\nВыполнено: ${f.summary}` : ''}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} можно забрать, ${f.pointAddress}.`,
  }),
  workorder_rating_request: (f) => ({
    subject: `Как мы справились? ${f.pointName}`,
    text: `${hello(f.customerName)}\n\nСпасибо, что выбрали ${f.pointName} (${f.equipment}). Оцените, пожалуйста, наш сервис от 1 до 6 звёзд:\n${f.ratingLink}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: спасибо! Оцените нас (1-6 звёзд): ${f.ratingLink}`,
  }),
  workorder_overdue: (f) => ({
    subject: `Просрочено: ${f.equipment}, обещано на ${f.promisedAt}`,
    text: `${f.staffName ? `${f.staffName},` : 'Здравствуйте,'}\n\nзаказ ${f.equipment} (${f.customer}) в ${f.pointName} был обещан на ${f.promisedAt}, опоздание ${f.overdueBy} (статус: ${f.status}).\n${f.orderLink}\n`,
    sms: `${f.pointName}: ${f.equipment} просрочено на ${f.overdueBy} (обещано ${f.promisedAt}).`,
  }),
}
