// Helpdesk tickets over HTTP. Customers and fleet people open tickets for themselves and talk on
// them; staff (head office anywhere, a point's staff on their point's tickets) work them; the
// customer's side rates a resolved ticket 1–6 stars. Every answer carries the SLA state computed
// for the moment of asking. The escalation policy runs by itself in the worker; head office can
// also run it now.

import type { Request } from 'express'
import type { SlaEscalationPolicy } from '../../application/helpdesk/slaEscalation.js'
import type { TicketService, TicketStep } from '../../application/helpdesk/ticketService.js'
import type { ApiKit } from '../apiKit.js'
import { objectSchema, PAGING_HELP, pageSchema, pagingOf } from '../customers/queryFields.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  AssignBody,
  ConvertBody,
  MessageBody,
  OpenTicketBody,
  PriorityBody,
  QuestionBody,
  RatingBody,
  ReasonBody,
  ResolutionBody,
  TicketListQuery,
  TimeEntryBody,
} from './ticketBodies.js'

const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const CUSTOMER_SIDE = ['customer', 'fleet_client', 'fleet_manager'] as const
const EVERYONE = [...STAFF, ...CUSTOMER_SIDE] as const
const TICKET = objectSchema(
  'the ticket: status, priority, requester, messages (internal notes for staff only), time (staff), sla and slaClock now',
)
const STEP_PROBLEMS = {
  404: 'no such ticket',
  409: 'the ticket’s state forbids it (TICKET_CLOSED, TICKET_RESOLVED, TICKET_NOT_RESOLVED, TICKET_NOT_WAITING…)',
  422: 'invalid input (TICKET_INVALID)',
}

