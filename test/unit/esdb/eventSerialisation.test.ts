import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { AllStreamJSONRecordedEvent, AllStreamResolvedEvent, EventData, JSONType } from '@eventstore/db-client'
import { GENESIS_HASH, verifyChain } from '../../../application/eventLog/hashChain.js'
import type { NewEvent, RecordedEvent } from '../../../application/ports/eventStore.js'
import {
  decodeStoredMetadata,
  deserialiseEvent,
  isSystemEvent,
  MalformedStoredEvent,
  serialiseBatch,
} from '../../../infrastructure/event-store/esdb/eventSerialisation.js'

const newEvent = (type: string, data: unknown): NewEvent => ({
  type,
  data,
  metadata: {
    eventId: randomUUID(),
    correlationId: randomUUID(),
    causationId: 'cmd-1',
    actor: { id: 'emp-7', role: 'service_point_employee' },
    occurredAt: '2025-10-30T09:15:00.000Z',
    schemaVersion: 2,
  },
})

/** What the client hands back after the server stored `data` (JSON on the wire, both ways). */
function asStored(
  streamId: string,
  revision: number,
  position: number,
  e: EventData,
  overrides: Partial<AllStreamJSONRecordedEvent> = {},
): AllStreamResolvedEvent {
  const roundTrip = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)))
  const event: AllStreamJSONRecordedEvent = {
    streamId,
    id: e.id,
    isJson: true,
    revision: BigInt(revision),
    type: e.type,
    created: new Date(),
    data: roundTrip(e.data) as JSONType,
    metadata: roundTrip(e.metadata) as JSONType,
    position: { commit: BigInt(position), prepare: BigInt(position) },
    ...overrides,
  }
  return { event, commitPosition: BigInt(position) }
}

const validMetadata = () => {
  const [only] = serialiseBatch('wo-1', 0, GENESIS_HASH, [newEvent('WorkOrderOpened', { n: 1 })]).metadata
  return only as NonNullable<typeof only>
}

function malformed(metadata: unknown): MalformedStoredEvent {
  try {
    decodeStoredMetadata('workorder-9', 3, metadata)
  } catch (e) {
    assert.ok(e instanceof MalformedStoredEvent, String(e))
    return e
  }
  assert.fail('expected the metadata to be rejected')
}

