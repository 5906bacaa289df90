// Commands of the helpdesk context. The acting user, time (`now`) and ids arrive on the command.
import type { Priority, SlaTerms } from '../contract/sla.js'
import type { Actor } from '../shared/actor.js'
import type { EscalationLevel, EscalationTarget, MessageVisibility, TicketChannel, TicketRequester } from './events.js'

export type TicketCommand = { readonly ticketId: string; readonly actor: Actor; readonly now: string } & (
  | {
      readonly kind: 'OpenTicket'
      readonly channel: TicketChannel
      readonly requester: TicketRequester
      readonly contractId: string | null
      readonly pointId: string | null
      readonly equipmentId: string | null
      readonly subject: string
      readonly description: string
      readonly priority: Priority
      /** The applicable contract's SLA today (`contractAsOf(…).terms.sla`), or null. */
      readonly sla: SlaTerms | null
    }
  | { readonly kind: 'ChangeTicketPriority'; readonly priority: Priority; readonly reason: string }
  | { readonly kind: 'AssignTicket'; readonly assigneeId: string; readonly pointId: string | null }
  | { readonly kind: 'UnassignTicket' }
  | {
      readonly kind: 'PostTicketMessage'
      readonly messageId: string
      readonly visibility: MessageVisibility
      readonly body: string
    }
  | { readonly kind: 'StartTicketWork' }
  | { readonly kind: 'WaitForCustomer'; readonly question: string }
  | { readonly kind: 'ResumeTicket' }
  | { readonly kind: 'ResolveTicket'; readonly resolution: string }
  | { readonly kind: 'CloseTicket' }
  | { readonly kind: 'ReopenTicket'; readonly reason: string }
  | {
      readonly kind: 'LogTicketTime'
      readonly entryId: string
      readonly staffId: string
      readonly minutes: number
      readonly billable: boolean
      readonly note: string | null
    }
  | { readonly kind: 'CancelTimeEntry'; readonly entryId: string; readonly reason: string }
  | {
      readonly kind: 'ConvertTicketToWorkOrder'
      readonly workOrderId: string
      /** null: the ticket's own point / vehicle. */
      readonly pointId: string | null
      readonly equipmentId: string | null
      readonly serviceCodes: ReadonlyArray<string>
      /** null: the ticket's subject and description. */
      readonly description: string | null
    }
  | { readonly kind: 'RateTicket'; readonly stars: number; readonly comment: string | null }
  | { readonly kind: 'RecordEscalation'; readonly target: EscalationTarget; readonly level: EscalationLevel }
)
