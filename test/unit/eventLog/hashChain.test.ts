import assert from 'node:assert/strict'
import { canonicalJson } from '../../../application/eventLog/canonicalJson.js'
import {
  canonicalMetadataOrInvalid,
  GENESIS_HASH,
  hashEvent,
  hashedMetadata,
  verifyChain,
} from '../../../application/eventLog/hashChain.js'
import type { EventMetadata, NewEvent, RecordedEvent } from '../../../application/ports/eventStore.js'
import { newEvent } from '../../contract/eventStore/eventFixtures.js'

/** Builds a correctly chained stream the way an adapter does on append. */
function chained(streamId: string, events: ReadonlyArray<NewEvent>): RecordedEvent[] {
  let prevHash = GENESIS_HASH
  return events.map((e, revision) => {
    const hash = hashEvent(prevHash, streamId, revision, e)
    const recorded = { ...e, streamId, revision, position: revision + 1, metadata: { ...e.metadata, prevHash, hash } }
    prevHash = hash
    return recorded
  })
}

describe('hashChain', () => {
  const events = [newEvent('A', { n: 1 }), newEvent('B', { n: 2, note: 'ąćę' }), newEvent('C', { n: 3 })]

  it('hashEvent is a SHA-256 hex digest that depends on the previous hash, stream, revision and content', () => {
    const e = events[0] as NewEvent
    const h = hashEvent(GENESIS_HASH, 's-1', 0, e)
    assert.match(h, /^[0-9a-f]{64}$/)
    assert.equal(hashEvent(GENESIS_HASH, 's-1', 0, e), h, 'deterministic')
    assert.notEqual(hashEvent('1'.repeat(64), 's-1', 0, e), h)
    assert.notEqual(hashEvent(GENESIS_HASH, 's-2', 0, e), h)
    assert.notEqual(hashEvent(GENESIS_HASH, 's-1', 1, e), h)
    assert.notEqual(hashEvent(GENESIS_HASH, 's-1', 0, { ...e, data: { n: 2 } }), h)
    assert.notEqual(hashEvent(GENESIS_HASH, 's-1', 0, { ...e, type: 'Other' }), h)
    assert.notEqual(
      hashEvent(GENESIS_HASH, 's-1', 0, { ...e, metadata: { ...e.metadata, actor: { id: 'x', role: 'customer' } } }),
      h,
    )
  })

  it('is canonical: key order in data does not change the hash, and stored hash fields are not covered', () => {
    const e = newEvent('A', { a: 1, b: { c: 2, d: 3 } })
    const reordered = { ...e, data: { b: { d: 3, c: 2 }, a: 1 } }
    assert.equal(hashEvent(GENESIS_HASH, 's', 0, e), hashEvent(GENESIS_HASH, 's', 0, reordered))
    const recorded = { ...e, metadata: { ...e.metadata, prevHash: 'x', hash: 'y' } }
    assert.equal(hashEvent(GENESIS_HASH, 's', 0, e), hashEvent(GENESIS_HASH, 's', 0, recorded))
  })

  it('the metadata written out by hand is the canonical JSON of the hashed fields, whatever their shape', () => {
    const base = (events[1] as NewEvent).metadata
    const shapes: EventMetadata[] = [
      base,
      { ...base, causationId: 'cause-1', actor: { role: 'customer', id: 'c-"1"\n' } },
      { ...base, occurredAt: 'ąę\u2028', schemaVersion: 2.5 },
      // Shapes the hand-written form does not take: the general function answers the same text.
      { ...base, actor: { id: 'a', role: 'system', extra: 1 } as never },
      { ...base, causationId: undefined as never },
      { ...base, schemaVersion: '1' as never },
      { ...base, prevHash: 'x', hash: 'y' } as never,
    ]
    for (const m of shapes) assert.equal(canonicalMetadataOrInvalid(m, 'T'), canonicalJson(hashedMetadata(m)))
    assert.throws(() => canonicalMetadataOrInvalid({ ...base, correlationId: '\ud800' }, 'T'), /cannot be hashed/)
  })

  it('verifyChain accepts an intact chain and an empty stream', async () => {
    const stream = chained('s-1', events)
    assert.deepEqual(await verifyChain(stream), { ok: true, events: 3, lastHash: stream[2]?.metadata.hash })
    assert.deepEqual(await verifyChain([]), { ok: true, events: 0, lastHash: GENESIS_HASH })
  })

  it('verifyChain names the first edited, reordered or missing event', async () => {
    const stream = chained('s-1', events)
    const [a, b, c] = stream as [RecordedEvent, RecordedEvent, RecordedEvent]

    const edited = await verifyChain([a, { ...b, data: { n: 20 } }, c])
    assert.ok(!edited.ok)
    assert.equal(edited.brokenAt.eventId, b.metadata.eventId)
    assert.equal(edited.events, 1)

    const rehashed = await verifyChain([a, { ...b, metadata: { ...b.metadata, hash: 'f'.repeat(64) } }, c])
    assert.ok(!rehashed.ok)
    assert.equal(rehashed.brokenAt.revision, 1)

    const missing = await verifyChain([a, c])
    assert.ok(!missing.ok)
    assert.equal(missing.brokenAt.eventId, c.metadata.eventId)

    const swapped = await verifyChain([a, { ...c, revision: 1 }, { ...b, revision: 2 }])
    assert.ok(!swapped.ok)
    assert.equal(swapped.brokenAt.revision, 1)

    const wrongGenesis = await verifyChain([{ ...a, metadata: { ...a.metadata, prevHash: '1'.repeat(64) } }, b, c])
    assert.ok(!wrongGenesis.ok)
    assert.equal(wrongGenesis.brokenAt.revision, 0)
  })
})
