import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { handleCommand, loadState } from '../../../application/commands/handleCommand.js'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import type { EventStore } from '../../../application/ports/eventStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { type CounterCommand, counterDecider, counterEvents } from '../../support/counterDecider.js'

const catalogue = new EventCatalogue(counterEvents)
const context = (extra: object = {}) => ({
  actor: { id: 'u1', role: 'head_office' as const },
  correlationId: 'req-1',
  causationId: null,
  now: '2026-11-26T07:30:00.000Z',
  ...extra,
})
const run = (store: EventStore, command: CounterCommand, ctx = context()) =>
  handleCommand({ store, catalogue, decider: counterDecider, streamId: 'counter-1', command, context: ctx })

const readAll = async (store: EventStore) => {
  const out = []
  for await (const e of store.readAll()) out.push(e)
  return out
}

describe('handleCommand', () => {
  it('given nothing, when open, then CounterOpened with metadata from the context', async () => {
    const store = new MemoryEventStore()
    const result = await run(store, { kind: 'open', name: 'bay 1' })
    assert.ok(isRight(result))
    assert.deepEqual(result.right.events, [{ type: 'CounterOpened', data: { name: 'bay 1' } }])
    const [stored] = await readAll(store)
    assert.equal(stored?.metadata.actor.id, 'u1')
    assert.equal(stored?.metadata.correlationId, 'req-1')
    assert.equal(stored?.metadata.occurredAt, '2026-11-26T07:30:00.000Z')
    assert.equal(stored?.metadata.schemaVersion, 1)
  })

  it('a domain error is returned as a value and nothing is written', async () => {
    const store = new MemoryEventStore()
    const result = await run(store, { kind: 'increment', by: 1 })
    assert.ok(isLeft(result))
    assert.equal(result.left.code, 'COUNTER_NOT_FOUND')
    assert.equal((await readAll(store)).length, 0)
  })

  it('concurrent commands on one stream all succeed by re-deciding after a conflict', async () => {
    const store = new MemoryEventStore()
    await run(store, { kind: 'open', name: 'x' })
    const results = await Promise.all(Array.from({ length: 4 }, () => run(store, { kind: 'increment', by: 1 })))
    assert.ok(results.every(isRight))
    const { state, revision } = await loadState(store, catalogue, counterDecider, 'counter-1')
    assert.equal(state.value, 4)
    assert.equal(revision, 4)
  })

  it('gives up with a typed conflict after the bounded number of retries', async () => {
    const store = new MemoryEventStore()
    await run(store, { kind: 'open', name: 'x' })
    // A store whose appends always lose the race.
    const racing: EventStore = Object.create(store)
    racing.appendToStream = async (streamId, events, options) => {
      await store.appendToStream(
        streamId,
        [{ ...events[0]!, metadata: { ...events[0]!.metadata, eventId: crypto.randomUUID() } }],
        { expectedRevision: 'any' },
      )
      return store.appendToStream(streamId, events, options)
    }
    const result = await handleCommand({
      store: racing,
      catalogue,
      decider: counterDecider,
      streamId: 'counter-1',
      command: { kind: 'increment', by: 1 },
      context: context(),
      maxRetries: 2,
    })
    assert.ok(isLeft(result))
    assert.equal(result.left.code, 'CONFLICT_RETRIES_EXHAUSTED')
    assert.equal(result.left.kind, 'conflict')
  })

  it('a retried command with the same command id is applied once and answers as the first time', async () => {
    const store = new MemoryEventStore()
    await run(store, { kind: 'open', name: 'x' })
    const ctx = context({ commandId: 'idem-42' })
    const first = await run(store, { kind: 'increment', by: 5 }, ctx)
    const again = await run(store, { kind: 'increment', by: 5 }, ctx)
    assert.ok(isRight(first) && isRight(again))
    assert.deepEqual(again.right, first.right)
    const { state } = await loadState(store, catalogue, counterDecider, 'counter-1')
    assert.equal(state.value, 5)
  })

  it('loads state as of a revision or a moment (for audits)', async () => {
    const store = new MemoryEventStore()
    await run(store, { kind: 'open', name: 'x' })
    await run(store, { kind: 'increment', by: 2 }, context({ now: '2026-11-26T08:00:00.000Z' }))
    await run(store, { kind: 'increment', by: 3 }, context({ now: '2026-11-26T09:00:00.000Z' }))
    const asOfRevision = await loadState(store, catalogue, counterDecider, 'counter-1', { revision: 1 })
    assert.equal(asOfRevision.state.value, 2)
    const asOfTime = await loadState(store, catalogue, counterDecider, 'counter-1', {
      occurredAt: '2026-11-26T08:30:00.000Z',
    })
    assert.equal(asOfTime.state.value, 2)
  })
})
