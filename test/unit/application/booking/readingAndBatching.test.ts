// The application's reading helpers (cached stream states, the point directory) and batched decisions.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { handleCommand } from '../../../../application/commands/handleCommand.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { Collection, Document } from '../../../../application/ports/documentStore.js'
import type { EventStore, ReadStreamOptions } from '../../../../application/ports/eventStore.js'
import { ReadModelNotReady } from '../../../../application/readModels/readModels.js'
import { batchDecider } from '../../../../application/serviceNetwork/batchDecider.js'
import { ReadModelPointDirectory } from '../../../../application/serviceNetwork/pointDirectory.js'
import { deciderFold, StreamStateCache } from '../../../../application/serviceNetwork/streamStateCache.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../../infrastructure/event-store/memory/memoryEventStore.js'
import { counterDecider, counterEvents } from '../../../support/counterDecider.js'

const catalogue = new EventCatalogue(counterEvents)
const context = {
  actor: { id: 'u1', role: 'head_office' as const },
  correlationId: 'r',
  causationId: null,
  now: '2026-11-26T08:00:00.000Z',
}
const run = (store: EventStore, command: Parameters<typeof counterDecider.decide>[0], streamId = 'counter-1') =>
  handleCommand({ store, catalogue, decider: counterDecider, streamId, command, context })

/** Counts the revisions each readStream starts from. */
function countingStore(store: EventStore) {
  const reads: Array<number | undefined> = []
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'readStream')
        return (id: string, options?: ReadStreamOptions) => {
          reads.push(options?.fromRevision)
          return target.readStream(id, options)
        }
      return Reflect.get(target, key, receiver)
    },
  })
  return { store: wrapped, reads }
}

describe('StreamStateCache', () => {
  it('folds once, then reads only what was appended since', async () => {
    const memory = new MemoryEventStore()
    const { store, reads } = countingStore(memory)
    const cache = new StreamStateCache(store, catalogue, deciderFold(counterDecider))
    assert.deepEqual(await cache.load('counter-1'), { state: counterDecider.initialState, revision: -1 })
    await run(memory, { kind: 'open', name: 'x' })
    await run(memory, { kind: 'increment', by: 2 })
    assert.equal((await cache.load('counter-1')).state.value, 2)
    await run(memory, { kind: 'increment', by: 3 })
    const loaded = await cache.load('counter-1')
    assert.deepEqual([loaded.state.value, loaded.revision], [5, 2])
    assert.deepEqual(reads, [0, 0, 2])
  })

  it('forgets the least recently used streams beyond its size and reads them again from the start', async () => {
    const memory = new MemoryEventStore()
    const { store, reads } = countingStore(memory)
    for (const id of ['counter-a', 'counter-b', 'counter-c']) await run(memory, { kind: 'open', name: id }, id)
    const cache = new StreamStateCache(store, catalogue, deciderFold(counterDecider), 2)
    await cache.loadMany(['counter-a', 'counter-b'])
    await cache.load('counter-a') // a is now the most recent
    await cache.load('counter-c') // evicts b
    reads.length = 0
    await cache.load('counter-a')
    await cache.load('counter-b')
    assert.deepEqual(reads, [1, 0])
  })
})

describe('batchDecider', () => {
  it('decides each command on the state the previous ones left, and appends all together', async () => {
    const store = new MemoryEventStore()
    const result = await handleCommand({
      store,
      catalogue,
      decider: batchDecider(counterDecider),
      streamId: 'counter-1',
      command: [
        { kind: 'open', name: 'x' },
        { kind: 'increment', by: 1 },
        { kind: 'increment', by: 4 },
      ],
      context,
    })
    assert.ok(isRight(result))
    assert.equal(result.right.events.length, 3)
  })

  it('refuses the whole batch when one command is refused, naming it', async () => {
    const decided = batchDecider(counterDecider).decide(
      [
        { kind: 'open', name: 'x' },
        { kind: 'increment', by: -1 },
      ],
      counterDecider.initialState,
    )
    assert.ok(isLeft(decided))
    assert.equal(decided.left.code, 'BAD_INCREMENT')
    assert.match(decided.left.message, /^item 1: /)
    assert.deepEqual(decided.left.fields, [{ path: '[1].by', message: 'must be > 0' }])
  })
})

describe('ReadModelPointDirectory', () => {
  function source(docs: Document[]) {
    const documents = new MemoryDocumentStore()
    let loads = 0
    let ready = true
    const collection = documents.collection('points')
    return {
      insert: (doc: Document) => collection.insertOne(doc),
      setReady: (r: boolean) => {
        ready = r
      },
      loads: () => loads,
      ready: async () => {
        for (const d of docs) await collection.insertOne(d)
      },
      readModels: {
        async collection<T extends Document>(projection: string, logical: string): Promise<Collection<T>> {
          if (!ready) throw new ReadModelNotReady(projection, logical)
          if (logical === 'points') loads++
          return documents.collection<T>(logical)
        },
      },
    }
  }
  const point = (id: string, extra: object = {}) => ({
    _id: id,
    name: `Point ${id}`,
    geo: { lat: 52, lon: 21 },
    capabilities: { features: ['passenger'], rimMaxInches: 19 },
    active: true,
    ...extra,
  })

  it('keeps the list for its time, then answers from it once more while the fresh one loads', async () => {
    const s = source([point('a')])
    await s.ready()
    let now = 0
    const directory = new ReadModelPointDirectory(s.readModels, 1000, () => now)
    assert.equal((await directory.points()).length, 1)
    await s.insert(point('b'))
    now = 500
    assert.equal((await directory.points()).length, 1, 'within its time')
    now = 1500
    assert.equal((await directory.points()).length, 1, 'stale once, while reloading')
    assert.equal((await directory.points()).length, 2)
    assert.equal(s.loads(), 2)
  })

  it('maps the projected capabilities (rimMaxInches, or rimInches) and skips points without a position', async () => {
    const s = source([
      point('a'),
      point('b', { capabilities: { features: ['truck'], rimInches: 24 } }),
      point('c', { geo: {} }),
    ])
    await s.ready()
    const points = await new ReadModelPointDirectory(s.readModels, 0).points()
    assert.deepEqual(
      points.map((p) => [p.pointId, p.capabilities]),
      [
        ['a', { features: ['passenger'], rimMaxInches: 19 }],
        ['b', { features: ['truck'], rimMaxInches: 24 }],
      ],
    )
  })

  it('a read model not built yet: the point list fails (and is not cached), the last visit is simply unknown', async () => {
    const s = source([point('a')])
    await s.ready()
    s.setReady(false)
    const directory = new ReadModelPointDirectory(s.readModels, 10_000)
    await assert.rejects(directory.points(), ReadModelNotReady)
    assert.equal(await directory.lastPointOf('WA12345'), null)
    s.setReady(true)
    assert.equal((await directory.points()).length, 1)
  })
})
