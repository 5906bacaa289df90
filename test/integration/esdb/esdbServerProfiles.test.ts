// The adapter against a node that behaves like an older or differently configured server: no
// BatchAppend (the client falls back to Streams.Append) and no position on idempotent appends
// (the adapter must look the original write up). The full contract suite runs against the
// current-server profile (test/contract/eventStore.esdbStandIn.test.ts); these are the cases where
// the other profile takes a different path through the client or the adapter.
import assert from 'node:assert/strict'
import { type AppendResult, WrongExpectedRevision } from '../../../application/ports/eventStore.js'
import { EsdbEventStore } from '../../../infrastructure/event-store/esdb/esdbEventStore.js'
import { collect, newEvents, uniqueStream } from '../../contract/eventStore/eventFixtures.js'
import { EsdbStandIn } from '../../support/esdbStandIn/esdbStandIn.js'

describe('EventStoreDB adapter against an older server profile (Append, no idempotent positions)', () => {
  let node: EsdbStandIn
  const stores: EsdbEventStore[] = []
  const open = () => {
    const store = new EsdbEventStore(node.url)
    stores.push(store)
    return store
  }

  before(async () => {
    // A node slow to decide appends, so racing writers all read the stream before any write lands.
    node = await EsdbStandIn.start({ batchAppend: false, positionOnIdempotentAppend: false, appendLatencyMs: 150 })
  })

  after(async () => {
    for (const store of stores) await store.close()
    await node?.stop()
  })

  it('appends over Streams.Append and reports conflicts with the actual revision', async () => {
    const store = open()
    const s = uniqueStream('legacy')
    const before = node.calls.appends
    await store.appendToStream(s, newEvents(2), { expectedRevision: 'no_stream' })
    assert.equal(node.calls.appends - before, 1)
    assert.equal(node.calls.batches, 0)
    const conflict = await store.appendToStream(s, newEvents(1), { expectedRevision: 0 }).catch((e: unknown) => e)
    assert.ok(conflict instanceof WrongExpectedRevision)
    assert.equal(conflict.actual, 1)
  })

  it('duplicates racing from separate clients: the node answers the late ones as retries without a position, and the adapter finds it', async () => {
    const s = uniqueStream('racing')
    const batch = newEvents(3)
    const writers = Array.from({ length: 6 }, open)
    const idempotentBefore = node.calls.idempotentAppends
    const results: AppendResult[] = await Promise.all(
      writers.map((w) => w.appendToStream(s, batch, { expectedRevision: 'no_stream' })),
    )
    for (const r of results) assert.deepEqual(r, results[0])
    const stream = await collect(open().readStream(s))
    assert.equal(stream.length, 3)
    assert.equal(results[0]?.position, stream[2]?.position)
    // Every writer read the stream empty before any write landed, so the node saw the duplicates.
    assert.equal(node.calls.idempotentAppends - idempotentBefore, 5, 'the server-side duplicate path was taken')
  })
})
