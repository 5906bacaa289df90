// Bad data from the node: events in the application's streams that it cannot have written (another
// writer, a tool, tampering), planted in the stand-in's log as raw bytes and read back through the
// real client, whose own conversion decides what the adapter sees (binary data stays bytes,
// metadata that is not JSON stays bytes). Every read path must stop with MalformedStoredEvent
// naming the stream and revision, never skip the event: a read model that silently missed one
// would be wrong without anyone noticing.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { EsdbEventStore } from '../../../infrastructure/event-store/esdb/esdbEventStore.js'
import { MalformedStoredEvent } from '../../../infrastructure/event-store/esdb/eventSerialisation.js'
import { collect, newEvents, takeFromSubscription, uniqueStream } from '../../contract/eventStore/eventFixtures.js'
import { EsdbStandIn } from '../../support/esdbStandIn/esdbStandIn.js'
import type { ProposedEvent } from '../../support/esdbStandIn/transactionLog.js'

const json = (value: unknown) => Buffer.from(JSON.stringify(value))

const FOREIGN: ReadonlyArray<{
  readonly what: string
  readonly event: Omit<ProposedEvent, 'id'>
  readonly says: RegExp
}> = [
  {
    what: 'binary data',
    event: {
      type: 'Blob',
      contentType: 'application/octet-stream',
      data: Buffer.from([1, 2, 3]),
      customMetadata: json({}),
    },
    says: /data is not JSON/,
  },
  {
    what: 'metadata that is not JSON',
    event: {
      type: 'Odd',
      contentType: 'application/json',
      data: json({ n: 1 }),
      customMetadata: Buffer.from('not json'),
    },
    says: /metadata is not JSON/,
  },
  {
    what: 'no metadata at all',
    event: { type: 'Bare', contentType: 'application/json', data: json({ n: 1 }), customMetadata: new Uint8Array() },
    says: /metadata is missing/,
  },
  {
    what: 'metadata without the hash chain',
    event: {
      type: 'Unchained',
      contentType: 'application/json',
      data: json({ n: 1 }),
      customMetadata: json({ eventId: randomUUID(), correlationId: 'c', causationId: null }),
    },
    says: /metadata\.prevHash: expected Sha256, got undefined; metadata\.hash: expected Sha256/,
  },
]

describe('EventStoreDB adapter reading events it cannot have written (stand-in)', () => {
  let node: EsdbStandIn
  let store: EsdbEventStore

  before(async () => {
    node = await EsdbStandIn.start()
    store = new EsdbEventStore(node.url)
  })

  after(async () => {
    await store?.close()
    await node?.stop()
  })

  for (const { what, event, says } of FOREIGN) {
    it(`${what}: MalformedStoredEvent on every read path, and appends to that stream stop too`, async () => {
      const s = uniqueStream('foreign')
      const start = await store.headPosition()
      await store.appendToStream(s, newEvents(1), { expectedRevision: 'no_stream' })
      node.log.writeRaw(s, [{ ...event, id: randomUUID() }])

      const fromStream = await collect(store.readStream(s)).catch((e: unknown) => e)
      assert.ok(fromStream instanceof MalformedStoredEvent, String(fromStream))
      assert.equal(fromStream.streamId, s)
      assert.equal(fromStream.revision, 1)
      assert.match(fromStream.message, says)
      await assert.rejects(collect(store.readAll({ fromPosition: start })), MalformedStoredEvent)
      await assert.rejects(store.appendToStream(s, newEvents(1), { expectedRevision: 'any' }), MalformedStoredEvent)
      await assert.rejects(
        takeFromSubscription(store, {
          fromPosition: start,
          count: 2,
          accept: (e) => e.streamId === s,
          timeoutMs: 2_000,
        }),
        MalformedStoredEvent,
      )
    })
  }
})
