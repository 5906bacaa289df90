// A process dying (or stalling) between Reserve and RequestBooking: a retry completes the booking,
// an abandoned reservation stops blocking the bay, and a stalled booking gets its slot back.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import type { EventStore, NewEvent } from '../../../application/ports/eventStore.js'
import { type NetworkFixture, networkFixture } from './support/networkFixture.js'

/** A store whose appends to booking streams can be made to fail or to wait. */
function controlledStore() {
  let mode: 'pass' | 'fail' | 'hold' = 'pass'
  let release: () => void = () => {}
  let held: Promise<void> = Promise.resolve()
  let reached: () => void = () => {}
  const wrap = (store: EventStore): EventStore =>
    new Proxy(store, {
      get(target, key, receiver) {
        if (key !== 'appendToStream') return Reflect.get(target, key, receiver)
        return async (streamId: string, events: readonly NewEvent[], options: { expectedRevision: never }) => {
          if (streamId.startsWith('booking-') && mode === 'fail') throw new Error('process died')
          if (streamId.startsWith('booking-') && mode === 'hold') {
            reached()
            await held
          }
          return target.appendToStream(streamId, events, options)
        }
      },
    })
  return {
    wrap,
    fail: () => {
      mode = 'fail'
    },
    pass: () => {
      mode = 'pass'
    },
    /** Booking appends wait until the returned function is called; `waiting` resolves when one is waiting. */
    hold: () => {
      mode = 'hold'
      held = new Promise((resolve) => {
        release = resolve
      })
      const waiting = new Promise<void>((resolve) => {
        reached = resolve
      })
      return { waiting, release: () => release() }
    },
  }
}

const day = 'schedule-p1-2026-11-27'
const FRIDAY_10 = '2026-11-27T09:00:00.000Z' // 10:00 in Warsaw

describe('abandoned reservations', () => {
  let api: NetworkFixture
  let store: ReturnType<typeof controlledStore>
  beforeEach(async () => {
    store = controlledStore()
    // One bay and one person: a held reservation blocks the only slot at 10:00.
    api = await networkFixture({
      wrapStore: store.wrap,
      bays: [{ bayId: 'bay-1', name: 'B1', capabilities: { features: ['passenger'], rimMaxInches: null } }],
      staff: [{ staffId: 'anna', skills: ['tyre_fitting'] }],
    })
  })

  const book = (commandId: string, now: string, who: 'customer' | 'employee_p1' = 'customer') =>
    api.network.bookings.create(
      api.principal(who),
      {
        pointId: 'p1',
        services: ['TYRE_CHANGE'],
        start: FRIDAY_10,
        vehicle: { plate: 'DW 12345', vehicleClass: 'passenger' },
        ...(who === 'customer' ? {} : { customer: { name: 'Other', phone: '+48 600 000 000' } }),
      },
      { correlationId: `r-${commandId}`, causationId: null, now, commandId },
    )
  const streamTypes = async (streamId: string) =>
    (await api.events()).filter((e) => e.streamId === streamId).map((e) => e.type)
  const freeAtTen = async (now: string) => {
    const found = await api.network.bookings.searchSlots(
      { pointId: 'p1', date: '2026-11-27', services: ['TYRE_CHANGE'], vehicleClass: 'passenger', time: '10:00' },
      { correlationId: 'search', causationId: null, now },
    )
    assert.ok(isRight(found))
    return found.right.desired?.free
  }

  it('a retry with the same Idempotency-Key completes the booking the crash left half-made', async () => {
    store.fail()
    await assert.rejects(book('key-1', '2026-11-26T08:00:00.000Z'), /process died/)
    assert.deepEqual(await streamTypes(day), ['SlotReserved'])
    store.pass()
    const retried = await book('key-1', '2026-11-26T08:00:10.000Z')
    assert.ok(isRight(retried), JSON.stringify(retried))
    assert.equal(retried.right.status, 'confirmed')
    assert.deepEqual(await streamTypes(day), ['SlotReserved'], 'the same reservation, not a second one')
  })

  it('a reservation nobody books is released once it is older than the grace period', async () => {
    store.fail()
    await assert.rejects(book('key-1', '2026-11-26T08:00:00.000Z'), /process died/)
    store.pass()
    assert.equal(await freeAtTen('2026-11-26T08:01:00.000Z'), false, 'young: perhaps still being booked')
    assert.equal(await freeAtTen('2026-11-26T08:02:01.000Z'), true, 'abandoned: released on read')
    const released = (await api.events()).filter((e) => e.type === 'SlotReleased')
    assert.equal(released.length, 1)
    assert.deepEqual(released[0]?.metadata.actor, { id: 'system', role: 'system' })
    const other = await book('key-2', '2026-11-26T08:03:00.000Z', 'employee_p1')
    assert.ok(isRight(other), JSON.stringify(other))
  })

  it('a booking refused because of an abandoned reservation sweeps it and gets the slot', async () => {
    store.fail()
    await assert.rejects(book('key-1', '2026-11-26T08:00:00.000Z'), /process died/)
    store.pass()
    const other = await book('key-2', '2026-11-26T08:05:00.000Z', 'employee_p1')
    assert.ok(isRight(other), JSON.stringify(other))
    assert.deepEqual(await streamTypes(day), ['SlotReserved', 'SlotReleased', 'SlotReserved'])
  })

  it('a process stalled past the grace period gets its slot back when nobody took it meanwhile', async () => {
    const gate = store.hold()
    const stalled = book('key-1', '2026-11-26T08:00:00.000Z')
    await gate.waiting
    assert.equal(await freeAtTen('2026-11-26T08:03:00.000Z'), true) // the stalled reservation is released
    gate.release()
    const outcome = await stalled
    assert.ok(isRight(outcome), JSON.stringify(outcome))
    assert.deepEqual(await streamTypes(day), ['SlotReserved', 'SlotReleased', 'SlotReserved'])
    assert.equal(await freeAtTen('2026-11-26T08:04:00.000Z'), false)
  })

  it('a stalled booking whose slot went to someone else meanwhile is cancelled with a clear reason', async () => {
    const gate = store.hold()
    const stalled = book('key-1', '2026-11-26T08:00:00.000Z')
    await gate.waiting
    store.pass()
    const other = await book('key-2', '2026-11-26T08:03:00.000Z', 'employee_p1')
    assert.ok(isRight(other), JSON.stringify(other))
    gate.release()
    const outcome = await stalled
    assert.ok(isLeft(outcome))
    assert.equal(outcome.left.code, 'SLOT_LOST')
    const bookings = (await api.events()).filter((e) => e.type === 'BookingCancelled')
    assert.equal(bookings.length, 1)
    assert.match(String((bookings[0]?.data as { reason?: string } | undefined)?.reason), /slot was lost/)
    // The day holds exactly one reservation: the other booking's.
    const reservations = (await api.events()).filter((e) => e.streamId === day)
    assert.deepEqual(
      reservations.map((e) => e.type),
      ['SlotReserved', 'SlotReleased', 'SlotReserved'],
    )
  })
})
