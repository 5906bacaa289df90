// Properties of the SLA clock:
// - adding a pause never moves a deadline earlier (working-time arithmetic, calendar and business
//   hours, and on whole ticket histories with an extra wait-for-customer inserted);
// - breaching is monotonic in time: once a target is breached at t1 it stays breached, at the same
//   instant, for every later t2 (whatever events happen in between).
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Priority, SlaClock, SlaTerms } from '../../domain/contract/sla.js'
import { addWorkingMinutes } from '../../domain/contract/workingTime.js'
import type { TicketEvent } from '../../domain/helpdesk/events.js'
import { slaClock, type TargetClock } from '../../domain/helpdesk/slaClock.js'
import { businessSla, calendarSla } from '../unit/domain/contract/fixtures.js'

const MIN = 60_000
const T0 = Date.parse('2026-03-02T07:00:00.000Z') // Monday 08:00 Warsaw
const iso = (t: number) => new Date(t).toISOString()
const staff = { id: 'emp', role: 'service_point_employee' as const }
const customer = { id: 'cust', role: 'customer' as const }

const clocks: ReadonlyArray<[string, SlaClock]> = [
  ['calendar hours', calendarSla.clock],
  ['business hours', businessSla.clock],
]

const pause = fc
  .record({ start: fc.integer({ min: 0, max: 20_000 }), length: fc.integer({ min: 1, max: 3_000 }) })
  .map(({ start, length }) => ({ start: T0 + start * MIN, end: T0 + (start + length) * MIN }))

