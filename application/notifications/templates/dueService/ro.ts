import type { DueServiceFacts, DueServiceKind } from '../../kinds/dueService.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const WHAT: Readonly<Record<string, string>> = {
  inspection: 'inspecția periodică',
  warranty_end: 'verificarea înainte de expirarea garanției',
  insurance_end: 'reînnoirea asigurării',
  tyre_replacement: 'anvelopele noi',
  recommendations: 'lucrările recomandate la ultima vizită',
  contract_service: 'serviciul programat',
}

const hello = (f: DueServiceFacts) => (f.customerName ? `Bună ziua, ${f.customerName},` : 'Bună ziua,')
const what = (f: DueServiceFacts) =>
  f.serviceName ? `${WHAT[f.dueKind] ?? f.dueKind} (${f.serviceName})` : (WHAT[f.dueKind] ?? f.dueKind)
const visit = (f: DueServiceFacts) =>
  f.proposedWhen && f.acceptLink
    ? `V-am păstrat o programare: ${f.proposedWhen}, ${f.pointName}, ${f.pointAddress}.\nConfirmați cu un clic sau alegeți altă oră: ${f.acceptLink}`
    : 'Vă rugăm să ne contactați pentru o programare.'

export const ro: TemplatesFor<DueServiceKind> = {
  due_service_reminder: (f) => ({
    subject: `${f.plate}: ${what(f)} – scadent la ${f.dueOn}`,
    text: `${hello(f)}\n\n${what(f)} pentru ${f.plate} este scadentă la ${f.dueOn}.${f.details ? `\n${f.details}` : ''}\n\n${visit(f)}\n`,
    sms: `${f.plate}: ${what(f)}, scadent ${f.dueOn}.${f.acceptLink ? ` Vizită ${f.proposedWhen}: ${f.acceptLink}` : ''}`,
  }),
  tyre_replacement_due: (f) => ({
    subject: `${f.plate}: anvelope noi până la ${f.dueOn}`,
    text: `${hello(f)}\n\ndupă adâncimea profilului măsurată la vizite, anvelopele pentru ${f.plate} trebuie înlocuite până la ${f.dueOn}${f.details ? ` (${f.details})` : ''}.\n\n${visit(f)}\n`,
    sms: `${f.plate}: anvelope noi până la ${f.dueOn}.${f.acceptLink ? ` Vizită ${f.proposedWhen}: ${f.acceptLink}` : ''}`,
  }),
}
