import assert from 'node:assert/strict'
import { EventCatalogue, MalformedEvent, UnknownEventType } from '../../../application/eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { counterEvents } from '../../support/counterDecider.js'

const catalogue = new EventCatalogue(counterEvents)
const recorded = (type: string, data: unknown, schemaVersion: number): RecordedEvent => ({
  streamId: 'counter-1',
  revision: 3,
  position: 10,
  type,
  data,
  metadata: {
    eventId: '00000000-0000-4000-8000-000000000000',
    correlationId: 'c',
    causationId: null,
    actor: { id: 'u', role: 'customer' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    schemaVersion,
    prevHash: '',
    hash: '',
  },
})

describe('EventCatalogue', () => {
  it('upcasts an event stored at an older schema version', () => {
    assert.deepEqual(catalogue.decode(recorded('CounterIncremented', { amount: 7 }, 1)), {
      type: 'CounterIncremented',
      data: { by: 7 },
    })
  })
  it('decodes a current event as it is', () => {
    assert.deepEqual(catalogue.decode(recorded('CounterIncremented', { by: 2 }, 2)).data, { by: 2 })
  })
  it('an unknown event type is a typed error naming stream and revision', () => {
    assert.throws(
      () => catalogue.decode(recorded('Nope', {}, 1)),
      (e: unknown) => {
        assert.ok(e instanceof UnknownEventType)
        assert.match(e.message, /Nope at counter-1@3/)
        return true
      },
    )
  })
  it('malformed data is a typed error listing the problem', () => {
    assert.throws(() => catalogue.decode(recorded('CounterIncremented', { by: 'x' }, 2)), MalformedEvent)
    assert.throws(() => catalogue.decode(recorded('CounterIncremented', { by: 1 }, 9)), /schema version 9/)
  })
  it('encode refuses data that does not match the codec, and stamps the current version', () => {
    assert.throws(() => catalogue.encode({ type: 'CounterOpened', data: { name: 3 } }), /invalid CounterOpened/)
    assert.equal(catalogue.encode({ type: 'CounterIncremented', data: { by: 1 } }).schemaVersion, 2)
  })
  it('refuses a definition whose upcasters do not reach the current version', () => {
    assert.throws(() => new EventCatalogue([{ ...counterEvents[1]!, type: 'X', upcasters: {} }]), /no upcaster/)
  })
})
