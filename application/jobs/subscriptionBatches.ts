// Groups a live subscription into batches: handed over when full, or when the subscription has
// had nothing ready for a moment, so a busy log is checkpointed per batch and a quiet one still
// gets each event handled promptly. (The projection engine has its own; application/ may not
// import projections/.)
import type { RecordedEvent } from '../ports/eventStore.js'

const IDLE = Symbol('idle')

export async function* subscriptionBatches(
  events: AsyncIterable<RecordedEvent>,
  maxEvents: number,
  idleMs: number,
): AsyncGenerator<RecordedEvent[]> {
  const iterator = events[Symbol.asyncIterator]()
  let batch: RecordedEvent[] = []
  let pending: Promise<IteratorResult<RecordedEvent>> | null = iterator.next()
  let finished = false
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined
      const idle = new Promise<typeof IDLE>((resolve) => {
        timer = setTimeout(() => resolve(IDLE), idleMs)
      })
      const next = batch.length === 0 ? await pending : await Promise.race([pending, idle])
      clearTimeout(timer)
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
      // The read-ahead may settle (or fail, the store closing) after we are gone; the caller
      // ends the subscription through its AbortSignal.
      pending?.catch(() => undefined)
      iterator.return?.().catch(() => undefined)
    }
  }
}