describe('SLA clock properties', () => {
  for (const [name, clock] of clocks)
    it(`on ${name}, a deadline never moves earlier when a pause is added`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 5_000 }),
          fc.integer({ min: 1, max: 4_800 }),
          fc.array(pause, { maxLength: 4 }),
          pause,
          (startOffset, minutes, pauses, extra) => {
            const start = T0 + startOffset * MIN
            const before = addWorkingMinutes(clock, start, minutes, pauses)
            const after = addWorkingMinutes(clock, start, minutes, [...pauses, extra])
            assert.ok(after >= before, `${iso(after)} < ${iso(before)}`)
          },
        ),
        { numRuns: name === 'business hours' ? 60 : 300 },
      )
    })

  // Ticket histories that follow the ticket's rules: each step waits `gap` minutes, then does what
  // the current status allows (other actions are skipped).
  type Action =
    | 'staff_message'
    | 'customer_message'
    | 'internal_note'
    | 'start'
    | 'wait'
    | 'resume'
    | 'resolve'
    | 'reopen'
    | 'close'
    | 'raise'
    | 'lower'
  const ACTIONS: Action[] = [
    'staff_message',
    'customer_message',
    'internal_note',
    'start',
    'wait',
    'resume',
    'resolve',
    'reopen',
    'close',
    'raise',
    'lower',
  ]
  const ORDER: Priority[] = ['low', 'normal', 'high', 'critical']

  function history(
    sla: SlaTerms,
    priority: Priority,
    steps: ReadonlyArray<{ gap: number; action: Action }>,
  ): TicketEvent[] {
    let t = T0
    let status = 'open'
    let p = priority
    const ticketId = 't'
    const events: TicketEvent[] = [
      {
        type: 'TicketOpened',
        data: {
          ticketId,
          openedBy: customer,
          channel: 'customer_portal',
          requester: { customerId: 'c', fleetId: null },
          contractId: 'ctr',
          pointId: 'p',
          equipmentId: null,
          subject: 's',
          description: 'd',
          priority,
          sla,
          at: iso(t),
        },
      },
    ]
    const push = (type: TicketEvent['type'], extra: object = {}) =>
      events.push({ type, data: { ticketId, by: staff, at: iso(t), ...extra } } as TicketEvent)
    const message = (fromStaff: boolean, visibility: 'public' | 'internal') =>
      events.push({
        type: 'TicketMessagePosted',
        data: {
          ticketId,
          messageId: String(events.length),
          author: fromStaff ? staff : customer,
          fromStaff,
          visibility,
          body: 'x',
          at: iso(t),
        },
      })
    const unresolved = () => status === 'open' || status === 'in_progress' || status === 'waiting_for_customer'
    for (const { gap, action } of steps) {
      t += gap * MIN
      if (status === 'closed') break
      if (action === 'staff_message') message(true, 'public')
      else if (action === 'internal_note') message(true, 'internal')
      else if (action === 'customer_message') {
        message(false, 'public')
        if (status === 'waiting_for_customer') {
          push('TicketResumed', { trigger: 'customer_reply' })
          status = 'in_progress'
        }
      } else if (action === 'start' && status === 'open') {
        push('TicketWorkStarted')
        status = 'in_progress'
      } else if (action === 'wait' && (status === 'open' || status === 'in_progress')) {
        push('TicketWaitingForCustomer', { question: 'q' })
        status = 'waiting_for_customer'
      } else if (action === 'resume' && status === 'waiting_for_customer') {
        push('TicketResumed', { trigger: 'staff' })
        status = 'in_progress'
      } else if (action === 'resolve' && unresolved()) {
        push('TicketResolved', { resolution: 'r' })
        status = 'resolved'
      } else if (action === 'reopen' && status === 'resolved') {
        push('TicketReopened', { reason: 'r' })
        status = 'open'
      } else if (action === 'close' && status === 'resolved') {
        push('TicketClosed')
        status = 'closed'
      } else if ((action === 'raise' || action === 'lower') && unresolved()) {
        const next = ORDER[ORDER.indexOf(p) + (action === 'raise' ? 1 : -1)]
        if (next) {
          p = next
          push('TicketPriorityChanged', { priority: next, reason: 'r' })
        }
      }
    }
    return events
  }

  const steps = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 400 }), action: fc.constantFrom(...ACTIONS) }), {
    maxLength: 12,
  })
  const priority = fc.constantFrom<Priority>('low', 'normal', 'high', 'critical')

  it('breaching is monotonic in time, and the breach instant does not change', () => {
    fc.assert(
      fc.property(
        priority,
        steps,
        fc.array(fc.integer({ min: 0, max: 6_000 }), { minLength: 2, maxLength: 6 }),
        (p, s, times) => {
          const events = history(calendarSla, p, s)
          const moments = [...new Set(times)].sort((a, b) => a - b).map((m) => iso(T0 + m * MIN))
          const seen: Record<'reaction' | 'resolution', string | null> = { reaction: null, resolution: null }
          for (const at of moments) {
            const status = slaClock(events, calendarSla, at)
            assert.ok(status)
            for (const target of ['reaction', 'resolution'] as const) {
              const targetClock: TargetClock = status[target]
              if (seen[target] !== null) {
                assert.equal(targetClock.breached, true, `${target} breached at ${seen[target]} but not at ${at}`)
                assert.equal(targetClock.breachedAt, seen[target])
              }
              if (targetClock.breached) seen[target] = targetClock.breachedAt
            }
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('inserting a wait for the customer into a history never moves a deadline earlier', () => {
    fc.assert(
      fc.property(
        priority,
        steps,
        fc.nat(),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        (p, s, where, length, offset) => {
          const events = history(calendarSla, p, s)
          // Only where the ticket is open or in progress, and the pause must end before the next event.
          const candidates: number[] = []
          let status = 'open'
          events.forEach((e, i) => {
            if (e.type === 'TicketWorkStarted' || e.type === 'TicketResumed') status = 'in_progress'
            else if (e.type === 'TicketWaitingForCustomer') status = 'waiting_for_customer'
            else if (e.type === 'TicketResolved') status = 'resolved'
            else if (e.type === 'TicketClosed') status = 'closed'
            else if (e.type === 'TicketReopened') status = 'open'
            if (status === 'open' || status === 'in_progress') candidates.push(i)
          })
          const i = candidates[where % candidates.length] as number
          const from = Date.parse(events[i]?.data.at as string) + offset * MIN
          const to = from + length * MIN
          const next = events[i + 1]
          if (next && Date.parse(next.data.at) < to) return
          const pause: TicketEvent[] = [
            { type: 'TicketWaitingForCustomer', data: { ticketId: 't', by: staff, question: 'q', at: iso(from) } },
            { type: 'TicketResumed', data: { ticketId: 't', by: staff, trigger: 'staff', at: iso(to) } },
          ]
          const paused = [...events.slice(0, i + 1), ...pause, ...events.slice(i + 1)]
          const at = iso(Math.max(to, Date.parse(events.at(-1)?.data.at as string)) + 60 * MIN)
          const before = slaClock(events, calendarSla, at)
          const after = slaClock(paused, calendarSla, at)
          assert.ok(before && after)
          assert.ok(
            after.resolution.deadline >= before.resolution.deadline,
            `${after.resolution.deadline} < ${before.resolution.deadline}`,
          )
          assert.ok(after.reaction.deadline >= before.reaction.deadline)
        },
      ),
      { numRuns: 300 },
    )
  })
})
