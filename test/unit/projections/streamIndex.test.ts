import assert from 'node:assert/strict'
import { ManualClock } from '../../../application/leases/clock.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import {
  type StreamIndexEntry,
  streamCategory,
  streamIndexProjection,
} from '../../../projections/streamIndex/streamIndexProjection.js'
import { CLERK, newEvent } from './support/testEvents.js'

describe('streamIndex projection', () => {
  it('takes the category from the stream id up to the first dash', () => {
    assert.equal(streamCategory('workorder-7f3a'), 'workorder')
    assert.equal(streamCategory('schedule-p1-2025-03-01'), 'schedule')
    assert.equal(streamCategory('standalone'), 'standalone')
  })

  it('keeps one entry per stream: count, last revision, first/last occurredAt, last type, actors once each', async () => {
    const events = new MemoryEventStore()
    const documents = new MemoryDocumentStore()
    const manager = { id: 'mgr-2', role: 'service_point_manager' as const }
    await events.appendToStream(
      'workorder-1',
      [
        newEvent('WorkOrderOpened', {}, CLERK, '2025-03-01T08:00:00.000Z'),
        newEvent('WorkOrderLineAdded', {}, CLERK, '2025-03-01T08:05:00.000Z'),
      ],
      { expectedRevision: 'no_stream' },
    )
    await events.appendToStream(
      'schedule-p1-2025-03-01',
      [newEvent('SlotBooked', {}, manager, '2025-03-01T07:00:00.000Z')],
      {
        expectedRevision: 'no_stream',
      },
    )
    await events.appendToStream('workorder-1', [newEvent('WorkOrderClosed', {}, manager, '2025-03-01T09:30:00.000Z')], {
      expectedRevision: 1,
    })
    await rebuildProjection({ projection: streamIndexProjection, events, documents, clock: new ManualClock() })

    const streams = await new ReadModels(documents).collection<StreamIndexEntry>('streamIndex', 'streams')
    assert.deepEqual(await streams.findOne({ _id: 'workorder-1' }), {
      _id: 'workorder-1',
      category: 'workorder',
      eventCount: 3,
      lastRevision: 2,
      lastPosition: 4,
      firstOccurredAt: '2025-03-01T08:00:00.000Z',
      lastOccurredAt: '2025-03-01T09:30:00.000Z',
      lastEventType: 'WorkOrderClosed',
      actors: [CLERK, manager],
    })
    assert.deepEqual(await streams.findOne({ _id: 'schedule-p1-2025-03-01' }), {
      _id: 'schedule-p1-2025-03-01',
      category: 'schedule',
      eventCount: 1,
      lastRevision: 0,
      lastPosition: 3,
      firstOccurredAt: '2025-03-01T07:00:00.000Z',
      lastOccurredAt: '2025-03-01T07:00:00.000Z',
      lastEventType: 'SlotBooked',
      actors: [manager],
    })
    const workOrders = await streams.find({ category: 'workorder' }, { sort: { lastOccurredAt: -1 } })
    assert.deepEqual(
      workOrders.map((s) => s._id),
      ['workorder-1'],
    )
  })
})