export function ticketRoutes(kit: ApiKit, tickets: TicketService, escalation: SlaEscalationPolicy): ApiRouter {
  const step = async (req: Request, change: TicketStep) =>
    orProblem(await tickets.step(principalOf(req), String(req.params.ticketId), change, kit.requestMeta(req)))
  return kit
    .router('/tickets', 'helpdesk')
    .post(
      '/escalations/check',
      {
        summary: 'Run the SLA escalation check now (it also runs by itself every 30 s)',
        description:
          'Alerts and records (TicketEscalated) every escalation due and not yet recorded; a second run records nothing new.',
        access: ['head_office'],
        response: {
          status: 200,
          description: 'the escalations recorded by this run',
          schema: { type: 'array', items: { type: 'object' } },
        },
      },
      async (_req, res) => {
        res.json(await escalation.runOnce(kit.now().toISOString()))
      },
    )
    .post(
      '/',
      {
        summary: 'Open a ticket',
        description:
          'Customers and fleet people for themselves; staff for anyone (requester) or internally. The SLA is the one of the contract ' +
          'named, or covering the vehicle, in force today; it stays the ticket’s promise whatever later amendments say.',
        access: EVERYONE,
        body: OpenTicketBody,
        idempotent: true,
        response: { status: 201, description: 'the ticket', schema: TICKET },
        problems: { 422: 'blank subject, unknown contract or one of another customer (TICKET_INVALID)' },
      },
      async (req, res) => {
        const view = orProblem(await tickets.open(principalOf(req), req.body, kit.requestMeta(req)))
        res.status(201).location(`/tickets/${view.ticketId}`).json(view)
      },
    )
    .get(
      '/',
      {
        summary: 'Tickets with their SLA state now',
        query: TicketListQuery,
        description: `Head office all; a point’s staff their point’s; a fleet’s people and a customer their own. Query: status (open, default; resolved, closed, all), fleetId, customerId, pointId, contractId, ${PAGING_HELP}. Newest first.`,
        access: EVERYONE,
        response: {
          status: 200,
          description: 'tickets',
          schema: pageSchema(
            'ticketId, status, priority, subject, requester, sla { state, deadlines, breachedAt, escalation }',
          ),
        },
      },
      async (req, res, q) => {
        const { limit: _l, offset: _o, ...filters } = q
        res.json(orProblem(await tickets.list(principalOf(req), filters, pagingOf(q), kit.now().toISOString())))
      },
    )
    .get(
      '/:ticketId',
      {
        summary: 'One ticket',
        access: EVERYONE,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: { 404: 'no such ticket' },
      },
      async (req, res) => {
        res.json(orProblem(await tickets.get(principalOf(req), req.params.ticketId, kit.now().toISOString())))
      },
    )
    .post(
      '/:ticketId/messages',
      {
        summary: 'Post a message (internal notes: staff only); a customer’s reply resumes a ticket waiting for him',
        access: EVERYONE,
        body: MessageBody,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        const b = req.body
        res.json(
          await step(req, {
            kind: 'PostTicketMessage',
            body: b.body,
            visibility: b.visibility ?? 'public',
            messageId: b.messageId ?? '',
          }),
        )
      },
    )
    .post(
      '/:ticketId/assign',
      {
        summary: 'Assign to a staff member (and a point)',
        access: STAFF,
        body: AssignBody,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(
          await step(req, { kind: 'AssignTicket', assigneeId: req.body.assigneeId, pointId: req.body.pointId ?? null }),
        )
      },
    )
    .post(
      '/:ticketId/unassign',
      {
        summary: 'Unassign',
        access: STAFF,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'UnassignTicket' }))
      },
    )
    .post(
      '/:ticketId/start',
      {
        summary: 'Start work (the SLA’s reaction)',
        access: STAFF,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'StartTicketWork' }))
      },
    )
    .post(
      '/:ticketId/wait',
      {
        summary: 'Wait for the customer’s answer (the SLA clock stops)',
        access: STAFF,
        body: QuestionBody,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'WaitForCustomer', question: req.body.question }))
      },
    )
    .post(
      '/:ticketId/resume',
      {
        summary: 'Resume without the customer’s answer',
        access: STAFF,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'ResumeTicket' }))
      },
    )
    .post(
      '/:ticketId/resolve',
      {
        summary: 'Resolve',
        access: STAFF,
        body: ResolutionBody,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'ResolveTicket', resolution: req.body.resolution }))
      },
    )
    .post(
      '/:ticketId/close',
      {
        summary: 'Close a resolved ticket (final)',
        access: EVERYONE,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'CloseTicket' }))
      },
    )
    .post(
      '/:ticketId/reopen',
      {
        summary: 'Reopen a resolved ticket',
        access: EVERYONE,
        body: ReasonBody,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'ReopenTicket', reason: req.body.reason }))
      },
    )
    .post(
      '/:ticketId/priority',
      {
        summary: 'Change the priority (the SLA targets of the new priority apply from now)',
        access: STAFF,
        body: PriorityBody,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(
          await step(req, { kind: 'ChangeTicketPriority', priority: req.body.priority, reason: req.body.reason }),
        )
      },
    )
    .post(
      '/:ticketId/time-entries',
      {
        summary: 'Log time (billable or not; staffId defaults to the caller)',
        access: STAFF,
        body: TimeEntryBody,
        idempotent: true,
        response: { status: 201, description: 'the ticket', schema: TICKET },
        problems: { ...STEP_PROBLEMS, 409: 'the ticket is closed, or the entry id exists' },
      },
      async (req, res) => {
        const b = req.body
        res.status(201).json(
          await step(req, {
            kind: 'LogTicketTime',
            entryId: b.entryId ?? '',
            staffId: b.staffId ?? principalOf(req).id,
            minutes: b.minutes,
            billable: b.billable,
            note: b.note ?? null,
          }),
        )
      },
    )
    .post(
      '/:ticketId/time-entries/:entryId/cancel',
      {
        summary: 'Cancel a time entry',
        access: STAFF,
        body: ReasonBody,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: STEP_PROBLEMS,
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'CancelTimeEntry', entryId: req.params.entryId, reason: req.body.reason }))
      },
    )
    .post(
      '/:ticketId/work-order',
      {
        summary:
          'Open a work order from the ticket: the order (at the ticket’s point, for its vehicle, the ticket’s text as the customer’s description) records the ticket, the ticket records the order; one order per ticket however often asked',
        description:
          'The order id is `wo-<ticketId>` unless given. WorkOrderOpened and WorkOrderTicketLinked on the order’s stream, TicketConvertedToWorkOrder on the ticket’s; a retry answers the same order and tracking code and appends nothing.',
        access: STAFF,
        body: ConvertBody,
        idempotent: true,
        response: {
          status: 200,
          description: 'the ticket, with its workOrderId, and workOrder { workOrderId, status, trackingCode }',
          schema: TICKET,
        },
        problems: {
          ...STEP_PROBLEMS,
          403: 'not the staff of the ticket’s point (or of the point named for the order)',
          404: 'no such ticket, or the vehicle is not in the equipment registry (EQUIPMENT_NOT_FOUND)',
          409: 'already converted to another order (TICKET_ALREADY_CONVERTED), resolved/closed, or the order id is taken',
        },
      },
      async (req, res) => {
        const b = req.body
        res.json(
          orProblem(
            await tickets.openWorkOrder(
              principalOf(req),
              String(req.params.ticketId),
              {
                serviceCodes: b.serviceCodes,
                ...(b.workOrderId ? { workOrderId: b.workOrderId } : {}),
                pointId: b.pointId ?? null,
                equipmentId: b.equipmentId ?? null,
                description: b.description ?? null,
                mileageKm: b.mileageKm ?? null,
              },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:ticketId/rating',
      {
        summary: 'Rate the service 1–6 stars, once, after resolution (the customer’s side)',
        access: CUSTOMER_SIDE,
        body: RatingBody,
        idempotent: true,
        response: { status: 200, description: 'the ticket', schema: TICKET },
        problems: { ...STEP_PROBLEMS, 409: 'not resolved yet, or already rated' },
      },
      async (req, res) => {
        res.json(await step(req, { kind: 'RateTicket', stars: req.body.stars, comment: req.body.comment ?? null }))
      },
    )
}
