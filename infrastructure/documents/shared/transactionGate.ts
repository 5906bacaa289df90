// Serialises a store's operations around its transactions. The SQLite and memory adapters
// run each operation synchronously, but transaction(fn) awaits fn: while it is open, other
// callers must not see its uncommitted writes nor slip their own writes into it (or, in the
// memory adapter, lose them to a rollback). So every operation takes a mutex, except calls
// made from inside the open transaction's async context (AsyncLocalStorage), which run
// inline: that is how the tx handle, and a nested transaction(), bypass the lock instead of
// deadlocking on it.
import { AsyncLocalStorage } from 'node:async_hooks'
import { Mutex } from 'async-mutex'

export interface TransactionHooks {
  begin(): void
  commit(): void
  rollback(): void
}

export class TransactionGate {
  private readonly mutex = new Mutex()
  private readonly context = new AsyncLocalStorage<symbol>()
  private open: symbol | undefined

  /** True when called from inside this gate's open transaction. */
  get inTransaction(): boolean {
    const token = this.context.getStore()
    return token !== undefined && token === this.open
  }

  /** Runs one operation, waiting for any open transaction unless it is part of it. */
  async run<R>(operation: () => R | Promise<R>): Promise<R> {
    if (this.inTransaction) return operation()
    return this.mutex.runExclusive(operation)
  }

  /** Runs fn as a transaction; a nested call runs inline as part of the enclosing one. */
  async transaction<R>(hooks: TransactionHooks, fn: () => Promise<R>): Promise<R> {
    if (this.inTransaction) return fn()
    return this.mutex.runExclusive(async () => {
      const token = Symbol('transaction')
      hooks.begin()
      this.open = token
      try {
        const result = await this.context.run(token, fn)
        hooks.commit()
        return result
      } catch (error) {
        hooks.rollback()
        throw error
      } finally {
        this.open = undefined
      }
    })
  }
}
