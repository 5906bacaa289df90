// Runs tasks one at a time per key, in arrival order. Contract decisions for one holder go through
// it: the overlap check reads other contracts' coverage, and two contracts signed at the same
// moment for the same vehicle (different streams, so no expected-revision conflict) would both pass.
// In-process only: several API processes still need the (rare) race documented in the README.
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>()

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const result = previous.then(task, task)
    const tail = result.catch(() => undefined)
    this.tails.set(key, tail)
    try {
      return await result
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}
