// The EventStoreDB stand-in (a test tool) checked against the server behaviour it claims to
// reproduce, through the raw @eventstore/db-client rather than the adapter: if the stand-in drifted
// from EventStoreDB's semantics, the adapter's tests against it would prove less than they say.
// Each expectation here is the server's documented or source-visible behaviour (see the stand-in's
// README); what a real node alone can confirm is listed in docs/operations.md.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import {
  type AllStreamResolvedEvent,
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import { sleep, uniqueStream } from '../../contract/eventStore/eventFixtures.js'
import { EsdbStandIn } from '../../support/esdbStandIn/esdbStandIn.js'

const event = (n = 0, id: string = randomUUID()) =>
  jsonEvent({ id, type: 'Counted', data: { n }, metadata: { by: 't' } })
const events = (count: number) => Array.from({ length: count }, (_, n) => event(n))

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  return assert.fail('expected a rejection')
}

async function drain<E>(read: AsyncIterable<E>): Promise<E[]> {
  const out: E[] = []
  for await (const e of read) out.push(e)
  return out
}

function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): Position {
  const position = resolved.event?.position
  assert.ok(position, 'the event carries its $all position')
  return position
}

for (const batchAppend of [true, false]) {
  const rpc = batchAppend ? 'BatchAppend' : 'Append'

  describe(`EventStoreDB stand-in: appends over ${rpc}, as the server decides them`, () => {
    let node: EsdbStandIn
    let client: EventStoreDBClient

    before(async () => {
      node = await EsdbStandIn.start({ batchAppend })
      client = EventStoreDBClient.connectionString(node.url)
    })

    after(async () => {
      await client?.dispose()
      await node?.stop()
    })

    it(`the client appends through ${rpc} because the node ${batchAppend ? 'lists' : 'does not list'} BatchAppend`, async () => {
      const before = { ...node.calls }
      await client.appendToStream(uniqueStream('rpc'), events(2))
      assert.equal(node.calls.batches - before.batches, batchAppend ? 1 : 0)
      assert.equal(node.calls.appends - before.appends, batchAppend ? 0 : 1)
    })

    it('wrong expected version carries the current revision (or no stream) for every kind of expectation', async () => {
      const s = uniqueStream('wev')
      const missing = await rejection(client.appendToStream(s, event(), { expectedRevision: STREAM_EXISTS }))
      assert.ok(missing instanceof WrongExpectedVersionError)
      assert.equal(missing.actualVersion, NO_STREAM)
      assert.equal(missing.expectedVersion, STREAM_EXISTS)
      const exactOnMissing = await rejection(client.appendToStream(s, event(), { expectedRevision: 0n }))
      assert.ok(exactOnMissing instanceof WrongExpectedVersionError)
      assert.equal(exactOnMissing.actualVersion, NO_STREAM)
      const written = await client.appendToStream(s, events(3), { expectedRevision: NO_STREAM })
      assert.equal(written.nextExpectedRevision, 2n)
      for (const expectedRevision of [NO_STREAM, 0n, 1n, 3n, 9n] as const) {
        const error = await rejection(client.appendToStream(s, event(), { expectedRevision }))
        assert.ok(error instanceof WrongExpectedVersionError, String(expectedRevision))
        assert.equal(error.actualVersion, 2n)
        assert.equal(error.expectedVersion, expectedRevision)
      }
      assert.equal(
        (await client.appendToStream(s, event(), { expectedRevision: STREAM_EXISTS })).nextExpectedRevision,
        3n,
      )
      assert.equal((await client.appendToStream(s, event(), { expectedRevision: ANY })).nextExpectedRevision, 4n)
      assert.equal((await client.appendToStream(s, event(), { expectedRevision: 4n })).nextExpectedRevision, 5n)
    })

    it('an exact-revision retry (the same ids right after the expectation) is idempotent and names the original write', async () => {
      const s = uniqueStream('idem')
      const batch = events(3)
      const first = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM })
      await client.appendToStream(s, events(2), { expectedRevision: 2n })
      const again = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM })
      assert.deepEqual(again, first)
      // Ids are GUIDs to the server: case does not matter.
      const upper = batch.map((e) => ({ ...e, id: e.id.toUpperCase() }))
      assert.deepEqual(await client.appendToStream(s, upper, { expectedRevision: NO_STREAM }), first)
      assert.equal((await drain(client.readStream(s))).length, 5)
    })

    it('a partial or shifted retry is a wrong expected version, and writes nothing', async () => {
      const s = uniqueStream('partial')
      const batch = events(2)
      await client.appendToStream(s, batch, { expectedRevision: NO_STREAM })
      const [a, b] = batch as [ReturnType<typeof event>, ReturnType<typeof event>]
      for (const [attempt, expectedRevision] of [
        [[a, event()], NO_STREAM],
        [[b, a], NO_STREAM],
        [[b], NO_STREAM],
        [[a, b, event()], NO_STREAM],
      ] as const) {
        const error = await rejection(client.appendToStream(s, [...attempt], { expectedRevision }))
        assert.ok(error instanceof WrongExpectedVersionError)
        assert.equal(error.actualVersion, 1n)
      }
      assert.equal((await drain(client.readStream(s))).length, 2)
    })

    it("'any' recognises a retry through its cache of recent event ids, wherever they landed", async () => {
      const s = uniqueStream('anyretry')
      const batch = events(2)
      const first = await client.appendToStream(s, batch, { expectedRevision: ANY })
      await client.appendToStream(s, events(1), { expectedRevision: ANY })
      assert.deepEqual(await client.appendToStream(s, batch, { expectedRevision: ANY }), first)
      // A retry that starts with a known id and goes on with an unknown one is refused.
      const corrupted = await rejection(
        client.appendToStream(s, [batch[0] as never, event()], { expectedRevision: ANY }),
      )
      assert.ok(corrupted instanceof WrongExpectedVersionError)
      assert.equal((await drain(client.readStream(s))).length, 3)
    })

    it('refuses an append over the maximum append size, writing nothing', async () => {
      const small = await EsdbStandIn.start({ batchAppend, maxAppendSize: 1_000 })
      const c = EventStoreDBClient.connectionString(small.url)
      try {
        const s = uniqueStream('toobig')
        const error = await rejection(
          c.appendToStream(s, jsonEvent({ type: 'Big', data: { text: 'x'.repeat(2_000) } })),
        )
        assert.ok(error instanceof MaxAppendSizeExceededError, String(error))
        assert.equal(error.maxAppendSize, 1_000)
        assert.ok((await rejection(drain(c.readStream(s)))) instanceof StreamNotFoundError)
      } finally {
        await c.dispose()
        await small.stop()
      }
    })
  })
}

