import type { Clock } from '../../../../application/leases/clock.js'

/** A clock that runs in real time from `start` (default: now) and can jump ahead, for the worker and its queue. */
export class RunningClock implements Clock {
  private offset: number

  constructor(start: number = Date.now()) {
    this.offset = start - Date.now()
  }

  now(): number {
    return Date.now() + this.offset
  }

  jumpTo(at: number): void {
    this.offset += at - this.now()
  }
}
