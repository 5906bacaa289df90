// Events per second over a sliding window, from per-batch samples (a handful per second, so
// the bookkeeping costs nothing next to the batches themselves).
import { performance } from 'node:perf_hooks'

export class ThroughputMeter {
  private samples: Array<{ at: number; count: number }> = []
  private startedAt = performance.now()

  constructor(private readonly windowMs = 5000) {}

  reset(): void {
    this.samples = []
    this.startedAt = performance.now()
  }

  record(count: number): void {
    const at = performance.now()
    this.samples.push({ at, count })
    this.prune(at)
  }

  perSecond(): number {
    const now = performance.now()
    this.prune(now)
    const span = Math.min(this.windowMs, now - this.startedAt)
    if (span <= 0) return 0
    let total = 0
    for (const s of this.samples) total += s.count
    return Math.round((total * 1000) / span)
  }

  private prune(now: number): void {
    const from = now - this.windowMs
    let drop = 0
    while (drop < this.samples.length && (this.samples[drop] as { at: number }).at < from) drop++
    if (drop > 0) this.samples.splice(0, drop)
  }
}