describe('EventStoreDB stand-in: idempotency as older and smaller servers do it', () => {
  it('servers that report no position for an idempotent write answer the retry with no_position', async () => {
    const node = await EsdbStandIn.start({ positionOnIdempotentAppend: false })
    const client = EventStoreDBClient.connectionString(node.url)
    try {
      const s = uniqueStream('nopos')
      const batch = events(2)
      const first = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM })
      assert.ok(first.position)
      const again = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM })
      assert.equal(again.nextExpectedRevision, first.nextExpectedRevision)
      assert.equal(again.position, undefined)
    } finally {
      await client.dispose()
      await node.stop()
    }
  })

  it("the 'any' duplicate check is best effort: once an id has left the server's cache, a retry is written again", async () => {
    const node = await EsdbStandIn.start({ idempotencyCacheSize: 4 })
    const client = EventStoreDBClient.connectionString(node.url)
    try {
      const s = uniqueStream('evicted')
      const batch = events(2)
      await client.appendToStream(s, batch, { expectedRevision: ANY })
      await client.appendToStream(uniqueStream('other'), events(5), { expectedRevision: ANY })
      await client.appendToStream(s, batch, { expectedRevision: ANY })
      assert.equal((await drain(client.readStream(s))).length, 4, 'written twice: why the adapter checks ids itself')
    } finally {
      await client.dispose()
      await node.stop()
    }
  })
})

