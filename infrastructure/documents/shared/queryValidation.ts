// The one gate for the documented subset of MongoDB's language. Every adapter calls these
// before touching storage, so all of them reject the same filters, updates and options with
// UnsupportedQuery (naming the operator) and nothing is ever half-written.
import {
  type Filter,
  type FindOptions,
  type IndexSpec,
  UnsupportedQuery,
  type Update,
} from '../../../application/ports/documentStore.js'
import { isArrayIndex, pathsOverlap, splitPath } from './documentPaths.js'
import { assertJsonValue, isPlainObject, type PlainObject } from './jsonDocument.js'

export const FIELD_OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'] as const
export type FieldOperator = (typeof FIELD_OPERATORS)[number]
export const UPDATE_OPERATORS = ['$set', '$unset', '$inc', '$push', '$pull', '$addToSet'] as const
export type UpdateOperator = (typeof UPDATE_OPERATORS)[number]

const isFieldOperator = (k: string): k is FieldOperator => (FIELD_OPERATORS as readonly string[]).includes(k)
const isUpdateOperator = (k: string): k is UpdateOperator => (UPDATE_OPERATORS as readonly string[]).includes(k)

/**
 * A field's condition is an operator object when its keys start with '$' ({a: {$gt: 1}});
 * any other value is an implicit equality ({a: {b: 1}} compares with the whole object).
 */
export function isOperatorObject(value: unknown): value is PlainObject {
  if (!isPlainObject(value)) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.some((k) => k.startsWith('$'))
}

function assertOperand(value: unknown, where: string): void {
  if (value === undefined) throw new UnsupportedQuery(`${where}: undefined is not a value (use null)`)
  if (value instanceof RegExp) throw new UnsupportedQuery(`${where}: regular expressions ($regex) are not supported`)
  assertJsonValue(value, where)
}

/** Checks {$gt: 1, $lt: 5}-style conditions on one field. */
export function validateFieldCondition(condition: PlainObject, where: string): void {
  const keys = Object.keys(condition)
  if (!keys.every((k) => k.startsWith('$'))) {
    throw new UnsupportedQuery(`${where}: cannot mix operators and field names in one condition`)
  }
  for (const op of keys) {
    if (!isFieldOperator(op)) throw new UnsupportedQuery(`unsupported query operator ${op} (${where})`)
    const operand = condition[op]
    const at = `${where}.${op}`
    switch (op) {
      case '$eq':
      case '$ne':
        assertOperand(operand, at)
        break
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        assertOperand(operand, at)
        // MongoDB would compare objects and arrays field by field; read models never need
        // it and SQLite cannot index it, so the subset stops at scalars.
        if (operand !== null && typeof operand === 'object') {
          throw new UnsupportedQuery(`${at}: range comparison with an object or array is not supported`)
        }
        break
      case '$in':
      case '$nin':
        if (!Array.isArray(operand)) throw new UnsupportedQuery(`${at}: needs an array`)
        operand.forEach((v, i) => {
          assertOperand(v, `${at}.${i}`)
        })
        break
      case '$exists':
        if (typeof operand !== 'boolean') throw new UnsupportedQuery(`${at}: needs true or false`)
        break
    }
  }
}

export function validateFilter(filter: Filter | undefined, where = 'filter'): void {
  if (filter === undefined) return
  if (!isPlainObject(filter)) throw new UnsupportedQuery(`${where}: a filter must be a plain object`)
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new UnsupportedQuery(`${where}.${key}: needs a non-empty array of filters`)
      }
      value.forEach((f, i) => {
        validateFilter(f as Filter, `${where}.${key}.${i}`)
      })
      continue
    }
    if (key.startsWith('$')) throw new UnsupportedQuery(`unsupported query operator ${key} (${where})`)
    splitPath(key, where)
    if (isOperatorObject(value)) validateFieldCondition(value, `${where}.${key}`)
    else assertOperand(value, `${where}.${key}`)
  }
}

/** Path (as components) and the operator writing it, for conflict checks and application. */
export interface UpdateTarget {
  operator: UpdateOperator
  path: string
  components: string[]
  value: unknown
}

/** Checks an update and returns its targets; rejects conflicting paths like MongoDB does. */
export function validateUpdate(update: Update, where = 'update'): UpdateTarget[] {
  if (!isPlainObject(update)) throw new UnsupportedQuery(`${where}: an update must be a plain object`)
  const entries = Object.entries(update)
  if (entries.length === 0) throw new UnsupportedQuery(`${where}: an update needs at least one operator`)
  const targets: UpdateTarget[] = []
  for (const [op, fields] of entries) {
    if (!op.startsWith('$')) {
      throw new UnsupportedQuery(`${where}: '${op}' is not an update operator (use replaceOne to replace a document)`)
    }
    if (!isUpdateOperator(op)) throw new UnsupportedQuery(`unsupported update operator ${op}`)
    if (!isPlainObject(fields)) throw new UnsupportedQuery(`${where}.${op}: needs an object of field paths`)
    for (const [path, value] of Object.entries(fields)) {
      const at = `${where}.${op}.${path}`
      const components = splitPath(path, `${where}.${op}`)
      if (components[0] === '_id') throw new UnsupportedQuery(`${at}: _id is immutable`)
      validateUpdateOperand(op, value, at)
      targets.push({ operator: op, path, components, value })
    }
  }
  for (let i = 0; i < targets.length; i++) {
    for (let j = i + 1; j < targets.length; j++) {
      const a = targets[i] as UpdateTarget
      const b = targets[j] as UpdateTarget
      if (pathsOverlap(a.components, b.components)) {
        throw new UnsupportedQuery(`${where}: updating '${a.path}' and '${b.path}' in one update conflicts`)
      }
    }
  }
  return targets
}

