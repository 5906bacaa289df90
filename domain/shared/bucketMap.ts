// An immutable string-keyed map whose updates copy a small path instead of the whole map: keys are
// hashed into 64 × 64 leaf buckets, and a set or delete copies the top array, one middle array
// and one leaf (about 130 slots plus a leaf of size / 4096 entries). Aggregates whose state grows
// with their stream (a point's stock: thousands of skus, every document ever booked) thus fold
// each event at the same cost after a year as on the first day, while every intermediate state
// stays a value (state "as of" any revision can still be kept and compared).

type Leaf<V> = ReadonlyMap<string, V>
type Middle<V> = ReadonlyArray<Leaf<V>>

export interface BucketMap<V> {
  readonly top: ReadonlyArray<Middle<V>>
  readonly size: number
}

const WIDTH = 64
const EMPTY_LEAF: Leaf<never> = new Map<string, never>()
const EMPTY_MIDDLE: Middle<never> = Array.from({ length: WIDTH }, () => EMPTY_LEAF)

export function emptyBucketMap<V>(): BucketMap<V> {
  return { top: Array.from({ length: WIDTH }, () => EMPTY_MIDDLE), size: 0 }
}

// FNV-1a: cheap, and spreads short keys such as skus and ids well enough.
function hash(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function leafOf<V>(map: BucketMap<V>, h: number): Leaf<V> {
  return (map.top[h % WIDTH] as Middle<V>)[(h >>> 6) % WIDTH] as Leaf<V>
}

function withLeaf<V>(map: BucketMap<V>, h: number, leaf: Leaf<V>, size: number): BucketMap<V> {
  const i = h % WIDTH
  const middle = [...(map.top[i] as Middle<V>)]
  middle[(h >>> 6) % WIDTH] = leaf
  const top = [...map.top]
  top[i] = middle
  return { top, size }
}

export function bucketGet<V>(map: BucketMap<V>, key: string): V | undefined {
  return leafOf(map, hash(key)).get(key)
}

export function bucketHas<V>(map: BucketMap<V>, key: string): boolean {
  return leafOf(map, hash(key)).has(key)
}

export function bucketSet<V>(map: BucketMap<V>, key: string, value: V): BucketMap<V> {
  const h = hash(key)
  const leaf = new Map(leafOf(map, h))
  const added = !leaf.has(key)
  leaf.set(key, value)
  return withLeaf(map, h, leaf, map.size + (added ? 1 : 0))
}

export function bucketDelete<V>(map: BucketMap<V>, key: string): BucketMap<V> {
  const h = hash(key)
  const current = leafOf(map, h)
  if (!current.has(key)) return map
  const leaf = new Map(current)
  leaf.delete(key)
  return withLeaf(map, h, leaf, map.size - 1)
}

/** Every entry, sorted by key (bucket order is an implementation detail). */
export function bucketEntries<V>(map: BucketMap<V>): Array<[string, V]> {
  const out: Array<[string, V]> = []
  for (const middle of map.top) for (const leaf of middle) for (const entry of leaf) out.push(entry)
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
