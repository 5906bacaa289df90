// Sorting in JS with the same keys the SQLite adapter computes in SQL (sortToSql.ts):
// - the key is the value at the path, following object fields and array positions only
//   (a path through an array of objects, 'lines.price', gives no key: it sorts as missing;
//   MongoDB would use the min/max over the elements, which we do not support);
// - missing and null sort together, below numbers;
// - an array value sorts by its smallest element ascending and its largest descending, as
//   in MongoDB; an empty array sorts before null;
// - ties keep the input order (stable), which for stored documents is insertion order.
import { isArrayIndex } from './documentPaths.js'
import { isPlainObject } from './jsonDocument.js'
import { compareValues, RANK_EMPTY_ARRAY, RANK_NULL, typeRank } from './valueOrder.js'

/** The value at a path without array traversal (what SQLite's json_extract gives). */
export function valueAtPath(doc: unknown, components: readonly string[]): unknown {
  let current: unknown = doc
  for (const c of components) {
    if (isPlainObject(current)) current = current[c]
    else if (Array.isArray(current) && isArrayIndex(c)) current = current[Number(c)]
    else return undefined
  }
  return current
}

interface SortKey {
  rank: number
  value: unknown
}

export function sortKey(doc: unknown, components: readonly string[], direction: 1 | -1): SortKey {
  const value = valueAtPath(doc, components)
  if (!Array.isArray(value)) return { rank: typeRank(value), value: value ?? null }
  if (value.length === 0) return { rank: RANK_EMPTY_ARRAY, value: null }
  let best: unknown = value[0]
  for (const v of value.slice(1)) {
    const c = compareValues(v, best)
    if (direction === 1 ? c < 0 : c > 0) best = v
  }
  return { rank: typeRank(best), value: best }
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1
  if (a.rank === RANK_EMPTY_ARRAY || a.rank === RANK_NULL) return 0
  return compareValues(a.value, b.value)
}

export function sortDocuments<T>(
  docs: readonly T[],
  sort: ReadonlyArray<{ components: string[]; direction: 1 | -1 }>,
): T[] {
  if (sort.length === 0) return [...docs]
  const keyed = docs.map((doc) => ({ doc, keys: sort.map((s) => sortKey(doc, s.components, s.direction)) }))
  keyed.sort((x, y) => {
    for (let i = 0; i < sort.length; i++) {
      const c = compareKeys(x.keys[i] as SortKey, y.keys[i] as SortKey)
      if (c !== 0) return (sort[i] as { direction: 1 | -1 }).direction === 1 ? c : -c
    }
    return 0
  })
  return keyed.map((k) => k.doc)
}
