// Appends by another process on the same file (the API and a worker) cannot notify this one, so
// while at least one subscription waits live, one timer per store checks the log's head and
// wakes the subscriptions when it passed where they wait. One query per interval however many
// subscribers wait, and the LiveSignal's waiters are released on every wake instead of piling up.
export class HeadPoller {
  private watchers = 0
  private timer: NodeJS.Timeout | undefined
  /** Wake when the head passes this: the lowest checkpoint of the subscriptions waiting. */
  private wakeAbove = 0

  constructor(
    private readonly readHead: () => number,
    private readonly wake: () => void,
    private readonly intervalMs: number,
  ) {}

  /**
   * A caught-up subscription at `checkpoint` starts waiting. Comparing with its checkpoint rather
   * than a head read now leaves no window for another process's commit to slip by unnoticed.
   * The timer keeps the process alive, as a consumer waiting for events expects.
   */
  watch(checkpoint: number): void {
    this.wakeAbove = this.watchers === 0 ? checkpoint : Math.min(this.wakeAbove, checkpoint)
    if (this.watchers++ === 0) this.timer = setInterval(() => this.check(), this.intervalMs)
  }

  unwatch(): void {
    if (--this.watchers === 0) this.stop()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  private check(): void {
    const head = this.readHead()
    if (head > this.wakeAbove) {
      this.wakeAbove = head
      this.wake()
    }
  }
}
