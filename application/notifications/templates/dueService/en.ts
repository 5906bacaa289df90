import type { DueServiceFacts, DueServiceKind } from '../../kinds/dueService.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const WHAT: Readonly<Record<string, string>> = {
  inspection: 'the periodic inspection',
  warranty_end: 'the check-up before the warranty ends',
  insurance_end: 'the insurance renewal',
  tyre_replacement: 'new tyres',
  recommendations: 'the work recommended at the last visit',
  contract_service: 'the scheduled service',
}

const hello = (f: DueServiceFacts) => (f.customerName ? `Hello ${f.customerName},` : 'Hello,')
const what = (f: DueServiceFacts) =>
  f.serviceName ? `${WHAT[f.dueKind] ?? f.dueKind} (${f.serviceName})` : (WHAT[f.dueKind] ?? f.dueKind)
const visit = (f: DueServiceFacts) =>
  f.proposedWhen && f.acceptLink
    ? `We have kept a time for you: ${f.proposedWhen} at ${f.pointName}, ${f.pointAddress}.\nAccept it with one click, or pick another time: ${f.acceptLink}`
    : 'Reply or call us to book a visit.'

export const en: TemplatesFor<DueServiceKind> = {
  due_service_reminder: (f) => ({
    subject: `${f.plate}: ${what(f)} is due on ${f.dueOn}`,
    text: `${hello(f)}\n\n${what(f)} for ${f.plate} is due on ${f.dueOn}.${f.details ? `\n${f.details}` : ''}\n\n${visit(f)}\n`,
    sms: `${f.plate}: ${what(f)} due ${f.dueOn}.${f.acceptLink ? ` Visit ${f.proposedWhen}: ${f.acceptLink}` : ''}`,
  }),
  tyre_replacement_due: (f) => ({
    subject: `${f.plate}: new tyres needed by ${f.dueOn}`,
    text: `${hello(f)}\n\nfrom the tread measured at your visits, the tyres of ${f.plate} should be replaced by ${f.dueOn}${f.details ? ` (${f.details})` : ''}.\n\n${visit(f)}\n`,
    sms: `${f.plate}: new tyres needed by ${f.dueOn}.${f.acceptLink ? ` Visit ${f.proposedWhen}: ${f.acceptLink}` : ''}`,
  }),
}
