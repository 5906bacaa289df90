// MongoDB's comparison order of BSON values (its "comparison/sort order" documentation) and the
// sort-key rule for arrays, written from the documentation rather than taken from mingo, whose
// sort differs for arrays (it does not use the largest element when sorting descending).
//   MinKey < null (and missing) < numbers < strings < objects < arrays < binary < ObjectId
//   < booleans < dates < timestamps < regular expressions < MaxKey
// Sort keys: an array field sorts by its smallest element ascending and its largest descending;
// an empty array sorts before null/missing in both directions.
import { Binary, type Document, MaxKey, MinKey, ObjectId, Timestamp } from 'bson'

const EMPTY_ARRAY = Symbol('empty array')
type SortValue = unknown

function typeRank(v: unknown): number {
  if (v === EMPTY_ARRAY) return 0
  if (v instanceof MinKey) return 1
  if (v === null || v === undefined) return 2
  if (typeof v === 'number' || typeof v === 'bigint') return 3
  if (typeof v === 'string') return 4
  if (Array.isArray(v)) return 6
  if (v instanceof Binary || v instanceof Uint8Array) return 7
  if (v instanceof ObjectId) return 8
  if (typeof v === 'boolean') return 9
  if (v instanceof Date) return 10
  if (v instanceof Timestamp) return 11
  if (v instanceof RegExp) return 12
  if (v instanceof MaxKey) return 13
  if (typeof v === 'object') return 5
  return 14
}

function compareStrings(a: string, b: string): number {
  // The server compares UTF-8 bytes (code point order); JS `<` compares UTF-16 code units.
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

function bytesOf(v: unknown): Buffer {
  if (v instanceof Binary) return Buffer.from(v.buffer)
  if (v instanceof Uint8Array) return Buffer.from(v)
  return Buffer.alloc(0)
}

/** Total order of two BSON values (the server's woCompare without collation). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  switch (ra) {
    case 3: {
      const x = Number(a)
      const y = Number(b)
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1
      return x < y ? -1 : x > y ? 1 : 0
    }
    case 4:
      return compareStrings(a as string, b as string)
    case 5:
      return compareObjects(a as Document, b as Document)
    case 6:
      return compareArrays(a as unknown[], b as unknown[])
    case 7: {
      const x = bytesOf(a)
      const y = bytesOf(b)
      return x.length !== y.length ? (x.length < y.length ? -1 : 1) : Buffer.compare(x, y)
    }
    case 8:
      return Buffer.compare(Buffer.from((a as ObjectId).id), Buffer.from((b as ObjectId).id))
    case 9:
      return a === b ? 0 : a ? 1 : -1
    case 10:
      return Math.sign((a as Date).getTime() - (b as Date).getTime())
    case 11:
      return (a as Timestamp).compare(b as Timestamp)
    case 12:
      return compareStrings(String(a), String(b))
    default:
      return 0
  }
}

/** Objects compare field by field: the value's type first, then the field name, then the value. */
function compareObjects(a: Document, b: Document): number {
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const fa = ka[i] as string
    const fb = kb[i] as string
    const byType = typeRank(a[fa]) - typeRank(b[fb])
    if (byType !== 0) return Math.sign(byType)
    const byName = compareStrings(fa, fb)
    if (byName !== 0) return byName
    const byValue = compareValues(a[fa], b[fb])
    if (byValue !== 0) return byValue
  }
  return Math.sign(ka.length - kb.length)
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i])
    if (c !== 0) return c
  }
  return Math.sign(a.length - b.length)
}

/** BSON equality as the server sees it: 1 equals 1.0, field order matters in objects. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0
}

/** Every value a path reaches, descending through arrays of objects (for sort keys and index keys). */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = []
  collect(doc, path.split('.'), 0, out)
  return out
}

function collect(value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(value)
    return
  }
  const part = parts[i] as string
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) {
      const element = value[Number(part)]
      if (element !== undefined) collect(element, parts, i + 1, out)
      return
    }
    for (const element of value)
      if (element !== null && typeof element === 'object' && !Array.isArray(element)) collect(element, parts, i, out)
    return
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && part in (value as Document)) {
    collect((value as Document)[part], parts, i + 1, out)
  }
}

function sortKey(doc: Document, path: string, direction: 1 | -1): SortValue {
  const reached = valuesAtPath(doc, path)
  const candidates: unknown[] = []
  for (const v of reached) {
    if (Array.isArray(v)) {
      if (v.length === 0) candidates.push(EMPTY_ARRAY)
      else candidates.push(...v)
    } else candidates.push(v)
  }
  if (candidates.length === 0) return null
  let best = candidates[0]
  for (const c of candidates.slice(1)) {
    const cmp = compareValues(c, best)
    if ((direction === 1 && cmp < 0) || (direction === -1 && cmp > 0)) best = c
  }
  return best
}

export type SortSpec = Array<[string, 1 | -1]>

/** Sorts in place order (stable: ties keep natural order, which the server does not promise). */
export function sortDocuments<T extends Document>(docs: T[], spec: SortSpec): T[] {
  if (spec.length === 0) return docs
  const keyed = docs.map((doc, index) => ({ doc, index, keys: spec.map(([path, dir]) => sortKey(doc, path, dir)) }))
  keyed.sort((x, y) => {
    for (let i = 0; i < spec.length; i++) {
      const dir = (spec[i] as [string, 1 | -1])[1]
      const c = compareValues(x.keys[i], y.keys[i])
      if (c !== 0) return c * dir
    }
    return x.index - y.index
  })
  return keyed.map((k) => k.doc)
}

/**
 * A string that is equal for exactly the values the server's indexes treat as equal (1 and 1.0
 * are one key; objects keep field order): used for _id lookups and unique index entries.
 */
export function keyString(v: unknown): string {
  if (v === undefined || v === null) return 'null'
  if (typeof v === 'number') return Object.is(v, -0) ? 'n:0' : `n:${v}`
  if (typeof v === 'bigint') return `n:${v}`
  if (typeof v === 'string') return `s:${JSON.stringify(v)}`
  if (typeof v === 'boolean') return `b:${v}`
  if (v instanceof ObjectId) return `o:${v.toHexString()}`
  if (v instanceof Date) return `d:${v.getTime()}`
  if (v instanceof Binary || v instanceof Uint8Array) return `x:${bytesOf(v).toString('hex')}`
  if (Array.isArray(v)) return `[${v.map(keyString).join(',')}]`
  if (v instanceof RegExp) return `r:${String(v)}`
  if (typeof v === 'object') {
    const parts = Object.entries(v as Document).map(([k, x]) => `${JSON.stringify(k)}:${keyString(x)}`)
    return `{${parts.join(',')}}`
  }
  return `?:${String(v)}`
}
