// Groups a live subscription into batches: a batch is handed over when it is full, or when the
// subscription has nothing ready for a moment (idle), so a busy log commits in large
// transactions and a quiet one still commits each event promptly.
import type { RecordedEvent } from '../application/ports/eventStore.js'

const IDLE = Symbol('idle')

/** One shared timer per idle window instead of one per event: the hot path stays allocation-light. */
class IdleTick {
  private tick: Promise<typeof IDLE> | null = null

  constructor(private readonly ms: number) {}

  elapsed(): Promise<typeof IDLE> {
    if (!this.tick)
      this.tick = new Promise((resolve) =>
        setTimeout(() => {
          this.tick = null
          resolve(IDLE)
        }, this.ms),
      )
    return this.tick
  }
}

export interface BatchOptions {
  readonly maxEvents: number
  /** A non-empty batch is handed over once the subscription has had nothing ready for about this long. */
  readonly idleMs: number
}

/**
 * Reads ahead one event while the consumer commits. The subscription must be ended through its
 * AbortSignal: a subscription waiting for appends cannot be interrupted by return() alone, so
 * return() is only requested here, never awaited.
 */
export async function* eventBatches(
  events: AsyncIterable<RecordedEvent>,
  { maxEvents, idleMs }: BatchOptions,
): AsyncGenerator<RecordedEvent[]> {
  const iterator = events[Symbol.asyncIterator]()
  const idle = new IdleTick(idleMs)
  let batch: RecordedEvent[] = []
  let finished = false
  let pending: Promise<IteratorResult<RecordedEvent>> | null = null
  try {
    pending = iterator.next()
    for (;;) {
      const next = batch.length === 0 ? await pending : await Promise.race([pending, idle.elapsed()])
      if (next === IDLE) {
        const full = batch
        batch = []
        yield full
        continue
      }
      if (next.done) {
        finished = true
        break
      }
      batch.push(next.value)
      pending = iterator.next()
      if (batch.length >= maxEvents) {
        const full = batch
        batch = []
        yield full
      }
    }
    if (batch.length > 0) yield batch
  } finally {
    if (!finished) {
      // The read-ahead may still settle (or fail, e.g. the store closing) after we are gone.
      pending?.catch(() => undefined)
      iterator.return?.().catch(() => undefined)
    }
  }
}
