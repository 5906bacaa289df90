// Documents are JSON: plain objects, arrays, strings, finite numbers, booleans, null. The
// SQLite adapter stores JSON text and MongoDB would store a Date or NaN as something JSON
// cannot say, so every adapter refuses such values up front rather than letting them read
// back differently per adapter. Fields whose value is `undefined` are dropped, as JSON does
// (the Mongo adapter is configured with ignoreUndefined to match).
import { type Document, UnsupportedQuery } from '../../../application/ports/documentStore.js'

export type PlainObject = Record<string, unknown>

export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Throws UnsupportedQuery naming the first non-JSON value found under `where`. */
export function assertJsonValue(value: unknown, where: string): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return
    case 'number':
      if (!Number.isFinite(value)) throw new UnsupportedQuery(`${where}: ${value} is not a JSON number`)
      return
    case 'object':
      if (value === null) return
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          if (v === undefined) throw new UnsupportedQuery(`${where}.${i}: undefined inside an array`)
          assertJsonValue(v, `${where}.${i}`)
        })
        return
      }
      if (!isPlainObject(value)) {
        const kind = (value as object).constructor?.name ?? 'object'
        throw new UnsupportedQuery(`${where}: a ${kind} is not a JSON value (store ISO strings, plain objects)`)
      }
      for (const [k, v] of Object.entries(value)) {
        if (v !== undefined) assertJsonValue(v, `${where}.${k}`)
      }
      return
    default:
      throw new UnsupportedQuery(`${where}: a ${typeof value} is not a JSON value`)
  }
}

/** Deep copy through JSON; also drops undefined fields. Only for values that passed assertJsonValue. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Field names a stored document may use at any depth: not empty, no '.', no leading '$'. */
function assertStorableKeys(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      assertStorableKeys(v, `${where}.${i}`)
    })
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.length === 0 || k.includes('.') || k.startsWith('$')) {
        throw new UnsupportedQuery(
          `${where}: field name '${k}' is not storable (empty, contains '.' or starts with '$')`,
        )
      }
      assertStorableKeys(v, `${where}.${k}`)
    }
  }
}

/**
 * Checks a document about to be written and returns the JSON copy that is stored, so no
 * caller-held reference aliases stored state.
 */
export function toStoredDocument<T extends Document>(doc: T, collection: string): T {
  if (!isPlainObject(doc)) throw new UnsupportedQuery(`${collection}: a document must be a plain object`)
  if (typeof doc._id !== 'string' || doc._id.length === 0) {
    throw new UnsupportedQuery(`${collection}: a document needs a non-empty string _id`)
  }
  assertJsonValue(doc, collection)
  assertStorableKeys(doc, collection)
  return cloneJson(doc)
}
