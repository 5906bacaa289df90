// Helpers shared by the EventStore contract suite and the store tests: events with valid
// metadata, stream ids unique to this run (a real server keeps data between runs), and a
// bounded way to consume a subscription.
import { randomUUID } from 'node:crypto'
import type { EventStore, NewEvent, RecordedEvent } from '../../../application/ports/eventStore.js'

const RUN = randomUUID().slice(0, 8)
let streams = 0

/** A stream id no earlier run (or other test) has used: `<prefix>-<run>-<n>`. */
export function uniqueStream(prefix = 'contract'): string {
  streams++
  return `${prefix}-${RUN}-${streams}`
}

export function newEvent(type = 'TestHappened', data: unknown = {}, eventId: string = randomUUID()): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId,
      correlationId: randomUUID(),
      causationId: null,
      actor: { id: 'contract-test', role: 'system' },
      occurredAt: '2025-03-01T08:30:00.000Z',
      schemaVersion: 1,
    },
  }
}

export function newEvents(count: number, type = 'TestHappened', from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { n: from + i }))
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

/** Events of the given streams in readAll order from `fromPosition` (the log may hold others). */
export async function readAllOf(
  store: EventStore,
  streamIds: Iterable<string>,
  fromPosition: number,
): Promise<RecordedEvent[]> {
  const ours = new Set(streamIds)
  const out: RecordedEvent[] = []
  for await (const e of store.readAll({ fromPosition })) if (ours.has(e.streamId)) out.push(e)
  return out
}

export interface TakeOptions {
  readonly fromPosition: number
  /** How many accepted events to wait for. */
  readonly count: number
  /** Which events count (a shared server holds other tests' events too). */
  readonly accept: (e: RecordedEvent) => boolean
  readonly timeoutMs?: number
  /** After `count` events, keep listening this long so a duplicate would show up. */
  readonly settleMs?: number
  /** Called after each accepted event, e.g. to append more while the subscription is live. */
  readonly onEvent?: (e: RecordedEvent, taken: number) => Promise<void> | void
}

const TIMED_OUT = Symbol('timed out')

/** Settles like `promise`, or with TIMED_OUT after ms; an abandoned promise's later rejection is ignored. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  promise.catch(() => {})
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms))
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

export function timedOut(value: unknown): value is typeof TIMED_OUT {
  return value === TIMED_OUT
}

/**
 * Ends a subscription by its AbortSignal and checks it really ends. Waits with deadlines, so an
 * adapter whose subscription ignores the signal fails the test with a message instead of hanging it.
 */
export async function endSubscription(
  controller: AbortController,
  iterator: AsyncIterator<RecordedEvent>,
  withinMs = 2_000,
): Promise<void> {
  controller.abort()
  const ended = await within(
    (async () => {
      await iterator.return?.()
    })(),
    withinMs,
  )
  if (timedOut(ended)) throw new Error(`the subscription did not end within ${withinMs} ms of its AbortSignal firing`)
}

/** Consumes a subscription until `count` accepted events (plus settleMs), or fails on timeout. */
export async function takeFromSubscription(store: EventStore, options: TakeOptions): Promise<RecordedEvent[]> {
  const { count, accept, timeoutMs = 10_000, settleMs = 0 } = options
  const controller = new AbortController()
  const iterator = store
    .subscribeToAll({ fromPosition: options.fromPosition, signal: controller.signal })
    [Symbol.asyncIterator]()
  const deadline = Date.now() + timeoutMs
  let settleUntil: number | undefined
  const taken: RecordedEvent[] = []
  try {
    for (;;) {
      const next = await within(iterator.next(), (settleUntil ?? deadline) - Date.now())
      if (timedOut(next) || next.done) break
      if (!accept(next.value)) continue
      taken.push(next.value)
      await options.onEvent?.(next.value, taken.length)
      if (taken.length === count) {
        if (settleMs === 0) break
        settleUntil = Math.min(deadline, Date.now() + settleMs)
      }
    }
  } finally {
    await endSubscription(controller, iterator)
  }
  if (taken.length < count)
    throw new Error(`subscription delivered ${taken.length} of ${count} events within ${timeoutMs} ms`)
  return taken
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
