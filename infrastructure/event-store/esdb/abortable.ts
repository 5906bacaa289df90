// Small helpers to make waiting give way to an AbortSignal.

/** A source of events that can be told to stop producing (for a subscription: unsubscribe). */
export interface StoppableSource<E> {
  readonly events: AsyncIterable<E>
  stop(): Promise<void>
}

/**
 * Iterates `source` until it ends or `signal` aborts, whichever comes first; then stops it.
 *
 * Order matters when leaving while a read is still waiting: an async iterator's return() queues
 * behind its pending next(), and a subscription's pending next() only settles once the
 * subscription is cancelled. So the source is stopped first, and the iterator is closed without
 * waiting on that pending read: whatever it settles with later is dropped.
 */
export async function* untilAborted<E>(source: StoppableSource<E>, signal: AbortSignal): AsyncGenerator<E> {
  const iterator = source.events[Symbol.asyncIterator]()
  let pending = false
  let onAbort = () => {}
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted')
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    while (!signal.aborted) {
      const next = iterator.next()
      pending = true
      // If abort wins the race, this read is abandoned; when stopping the source later makes it
      // reject, that must not surface as an unhandled rejection.
      next.then(
        () => {
          pending = false
        },
        () => {
          pending = false
        },
      )
      const outcome = await Promise.race([next, aborted])
      if (outcome === 'aborted' || outcome.done) return
      yield outcome.value
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
    await source.stop()
    const closing = iterator.return?.()
    if (closing) {
      closing.catch(() => {})
      if (!pending) await closing
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
