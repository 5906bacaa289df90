import assert from 'node:assert/strict'
import { checkExpectedRevision, classifyRetry, validateAppend } from '../../../application/eventLog/appendRules.js'
import { InvalidAppend, type NewEvent, WrongExpectedRevision } from '../../../application/ports/eventStore.js'
import { newEvent } from '../../contract/eventStore/eventFixtures.js'

describe('appendRules', () => {
  describe('validateAppend', () => {
    it('accepts well-formed stream ids and events', () => {
      for (const id of ['workorder-7f3a', 'schedule-point1-2025-03-01', 'a', 'user@example.com', 'x:y.z_1'])
        validateAppend(id, [newEvent()])
    })

    it('rejects bad stream ids', () => {
      for (const id of ['', ' x', 'has space', '-leading-dash', 'ą-polish', 'x'.repeat(201), 'a/b'])
        assert.throws(() => validateAppend(id, [newEvent()]), InvalidAppend, JSON.stringify(id))
    })

    it('rejects an empty batch, a missing type, eventId or data, and duplicate ids', () => {
      const e = newEvent()
      const bad: Array<ReadonlyArray<NewEvent>> = [
        [],
        [{ ...e, type: '' }],
        [{ ...e, metadata: { ...e.metadata, eventId: 'nope' } }],
        [{ ...e, metadata: { ...e.metadata, eventId: undefined as unknown as string } }],
        [{ ...e, metadata: undefined as unknown as NewEvent['metadata'] }],
        [{ ...e, data: undefined }],
        [e, newEvent(), { ...newEvent(), metadata: { ...newEvent().metadata, eventId: e.metadata.eventId } }],
      ]
      for (const events of bad) assert.throws(() => validateAppend('s-1', events), InvalidAppend)
    })

    it('accepts null data (an event that carries nothing)', () => {
      validateAppend('s-1', [newEvent('Nothing', null)])
    })
  })

  describe('checkExpectedRevision', () => {
    const ok: Array<[Parameters<typeof checkExpectedRevision>[1], number | 'no_stream']> = [
      ['any', 'no_stream'],
      ['any', 4],
      ['no_stream', 'no_stream'],
      ['stream_exists', 0],
      [3, 3],
      [0, 0],
    ]
    const conflicts: typeof ok = [
      ['no_stream', 0],
      ['stream_exists', 'no_stream'],
      [0, 'no_stream'],
      [3, 4],
      [5, 4],
    ]

    it('passes when the expectation holds', () => {
      for (const [expected, actual] of ok) checkExpectedRevision('s', expected, actual)
    })

    it('throws WrongExpectedRevision with expected and actual when it does not', () => {
      for (const [expected, actual] of conflicts) {
        assert.throws(
          () => checkExpectedRevision('s', expected, actual),
          (e: unknown) => e instanceof WrongExpectedRevision && e.expected === expected && e.actual === actual,
        )
      }
    })
  })

  describe('classifyRetry', () => {
    it('no ids present: a new append', () => {
      assert.deepEqual(classifyRetry('s', 0, 0, [undefined, undefined]), { kind: 'new' })
    })

    it('all present, consecutive, in order: a retry answered with the last revision', () => {
      assert.deepEqual(classifyRetry('s', 'no_stream', 7, [2, 3, 4]), { kind: 'retry', lastRevision: 4 })
      assert.deepEqual(classifyRetry('s', 'any', 0, [0]), { kind: 'retry', lastRevision: 0 })
    })

    it('some present, out of order or with holes: a conflict', () => {
      for (const existing of [
        [2, undefined],
        [undefined, 2],
        [3, 2],
        [1, 3],
      ])
        assert.throws(() => classifyRetry('s', 1, 5, existing), WrongExpectedRevision, JSON.stringify(existing))
    })
  })
})