describe('EventStoreDB stand-in: reads, $all and subscriptions', () => {
  let node: EsdbStandIn
  let client: EventStoreDBClient

  before(async () => {
    node = await EsdbStandIn.start({ statsEveryAppends: 2 })
    client = EventStoreDBClient.connectionString(node.url)
  })

  after(async () => {
    await client?.dispose()
    await node?.stop()
  })

  it('a stream never written is "not found", forwards and backwards', async () => {
    const s = uniqueStream('missing')
    for (const direction of [FORWARDS, BACKWARDS] as const) {
      const error = await rejection(drain(client.readStream(s, { direction })))
      assert.ok(error instanceof StreamNotFoundError)
      assert.equal(error.streamName, s)
    }
  })

  it('stream reads: inclusive from a revision either way, backwards clamped to the last event, counts', async () => {
    const s = uniqueStream('slices')
    await client.appendToStream(s, events(6), { expectedRevision: NO_STREAM })
    const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]) =>
      (await drain(client.readStream(s, options))).map((e) => Number(e.event?.revision))
    assert.deepEqual(await revisions({}), [0, 1, 2, 3, 4, 5])
    assert.deepEqual(await revisions({ fromRevision: 4n }), [4, 5])
    assert.deepEqual(await revisions({ fromRevision: 9n }), [])
    assert.deepEqual(await revisions({ direction: BACKWARDS, fromRevision: END }), [5, 4, 3, 2, 1, 0])
    assert.deepEqual(await revisions({ direction: BACKWARDS, fromRevision: 2n }), [2, 1, 0])
    assert.deepEqual(await revisions({ direction: BACKWARDS, fromRevision: 99n, maxCount: 2 }), [5, 4])
    assert.deepEqual(await revisions({ direction: BACKWARDS, fromRevision: START }), [0])
    assert.deepEqual(await revisions({ fromRevision: END }), [])
    assert.deepEqual(await revisions({ maxCount: 2 }), [0, 1])
  })

  it('recorded events come back as written, with the $all position (commit == prepare) on stream reads too', async () => {
    const s = uniqueStream('fields')
    const written = event(7)
    const before = Date.now()
    const result = await client.appendToStream(s, written, { expectedRevision: NO_STREAM })
    const [read] = await drain(client.readStream(s))
    const recorded = read?.event
    assert.ok(recorded?.isJson)
    assert.equal(recorded.id, written.id)
    assert.equal(recorded.type, 'Counted')
    assert.equal(recorded.streamId, s)
    assert.equal(recorded.revision, 0n)
    assert.deepEqual(recorded.data, { n: 7 })
    assert.deepEqual(recorded.metadata, { by: 't' })
    assert.ok(recorded.created.getTime() >= before - 1 && recorded.created.getTime() <= Date.now() + 1)
    assert.deepEqual(recorded.position, result.position)
    assert.equal(recorded.position?.commit, recorded.position?.prepare)
  })

  it("$all holds the server's own events between the application's, at strictly increasing byte positions", async () => {
    const s = uniqueStream('all')
    for (let i = 0; i < 4; i++) await client.appendToStream(s, events(2), { expectedRevision: ANY })
    const all = await drain(client.readAll())
    const positions = all.map((e) => positionOf(e).commit)
    for (let i = 1; i < positions.length; i++) assert.ok((positions[i] as bigint) > (positions[i - 1] as bigint))
    const types = new Set(all.map((e) => e.event?.type))
    assert.ok(types.has('$metadata') && types.has('$statsCollected'), [...types].join())
    assert.ok(all.every((e) => e.commitPosition === positionOf(e).commit))
    const backwards = await drain(client.readAll({ direction: BACKWARDS, fromPosition: END }))
    assert.deepEqual(
      backwards.map((e) => positionOf(e).commit),
      [...positions].reverse(),
    )
  })

  it('$all forwards from a position includes the event at it; backwards from it starts before it', async () => {
    const s = uniqueStream('window')
    await client.appendToStream(s, events(4), { expectedRevision: NO_STREAM })
    const mine = await drain(client.readStream(s))
    const third = positionOf(mine[2] as ResolvedEvent)
    const forwards = await drain(client.readAll({ fromPosition: third, maxCount: 2 }))
    assert.deepEqual(
      forwards.map((e) => e.event?.revision),
      [2n, 3n],
    )
    const backwards = await drain(client.readAll({ direction: BACKWARDS, fromPosition: third, maxCount: 1 }))
    assert.equal(backwards[0]?.event?.revision, 1n)
  })

  it('a subscription: confirmation, catch-up exclusive of its start, "caught up", then live, each event once', async () => {
    const s = uniqueStream('sub')
    await client.appendToStream(s, events(3), { expectedRevision: NO_STREAM })
    const [, second] = await drain(client.readStream(s))
    const subscription = client.subscribeToAll({ fromPosition: positionOf(second as ResolvedEvent) })
    const seen: string[] = []
    subscription.on('confirmation', () => seen.push('confirmation'))
    subscription.on('caughtUp', () => seen.push('caughtUp'))
    const revisions: bigint[] = []
    const done = (async () => {
      for await (const resolved of subscription) {
        if (resolved.event?.streamId !== s) continue
        seen.push(`event ${resolved.event.revision}`)
        revisions.push(resolved.event.revision)
        if (revisions.length === 3) return
      }
    })()
    await sleep(100)
    await client.appendToStream(s, events(2), { expectedRevision: 2n })
    await done
    await subscription.unsubscribe()
    assert.deepEqual(revisions, [2n, 3n, 4n])
    assert.deepEqual(seen.slice(0, 2), ['confirmation', 'event 2'])
    assert.ok(seen.indexOf('caughtUp') > seen.indexOf('event 2') && seen.indexOf('caughtUp') < seen.indexOf('event 3'))
  })

  it('a filtered subscription sees only what passes, with checkpoints at the last event it examined', async () => {
    const s = uniqueStream('filtered')
    const start = positionOf(
      (
        await drain(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))
      )[0] as AllStreamResolvedEvent,
    )
    for (let i = 0; i < 5; i++) {
      await client.appendToStream(s, events(1), { expectedRevision: ANY })
      await client.appendToStream(uniqueStream('noise'), events(1), { expectedRevision: ANY })
    }
    const checkpoints: Position[] = []
    const subscription = client.subscribeToAll({
      fromPosition: start,
      filter: streamNameFilter({
        prefixes: [s],
        maxSearchWindow: 2,
        checkpointInterval: 1,
        checkpointReached: (_subscription, position) => {
          checkpoints.push(position)
        },
      }),
    })
    const mine: AllStreamResolvedEvent[] = []
    for await (const resolved of subscription) {
      mine.push(resolved)
      if (mine.length === 5) break
    }
    await subscription.unsubscribe()
    assert.ok(mine.every((e) => e.event?.streamId === s))
    assert.ok(checkpoints.length >= 4, `${checkpoints.length} checkpoints`)
    const ahead = checkpoints.some((c) => !mine.some((e) => positionOf(e).commit === c.commit))
    assert.ok(ahead, 'a checkpoint can name an event the subscriber never saw')

    const system = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() })
    let n = 0
    for await (const resolved of system) {
      assert.ok(!resolved.event?.type.startsWith('$'), resolved.event?.type)
      if (++n === 20) break
    }
    await system.unsubscribe()
  })

  it('answers gossip as a single live leader, so esdb+discover:// connects too', async () => {
    const discovered = EventStoreDBClient.connectionString(`esdb+discover://127.0.0.1:${node.port}?tls=false`)
    const gossipBefore = node.calls.gossipReads
    try {
      const s = uniqueStream('gossip')
      await discovered.appendToStream(s, event(), { expectedRevision: NO_STREAM })
      assert.equal((await drain(discovered.readStream(s))).length, 1)
      assert.ok(node.calls.gossipReads > gossipBefore, 'the client asked the node for the cluster')
    } finally {
      await discovered.dispose()
    }
  })
})
