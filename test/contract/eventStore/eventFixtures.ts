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

/** Consumes a subscription until `count` accepted events (plus settleMs), or fails on timeout. */
export async function takeFromSubscription(store: EventStore, options: TakeOptions): Promise<RecordedEvent[]> {
  const { count, accept, timeoutMs = 10_000, settleMs = 0 } = options
  const controller = new AbortController()
  const deadline = setTimeout(() => controller.abort(), timeoutMs)
  let settle: NodeJS.Timeout | undefined
  const taken: RecordedEvent[] = []
  try {
    for await (const e of store.subscribeToAll({ fromPosition: options.fromPosition, signal: controller.signal })) {
      if (!accept(e)) continue
      taken.push(e)
      await options.onEvent?.(e, taken.length)
      if (taken.length === count) {
        if (settleMs === 0) break
        settle = setTimeout(() => controller.abort(), settleMs)
      }
    }
  } finally {
    clearTimeout(deadline)
    clearTimeout(settle)
    controller.abort()
  }
  if (taken.length < count)
    throw new Error(`subscription delivered ${taken.length} of ${count} events within ${timeoutMs} ms`)
  return taken
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
