// The document an upsert starts from when nothing matched: MongoDB copies the filter's
// equality conditions ({a: 1}, {'b.c': 'x'}, {d: {$eq: 2}}, also inside $and and a one-clause
// $or) into a new document and then applies the update to it. Other conditions ($gt, $in...)
// contribute nothing. The _id comes from the filter when it pins a string _id, otherwise a
// fresh UUID (the port wants string ids, so no ObjectId).
import { randomUUID } from 'node:crypto'
import { type Document, type Filter, UnsupportedQuery } from '../../../application/ports/documentStore.js'
import { splitPath } from './documentPaths.js'
import { cloneJson, isPlainObject, type PlainObject } from './jsonDocument.js'
import { isOperatorObject } from './queryValidation.js'

function equalities(filter: Filter, out: Array<[string, unknown]>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and') for (const f of value as Filter[]) equalities(f, out)
    else if (key === '$or') {
      const clauses = value as Filter[]
      if (clauses.length === 1) equalities(clauses[0] as Filter, out)
    } else if (isOperatorObject(value)) {
      if ('$eq' in value) out.push([key, value.$eq])
    } else {
      out.push([key, value])
    }
  }
}

function setSeedPath(seed: PlainObject, path: string, value: unknown): void {
  const components = splitPath(path, 'upsert')
  let current = seed
  components.forEach((c, i) => {
    if (i === components.length - 1) {
      if (c in current) throw new UnsupportedQuery(`upsert: the filter sets '${path}' twice`)
      current[c] = cloneJson(value)
      return
    }
    const next = current[c]
    if (next === undefined) current[c] = {}
    else if (!isPlainObject(next))
      throw new UnsupportedQuery(`upsert: the filter's '${path}' conflicts with another field`)
    current = current[c] as PlainObject
  })
}

/** Fields the filter pins by equality, as a document (without a generated _id). */
export function seedFromFilter(filter: Filter): PlainObject {
  const pairs: Array<[string, unknown]> = []
  equalities(filter, pairs)
  const seed: PlainObject = {}
  for (const [path, value] of pairs) setSeedPath(seed, path, value)
  return seed
}

/** The _id the filter pins, if it pins a string one. */
export function idFromFilter(filter: Filter): string | undefined {
  const id = seedFromFilter(filter)._id
  return typeof id === 'string' ? id : undefined
}

export function newDocumentId(): string {
  return randomUUID()
}

/** Seed for updateOne with upsert: the filter's equalities plus an _id. */
export function upsertSeed(filter: Filter): Document {
  const seed = seedFromFilter(filter)
  const { _id: pinned, ...fields } = seed
  // _id first, as MongoDB orders it.
  return { _id: typeof pinned === 'string' ? pinned : newDocumentId(), ...fields }
}

/**
 * The document replaceOne inserts on upsert, and the check MongoDB makes on every
 * replacement: the replacement may not change _id.
 */
export function replacementDocument<T extends Document>(existingId: string | undefined, filter: Filter, doc: T): T {
  const pinned = existingId ?? idFromFilter(filter)
  const given = (doc as Document)._id
  if (pinned !== undefined && given !== undefined && given !== pinned) {
    throw new UnsupportedQuery(
      `replaceOne: the replacement's _id '${given}' differs from '${pinned}' (_id is immutable)`,
    )
  }
  const { _id: _given, ...fields } = doc
  return { _id: pinned ?? given ?? newDocumentId(), ...fields } as unknown as T
}
