import assert from 'node:assert/strict'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { eventBatches } from '../../../projections/eventBatches.js'
import { newEvent } from './support/testEvents.js'

describe('eventBatches', () => {
  it('hands over full batches while events are ready, then the rest when the subscription goes idle', async () => {
    const store = new MemoryEventStore()
    for (let i = 0; i < 23; i++)
      await store.appendToStream(`s-${i % 4}`, [newEvent('E', { i })], { expectedRevision: 'any' })
    const controller = new AbortController()
    const sizes: number[] = []
    const positions: number[] = []
    for await (const batch of eventBatches(store.subscribeToAll({ signal: controller.signal }), {
      maxEvents: 10,
      idleMs: 5,
    })) {
      sizes.push(batch.length)
      positions.push(...batch.map((e: RecordedEvent) => e.position))
      if (positions.length === 23) controller.abort()
    }
    assert.deepEqual(sizes, [10, 10, 3])
    assert.deepEqual(
      positions,
      Array.from({ length: 23 }, (_, i) => i + 1),
    )
  })

  it('commits a live event promptly instead of waiting for a full batch', async () => {
    const store = new MemoryEventStore()
    const controller = new AbortController()
    const batches = eventBatches(store.subscribeToAll({ signal: controller.signal }), { maxEvents: 500, idleMs: 5 })
    const first = batches.next()
    await store.appendToStream('s-1', [newEvent('E', {})], { expectedRevision: 'any' })
    const started = Date.now()
    const got = await first
    assert.equal(got.done, false)
    assert.equal(got.value?.length, 1)
    assert.ok(Date.now() - started < 1000)
    controller.abort()
    assert.equal((await batches.next()).done, true)
  })

  it('ends when the subscription is aborted while idle', async () => {
    const store = new MemoryEventStore()
    const controller = new AbortController()
    const batches = eventBatches(store.subscribeToAll({ signal: controller.signal }), { maxEvents: 5, idleMs: 5 })
    const next = batches.next()
    setTimeout(() => controller.abort(), 10)
    assert.equal((await next).done, true)
  })
})
