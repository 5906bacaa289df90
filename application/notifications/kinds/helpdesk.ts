// Messages about helpdesk tickets. To staff: an SLA target about to be missed (warning, to the
// point's managers) and a breach escalated (to the point's managers, then head office), so a
// breach is acted on rather than only recorded. To the customer: a request to rate the service once
// the ticket is resolved. Jobs: helpdeskNotificationPolicy.ts; job → message: helpdeskMessages.ts.
// Every kind has templates in en, pl, ro and ru.
import type { FamilyTemplates } from '../notificationKinds.js'
import { en } from '../templates/helpdesk/en.js'
import { pl } from '../templates/helpdesk/pl.js'
import { ro } from '../templates/helpdesk/ro.js'
import { ru } from '../templates/helpdesk/ru.js'

export type SlaTarget = 'reaction' | 'resolution'

interface TicketFacts {
  readonly staffName: string | null
  readonly ticketSubject: string
  /** low, normal, high, critical. */
  readonly priority: string
  readonly target: SlaTarget
  /** The point's name, or null for a ticket without a point. */
  readonly pointName: string | null
  /** The ticket in the staff console. */
  readonly ticketLink: string
}

export interface SlaWarningFacts extends TicketFacts {
  /** The deadline, in the point's zone (Europe/Warsaw without a point). */
  readonly deadline: string
  /** e.g. "45 min". */
  readonly left: string
}

export interface SlaEscalatedFacts extends TicketFacts {
  readonly level: 'point_manager' | 'head_office'
  readonly breachedAt: string
}

export interface TicketRatingFacts {
  readonly customerName: string | null
  readonly ticketSubject: string
  readonly ratingLink: string
}

export interface HelpdeskKindFacts {
  readonly sla_warning: SlaWarningFacts
  readonly sla_escalated: SlaEscalatedFacts
  readonly ticket_rating_request: TicketRatingFacts
}

export type HelpdeskKind = keyof HelpdeskKindFacts

export const HELPDESK_KINDS = {
  sla_warning: 'service_updates',
  sla_escalated: 'service_updates',
  ticket_rating_request: 'service_updates',
} as const satisfies Record<HelpdeskKind, 'service_updates' | 'reminders' | 'marketing'>

export const HELPDESK_TEMPLATES: FamilyTemplates<HelpdeskKind> = { en, pl, ro, ru }
