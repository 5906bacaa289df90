import assert from 'node:assert/strict'
import { ManualClock } from '../../../application/leases/clock.js'
import {
  BookingReminderPolicy,
  MESSAGE_JOB,
  parseReminders,
  REMINDER_JOB,
} from '../../../application/notifications/bookingReminderPolicy.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import type { BookingEvent } from '../../../domain/booking/events.js'

const HOUR = 3600_000
const now = Date.parse('2025-06-02T08:00:00.000Z')
const start = Date.parse('2025-06-10T08:00:00.000Z')
const slot = (at: number) => ({
  bayId: 'b',
  staffId: 's',
  start: new Date(at).toISOString(),
  end: new Date(at + HOUR).toISOString(),
})

function recorded(event: BookingEvent, occurredAt = now, revision = 1): RecordedEvent {
  return {
    streamId: 'booking-bk1',
    revision,
    position: 10,
    type: event.type,
    data: event.data,
    metadata: {
      eventId: 'ev-1',
      correlationId: 'corr-1',
      causationId: null,
      actor: { id: 'u', role: 'customer' },
      occurredAt: new Date(occurredAt).toISOString(),
      schemaVersion: 1,
      prevHash: '',
      hash: '',
    },
  }
}

const lookup = { slotStartAt: async () => new Date(start).toISOString() }

describe('booking reminder policy', () => {
  const policy = new BookingReminderPolicy()

  it('a confirmation: one message job named after the event, and each reminder placed before the visit', async () => {
    const event: BookingEvent = { type: 'BookingConfirmed', data: { bookingId: 'bk1' } }
    const ops = await policy.jobsFor(recorded(event), event, lookup)
    assert.deepEqual(
      ops.map((op) => (op.op === 'cancel' ? [op.op, op.id] : [op.op, op.job.id, op.job.runAt])),
      [
        ['schedule', 'msg-ev-1', now],
        ['reschedule', 'reminder-24h-bk1', start - 24 * HOUR],
        ['reschedule', 'reminder-2h-bk1', start - 2 * HOUR],
      ],
    )
    const message = ops[0]
    assert.ok(message?.op === 'schedule')
    assert.deepEqual(message.job.payload, {
      bookingId: 'bk1',
      kind: 'booking_confirmed',
      eventId: 'ev-1',
      revision: 1,
      correlationId: 'corr-1',
      previousStart: null,
    })
  })

  it('a reschedule moves the reminders to the new time; one already past is removed instead', async () => {
    const to = now + 5 * HOUR // the 24 h reminder would be in the past
    const event: BookingEvent = {
      type: 'BookingRescheduled',
      data: { bookingId: 'bk1', from: slot(start), to: slot(to), reason: null },
    }
    const ops = await policy.jobsFor(recorded(event), event, lookup)
    assert.deepEqual(
      ops.map((op) => (op.op === 'cancel' ? [op.op, op.id] : [op.op, op.job.id, op.job.runAt])),
      [
        ['schedule', 'msg-ev-1', now],
        ['cancel', 'reminder-24h-bk1'],
        ['reschedule', 'reminder-2h-bk1', to - 2 * HOUR],
      ],
    )
    const message = ops[0]
    assert.ok(message?.op === 'schedule')
    assert.equal(message.job.payload.previousStart, new Date(start).toISOString())
  })

  it('a cancellation sends a message and removes every reminder and any SMS it held back', async () => {
    const event: BookingEvent = {
      type: 'BookingCancelled',
      data: { bookingId: 'bk1', reason: 'x', cancelledAt: new Date(now).toISOString() },
    }
    const ops = await policy.jobsFor(recorded(event), event, lookup)
    assert.deepEqual(
      ops.map((op) => (op.op === 'cancel' ? op.id : `${op.op} ${op.job.id}`)),
      ['schedule msg-ev-1', 'reminder-24h-bk1', 'reminder-24h-bk1-sms', 'reminder-2h-bk1', 'reminder-2h-bk1-sms'],
    )
  })

  it('check-in, completion and no-show only remove reminders; other events ask for nothing', async () => {
    for (const event of [
      { type: 'BookingCheckedIn', data: { bookingId: 'bk1', at: '' } },
      { type: 'BookingCompleted', data: { bookingId: 'bk1', at: '' } },
      { type: 'BookingMarkedNoShow', data: { bookingId: 'bk1', at: '' } },
    ] as BookingEvent[]) {
      const ops = await policy.jobsFor(recorded(event), event, lookup)
      assert.ok(ops.length === 4 && ops.every((op) => op.op === 'cancel'), event.type)
    }
    assert.equal(policy.handles('BookingRequested'), false)
  })

  it('the same event gives the same jobs (what makes a repeated batch harmless)', async () => {
    const event: BookingEvent = { type: 'BookingConfirmed', data: { bookingId: 'bk1' } }
    assert.deepEqual(
      await policy.jobsFor(recorded(event), event, lookup),
      await policy.jobsFor(recorded(event), event, lookup),
    )
  })

  it('reads reminder settings like 24h,90m,2d', () => {
    assert.deepEqual(parseReminders('24h, 90m,2d'), [
      { kind: '24h', beforeMinutes: 1440 },
      { kind: '90m', beforeMinutes: 90 },
      { kind: '2d', beforeMinutes: 2880 },
    ])
    assert.throws(() => parseReminders('1 week'))
    assert.throws(() => parseReminders('0h'))
  })
})

describe('booking reminder policy on an old log', () => {
  it('writes no confirmation about a booking event older than the limit, but still places or removes reminders', async () => {
    const occurredAt = Date.parse('2026-11-20T08:00:00.000Z')
    const start = '2026-12-10T09:00:00.000Z'
    const recorded = {
      streamId: 'booking-b-1',
      revision: 1,
      position: 5,
      type: 'BookingConfirmed',
      data: { bookingId: 'b-1' },
      metadata: {
        eventId: 'e-1',
        correlationId: 'c',
        causationId: null,
        actor: { id: 'system', role: 'system' },
        occurredAt: new Date(occurredAt).toISOString(),
        schemaVersion: 1,
      },
    } as unknown as RecordedEvent
    const lookup = { slotStartAt: async () => start }
    const event = { type: 'BookingConfirmed', data: { bookingId: 'b-1' } } as unknown as BookingEvent
    const names = async (now: number) =>
      (
        await new BookingReminderPolicy({
          reminders: [{ kind: '24h', beforeMinutes: 1440 }],
          maxEventAgeMs: 2 * 86_400_000,
          clock: new ManualClock(now),
        }).jobsFor(recorded, event, lookup)
      ).map((op) => (op.op === 'cancel' ? 'cancel' : op.job.name))
    assert.deepEqual(await names(occurredAt + 60_000), [MESSAGE_JOB, REMINDER_JOB])
    assert.deepEqual(await names(occurredAt + 3 * 86_400_000), [REMINDER_JOB])
  })
})