describe('esdb event serialisation', () => {
  it('stores the event id as the ESDB id, data as JSON and the chained metadata as ESDB metadata', () => {
    const events = [newEvent('WorkOrderOpened', { plate: 'KR 12345' }), newEvent('TyreFitted', { position: 'FL' })]
    const { events: data, metadata } = serialiseBatch('workorder-1', 4, 'a'.repeat(64), events)
    assert.deepEqual(
      data.map((d) => [d.id, d.type, d.contentType, d.data]),
      events.map((e) => [e.metadata.eventId, e.type, 'application/json', e.data]),
    )
    assert.equal(metadata[0]?.prevHash, 'a'.repeat(64))
    assert.equal(metadata[1]?.prevHash, metadata[0]?.hash)
    assert.deepEqual(data[1]?.metadata, {
      ...events[1]?.metadata,
      prevHash: metadata[0]?.hash,
      hash: metadata[1]?.hash,
    })
  })

  it('reads back what it wrote (through JSON) as a chain verifyChain accepts', async () => {
    const events = [
      newEvent('WorkOrderOpened', { note: 'zażółć ăâîșț Привет', nested: { a: [1, 2.5, null] } }),
      newEvent('TyreFitted', { position: 'FL' }),
      newEvent('Noted', 'a plain string is JSON too'),
    ]
    const { events: data } = serialiseBatch('workorder-2', 0, GENESIS_HASH, events)
    const read: RecordedEvent[] = data.map((d, i) => deserialiseEvent(asStored('workorder-2', i, 5000 + i * 300, d)))
    assert.deepEqual(
      read.map((e) => [e.streamId, e.revision, e.position, e.type, e.data]),
      events.map((e, i) => ['workorder-2', i, 5000 + i * 300, e.type, e.data]),
    )
    assert.deepEqual(read[0]?.metadata.actor, events[0]?.metadata.actor)
    assert.deepEqual(await verifyChain(read), { ok: true, events: 3, lastHash: read[2]?.metadata.hash })
  })

  it('a chain continued in a later batch verifies as one', async () => {
    const first = serialiseBatch('s-1', 0, GENESIS_HASH, [newEvent('A', {}), newEvent('B', {})])
    const second = serialiseBatch('s-1', 2, first.metadata[1]?.hash ?? '', [newEvent('C', { x: 1 })])
    const read = [...first.events, ...second.events].map((d, i) =>
      deserialiseEvent(asStored('s-1', i, 100 * (i + 1), d)),
    )
    assert.equal((await verifyChain(read)).ok, true)
  })

  it('rejects missing or non-JSON metadata with a clear error', () => {
    assert.match(malformed(undefined).message, /workorder-9@3 is malformed: metadata is missing/)
    assert.match(malformed(new Uint8Array([1, 2, 3])).message, /metadata is not JSON/)
  })

  it('names every field at fault in malformed metadata', () => {
    const good = validMetadata()
    const error = malformed({
      ...good,
      actor: { id: 'x', role: 'admin' },
      schemaVersion: '1',
      hash: 'nope',
      causationId: 5,
    })
    assert.equal(error.code, 'MALFORMED_STORED_EVENT')
    assert.equal(error.streamId, 'workorder-9')
    assert.equal(error.revision, 3)
    const text = error.problems.join('\n')
    assert.match(text, /metadata\.actor\.role: expected .*got "admin"/)
    assert.match(text, /metadata\.schemaVersion: expected number, got "1"/)
    assert.match(text, /metadata\.hash: expected Sha256, got "nope"/)
    assert.match(text, /metadata\.causationId: expected \(string \| null\), got 5/)
    assert.equal(error.problems.length, 4, 'one line per field, even for a union')
    assert.doesNotMatch(text, /eventId/)
  })

  it('rejects metadata without the hash chain or the event id', () => {
    const { prevHash: _p, hash: _h, ...unchained } = validMetadata()
    assert.match(malformed(unchained).message, /metadata\.prevHash: expected Sha256, got undefined/)
    const { eventId: _e, ...anonymous } = validMetadata()
    assert.match(malformed(anonymous).message, /metadata\.eventId: expected string/)
    assert.match(malformed([1, 2]).message, /metadata: expected/)
  })

  it('accepts a null causationId and keeps the stored metadata as written', () => {
    const good = { ...validMetadata(), causationId: null }
    assert.deepEqual(decodeStoredMetadata('s', 0, good), good)
  })

  it('rejects non-JSON data and events without an $all position', () => {
    const [d] = serialiseBatch('s-3', 0, GENESIS_HASH, [newEvent('A', {})]).events
    const stored = asStored('s-3', 0, 100, d as EventData)
    const binary = { event: { ...(stored.event as AllStreamJSONRecordedEvent), isJson: false } }
    assert.throws(
      () => deserialiseEvent(binary as unknown as AllStreamResolvedEvent),
      /s-3@0 is malformed: data is not JSON/,
    )
    const { position: _pos, ...unpositioned } = stored.event as AllStreamJSONRecordedEvent
    assert.throws(
      () => deserialiseEvent({ event: unpositioned as unknown as AllStreamJSONRecordedEvent }),
      /did not report the \$all position/,
    )
    const unknownPosition = asStored('s-3', 0, 0, d as EventData, {
      position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n },
    })
    assert.throws(() => deserialiseEvent(unknownPosition), /did not report the \$all position/)
    const beyondSafe = asStored('s-3', 0, 0, d as EventData, {
      position: { commit: 2n ** 60n, prepare: 2n ** 60n },
    })
    assert.throws(() => deserialiseEvent(beyondSafe), /outside the safe integer range/)
    assert.throws(() => deserialiseEvent({}), /link without its event/)
  })

  it('recognises system events by type or stream', () => {
    assert.equal(isSystemEvent({ type: '$statsCollected', streamId: '$stats-127.0.0.1:2113' }), true)
    assert.equal(isSystemEvent({ type: '$>', streamId: '$ce-workorder' }), true)
    assert.equal(isSystemEvent({ type: '$metadata', streamId: '$$workorder-1' }), true)
    assert.equal(isSystemEvent({ type: 'Anything', streamId: '$projections-x' }), true)
    assert.equal(isSystemEvent({ type: 'WorkOrderOpened', streamId: 'workorder-1' }), false)
  })
})
