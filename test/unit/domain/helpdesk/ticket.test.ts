import assert from 'node:assert/strict'
import type { TicketCommand } from '../../../../domain/helpdesk/commands.js'
import type { TicketEvent } from '../../../../domain/helpdesk/events.js'
import { loggedMinutes, ticketDecider } from '../../../../domain/helpdesk/ticketDecider.js'
import type { Actor } from '../../../../domain/shared/actor.js'
import { calendarSla } from '../contract/fixtures.js'
import { scenario } from '../givenWhenThen.js'

const { given } = scenario(ticketDecider)
const ticketId = 't-1'
const customer: Actor = { id: 'acc-fm', role: 'fleet_manager' }
const staff: Actor = { id: 'acc-emp', role: 'service_point_employee' }
const system: Actor = { id: 'system', role: 'system' }
const at = '2026-03-02T10:00:00.000Z'
const requester = { customerId: null, fleetId: 'fleet-1' }

const open: TicketCommand = {
  kind: 'OpenTicket',
  ticketId,
  actor: customer,
  now: at,
  channel: 'customer_portal',
  requester,
  contractId: 'ctr-1',
  pointId: 'wro-1',
  equipmentId: 'eq-1',
  subject: ' Vibration at 90 km/h ',
  description: 'Steering wheel shakes since the tyre change.',
  priority: 'high',
  sla: calendarSla,
}
const opened: TicketEvent = {
  type: 'TicketOpened',
  data: {
    ticketId,
    openedBy: customer,
    channel: 'customer_portal',
    requester,
    contractId: 'ctr-1',
    pointId: 'wro-1',
    equipmentId: 'eq-1',
    subject: 'Vibration at 90 km/h',
    description: 'Steering wheel shakes since the tyre change.',
    priority: 'high',
    sla: calendarSla,
    at,
  },
}
const by = (actor: typeof staff | typeof customer | typeof system, data: object = {}) => ({
  ticketId,
  by: actor,
  at,
  ...data,
})
const started: TicketEvent = { type: 'TicketWorkStarted', data: by(staff) }
const waiting = { type: 'TicketWaitingForCustomer', data: by(staff, { question: 'Which axle?' }) } as TicketEvent
const resolved = { type: 'TicketResolved', data: by(staff, { resolution: 'Rebalanced front wheels' }) } as TicketEvent
const closed: TicketEvent = { type: 'TicketClosed', data: by(customer) }
const cmd = (c: Record<string, unknown>, actor = staff): TicketCommand =>
  ({ ticketId, actor, now: at, ...c }) as TicketCommand

