// The helpdesk ticket aggregate (stream `ticket-<ticketId>`).
//
//   open ─start─▶ in_progress ◀─resume─ waiting_for_customer
//     │               │   └──wait──────────▲   (a customer's public reply resumes it by itself)
//     └──────┬────────┴────────────────────┘
//            ▼ resolve
//        resolved ─close─▶ closed
//            └─reopen─▶ open
//
// Closed is final: a new problem is a new ticket. Staff do the work (start, wait, resolve, assign,
// log time, convert to a work order, internal notes); the customer's side (customer, fleet client,
// fleet manager) writes public messages, closes or reopens a resolved ticket and rates it, 1–6
// stars, once, after resolution. Doing again what is already so (start a started ticket, record an
// escalation already recorded) changes nothing.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import { type Priority, type SlaTerms, slaProblems } from '../contract/sla.js'
import type { Actor, Role } from '../shared/actor.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { parseInstant } from '../shared/localTime.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { TicketCommand } from './commands.js'
import type { EscalationLevel, EscalationTarget, TicketEvent, TicketRequester } from './events.js'

export const ticketStream = (ticketId: string): string => `ticket-${ticketId}`

export type TicketStatus = 'none' | 'open' | 'in_progress' | 'waiting_for_customer' | 'resolved' | 'closed'

export interface TimeEntry {
  readonly staffId: string
  readonly minutes: number
  readonly billable: boolean
  readonly cancelled: boolean
}

export interface TicketState {
  readonly status: TicketStatus
  readonly ticketId: string
  readonly requester: TicketRequester
  readonly contractId: string | null
  readonly pointId: string | null
  readonly equipmentId: string | null
  readonly subject: string
  readonly description: string
  readonly priority: Priority
  readonly sla: SlaTerms | null
  readonly assigneeId: string | null
  readonly messageIds: ReadonlySet<string>
  readonly timeEntries: ReadonlyMap<string, TimeEntry>
  readonly workOrderId: string | null
  readonly rating: { readonly stars: number; readonly comment: string | null } | null
  readonly escalations: Readonly<Record<EscalationTarget, ReadonlyArray<EscalationLevel>>>
}

export const initialTicketState: TicketState = {
  status: 'none',
  ticketId: '',
  requester: { customerId: null, fleetId: null },
  contractId: null,
  pointId: null,
  equipmentId: null,
  subject: '',
  description: '',
  priority: 'normal',
  sla: null,
  assigneeId: null,
  messageIds: new Set(),
  timeEntries: new Map(),
  workOrderId: null,
  rating: null,
  escalations: { reaction: [], resolution: [] },
}

const CUSTOMER_SIDE: ReadonlySet<Role> = new Set(['customer', 'fleet_client', 'fleet_manager'])
export const isStaff = (actor: Actor): boolean => !CUSTOMER_SIDE.has(actor.role)

/** Logged minutes that count (not cancelled), split into billable and not. */
export function loggedMinutes(state: TicketState): { billable: number; nonBillable: number } {
  let billable = 0
  let nonBillable = 0
  for (const e of state.timeEntries.values())
    if (!e.cancelled) {
      if (e.billable) billable += e.minutes
      else nonBillable += e.minutes
    }
  return { billable, nonBillable }
}

type Decision = Either<DomainError, ReadonlyArray<TicketEvent>>

const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'TICKET_INVALID', 'the ticket command is invalid', problems))
const conflict = (code: string, message: string): Decision => left(domainError('conflict', code, message))
const staffOnly = (): Decision => left(domainError('forbidden', 'TICKET_STAFF_ONLY', 'only staff may do this'))

const UNRESOLVED: ReadonlyArray<TicketStatus> = ['open', 'in_progress', 'waiting_for_customer']

function refuseUnlessUnresolved(state: TicketState): Decision | null {
  if (UNRESOLVED.includes(state.status)) return null
  if (state.status === 'closed') return conflict('TICKET_CLOSED', 'the ticket is closed')
  return conflict('TICKET_RESOLVED', 'the ticket is resolved: reopen it first')
}

