// Wakes live subscribers when something was appended. Each waiter gets a promise that
// resolves on the next notify() or when its AbortSignal fires, whichever comes first.
export class LiveSignal {
  private waiters: Array<() => void> = []

  notify(): void {
    const waiting = this.waiters
    this.waiters = []
    for (const wake of waiting) wake()
  }

  /** Resolves at the next notify(), on abort, or after timeoutMs (for stores that must also poll). */
  next(signal?: AbortSignal, timeoutMs?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined
      const done = () => {
        if (timer) clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        // Leave the list when woken by abort or timeout, so waiters never pile up.
        const i = this.waiters.indexOf(done)
        if (i >= 0) this.waiters.splice(i, 1)
        resolve()
      }
      if (signal?.aborted) return resolve()
      signal?.addEventListener('abort', done, { once: true })
      if (timeoutMs !== undefined) timer = setTimeout(done, timeoutMs)
      this.waiters.push(done)
    })
  }
}