describe('helpdesk ticket', () => {
  it('a customer opens a ticket with the contract’s SLA snapshot; one without requester or with an SLA but no contract is refused', () => {
    given([]).when(open).then([opened])
    given([opened]).when(open).thenError('TICKET_ALREADY_EXISTS', 'conflict')
    given([])
      .when({ ...open, requester: { customerId: null, fleetId: null } })
      .thenError('TICKET_INVALID', 'invalid')
    given([])
      .when({ ...open, contractId: null })
      .thenError('TICKET_INVALID')
    given([])
      .when({ ...open, actor: staff, requester: { customerId: null, fleetId: null }, contractId: null, sla: null })
      .events()
  })

  it('walks open → in_progress → waiting → (customer replies) in_progress → resolved → closed', () => {
    given([opened])
      .when(cmd({ kind: 'StartTicketWork' }))
      .then([started])
    given([opened, started])
      .when(cmd({ kind: 'StartTicketWork' }))
      .then([])
    given([opened, started])
      .when(cmd({ kind: 'WaitForCustomer', question: 'Which axle?' }))
      .then([waiting])
    const reply = given([opened, started, waiting])
      .when(cmd({ kind: 'PostTicketMessage', messageId: 'm-1', visibility: 'public', body: 'Front.' }, customer))
      .then([
        {
          type: 'TicketMessagePosted',
          data: {
            ticketId,
            messageId: 'm-1',
            author: customer,
            fromStaff: false,
            visibility: 'public',
            body: 'Front.',
            at,
          },
        },
        { type: 'TicketResumed', data: by(customer, { trigger: 'customer_reply' }) } as TicketEvent,
      ])
    assert.equal(reply.status, 'in_progress')
    given([opened, started])
      .when(cmd({ kind: 'ResolveTicket', resolution: 'Rebalanced front wheels' }))
      .then([resolved])
    const state = given([opened, started, resolved])
      .when(cmd({ kind: 'CloseTicket' }, customer))
      .then([closed])
    assert.equal(state.status, 'closed')
  })

  it('reopens a resolved ticket; a closed one stays closed', () => {
    given([opened, resolved])
      .when(cmd({ kind: 'ReopenTicket', reason: 'still shakes' }, customer))
      .then([{ type: 'TicketReopened', data: by(customer, { reason: 'still shakes' }) } as TicketEvent])
    given([opened, resolved, closed])
      .when(cmd({ kind: 'ReopenTicket', reason: 'x' }, customer))
      .thenError('TICKET_CLOSED', 'conflict')
    given([opened])
      .when(cmd({ kind: 'ReopenTicket', reason: 'x' }, customer))
      .thenError('TICKET_NOT_RESOLVED')
    given([opened, resolved])
      .when(cmd({ kind: 'StartTicketWork' }))
      .thenError('TICKET_RESOLVED')
    given([opened, resolved, closed])
      .when(cmd({ kind: 'PostTicketMessage', messageId: 'm-9', visibility: 'public', body: 'hello?' }, customer))
      .thenError('TICKET_CLOSED')
  })

  it('staff work is staff-only; internal notes are for staff', () => {
    given([opened])
      .when(cmd({ kind: 'StartTicketWork' }, customer))
      .thenError('TICKET_STAFF_ONLY', 'forbidden')
    given([opened])
      .when(cmd({ kind: 'ResolveTicket', resolution: 'x' }, customer))
      .thenError('TICKET_STAFF_ONLY')
    given([opened])
      .when(cmd({ kind: 'PostTicketMessage', messageId: 'm-1', visibility: 'internal', body: 'x' }, customer))
      .thenError('TICKET_INTERNAL_NOTE_BY_CUSTOMER', 'forbidden')
    const note = given([opened])
      .when(cmd({ kind: 'PostTicketMessage', messageId: 'm-2', visibility: 'internal', body: 'check the bolts' }))
      .events()
    assert.equal(note.length, 1)
  })

  it('tracks time: entries once each, cancellable, billable and not summed apart', () => {
    const logged: TicketEvent = {
      type: 'TicketTimeLogged',
      data: by(staff, { entryId: 'e-1', staffId: 'emp-1', minutes: 45, billable: true, note: null }),
    } as TicketEvent
    const state = given([opened])
      .when(cmd({ kind: 'LogTicketTime', entryId: 'e-1', staffId: 'emp-1', minutes: 45, billable: true, note: null }))
      .then([logged])
    assert.deepEqual(loggedMinutes(state), { billable: 45, nonBillable: 0 })
    given([opened, logged])
      .when(cmd({ kind: 'LogTicketTime', entryId: 'e-1', staffId: 'emp-1', minutes: 5, billable: false, note: null }))
      .thenError('TIME_ENTRY_EXISTS')
    given([opened])
      .when(cmd({ kind: 'LogTicketTime', entryId: 'e-2', staffId: 'emp-1', minutes: 0, billable: false, note: null }))
      .thenError('TICKET_INVALID')
    const cancelled = given([opened, logged])
      .when(cmd({ kind: 'CancelTimeEntry', entryId: 'e-1', reason: 'wrong ticket' }))
      .events()
    assert.deepEqual(
      loggedMinutes([opened, logged, ...cancelled].reduce(ticketDecider.evolve, ticketDecider.initialState)),
      {
        billable: 0,
        nonBillable: 0,
      },
    )
  })

  it('becomes a work order once, with what the application needs to open it', () => {
    const convert = cmd({
      kind: 'ConvertTicketToWorkOrder',
      workOrderId: 'wo-1',
      pointId: null,
      equipmentId: null,
      serviceCodes: ['BALANCING'],
      description: null,
    })
    given([opened])
      .when(convert)
      .then([
        {
          type: 'TicketConvertedToWorkOrder',
          data: {
            ...by(staff),
            workOrderId: 'wo-1',
            pointId: 'wro-1',
            equipmentId: 'eq-1',
            requester,
            contractId: 'ctr-1',
            serviceCodes: ['BALANCING'],
            description: 'Vibration at 90 km/h\n\nSteering wheel shakes since the tyre change.',
            priority: 'high',
          },
        },
        started,
      ])
    const converted = given([opened]).when(convert).events()
    given([opened, ...converted])
      .when(convert)
      .then([])
    given([opened, ...converted])
      .when({ ...convert, workOrderId: 'wo-2' } as TicketCommand)
      .thenError('TICKET_ALREADY_CONVERTED')
    const noVehicle: TicketEvent = { ...opened, data: { ...opened.data, equipmentId: null } } as TicketEvent
    const error = given([noVehicle]).when(convert).thenError('TICKET_INVALID')
    assert.deepEqual(error.fields?.[0]?.path, 'equipmentId')
  })

  it('the customer rates 1–6 stars once, only after resolution', () => {
    const rate = cmd({ kind: 'RateTicket', stars: 6, comment: ' Szybko i sprawnie ' }, customer)
    given([opened]).when(rate).thenError('TICKET_NOT_RESOLVED', 'conflict')
    given([opened, resolved])
      .when({ ...rate, actor: staff } as TicketCommand)
      .thenError('TICKET_RATING_BY_CUSTOMER_ONLY', 'forbidden')
    given([opened, resolved])
      .when({ ...rate, stars: 7 } as TicketCommand)
      .thenError('TICKET_INVALID')
    given([opened, resolved])
      .when({ ...rate, stars: 0 } as TicketCommand)
      .thenError('TICKET_INVALID')
    const rated: TicketEvent = {
      type: 'TicketRated',
      data: by(customer, { stars: 6, comment: 'Szybko i sprawnie' }),
    } as TicketEvent
    given([opened, resolved, closed]).when(rate).then([rated])
    given([opened, resolved, rated]).when(rate).thenError('TICKET_ALREADY_RATED')
  })

  it('records each escalation once', () => {
    const escalate = cmd({ kind: 'RecordEscalation', target: 'reaction', level: 'point_manager' }, system)
    const escalated: TicketEvent = {
      type: 'TicketEscalated',
      data: by(system, { target: 'reaction', level: 'point_manager', pointId: 'wro-1' }),
    } as TicketEvent
    given([opened]).when(escalate).then([escalated])
    given([opened, escalated]).when(escalate).then([])
  })
})