function decide(command: TicketCommand, state: TicketState): Decision {
  const { ticketId, actor, now: at } = command
  if (parseInstant(at) === null) return invalid([{ path: 'now', message: 'must be a UTC ISO-8601 instant' }])
  const by = actor
  if (command.kind === 'OpenTicket') {
    if (state.status !== 'none') return conflict('TICKET_ALREADY_EXISTS', `ticket ${ticketId} exists`)
    const { requester } = command
    const problems: FieldProblem[] = [
      ...validId(ticketId, 'ticketId'),
      ...nonBlank(command.subject, 'subject', 200),
      ...nonBlank(command.description, 'description', 10_000),
      ...(command.sla ? slaProblems(command.sla, 'sla') : []),
    ]
    for (const [path, id] of [
      ['requester.customerId', requester.customerId],
      ['requester.fleetId', requester.fleetId],
      ['contractId', command.contractId],
      ['pointId', command.pointId],
      ['equipmentId', command.equipmentId],
    ] as const)
      if (id !== null) problems.push(...validId(id, path))
    if (!isStaff(actor) && requester.customerId === null && requester.fleetId === null)
      problems.push({ path: 'requester', message: 'a customer’s ticket names the customer or fleet' })
    if (command.sla !== null && command.contractId === null)
      problems.push({ path: 'contractId', message: 'an SLA comes from a contract: name it' })
    if (problems.length > 0) return invalid(problems)
    return right([
      {
        type: 'TicketOpened',
        data: {
          ticketId,
          openedBy: actor,
          channel: command.channel,
          requester,
          contractId: command.contractId,
          pointId: command.pointId,
          equipmentId: command.equipmentId,
          subject: command.subject.trim(),
          description: command.description.trim(),
          priority: command.priority,
          sla: command.sla,
          at,
        },
      },
    ])
  }
  if (state.status === 'none') return left(domainError('not_found', 'TICKET_NOT_FOUND', `no ticket ${ticketId}`))

  switch (command.kind) {
    case 'ChangeTicketPriority': {
      if (!isStaff(actor)) return staffOnly()
      const refused = refuseUnlessUnresolved(state)
      if (refused) return refused
      if (command.priority === state.priority) return right([])
      const reason = command.reason.trim()
      if (reason === '') return invalid([{ path: 'reason', message: 'say why the priority changes' }])
      return right([{ type: 'TicketPriorityChanged', data: { ticketId, priority: command.priority, reason, by, at } }])
    }
    case 'AssignTicket': {
      if (!isStaff(actor)) return staffOnly()
      if (state.status === 'closed') return conflict('TICKET_CLOSED', 'the ticket is closed')
      const problems = [
        ...validId(command.assigneeId, 'assigneeId'),
        ...(command.pointId ? validId(command.pointId, 'pointId') : []),
      ]
      if (problems.length > 0) return invalid(problems)
      const pointId = command.pointId ?? state.pointId
      if (state.assigneeId === command.assigneeId && state.pointId === pointId) return right([])
      return right([{ type: 'TicketAssigned', data: { ticketId, assigneeId: command.assigneeId, pointId, by, at } }])
    }
    case 'UnassignTicket':
      if (!isStaff(actor)) return staffOnly()
      if (state.assigneeId === null) return right([])
      return right([{ type: 'TicketUnassigned', data: { ticketId, by, at } }])
    case 'PostTicketMessage': {
      if (state.status === 'closed') return conflict('TICKET_CLOSED', 'the ticket is closed')
      if (state.messageIds.has(command.messageId)) return right([])
      const fromStaff = isStaff(actor)
      if (!fromStaff && command.visibility === 'internal')
        return left(domainError('forbidden', 'TICKET_INTERNAL_NOTE_BY_CUSTOMER', 'internal notes are for staff'))
      const problems = [...validId(command.messageId, 'messageId'), ...nonBlank(command.body, 'body', 10_000)]
      if (problems.length > 0) return invalid(problems)
      const posted: TicketEvent = {
        type: 'TicketMessagePosted',
        data: {
          ticketId,
          messageId: command.messageId,
          author: actor,
          fromStaff,
          visibility: command.visibility,
          body: command.body.trim(),
          at,
        },
      }
      // The customer answered the question the ticket was waiting on: work (and the SLA clock) resumes.
      if (!fromStaff && state.status === 'waiting_for_customer')
        return right([posted, { type: 'TicketResumed', data: { ticketId, by, trigger: 'customer_reply', at } }])
      return right([posted])
    }
    case 'StartTicketWork': {
      if (!isStaff(actor)) return staffOnly()
      if (state.status === 'in_progress') return right([])
      if (state.status === 'waiting_for_customer')
        return conflict('TICKET_WAITING_FOR_CUSTOMER', 'the ticket waits for the customer: resume it')
      const refused = refuseUnlessUnresolved(state)
      if (refused) return refused
      return right([{ type: 'TicketWorkStarted', data: { ticketId, by, at } }])
    }
    case 'WaitForCustomer': {
      if (!isStaff(actor)) return staffOnly()
      if (state.status === 'waiting_for_customer') return right([])
      const refused = refuseUnlessUnresolved(state)
      if (refused) return refused
      const question = command.question.trim()
      if (question === '') return invalid([{ path: 'question', message: 'say what the customer is to answer' }])
      return right([{ type: 'TicketWaitingForCustomer', data: { ticketId, by, question, at } }])
    }
    case 'ResumeTicket':
      if (!isStaff(actor)) return staffOnly()
      if (state.status !== 'waiting_for_customer')
        return conflict('TICKET_NOT_WAITING', 'the ticket is not waiting for the customer')
      return right([{ type: 'TicketResumed', data: { ticketId, by, trigger: 'staff', at } }])
    case 'ResolveTicket': {
      if (!isStaff(actor)) return staffOnly()
      if (state.status === 'resolved') return right([])
      const refused = refuseUnlessUnresolved(state)
      if (refused) return refused
      const resolution = command.resolution.trim()
      if (resolution === '') return invalid([{ path: 'resolution', message: 'say how it was resolved' }])
      return right([{ type: 'TicketResolved', data: { ticketId, by, resolution, at } }])
    }
    case 'CloseTicket':
      if (state.status === 'closed') return right([])
      if (state.status !== 'resolved') return conflict('TICKET_NOT_RESOLVED', 'only a resolved ticket can be closed')
      return right([{ type: 'TicketClosed', data: { ticketId, by, at } }])
    case 'ReopenTicket': {
      if (state.status === 'closed') return conflict('TICKET_CLOSED', 'a closed ticket stays closed: open a new one')
      if (state.status !== 'resolved') return conflict('TICKET_NOT_RESOLVED', 'only a resolved ticket can be reopened')
      const reason = command.reason.trim()
      if (reason === '') return invalid([{ path: 'reason', message: 'say what is still wrong' }])
      return right([{ type: 'TicketReopened', data: { ticketId, by, reason, at } }])
    }
    case 'LogTicketTime': {
      if (!isStaff(actor)) return staffOnly()
      if (state.status === 'closed') return conflict('TICKET_CLOSED', 'the ticket is closed')
      if (state.timeEntries.has(command.entryId))
        return conflict('TIME_ENTRY_EXISTS', `time entry ${command.entryId} exists`)
      const problems = [...validId(command.entryId, 'entryId'), ...validId(command.staffId, 'staffId')]
      if (!(Number.isInteger(command.minutes) && command.minutes >= 1 && command.minutes <= 24 * 60))
        problems.push({ path: 'minutes', message: 'must be 1 to 1440 whole minutes' })
      if (command.note !== null && command.note.length > 1000)
        problems.push({ path: 'note', message: 'at most 1000 characters' })
      if (problems.length > 0) return invalid(problems)
      const { entryId, staffId, minutes, billable, note } = command
      return right([
        { type: 'TicketTimeLogged', data: { ticketId, by, entryId, staffId, minutes, billable, note, at } },
      ])
    }
    case 'CancelTimeEntry': {
      if (!isStaff(actor)) return staffOnly()
      const entry = state.timeEntries.get(command.entryId)
      if (!entry) return left(domainError('not_found', 'TIME_ENTRY_NOT_FOUND', `no time entry ${command.entryId}`))
      if (entry.cancelled) return right([])
      const reason = command.reason.trim()
      if (reason === '') return invalid([{ path: 'reason', message: 'must not be blank' }])
      return right([{ type: 'TicketTimeEntryCancelled', data: { ticketId, by, entryId: command.entryId, reason, at } }])
    }
    case 'ConvertTicketToWorkOrder': {
      if (!isStaff(actor)) return staffOnly()
      if (state.workOrderId !== null)
        return state.workOrderId === command.workOrderId
          ? right([])
          : conflict('TICKET_ALREADY_CONVERTED', `the ticket became work order ${state.workOrderId}`)
      const refused = refuseUnlessUnresolved(state)
      if (refused) return refused
      const pointId = command.pointId ?? state.pointId
      const equipmentId = command.equipmentId ?? state.equipmentId
      const problems = validId(command.workOrderId, 'workOrderId')
      if (pointId === null) problems.push({ path: 'pointId', message: 'name the service point that will do the work' })
      else problems.push(...validId(pointId, 'pointId'))
      if (equipmentId === null) problems.push({ path: 'equipmentId', message: 'name the vehicle' })
      else problems.push(...validId(equipmentId, 'equipmentId'))
      command.serviceCodes.forEach((code, i) => {
        problems.push(...nonBlank(code, `serviceCodes[${i}]`, 40))
      })
      if (problems.length > 0 || pointId === null || equipmentId === null) return invalid(problems)
      const converted: TicketEvent = {
        type: 'TicketConvertedToWorkOrder',
        data: {
          ticketId,
          by,
          at,
          workOrderId: command.workOrderId,
          pointId,
          equipmentId,
          requester: state.requester,
          contractId: state.contractId,
          serviceCodes: [...command.serviceCodes],
          description: command.description?.trim() || `${state.subject}\n\n${state.description}`,
          priority: state.priority,
        },
      }
      // Opening a work order is working on the ticket.
      return right(
        state.status === 'open' ? [converted, { type: 'TicketWorkStarted', data: { ticketId, by, at } }] : [converted],
      )
    }
    case 'RateTicket': {
      if (isStaff(actor))
        return left(domainError('forbidden', 'TICKET_RATING_BY_CUSTOMER_ONLY', 'only the customer rates the service'))
      if (state.rating !== null) return conflict('TICKET_ALREADY_RATED', 'the ticket has been rated')
      if (state.status !== 'resolved' && state.status !== 'closed')
        return conflict('TICKET_NOT_RESOLVED', 'a ticket is rated after it is resolved')
      const problems: FieldProblem[] = []
      if (!(Number.isInteger(command.stars) && command.stars >= 1 && command.stars <= 6))
        problems.push({ path: 'stars', message: 'must be 1 to 6 stars' })
      const comment = command.comment?.trim() || null
      if (comment !== null && comment.length > 2000)
        problems.push({ path: 'comment', message: 'at most 2000 characters' })
      if (problems.length > 0) return invalid(problems)
      return right([{ type: 'TicketRated', data: { ticketId, by, stars: command.stars, comment, at } }])
    }
    case 'RecordEscalation': {
      if (!isStaff(actor)) return staffOnly()
      if (state.escalations[command.target].includes(command.level)) return right([])
      return right([
        {
          type: 'TicketEscalated',
          data: { ticketId, by, target: command.target, level: command.level, pointId: state.pointId, at },
        },
      ])
    }
  }
}

