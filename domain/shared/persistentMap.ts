// An immutable string-keyed map whose `set` and `delete` copy one small bucket instead of the whole
// map. Aggregates fold their events with a pure `evolve`, so a fleet of 5,000 vehicles with years
// of per-vehicle events would copy a whole Map per event (quadratic replay: ~1 s for 5,000 adds);
// with 256 buckets an update copies the bucket array and about size/256 entries.
// Iteration order is by bucket, not by insertion: callers that show lists sort them.

const BUCKETS = 256

/** FNV-1a over UTF-16 code units, folded to a bucket index. */
function bucketOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) % BUCKETS
}

export class PersistentMap<V> {
  private constructor(
    private readonly buckets: ReadonlyArray<ReadonlyMap<string, V> | undefined>,
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(new Array(BUCKETS).fill(undefined), 0)
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>()
    for (const [k, v] of entries) map = map.set(k, v)
    return map
  }

  get(key: string): V | undefined {
    return this.buckets[bucketOf(key)]?.get(key)
  }

  has(key: string): boolean {
    return this.buckets[bucketOf(key)]?.has(key) ?? false
  }

  set(key: string, value: V): PersistentMap<V> {
    const index = bucketOf(key)
    const bucket = new Map(this.buckets[index])
    const grows = !bucket.has(key)
    bucket.set(key, value)
    const buckets = [...this.buckets]
    buckets[index] = bucket
    return new PersistentMap(buckets, this.size + (grows ? 1 : 0))
  }

  delete(key: string): PersistentMap<V> {
    const index = bucketOf(key)
    if (!this.buckets[index]?.has(key)) return this
    const bucket = new Map(this.buckets[index])
    bucket.delete(key)
    const buckets = [...this.buckets]
    buckets[index] = bucket
    return new PersistentMap(buckets, this.size - 1)
  }

  *entries(): IterableIterator<[string, V]> {
    for (const bucket of this.buckets) if (bucket) yield* bucket.entries()
  }

  *values(): IterableIterator<V> {
    for (const bucket of this.buckets) if (bucket) yield* bucket.values()
  }
}
