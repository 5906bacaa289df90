// Due-service messages: a reminder of what falls due for a vehicle (inspection, warranty or
// insurance end, open recommendations, a contract's scheduled service or seasonal tyre change) with
// the visit proposed for it, and the predicted tyre replacement. Both need the reminders consent.
// Jobs and messages: application/dueServices (dueReminderHandler.ts, dueServiceMessages.ts).
import type { FamilyTemplates } from '../notificationKinds.js'
import { en } from '../templates/dueService/en.js'
import { pl } from '../templates/dueService/pl.js'
import { ro } from '../templates/dueService/ro.js'
import { ru } from '../templates/dueService/ru.js'

export interface DueServiceFacts {
  readonly customerName: string | null
  readonly plate: string
  /** inspection | warranty_end | insurance_end | tyre_replacement | recommendations | contract_service */
  readonly dueKind: string
  /** The due date, formatted for the locale ("20 grudnia 2026"). */
  readonly dueOn: string
  /** The contract's service (its catalogue name in the locale, else its code); null for other kinds. */
  readonly serviceName: string | null
  /** Tyres to replace ("FL 2,1 mm, FR 2,4 mm") or open recommendations, one line; '' when none. */
  readonly details: string
  /** The proposed visit: null when none could be proposed. */
  readonly pointName: string | null
  readonly pointAddress: string | null
  readonly proposedWhen: string | null
  /** One click accepts the proposed visit or picks another time; null without a proposal. */
  readonly acceptLink: string | null
}

export interface DueServiceKindFacts {
  readonly due_service_reminder: DueServiceFacts
  readonly tyre_replacement_due: DueServiceFacts
}

export type DueServiceKind = keyof DueServiceKindFacts

export const DUE_SERVICE_KINDS = {
  due_service_reminder: 'reminders',
  tyre_replacement_due: 'reminders',
} as const satisfies Record<DueServiceKind, 'service_updates' | 'reminders' | 'marketing'>

export const DUE_SERVICE_TEMPLATES: FamilyTemplates<DueServiceKind> = { en, pl, ro, ru }