function evolve(state: TicketState, event: TicketEvent): TicketState {
  switch (event.type) {
    case 'TicketOpened': {
      const d = event.data
      return {
        ...state,
        status: 'open',
        ticketId: d.ticketId,
        requester: d.requester,
        contractId: d.contractId,
        pointId: d.pointId,
        equipmentId: d.equipmentId,
        subject: d.subject,
        description: d.description,
        priority: d.priority,
        sla: d.sla,
      }
    }
    case 'TicketPriorityChanged':
      return { ...state, priority: event.data.priority }
    case 'TicketAssigned':
      return { ...state, assigneeId: event.data.assigneeId, pointId: event.data.pointId }
    case 'TicketUnassigned':
      return { ...state, assigneeId: null }
    case 'TicketMessagePosted':
      return { ...state, messageIds: new Set([...state.messageIds, event.data.messageId]) }
    case 'TicketWorkStarted':
    case 'TicketResumed':
      return { ...state, status: 'in_progress' }
    case 'TicketWaitingForCustomer':
      return { ...state, status: 'waiting_for_customer' }
    case 'TicketResolved':
      return { ...state, status: 'resolved' }
    case 'TicketClosed':
      return { ...state, status: 'closed' }
    case 'TicketReopened':
      return { ...state, status: 'open' }
    case 'TicketTimeLogged': {
      const { entryId, staffId, minutes, billable } = event.data
      return {
        ...state,
        timeEntries: new Map([...state.timeEntries, [entryId, { staffId, minutes, billable, cancelled: false }]]),
      }
    }
    case 'TicketTimeEntryCancelled': {
      const entry = state.timeEntries.get(event.data.entryId)
      if (!entry) return state
      return {
        ...state,
        timeEntries: new Map([...state.timeEntries, [event.data.entryId, { ...entry, cancelled: true }]]),
      }
    }
    case 'TicketConvertedToWorkOrder':
      return { ...state, workOrderId: event.data.workOrderId }
    case 'TicketRated':
      return { ...state, rating: { stars: event.data.stars, comment: event.data.comment } }
    case 'TicketEscalated': {
      const { target, level } = event.data
      return { ...state, escalations: { ...state.escalations, [target]: [...state.escalations[target], level] } }
    }
  }
}

export const ticketDecider: Decider<TicketCommand, TicketState, TicketEvent> = {
  initialState: initialTicketState,
  decide,
  evolve,
}
