// The audit service over a realistic order: history with who/role/when/hash, state as of a revision
// or an instant (work orders, equipment, a point's stock), the chain's verdict naming the first
// altered event, and who may audit what.
import assert from 'node:assert/strict'
import type { Either } from 'fp-ts/lib/Either.js'
import { capabilitiesOf } from '../../../application/audit/auditAccess.js'
import { AuditedStreams, categoryOf } from '../../../application/audit/auditedStreams.js'
import { plainJson } from '../../../application/audit/plainJson.js'
import { AuditService, parseAsOfInstant, resolveStreamId } from '../../../application/audit/streamAudit.js'
import { GENESIS_HASH } from '../../../application/eventLog/hashChain.js'
import type { EventStore, RecordedEvent } from '../../../application/ports/eventStore.js'
import { AppendList } from '../../../domain/shared/appendList.js'
import { bucketSet, emptyBucketMap } from '../../../domain/shared/bucketMap.js'
import type { DomainError } from '../../../domain/shared/decider.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { customerC1 as customer, employeeP1, hq, managerP1, managerP2 } from './support/principals.js'
import { completeOrder, Recorder, receiveParts, registerCar, workshopCatalogue } from './support/workshop.js'

function ok<T>(answer: Either<DomainError, T>): T {
  if (answer._tag === 'Left') assert.fail(JSON.stringify(answer.left))
  return answer.right
}
function refused<T>(answer: Either<DomainError, T>): DomainError {
  if (answer._tag === 'Right') assert.fail(`expected a refusal, got ${JSON.stringify(answer.right).slice(0, 200)}`)
  return answer.left
}

/** The same store, reading one stored event as `tamper` makes it (an edited row). */
function tampered(store: EventStore, tamper: (e: RecordedEvent) => RecordedEvent): EventStore {
  const view: EventStore = Object.create(store)
  view.readStream = async function* (streamId, options) {
    for await (const e of store.readStream(streamId, options)) yield tamper(e)
  }
  return view
}

