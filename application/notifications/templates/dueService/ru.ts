import type { DueServiceFacts, DueServiceKind } from '../../kinds/dueService.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const WHAT: Readonly<Record<string, string>> = {
  inspection: 'плановый техосмотр',
  warranty_end: 'проверка до окончания гарантии',
  insurance_end: 'продление страховки',
  tyre_replacement: 'замена шин',
  recommendations: 'работы, рекомендованные при последнем визите',
  contract_service: 'плановое обслуживание по договору',
}

const hello = (f: DueServiceFacts) => (f.customerName ? `Здравствуйте, ${f.customerName}!` : 'Здравствуйте!')
const what = (f: DueServiceFacts) =>
  f.serviceName ? `${WHAT[f.dueKind] ?? f.dueKind} (${f.serviceName})` : (WHAT[f.dueKind] ?? f.dueKind)
const visit = (f: DueServiceFacts) =>
  f.proposedWhen && f.acceptLink
    ? `Мы зарезервировали для вас время: ${f.proposedWhen}, ${f.pointName}, ${f.pointAddress}.\nПодтвердите одним нажатием или выберите другое время: ${f.acceptLink}`
    : 'Свяжитесь с нами, чтобы записаться.'

export const ru: TemplatesFor<DueServiceKind> = {
  due_service_reminder: (f) => ({
    subject: `${f.plate}: ${what(f)} — срок ${f.dueOn}`,
    text: `${hello(f)}\n\nНапоминаем: ${what(f)} для ${f.plate}, срок ${f.dueOn}.${f.details ? `\n${f.details}` : ''}\n\n${visit(f)}\n`,
    sms: `${f.plate}: ${what(f)}, срок ${f.dueOn}.${f.acceptLink ? ` Визит ${f.proposedWhen}: ${f.acceptLink}` : ''}`,
  }),
  tyre_replacement_due: (f) => ({
    subject: `${f.plate}: замена шин до ${f.dueOn}`,
    text: `${hello(f)}\n\nпо замерам протектора шины ${f.plate} нужно заменить до ${f.dueOn}${f.details ? ` (${f.details})` : ''}.\n\n${visit(f)}\n`,
    sms: `${f.plate}: замена шин до ${f.dueOn}.${f.acceptLink ? ` Визит ${f.proposedWhen}: ${f.acceptLink}` : ''}`,
  }),
}
