// Query evaluation: filters and projections by mingo (an implementation of MongoDB's query
// language independent of this project's adapters), sorts by values.ts. mingo's own errors
// (an unknown operator, a mixed projection) come back as the server's BadValue.
import type { Document } from 'bson'
import { Aggregator, Query } from 'mingo'
import { CommandError, notImplemented } from './errors.js'
import { type SortSpec, sortDocuments } from './values.js'

// No server-side JavaScript: the server refuses $where/$function without scripting too.
const MINGO_OPTIONS = { scriptEnabled: false } as const

function asBadValue(error: unknown): CommandError {
  return new CommandError('BadValue', error instanceof Error ? error.message : String(error))
}

export type Matcher = (doc: Document) => boolean

export function compileFilter(filter: unknown): Matcher {
  if (filter === undefined || filter === null) return () => true
  if (typeof filter !== 'object' || Array.isArray(filter))
    throw new CommandError('TypeMismatch', "BSON field 'filter' is the wrong type, expected type 'object'")
  if (Object.keys(filter).length === 0) return () => true
  try {
    const query = new Query(filter as Document, MINGO_OPTIONS)
    return (doc) => {
      try {
        return query.test(doc)
      } catch (error) {
        throw asBadValue(error)
      }
    }
  } catch (error) {
    throw asBadValue(error)
  }
}

/** The `_id` a filter pins by plain equality, if any: lets a lookup skip the collection scan. */
export function pinnedId(filter: unknown): { value: unknown } | null {
  if (filter === null || typeof filter !== 'object' || !('_id' in filter)) return null
  const id = (filter as Document)._id
  if (typeof id === 'string' || typeof id === 'number') return { value: id }
  if (id !== null && typeof id === 'object' && Object.keys(id).length === 1 && '$eq' in id) {
    const eq = (id as Document).$eq
    if (typeof eq === 'string' || typeof eq === 'number') return { value: eq }
  }
  return null
}

export function parseSort(sort: unknown): SortSpec {
  if (sort === undefined || sort === null) return []
  if (typeof sort !== 'object' || Array.isArray(sort))
    throw new CommandError('TypeMismatch', "BSON field 'sort' is the wrong type, expected type 'object'")
  return Object.entries(sort as Document).map(([path, dir]) => {
    if (dir === 1 || dir === -1) return [path, dir]
    if (typeof dir === 'object' && dir !== null && '$meta' in dir) throw notImplemented('$meta sorts')
    throw new CommandError('BadValue', `$sort key ordering must be 1 (for ascending) or -1 (for descending)`)
  })
}

export function project(docs: Document[], projection: unknown): Document[] {
  if (projection === undefined || projection === null || Object.keys(projection as Document).length === 0) return docs
  try {
    return new Query({}, MINGO_OPTIONS).find(docs, projection as Document).all() as Document[]
  } catch (error) {
    throw asBadValue(error)
  }
}

const STAGES = new Set(['$match', '$sort', '$skip', '$limit', '$project', '$count', '$group', '$addFields', '$set'])

/** The aggregation stages the driver's helpers (countDocuments) and the adapter use, and a few more. */
export function runPipeline(docs: Document[], pipeline: unknown): Document[] {
  if (!Array.isArray(pipeline))
    throw new CommandError('TypeMismatch', "BSON field 'pipeline' is the wrong type, expected type 'array'")
  let out = docs
  for (const stage of pipeline as Document[]) {
    const keys = Object.keys(stage)
    const name = keys[0]
    if (keys.length !== 1 || name === undefined)
      throw new CommandError('FailedToParse', 'A pipeline stage specification object must contain exactly one field.')
    if (!STAGES.has(name)) throw notImplemented(`the aggregation stage ${name}`)
    if (name === '$sort') {
      out = sortDocuments([...out], parseSort(stage.$sort))
      continue
    }
    if (name === '$match') {
      const match = compileFilter(stage.$match)
      out = out.filter(match)
      continue
    }
    try {
      out = new Aggregator([stage], MINGO_OPTIONS).run(out) as Document[]
    } catch (error) {
      throw asBadValue(error)
    }
  }
  return out
}