describe('audit service', () => {
  let store: MemoryEventStore
  let audit: AuditService
  const catalogue = workshopCatalogue()

  before(async () => {
    store = new MemoryEventStore()
    const r = new Recorder(store, catalogue)
    await registerCar(r, { equipmentId: 'eq-1' })
    await receiveParts(r)
    await completeOrder(r, { workOrderId: 'wo-1', equipmentId: 'eq-1', mileageKm: 120_000 })
    audit = new AuditService(store, catalogue)
  })

  it('lists every event of an order with type, data, who, role, when, revision, position and hash', async () => {
    const history = ok(await audit.history(hq, 'workorder-wo-1'))
    assert.equal(history.category, 'workorder')
    assert.equal(history.total, history.events.length)
    assert.deepEqual(
      history.events.map((e) => e.revision),
      history.events.map((_, i) => i),
    )
    const [opened, ...rest] = history.events
    assert.ok(opened)
    assert.equal(opened.type, 'WorkOrderOpened')
    assert.deepEqual(opened.actor, { id: 'emp-ola', role: 'service_point_employee' })
    assert.equal(opened.prevHash, GENESIS_HASH)
    assert.equal((opened.data as { pointId: string }).pointId, 'p1')
    const decided = rest.find((e) => e.type === 'EstimateLinesDecided')
    assert.deepEqual(decided?.actor, { id: 'access-code', role: 'customer' })
    for (const [i, e] of rest.entries()) {
      assert.equal(e.prevHash, history.events[i]?.hash, 'each event links to the one before')
      assert.ok(e.position > (history.events[i]?.position ?? 0))
      assert.ok(e.occurredAt >= (history.events[i]?.occurredAt ?? ''))
    }
    assert.equal(history.head.hash, history.events.at(-1)?.hash)
    assert.equal(history.nextRevision, null)
    const page = ok(await audit.history(hq, 'workorder-wo-1', { fromRevision: 3, limit: 2 }))
    assert.deepEqual(
      page.events.map((e) => e.revision),
      [3, 4],
    )
    assert.equal(page.nextRevision, 5)
  })

  it('rebuilds the order as of a revision and as of an instant', async () => {
    const history = ok(await audit.history(hq, 'workorder-wo-1'))
    const sent = history.events.find((e) => e.type === 'EstimateSent') as (typeof history.events)[number]
    const atSent = ok(await audit.stateAsOf(hq, 'workorder-wo-1', { revision: sent.revision }))
    assert.equal((atSent.state as { status: string }).status, 'estimate')
    assert.equal(atSent.eventsApplied, sent.revision + 1)
    assert.deepEqual(atSent.lastApplied, {
      revision: sent.revision,
      position: sent.position,
      occurredAt: sent.occurredAt,
    })

    const byTime = ok(await audit.stateAsOf(hq, 'workorder-wo-1', { at: sent.occurredAt }))
    assert.deepEqual(byTime.state, atSent.state, 'the instant of an event includes that event')
    const justBefore = new Date(Date.parse(sent.occurredAt) - 1).toISOString()
    assert.equal(
      (ok(await audit.stateAsOf(hq, 'workorder-wo-1', { at: justBefore })).state as { status: string }).status,
      'diagnosis',
    )
    // An offset is an instant too: 09:… +01:00 is 08:… Z.
    const withOffset = ok(await audit.stateAsOf(hq, 'workorder-wo-1', { at: '2026-03-02T09:00:00+01:00' }))
    assert.deepEqual(withOffset.requested, { at: '2026-03-02T08:00:00.000Z' })
    assert.equal(withOffset.lastApplied, null, 'before the order was opened: the initial state')
    assert.equal((withOffset.state as { exists: boolean }).exists, false)

    const now = ok(await audit.stateAsOf(hq, 'workorder-wo-1'))
    assert.equal((now.state as { status: string }).status, 'handed_over')
    assert.equal(now.eventsApplied, history.total)
  })

  it('refuses an as-of it cannot answer with typed errors', async () => {
    const last = ok(await audit.history(hq, 'workorder-wo-1')).head.revision
    assert.equal(refused(await audit.stateAsOf(hq, 'workorder-wo-1', { revision: last + 1 })).code, 'AS_OF_INVALID')
    assert.equal(refused(await audit.stateAsOf(hq, 'workorder-wo-1', { revision: -1 })).code, 'AS_OF_INVALID')
    for (const at of ['yesterday', '2026-03-02', '2026-03-02T10:00:00', '2026-13-02T10:00:00Z'])
      assert.equal(refused(await audit.stateAsOf(hq, 'workorder-wo-1', { at })).code, 'AS_OF_INVALID', at)
    assert.equal(refused(await audit.history(hq, 'workorder-nope')).code, 'STREAM_NOT_FOUND')
    assert.equal(refused(await audit.history(hq, 'not a stream id!')).code, 'STREAM_NOT_FOUND')
  })

  it('is generic over the registered deciders: equipment and a point’s stock as of a moment', async () => {
    const equipment = ok(await audit.history(hq, 'equipment-eq-1'))
    const treads = equipment.events.find((e) => e.type === 'TreadDepthsMeasured') as (typeof equipment.events)[number]
    const before = ok(await audit.stateAsOf(hq, 'equipment-eq-1', { revision: treads.revision - 1 }))
    const after = ok(await audit.stateAsOf(hq, 'equipment-eq-1', { revision: treads.revision }))
    const readings = (s: unknown) =>
      (s as { tyres: Record<string, { readings: unknown[] }> }).tyres['eq-1-t0']?.readings.length
    assert.equal(readings(before.state), 1, 'the reading at mounting')
    assert.equal(readings(after.state), 2)
    assert.equal((after.state as { status: string }).status, 'in_service')

    const stock = ok(await audit.stateAsOf(hq, 'stock-p1'))
    const items = (stock.state as { items: Record<string, { onHand?: number }> }).items
    assert.deepEqual(Object.keys(items), ['BRK-PAD-F', 'VALVE-TR413'], 'the bucketed map reads as an object')
    assert.equal(stock.category, 'stock')
  })

  it('verifies the chain and names the first altered event when a stored event was edited', async () => {
    const intact = ok(await audit.verify(hq, 'workorder-wo-1'))
    assert.equal(intact.ok, true)
    const history = ok(await audit.history(hq, 'workorder-wo-1'))
    assert.ok(intact.ok && intact.headHash === history.head.hash && intact.events === history.total)

    const decided = history.events.find((e) => e.type === 'EstimateLinesDecided') as (typeof history.events)[number]
    // Somebody turns the customer's "declined" into "approved" in the database.
    const edited = new AuditService(
      tampered(store, (e) =>
        e.streamId === 'workorder-wo-1' && e.revision === decided.revision
          ? { ...e, data: JSON.parse(JSON.stringify(e.data).replace('"declined"', '"approved"')) }
          : e,
      ),
      catalogue,
    )
    const verdict = ok(await edited.verify(hq, 'workorder-wo-1'))
    assert.equal(verdict.ok, false)
    assert.ok(!verdict.ok)
    assert.deepEqual(verdict.brokenAt, {
      revision: decided.revision,
      position: decided.position,
      eventId: decided.eventId,
      type: 'EstimateLinesDecided',
      occurredAt: decided.occurredAt,
    })
    assert.equal(verdict.reason, 'hash does not match the content')
    assert.equal(verdict.events, decided.revision)
    assert.equal(verdict.lastGoodHash, history.events[decided.revision - 1]?.hash)
    // The edited data still folds (the codec accepts it): the state shows what the database says now.
    const inspected = ok(await edited.inspect(hq, 'workorder-wo-1'))
    assert.equal(inspected.chain.ok, false)
    assert.equal(inspected.history.events[decided.revision]?.type, 'EstimateLinesDecided')
  })

  it('an edit the codec refuses still verifies as broken, and the state says which event cannot be read', async () => {
    const edited = new AuditService(
      tampered(store, (e) => (e.streamId === 'workorder-wo-1' && e.revision === 2 ? { ...e, data: { x: 1 } } : e)),
      catalogue,
    )
    const inspected = ok(await edited.inspect(hq, 'workorder-wo-1'))
    assert.ok(!inspected.chain.ok && inspected.chain.brokenAt.revision === 2)
    assert.ok(inspected.state)
    const unreadable = refused(inspected.state)
    assert.equal(unreadable.code, 'STREAM_UNREADABLE')
    assert.match(unreadable.message, /workorder-wo-1@2/)
  })

  it('head office audits everything; a point’s manager his point’s streams; nobody else', async () => {
    assert.deepEqual(capabilitiesOf(hq), ['auditor'])
    assert.deepEqual(capabilitiesOf(managerP1), [])
    ok(await audit.verify(managerP1, 'workorder-wo-1'))
    ok(await audit.stateAsOf(managerP1, 'stock-p1'))
    assert.equal(refused(await audit.history(managerP2, 'workorder-wo-1')).code, 'TENANT_ACCESS_DENIED')
    assert.equal(refused(await audit.history(employeeP1, 'workorder-wo-1')).code, 'ROLE_NOT_ALLOWED')
    assert.equal(refused(await audit.history(customer, 'workorder-wo-1')).code, 'ROLE_NOT_ALLOWED')
    // A stream of no point (and of an unregistered category) is the auditor's alone.
    await store.appendToStream(
      'notification-b1',
      [
        {
          type: 'NotificationSent',
          data: { any: 'thing' },
          metadata: {
            eventId: '00000000-0000-4000-8000-000000000001',
            correlationId: 'c',
            causationId: null,
            actor: { id: 'system', role: 'system' },
            occurredAt: '2026-03-02T08:00:00.000Z',
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    )
    assert.equal(refused(await audit.history(managerP1, 'notification-b1')).code, 'TENANT_ACCESS_DENIED')
    const unregistered = ok(await audit.inspect(hq, 'notification-b1'))
    assert.equal(unregistered.state, null, 'no decider: history and chain only')
    assert.equal(unregistered.chain.ok, true)
    assert.equal(refused(await audit.stateAsOf(hq, 'notification-b1')).code, 'STATE_NOT_AVAILABLE')
  })

  it('resolves an order id or a stream id, and reads instants strictly', () => {
    const streams = new AuditedStreams()
    assert.equal(resolveStreamId('wo-1', streams), 'workorder-wo-1')
    assert.equal(
      resolveStreamId('7f3c1b2a-0000-4000-8000-000000000001', streams),
      'workorder-7f3c1b2a-0000-4000-8000-000000000001',
    )
    assert.equal(resolveStreamId('equipment-eq-1', streams), 'equipment-eq-1')
    assert.equal(resolveStreamId('workorder-wo-1', streams), 'workorder-wo-1')
    assert.equal(categoryOf('schedule-p1-2026-03-02'), 'schedule')
    assert.deepEqual(
      streams.categories().map((c) => c.category),
      [
        'workorder',
        'equipment',
        'booking',
        'servicepoint',
        'stock',
        'schedule',
        'staffschedule',
        'catalogue',
        'documenttemplate',
      ],
    )
    assert.equal(parseAsOfInstant('2026-03-02T10:00Z'), '2026-03-02T10:00:00.000Z')
    assert.equal(parseAsOfInstant('2026-03-02T10:00:00.123456+02:00'), '2026-03-02T08:00:00.123Z')
    assert.equal(parseAsOfInstant('2026-03-02 10:00Z'), null)
  })

  it('plainJson turns maps, sets and bucketed maps into JSON', () => {
    const bucket = bucketSet(bucketSet(emptyBucketMap<number>(), 'b', 2), 'a', 1)
    assert.deepEqual(plainJson({ m: new Map([['z', 1]]), s: new Set(['x']), b: bucket, u: undefined, n: Number.NaN }), {
      m: { z: 1 },
      s: ['x'],
      b: { a: 1, b: 2 },
      n: null,
    })
    const log = AppendList.of([{ at: 't1', m: new Map([['k', 1]]) }])
    assert.deepEqual(plainJson({ log: log.append({ at: 't2', m: new Map() }) }), {
      log: [
        { at: 't1', m: { k: 1 } },
        { at: 't2', m: {} },
      ],
    })
    assert.deepEqual(plainJson({ log }), { log: [{ at: 't1', m: { k: 1 } }] })
  })
})
