// MongoDB's comparison order for JSON values, as the adapters implement it in JS (the SQLite
// adapter expresses the same order in SQL: sortToSql.ts). Types order as
//   (empty array) < null/missing < numbers < strings < objects < arrays < booleans
// Within a type: numbers numerically, strings by code point (= UTF-8 bytes, SQLite's BINARY
// collation and MongoDB's default), booleans false < true. Objects and nested arrays order by
// their JSON text: a deterministic stand-in for MongoDB's field-by-field BSON order.
import { isPlainObject } from './jsonDocument.js'

export const RANK_EMPTY_ARRAY = 0
export const RANK_NULL = 1
export const RANK_NUMBER = 2
export const RANK_STRING = 3
export const RANK_OBJECT = 4
export const RANK_ARRAY = 5
export const RANK_BOOLEAN = 6

/** Rank of a value seen as one element (an array here is a nested array, not a key to expand). */
export function typeRank(value: unknown): number {
  if (value === undefined || value === null) return RANK_NULL
  switch (typeof value) {
    case 'number':
      return RANK_NUMBER
    case 'string':
      return RANK_STRING
    case 'boolean':
      return RANK_BOOLEAN
    default:
      return Array.isArray(value) ? RANK_ARRAY : RANK_OBJECT
  }
}

/** Compares strings by Unicode code point, which JS's < (UTF-16 units) does not. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number
    const y = b.codePointAt(i) as number
    if (x !== y) return x < y ? -1 : 1
    if (x > 0xffff) i++
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

/** Total order over element values (see header). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  switch (ra) {
    case RANK_NUMBER:
      return (a as number) === (b as number) ? 0 : (a as number) < (b as number) ? -1 : 1
    case RANK_STRING:
      return compareStrings(a as string, b as string)
    case RANK_BOOLEAN:
      return a === b ? 0 : a ? 1 : -1
    case RANK_NULL:
      return 0
    default:
      return compareStrings(JSON.stringify(a), JSON.stringify(b))
  }
}

/**
 * MongoDB equality: numbers by value, objects field by field in order (so {a,b} differs from
 * {b,a}), arrays element by element.
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]))
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false
    const ka = Object.keys(a).filter((k) => a[k] !== undefined)
    const kb = Object.keys(b).filter((k) => b[k] !== undefined)
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && valuesEqual(a[k], b[k]))
  }
  return false
}
