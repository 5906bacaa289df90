// Wakes a sleeping job processor when there may be work (a job scheduled or finished in this
// process) instead of letting it sleep out its poll interval. A wake with nobody asleep is kept
// for the next sleeper, so a wake that lands between "look for jobs" and "sleep" is not lost.
export class JobWakeup {
  private sleepers: Array<() => void> = []
  private pending = false

  wake(): void {
    if (this.sleepers.length === 0) {
      this.pending = true
      return
    }
    const sleepers = this.sleepers
    this.sleepers = []
    for (const resume of sleepers) resume()
  }

  /** Resolves after `ms`, or at the next wake, whichever comes first. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const resume = () => {
        clearTimeout(timer)
        this.sleepers = this.sleepers.filter((s) => s !== resume)
        resolve()
      }
      const timer = setTimeout(resume, ms)
      this.sleepers.push(resume)
    })
  }
}
