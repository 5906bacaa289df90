import assert from 'node:assert/strict'
import { ManualClock } from '../../../application/leases/clock.js'
import {
  overdueJobId,
  WorkOrderNotificationPolicy,
  workOrderMessageJobId,
} from '../../../application/notifications/workOrderNotificationPolicy.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import type { WorkOrderEvent } from '../../../domain/work-order/events.js'

const AT = Date.parse('2026-11-26T08:00:00.000Z')

const recorded = (eventId: string, occurredAt = AT): RecordedEvent =>
  ({
    streamId: 'workorder-wo-1',
    revision: 3,
    position: 10,
    type: 'x',
    data: {},
    metadata: {
      eventId,
      correlationId: 'c-1',
      causationId: null,
      actor: { id: 'system', role: 'system' },
      occurredAt: new Date(occurredAt).toISOString(),
      schemaVersion: 1,
    },
  }) as unknown as RecordedEvent

const event = (type: string, data: Record<string, unknown>) =>
  ({ type, data: { workOrderId: 'wo-1', at: new Date(AT).toISOString(), ...data } }) as unknown as WorkOrderEvent

describe('work-order notification policy', () => {
  const clock = new ManualClock(AT + 60_000)
  const policy = new WorkOrderNotificationPolicy({ clock, ratingDelayMs: 3600_000 })

  it('places the overdue alert at the promised time, moves it with the promise, removes it when the order is ready', () => {
    const promised = '2026-11-26T15:00:00.000Z'
    const [placed] = policy.jobsFor(recorded('e-1'), event('PromisedDateSet', { promisedAt: promised, reason: null }))
    assert.equal(placed?.op, 'reschedule')
    assert.equal(placed?.op === 'reschedule' && placed.job.id, overdueJobId('wo-1'))
    assert.equal(placed?.op === 'reschedule' && placed.job.runAt, Date.parse(promised))
    assert.deepEqual(policy.jobsFor(recorded('e-2'), event('PromisedDateSet', { promisedAt: null, reason: 'x' })), [
      { op: 'cancel', id: overdueJobId('wo-1') },
    ])
    const ready = policy.jobsFor(recorded('e-3'), event('WorkOrderReady', { summary: null }))
    assert.deepEqual(
      ready.map((op) => (op.op === 'cancel' ? ['cancel', op.id] : [op.op, op.job.id])),
      [
        ['schedule', workOrderMessageJobId('e-3')],
        ['cancel', overdueJobId('wo-1')],
      ],
    )
  })

  it('one message per event, id from the event; an estimate handed over in person sends nothing', () => {
    const sent = (channel: string) =>
      event('EstimateSent', { sentTo: { channel, address: channel === 'email' ? 'a@b.example' : null } })
    const [job] = policy.jobsFor(recorded('e-4'), sent('email'))
    assert.equal(job?.op === 'schedule' && job.job.id, 'womsg-e-4')
    assert.equal(job?.op === 'schedule' && job.job.payload.kind, 'estimate_ready')
    assert.deepEqual(policy.jobsFor(recorded('e-5'), sent('in_person')), [])
    const [rating] = policy.jobsFor(recorded('e-6'), event('WorkOrderHandedOver', {}))
    assert.equal(rating?.op === 'schedule' && rating.job.id, 'worate-e-6')
    assert.equal(rating?.op === 'schedule' && rating.job.runAt, AT + 3600_000)
  })

  it('writes to nobody about events older than two days (a worker started on an old log)', () => {
    const old = AT - 3 * 24 * 3600_000
    assert.deepEqual(policy.jobsFor(recorded('e-7', old), event('RepairStarted', {})), [])
    assert.deepEqual(policy.jobsFor(recorded('e-8', old), event('WorkOrderCancelled', { reason: 'x' })), [
      { op: 'cancel', id: overdueJobId('wo-1') },
    ])
  })

  it("a point's own status (CustomStatusEntered) gets one status message, id from the event", () => {
    const ops = policy.jobsFor(
      recorded('e-cs'),
      event('CustomStatusEntered', {
        code: 'waiting_for_parts',
        label: 'Czeka na części',
        phase: 'repair',
        note: null,
      }),
    )
    assert.equal(policy.handles('CustomStatusEntered'), true)
    assert.equal(policy.handles('CustomStatusLeft'), false)
    assert.equal(ops.length, 1)
    const [op] = ops
    assert.ok(op?.op === 'schedule')
    assert.equal(op.job.id, workOrderMessageJobId('e-cs'))
    assert.equal(op.job.payload.kind, 'workorder_custom_status')
    assert.equal(op.job.payload.eventId, 'e-cs')
  })
})
