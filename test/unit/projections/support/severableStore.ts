// A DocumentStore as seen by a process that died or was cut off: after sever(), every call
// fails. Used to "kill" one of two runners sharing a store without touching the other, and
// to pause a writer between two transactions (beforeTransaction).
import type {
  Collection,
  Document,
  DocumentStore,
  Filter,
  FindOptions,
  IndexSpec,
  Update,
  UpdateResult,
} from '../../../../application/ports/documentStore.js'

export class StoreSevered extends Error {
  constructor() {
    super('store connection severed')
    this.name = 'StoreSevered'
  }
}

export class SeverableStore implements DocumentStore {
  private severed = false
  private transactions = 0
  /** Awaited before each transaction begins (with its 1-based number): lets a test pause a writer between batches. */
  beforeTransaction: ((n: number) => Promise<void>) | null = null

  constructor(private readonly inner: DocumentStore) {}

  sever(): void {
    this.severed = true
  }

  check(): void {
    if (this.severed) throw new StoreSevered()
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new SeverableCollection<T>(this, this.inner.collection<T>(name))
  }

  async transaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    await this.beforeTransaction?.(++this.transactions)
    this.check()
    return this.inner.transaction(async (tx) => {
      const result = await fn(new Forwarding(this, tx))
      // A process cut off mid-transaction never gets to commit it.
      this.check()
      return result
    })
  }

  async listCollections(): Promise<string[]> {
    this.check()
    return this.inner.listCollections()
  }

  async dropCollection(name: string): Promise<void> {
    this.check()
    return this.inner.dropCollection(name)
  }

  async renameCollection(from: string, to: string): Promise<void> {
    this.check()
    return this.inner.renameCollection(from, to)
  }

  async ping(): Promise<void> {
    this.check()
  }

  async close(): Promise<void> {}
}

/** The transaction's store, checking the outer switch on every call. */
class Forwarding extends SeverableStore {
  constructor(
    private readonly outer: SeverableStore,
    inner: DocumentStore,
  ) {
    super(inner)
  }

  override check(): void {
    this.outer.check()
  }
}

class SeverableCollection<T extends Document> implements Collection<T> {
  constructor(
    private readonly store: SeverableStore,
    private readonly inner: Collection<T>,
  ) {}

  get name(): string {
    return this.inner.name
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    this.store.check()
    return this.inner.find(filter, options)
  }

  async findOne(filter?: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null> {
    this.store.check()
    return this.inner.findOne(filter, options)
  }

  async count(filter?: Filter): Promise<number> {
    this.store.check()
    return this.inner.count(filter)
  }

  async insertOne(doc: T): Promise<void> {
    this.store.check()
    return this.inner.insertOne(doc)
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    this.store.check()
    return this.inner.insertMany(docs)
  }

  async replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult> {
    this.store.check()
    return this.inner.replaceOne(filter, doc, options)
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult> {
    this.store.check()
    return this.inner.updateOne(filter, update, options)
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    this.store.check()
    return this.inner.updateMany(filter, update)
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    this.store.check()
    return this.inner.deleteOne(filter)
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    this.store.check()
    return this.inner.deleteMany(filter)
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    this.store.check()
    return this.inner.createIndex(spec)
  }
}
