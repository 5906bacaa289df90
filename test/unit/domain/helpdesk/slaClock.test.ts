import assert from 'node:assert/strict'
import type { Priority } from '../../../../domain/contract/sla.js'
import type { TicketEvent } from '../../../../domain/helpdesk/events.js'
import { slaClock } from '../../../../domain/helpdesk/slaClock.js'
import { businessSla, calendarSla } from '../contract/fixtures.js'

// Calendar SLA (fixtures): critical 60/480 min, high 120/960, normal 240/2400; head office 120 min after a breach.
const ticketId = 't-1'
const staff = { id: 'emp', role: 'service_point_employee' as const }
const customer = { id: 'cust', role: 'customer' as const }
const T = (hhmm: string, day = '2026-03-02') => `${day}T${hhmm}:00.000Z`
const opened = (priority: Priority, at = T('10:00')): TicketEvent => ({
  type: 'TicketOpened',
  data: {
    ticketId,
    openedBy: customer,
    channel: 'customer_portal',
    requester: { customerId: 'c', fleetId: null },
    contractId: 'ctr-1',
    pointId: 'wro-1',
    equipmentId: null,
    subject: 's',
    description: 'd',
    priority,
    sla: calendarSla,
    at,
  },
})
const ev = (type: TicketEvent['type'], at: string, extra: object = {}): TicketEvent =>
  ({ type, data: { ticketId, by: staff, at, ...extra } }) as TicketEvent
const message = (at: string, fromStaff: boolean, visibility: 'public' | 'internal'): TicketEvent => ({
  type: 'TicketMessagePosted',
  data: { ticketId, messageId: at, author: fromStaff ? staff : customer, fromStaff, visibility, body: 'x', at },
})
const clock = (events: TicketEvent[], at: string) => {
  const status = slaClock(events, calendarSla, at)
  assert.ok(status)
  return status
}

