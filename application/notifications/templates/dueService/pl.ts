import type { DueServiceFacts, DueServiceKind } from '../../kinds/dueService.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const WHAT: Readonly<Record<string, string>> = {
  inspection: 'okresowy przegląd',
  warranty_end: 'przegląd przed końcem gwarancji',
  insurance_end: 'odnowienie ubezpieczenia',
  tyre_replacement: 'wymiana opon',
  recommendations: 'prace zalecone podczas ostatniej wizyty',
  contract_service: 'usługa z harmonogramu umowy',
}

const hello = (f: DueServiceFacts) => (f.customerName ? `Dzień dobry, ${f.customerName},` : 'Dzień dobry,')
const what = (f: DueServiceFacts) =>
  f.serviceName ? `${WHAT[f.dueKind] ?? f.dueKind} (${f.serviceName})` : (WHAT[f.dueKind] ?? f.dueKind)
const visit = (f: DueServiceFacts) =>
  f.proposedWhen && f.acceptLink
    ? `Zarezerwowaliśmy dla Państwa termin: ${f.proposedWhen}, ${f.pointName}, ${f.pointAddress}.\nJednym kliknięciem potwierdzą go Państwo lub wybiorą inny: ${f.acceptLink}`
    : 'Prosimy o kontakt, aby umówić wizytę.'

export const pl: TemplatesFor<DueServiceKind> = {
  due_service_reminder: (f) => ({
    subject: `${f.plate}: termin ${f.dueOn} – ${what(f)}`,
    text: `${hello(f)}\n\nprzypominamy: ${what(f)} dla pojazdu ${f.plate} – termin ${f.dueOn}.${f.details ? `\n${f.details}` : ''}\n\n${visit(f)}\n`,
    sms: `${f.plate}: ${what(f)}, termin ${f.dueOn}.${f.acceptLink ? ` Wizyta ${f.proposedWhen}: ${f.acceptLink}` : ''}`,
  }),
  tyre_replacement_due: (f) => ({
    subject: `${f.plate}: wymiana opon do ${f.dueOn}`,
    text: `${hello(f)}\n\nna podstawie pomiarów bieżnika opony pojazdu ${f.plate} należy wymienić do ${f.dueOn}${f.details ? ` (${f.details})` : ''}.\n\n${visit(f)}\n`,
    sms: `${f.plate}: wymiana opon do ${f.dueOn}.${f.acceptLink ? ` Wizyta ${f.proposedWhen}: ${f.acceptLink}` : ''}`,
  }),
}