function validateUpdateOperand(op: UpdateOperator, value: unknown, at: string): void {
  switch (op) {
    case '$set':
      assertOperand(value, at)
      return
    case '$unset':
      return // MongoDB ignores the value
    case '$inc':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new UnsupportedQuery(`${at}: $inc needs a number`)
      return
    case '$push':
    case '$addToSet':
      if (isOperatorObject(value)) {
        for (const modifier of Object.keys(value)) {
          if (modifier !== '$each') throw new UnsupportedQuery(`unsupported ${op} modifier ${modifier} (${at})`)
        }
        if (!Array.isArray(value.$each)) throw new UnsupportedQuery(`${at}.$each: needs an array`)
        value.$each.forEach((v, i) => {
          assertOperand(v, `${at}.$each.${i}`)
        })
        return
      }
      assertOperand(value, at)
      return
    case '$pull':
      // {$gte: 5} is a condition on each element; {sku: 'x'} is a filter over object elements.
      if (isOperatorObject(value)) validateFieldCondition(value, at)
      else if (isPlainObject(value)) validateFilter(value, at)
      else assertOperand(value, at)
      return
  }
}

export interface CheckedFindOptions {
  sort: Array<{ path: string; components: string[]; direction: 1 | -1 }>
  limit: number | undefined
  skip: number
  projection: CheckedProjection | undefined
}

export interface CheckedProjection {
  /** 'include' keeps only the listed paths (+ _id); 'exclude' drops them. */
  mode: 'include' | 'exclude'
  paths: string[][]
  includeId: boolean
}

export function validateFindOptions(options: FindOptions | undefined): CheckedFindOptions {
  const o: FindOptions = options ?? {}
  if (!isPlainObject(options ?? {})) throw new UnsupportedQuery('find options must be a plain object')
  for (const key of Object.keys(o)) {
    if (!['sort', 'limit', 'skip', 'projection'].includes(key))
      throw new UnsupportedQuery(`unsupported find option ${key}`)
  }
  const sort: CheckedFindOptions['sort'] = []
  if (o.sort !== undefined) {
    if (!isPlainObject(o.sort)) throw new UnsupportedQuery('sort must be an object of path: 1 | -1')
    for (const [path, direction] of Object.entries(o.sort)) {
      if (direction !== 1 && direction !== -1) throw new UnsupportedQuery(`sort.${path}: direction must be 1 or -1`)
      sort.push({ path, components: splitPath(path, 'sort'), direction })
    }
  }
  const count = (name: 'limit' | 'skip'): number | undefined => {
    const v = o[name]
    if (v === undefined) return undefined
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new UnsupportedQuery(`${name} must be a non-negative integer`)
    }
    return v
  }
  const limit = count('limit')
  return {
    sort,
    // MongoDB reads limit 0 as "no limit".
    limit: limit === 0 ? undefined : limit,
    skip: count('skip') ?? 0,
    projection: o.projection === undefined ? undefined : validateProjection(o.projection),
  }
}

function validateProjection(projection: Record<string, 0 | 1>): CheckedProjection | undefined {
  if (!isPlainObject(projection)) throw new UnsupportedQuery('projection must be an object of path: 0 | 1')
  let includeId = true
  let mode: 'include' | 'exclude' | undefined
  const paths: string[][] = []
  for (const [path, flag] of Object.entries(projection)) {
    if (flag !== 0 && flag !== 1) throw new UnsupportedQuery(`projection.${path}: must be 0 or 1`)
    const components = splitPath(path, 'projection')
    if (path === '_id') {
      includeId = flag === 1
      continue
    }
    const m = flag === 1 ? 'include' : 'exclude'
    if (mode !== undefined && mode !== m) throw new UnsupportedQuery('projection cannot mix inclusion and exclusion')
    mode = m
    for (const p of paths) {
      if (pathsOverlap(p, components)) throw new UnsupportedQuery(`projection: path collision at '${path}'`)
    }
    paths.push(components)
  }
  if (mode === undefined) {
    // Only _id was mentioned: {_id: 0} excludes it, {_id: 1} keeps just it.
    if (Object.keys(projection).length === 0) return undefined
    return includeId ? { mode: 'include', paths: [], includeId } : { mode: 'exclude', paths: [['_id']], includeId }
  }
  return { mode, paths, includeId }
}

export function validateIndexSpec(spec: IndexSpec): {
  name: string
  keys: Array<{ components: string[]; path: string }>
} {
  if (!isPlainObject(spec) || !isPlainObject(spec.keys)) throw new UnsupportedQuery('index spec needs keys')
  const entries = Object.entries(spec.keys)
  if (entries.length === 0) throw new UnsupportedQuery('index spec needs at least one key')
  const keys = entries.map(([path, dir]) => {
    if (dir !== 1 && dir !== -1) throw new UnsupportedQuery(`index key ${path}: direction must be 1 or -1`)
    const components = splitPath(path, 'index')
    if (components.some(isArrayIndex))
      throw new UnsupportedQuery(`index key ${path}: array positions cannot be indexed`)
    return { components, path }
  })
  const name = spec.name ?? entries.map(([p, d]) => `${p}_${d}`).join('_')
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) throw new UnsupportedQuery(`index name ${JSON.stringify(name)} is invalid`)
  return { name, keys }
}
