import assert from 'node:assert/strict'
import { ManualClock } from '../../../application/leases/clock.js'
import { WorkOrderNotificationPolicy } from '../../../application/notifications/workOrderNotificationPolicy.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import type { WorkOrderEvent } from '../../../domain/work-order/events.js'
import { ConfigError } from '../../../infrastructure/config.js'
import { loadNotificationConfig } from '../../../infrastructure/notify/notificationConfig.js'

const HOUR = 3600_000
const AT = Date.parse('2026-11-26T08:00:00.000Z')

const readyEvent = (occurredAt: number) => ({
  recorded: {
    streamId: 'workorder-wo-1',
    revision: 3,
    position: 10,
    type: 'WorkOrderReady',
    data: {},
    metadata: {
      eventId: `e-${occurredAt}`,
      correlationId: 'c-1',
      causationId: null,
      actor: { id: 'system', role: 'system' },
      occurredAt: new Date(occurredAt).toISOString(),
      schemaVersion: 1,
    },
  } as unknown as RecordedEvent,
  event: { type: 'WorkOrderReady', data: { workOrderId: 'wo-1', summary: null } } as unknown as WorkOrderEvent,
})

describe('notification settings: how old an event may be and still get a message (NOTIFY_MAX_EVENT_AGE)', () => {
  it('is two days unless set', () => {
    assert.equal(loadNotificationConfig({}).maxEventAgeMs, 48 * HOUR)
    assert.equal(loadNotificationConfig({ NOTIFY_MAX_EVENT_AGE: ' ' }).maxEventAgeMs, 48 * HOUR)
  })

  it('reads minutes, hours and days', () => {
    assert.equal(loadNotificationConfig({ NOTIFY_MAX_EVENT_AGE: '90m' }).maxEventAgeMs, 90 * 60_000)
    assert.equal(loadNotificationConfig({ NOTIFY_MAX_EVENT_AGE: '12h' }).maxEventAgeMs, 12 * HOUR)
    assert.equal(loadNotificationConfig({ NOTIFY_MAX_EVENT_AGE: '7d' }).maxEventAgeMs, 7 * 24 * HOUR)
  })

  it('refuses what is not a duration, or zero, naming the setting', () => {
    for (const bad of ['2 days', '-1h', '0m', 'soon'])
      assert.throws(
        () => loadNotificationConfig({ NOTIFY_MAX_EVENT_AGE: bad }),
        (error: unknown) => error instanceof ConfigError && error.message.startsWith('NOTIFY_MAX_EVENT_AGE: '),
        bad,
      )
  })

  it('decides which events still get a message', () => {
    const clock = new ManualClock(AT)
    const { maxEventAgeMs } = loadNotificationConfig({ NOTIFY_MAX_EVENT_AGE: '12h' })
    const policy = new WorkOrderNotificationPolicy({ clock, ...(maxEventAgeMs ? { maxEventAgeMs } : {}) })
    const jobs = (age: number) => {
      const { recorded, event } = readyEvent(AT - age)
      return policy.jobsFor(recorded, event).filter((op) => op.op === 'schedule').length
    }
    assert.equal(jobs(11 * HOUR), 1, '11 h old: told')
    assert.equal(jobs(13 * HOUR), 0, '13 h old: the past, not told')
    const byDefault = new WorkOrderNotificationPolicy({
      clock,
      maxEventAgeMs: loadNotificationConfig({}).maxEventAgeMs,
    })
    const { recorded, event } = readyEvent(AT - 13 * HOUR)
    assert.equal(byDefault.jobsFor(recorded, event).filter((op) => op.op === 'schedule').length, 1, 'within 2 days')
  })
})