describe('SLA clock from ticket events', () => {
  it('before the deadline: deadlines from opening, nothing breached, next check just after the reaction deadline', () => {
    const s = clock([opened('normal')], T('12:00'))
    assert.equal(s.reaction.deadline, T('14:00'))
    assert.equal(s.resolution.deadline, T('02:00', '2026-03-04')) // 10:00 + 40 h
    assert.equal(s.reaction.breached, false)
    assert.equal(s.nextCheckAt, '2026-03-02T14:00:00.001Z')
    assert.deepEqual(s.escalationsToSend, [])
  })

  it('no reaction by the deadline: breach, the point’s manager at once, head office 120 minutes later', () => {
    const late = clock([opened('normal')], T('14:30'))
    assert.equal(late.reaction.breachedAt, T('14:00'))
    assert.equal(late.reaction.escalation, 'point_manager')
    assert.equal(late.reaction.headOfficeDueAt, T('16:00'))
    assert.deepEqual(late.escalationsToSend, [{ target: 'reaction', level: 'point_manager' }])
    assert.equal(late.nextCheckAt, T('16:00'))
    const later = clock([opened('normal')], T('16:00'))
    assert.deepEqual(later.escalationsToSend, [
      { target: 'reaction', level: 'point_manager' },
      { target: 'reaction', level: 'head_office' },
    ])
    const recorded = clock(
      [
        opened('normal'),
        ev('TicketEscalated', T('14:01'), { target: 'reaction', level: 'point_manager', pointId: 'wro-1' }),
      ],
      T('16:00'),
    )
    assert.deepEqual(recorded.escalationsToSend, [{ target: 'reaction', level: 'head_office' }])
  })

  it('a public staff message is the reaction; an internal note or a customer message is not', () => {
    const reacted = clock([opened('normal'), message(T('13:00'), true, 'public')], T('15:00'))
    assert.equal(reacted.reaction.metAt, T('13:00'))
    assert.equal(reacted.reaction.breached, false)
    const notYet = clock(
      [opened('normal'), message(T('11:00'), true, 'internal'), message(T('12:00'), false, 'public')],
      T('15:00'),
    )
    assert.equal(notYet.reaction.breached, true)
  })

  it('a late reaction stays a breach but ends its escalation', () => {
    const s = clock([opened('normal'), message(T('15:00'), true, 'public')], T('17:00'))
    assert.equal(s.reaction.breached, true)
    assert.equal(s.reaction.escalation, null)
    assert.deepEqual(s.escalationsToSend, [])
  })

  it('waiting for the customer stops the resolution clock; while waiting the deadline is the earliest it can be', () => {
    // critical: resolution 480 min → 18:00 without pauses
    const history = [opened('critical'), ev('TicketWaitingForCustomer', T('11:00'), { question: 'q' })]
    const waiting = clock(history, T('12:00'))
    assert.equal(waiting.resolution.paused, true)
    assert.equal(waiting.resolution.deadline, T('19:00'))
    assert.equal(waiting.nextCheckAt, null)
    const resumed = clock([...history, ev('TicketResumed', T('13:00'), { trigger: 'customer_reply' })], T('13:00'))
    assert.equal(resumed.resolution.deadline, T('20:00'))
    assert.equal(resumed.resolution.paused, false)
  })

  it('resolved in time is met; reopened, the clock continues where it stopped', () => {
    // critical: 480 min; 120 used 10:00–12:00; reopened next day 10:00 → 360 left → 16:00
    const history = [opened('critical'), ev('TicketResolved', T('12:00'), { resolution: 'r' })]
    const met = clock(history, T('20:00'))
    assert.equal(met.resolution.metAt, T('12:00'))
    assert.equal(met.resolution.breached, false)
    const reopened = clock(
      [...history, ev('TicketReopened', T('10:00', '2026-03-03'), { reason: 'again' })],
      T('11:00', '2026-03-03'),
    )
    assert.equal(reopened.resolution.metAt, null)
    assert.equal(reopened.resolution.deadline, T('16:00', '2026-03-03'))
    assert.equal(reopened.resolution.breached, false)
  })

  it('raising the priority past an elapsed deadline is a breach at the change; lowering it later does not undo a breach', () => {
    const raised = [
      opened('normal'),
      ev('TicketPriorityChanged', T('11:30'), { priority: 'critical', reason: 'van stopped' }),
    ]
    assert.equal(clock(raised, T('11:30')).reaction.breached, false)
    const after = clock(raised, T('11:31'))
    assert.equal(after.reaction.breachedAt, T('11:30'))
    assert.equal(after.reaction.deadline, T('11:00'))
    const lowered = [
      opened('critical'),
      ev('TicketPriorityChanged', T('11:30'), { priority: 'low', reason: 'spare van' }),
    ]
    const s = clock(lowered, T('12:00'))
    assert.equal(s.reaction.breachedAt, T('11:00'))
    assert.equal(s.reaction.deadline, T('18:00')) // low: 480 min
    assert.equal(s.priority, 'low')
  })

  it('on business hours: Friday 15:00 Warsaw + 2 h reaction = Monday 09:00 Warsaw', () => {
    const friday = { ...opened('high', '2026-03-06T14:00:00.000Z') } as TicketEvent
    const s = slaClock([friday], businessSla, '2026-03-07T12:00:00.000Z')
    assert.equal(s?.reaction.deadline, '2026-03-09T08:00:00.000Z')
    assert.equal(s?.reaction.breached, false)
  })

  it('events after the moment asked about are ignored; a timestamp running backwards is taken as its predecessor’s', () => {
    const history = [opened('normal'), message(T('13:00'), true, 'public')]
    assert.equal(clock(history, T('12:00')).reaction.metAt, null)
    const skewed = [opened('normal'), message(T('09:59'), true, 'public')]
    assert.equal(clock(skewed, T('12:00')).reaction.metAt, T('10:00'))
  })

  it('no SLA, no clock', () => {
    assert.equal(slaClock([opened('normal')], null, T('12:00')), null)
    assert.equal(slaClock([], calendarSla, T('12:00')), null)
  })
})
