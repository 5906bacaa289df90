import assert from 'node:assert/strict'
import { ManualClock } from '../../../application/leases/clock.js'
import { holdLease } from '../../../application/leases/heldLease.js'
import { LEASES_COLLECTION, Lease } from '../../../application/leases/lease.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'

describe('Lease over the DocumentStore', () => {
  const ttlMs = 1000
  let store: MemoryDocumentStore
  let clock: ManualClock
  const lease = (holder: string) => new Lease(store, 'projection:x', holder, { ttlMs, clock })

  beforeEach(() => {
    store = new MemoryDocumentStore()
    clock = new ManualClock()
  })

  it('is taken by the first holder and refused to a second while unexpired', async () => {
    assert.equal(await lease('a').tryAcquire(), clock.now() + ttlMs)
    assert.equal(await lease('b').tryAcquire(), null)
    assert.equal(await lease('b').currentHolder(), 'a')
    const doc = await store.collection(LEASES_COLLECTION).findOne({ _id: 'projection:x' })
    assert.deepEqual(doc, { _id: 'projection:x', holder: 'a', expiresAt: new Date(clock.now() + ttlMs).toISOString() })
  })

  it('is renewed by its holder, which pushes the expiry forward', async () => {
    await lease('a').tryAcquire()
    clock.advance(800)
    assert.equal(await lease('a').renew(), clock.now() + ttlMs)
    clock.advance(800) // 1600 ms after the first acquisition, 800 after the renewal
    assert.equal(await lease('b').tryAcquire(), null)
  })

  it('passes to another holder once expired, and the old holder can no longer renew', async () => {
    await lease('a').tryAcquire()
    clock.advance(ttlMs)
    assert.notEqual(await lease('b').tryAcquire(), null)
    assert.equal(await lease('a').renew(), null)
    assert.equal(await lease('a').currentHolder(), 'b')
  })

  it('is free at once after release, and release by a non-holder does nothing', async () => {
    await lease('a').tryAcquire()
    await lease('b').release()
    assert.equal(await lease('b').tryAcquire(), null)
    await lease('a').release()
    assert.notEqual(await lease('b').tryAcquire(), null)
  })

  it('holdLease waits as a standby and signals the loser when taken over', async () => {
    const a = await holdLease(lease('a'), { renewEveryMs: 5, retryEveryMs: 5 })
    assert.ok(a)
    const waiting = holdLease(lease('b'), { renewEveryMs: 5, retryEveryMs: 5 })
    await new Promise((r) => setTimeout(r, 30))
    assert.equal(await lease('b').currentHolder(), 'a', 'a keeps renewing, so b stays standby')
    a.abandon() // a stops renewing, as if killed
    clock.advance(ttlMs)
    const b = await waiting
    assert.ok(b)
    assert.equal(await lease('a').currentHolder(), 'b')
    await b.release()
  })

  it('fires lost when someone else holds the lease at renewal time', async () => {
    const a = await holdLease(lease('a'), { renewEveryMs: 5 })
    assert.ok(a)
    // Simulate a pause longer than the TTL: a's lease expires and b takes it before a renews.
    clock.advance(ttlMs)
    assert.notEqual(await lease('b').tryAcquire(), null)
    await new Promise<void>((resolve) => a.lost.addEventListener('abort', () => resolve(), { once: true }))
    assert.equal(a.lost.aborted, true)
    await a.release() // must not delete b's lease
    assert.equal(await lease('a').currentHolder(), 'b')
  })

  it('holdLease returns null when aborted while waiting', async () => {
    await lease('a').tryAcquire()
    const controller = new AbortController()
    const waiting = holdLease(lease('b'), { retryEveryMs: 5, signal: controller.signal })
    controller.abort()
    assert.equal(await waiting, null)
  })
})
