// Wrong access codes: counted within the window, a lock after the fifth, nothing recorded while
// locked, a fresh count after the lock, staff unlock.
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import {
  type AccessLockPolicy,
  lockedUntil,
  type OrderAccessCommand,
  type OrderAccessEvent,
  type OrderAccessState,
  orderAccessDecider,
} from '../../../../application/workOrders/accessLock.js'

const policy: AccessLockPolicy = { maxFailures: 3, windowMinutes: 60, lockMinutes: 30 }
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 26, 8, minutes)).toISOString()

function run(
  state: OrderAccessState,
  command: OrderAccessCommand,
): { state: OrderAccessState; events: OrderAccessEvent[] } {
  const decided = orderAccessDecider.decide(command, state)
  assert.ok(isRight(decided))
  return { state: decided.right.reduce(orderAccessDecider.evolve, state), events: [...decided.right] }
}
const wrong = (minute: number): OrderAccessCommand => ({
  kind: 'RecordRejectedCode',
  workOrderId: 'wo-1',
  codeKind: 'tracking',
  reason: 'invalid',
  policy,
  now: at(minute),
})

describe('order access lock', () => {
  it('locks on the Nth wrong code within the window, for lockMinutes', () => {
    let s = orderAccessDecider.initialState
    s = run(s, wrong(0)).state
    s = run(s, wrong(1)).state
    const third = run(s, wrong(2))
    assert.deepEqual(
      third.events.map((e) => e.type),
      ['OrderAccessCodeRejected', 'OrderAccessLocked'],
    )
    assert.equal(lockedUntil(third.state, at(10)), at(32))
    assert.equal(lockedUntil(third.state, at(32)), null, 'the lock ends at lockedUntil')
    // Nothing more is recorded while locked.
    assert.deepEqual(run(third.state, wrong(5)).events, [])
    // After the lock the count starts afresh.
    const after = run(third.state, wrong(40))
    assert.deepEqual(
      after.events.map((e) => e.type),
      ['OrderAccessCodeRejected'],
    )
  })

  it('wrong codes older than the window do not count', () => {
    let s = orderAccessDecider.initialState
    s = run(s, wrong(0)).state
    s = run(s, wrong(1)).state
    const late = run(s, { ...wrong(0), now: new Date(Date.UTC(2026, 10, 26, 9, 30)).toISOString() })
    assert.deepEqual(
      late.events.map((e) => e.type),
      ['OrderAccessCodeRejected'],
    )
  })

  it('staff unlock; unlocking an order with nothing against it records nothing', () => {
    assert.deepEqual(
      run(orderAccessDecider.initialState, { kind: 'Unlock', workOrderId: 'wo-1', now: at(0) }).events,
      [],
    )
    let s = orderAccessDecider.initialState
    for (const m of [0, 1, 2]) s = run(s, wrong(m)).state
    const unlocked = run(s, { kind: 'Unlock', workOrderId: 'wo-1', now: at(3) })
    assert.deepEqual(
      unlocked.events.map((e) => e.type),
      ['OrderAccessUnlocked'],
    )
    assert.equal(lockedUntil(unlocked.state, at(4)), null)
  })
})
