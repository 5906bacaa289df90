// Update documents: parsed and checked the way the server checks them, then applied by mingo's
// updater. mingo silently ignores what MongoDB refuses ($inc on a string, $push onto a scalar,
// a path through a scalar), so those refusals are checked here first, with the server's codes:
// TypeMismatch 14, BadValue 2, PathNotViable 28, ConflictingUpdateOperators 40, ImmutableField 66.
import { BSON, type Document, ObjectId } from 'bson'
import { update as mingoUpdate } from 'mingo'
import { CommandError, notImplemented } from './errors.js'
import { valuesEqual } from './values.js'

export type ParsedUpdate =
  | { readonly kind: 'replacement'; readonly doc: Document }
  | { readonly kind: 'operators'; readonly ops: Readonly<Record<string, Document>> }

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$pop',
  '$setOnInsert',
])
const NOT_IMPLEMENTED = new Set(['$rename', '$bit', '$currentDate'])
/** Operators that only remove: a missing or non-viable path makes them a no-op instead of an error. */
const REMOVING = new Set(['$unset', '$pull', '$pullAll', '$pop'])

const isPlainObject = (v: unknown): v is Document =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

export function parseUpdate(u: unknown): ParsedUpdate {
  if (Array.isArray(u)) throw notImplemented('pipeline-style updates')
  if (!isPlainObject(u)) throw new CommandError('FailedToParse', 'Update argument must be either an object or an array')
  const keys = Object.keys(u)
  const dollar = keys.filter((k) => k.startsWith('$'))
  if (dollar.length === 0) return { kind: 'replacement', doc: u }
  const plain = keys.find((k) => !k.startsWith('$'))
  if (plain !== undefined)
    throw new CommandError(
      'FailedToParse',
      `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`,
    )
  const ops: Record<string, Document> = {}
  const paths: string[] = []
  for (const op of keys) {
    if (NOT_IMPLEMENTED.has(op)) throw notImplemented(`the update operator ${op}`)
    if (!OPERATORS.has(op))
      throw new CommandError(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      )
    const operand = u[op]
    if (!isPlainObject(operand))
      throw new CommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${typeName(operand)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${short(operand)}}`,
      )
    for (const [path, value] of Object.entries(operand)) {
      checkPathSyntax(path)
      checkOperand(op, path, value)
      paths.push(path)
    }
    ops[op] = operand
  }
  checkConflicts(paths)
  return { kind: 'operators', ops }
}

function checkPathSyntax(path: string): void {
  const parts = path.split('.')
  if (parts.some((p) => p === ''))
    throw new CommandError('BadValue', `The update path '${path}' contains an empty field name, which is not allowed.`)
  if (parts.some((p) => p.startsWith('$'))) throw notImplemented(`positional update paths (${path})`)
}

function checkOperand(op: string, path: string, value: unknown): void {
  if ((op === '$inc' || op === '$mul') && typeof value !== 'number')
    throw new CommandError(
      'TypeMismatch',
      `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${short(value)}}`,
    )
  if (op === '$pop' && value !== 1 && value !== -1)
    throw new CommandError('FailedToParse', `$pop expects 1 or -1, found: ${short(value)}`)
  if (op === '$pullAll' && !Array.isArray(value))
    throw new CommandError('BadValue', `$pullAll requires an array argument but was given a ${typeName(value)}`)
  if ((op === '$push' || op === '$addToSet') && isPlainObject(value) && '$each' in value) {
    if (!Array.isArray(value.$each))
      throw new CommandError(
        'BadValue',
        `The argument to $each in ${op} must be an array but it was of type: ${typeName(value.$each)}`,
      )
    const others = Object.keys(value).filter((k) => k !== '$each')
    if (others.length > 0) {
      if (op === '$addToSet')
        throw new CommandError('BadValue', `Found unexpected fields after $each in $addToSet: ${short(value)}`)
      throw notImplemented(`the $push modifiers ${others.join(', ')}`)
    }
  }
}

/** Two paths conflict when one is the other or a prefix of it, whichever operators they belong to. */
function checkConflicts(paths: string[]): void {
  const sorted = [...paths].sort()
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as string
    const b = sorted[i] as string
    if (a === b || b.startsWith(`${a}.`))
      throw new CommandError('ConflictingUpdateOperators', `Updating the path '${b}' would create a conflict at '${a}'`)
  }
}

export function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (v === undefined) return 'missing'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'bool'
  if (v instanceof ObjectId) return 'objectId'
  if (v instanceof Date) return 'date'
  return 'object'
}

function short(v: unknown): string {
  try {
    return BSON.EJSON.stringify(v as Document, { relaxed: true })
  } catch {
    return String(v)
  }
}

function idText(doc: Document): string {
  return `{_id: ${short(doc._id)}}`
}

/** Walks `path` in `doc` and refuses what the server refuses for this operator on this document. */
function checkAgainstDocument(doc: Document, op: string, path: string): void {
  const parts = path.split('.')
  let current: unknown = doc
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    const last = i === parts.length - 1
    if (current === undefined) return // missing on the way: the path is created (or there is nothing to remove)
    const parent = i === 0 ? '' : (parts[i - 1] as string)
    const notViable = () =>
      new CommandError('PathNotViable', `Cannot create field '${part}' in element {${parent}: ${short(current)}}`)
    let next: unknown
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) {
        if (REMOVING.has(op)) return
        throw notViable()
      }
      next = current[Number(part)]
    } else if (isPlainObject(current)) {
      next = current[part]
    } else {
      if (REMOVING.has(op)) return
      throw notViable()
    }
    if (last) {
      checkLeaf(doc, op, path, part, next)
      return
    }
    current = next
  }
}

function checkLeaf(doc: Document, op: string, path: string, field: string, value: unknown): void {
  if (value === undefined) return
  if ((op === '$inc' || op === '$mul') && typeof value !== 'number')
    throw new CommandError(
      'TypeMismatch',
      `Cannot apply ${op} to a value of non-numeric type. ${idText(doc)} has the field '${field}' of non-numeric type ${typeName(value)}`,
    )
  if ((op === '$push' || op === '$addToSet') && !Array.isArray(value))
    throw new CommandError(
      'BadValue',
      `The field '${field}' must be an array but is of type ${typeName(value)} in document ${idText(doc)}`,
    )
  if ((op === '$pull' || op === '$pullAll') && !Array.isArray(value))
    throw new CommandError('BadValue', `Cannot apply ${op} to a non-array value`)
  if (op === '$pop' && !Array.isArray(value))
    throw new CommandError('TypeMismatch', `Path '${path}' contains an element of non-array type '${typeName(value)}'`)
}

export function cloneDocument(doc: Document): Document {
  return BSON.deserialize(BSON.serialize(doc), { promoteValues: true, promoteLongs: true })
}

export function sameBytes(a: Document, b: Document): boolean {
  return Buffer.compare(BSON.serialize(a), BSON.serialize(b)) === 0
}

/** _id first, as the server stores it. */
export function idFirst(doc: Document): Document {
  if (!('_id' in doc)) return doc
  const { _id, ...rest } = doc
  return { _id, ...rest }
}

export function checkId(doc: Document): void {
  if (Array.isArray(doc._id)) throw new CommandError('InvalidIdField', "can't use an array for _id")
  if (doc._id instanceof RegExp) throw new CommandError('InvalidIdField', "can't use a regex for _id")
}

/**
 * The document after the update. `inserting`: the document is an upsert's seed, so $setOnInsert
 * applies (and a missing _id may be set by it).
 */
export function applyUpdate(current: Document, parsed: ParsedUpdate, inserting: boolean): Document {
  if (parsed.kind === 'replacement') {
    const replacement = parsed.doc
    if ('_id' in replacement && '_id' in current && !valuesEqual(replacement._id, current._id))
      throw new CommandError(
        'ImmutableField',
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${short(replacement._id)}`,
      )
    const next = idFirst({ ...replacement, _id: current._id ?? replacement._id })
    checkId(next)
    return next
  }
  const ops: Record<string, Document> = { ...parsed.ops }
  const onInsert = ops.$setOnInsert
  delete ops.$setOnInsert
  if (inserting && onInsert) ops.$set = { ...(ops.$set ?? {}), ...onInsert }
  const next = cloneDocument(current)
  // _id is the server's business, not mingo's (which refuses any update naming it).
  for (const [op, operand] of Object.entries(ops)) {
    const rest: Document = {}
    for (const [path, value] of Object.entries(operand)) {
      if (path !== '_id' && !path.startsWith('_id.')) {
        checkAgainstDocument(current, op, path)
        rest[path] = value
      } else if (op === '$set' && path === '_id' && (!('_id' in current) || valuesEqual(current._id, value))) {
        next._id = value // setting it on insert, or to the value it has
      } else {
        throw new CommandError(
          'ImmutableField',
          "Performing an update on the path '_id' would modify the immutable field '_id'",
        )
      }
    }
    if (Object.keys(rest).length > 0) ops[op] = rest
    else delete ops[op]
  }
  if (Object.keys(ops).length > 0) mingoUpdate(next, ops, undefined, undefined, { cloneMode: 'deep' })
  if ('_id' in current && !valuesEqual(current._id, next._id))
    throw new CommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    )
  checkId(next)
  return idFirst(next)
}

/** The fields an upsert starts from: the filter's equality predicates (also under $and and a one-clause $or). */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {}
  const seen = new Set<string>()
  const visit = (f: Document): void => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const clause of value) visit(clause as Document)
      } else if (key === '$or' && Array.isArray(value) && value.length === 1) {
        visit(value[0] as Document)
      } else if (key.startsWith('$') || value instanceof RegExp) {
        // other top-level operators contribute no fields
      } else if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
        if ('$eq' in value) set(key, value.$eq)
        else if (Array.isArray(value.$in) && value.$in.length === 1) set(key, value.$in[0])
      } else set(key, value)
    }
  }
  const set = (path: string, value: unknown): void => {
    if (seen.has(path))
      throw new CommandError('NotSingleValueField', `cannot infer query fields to set, path '${path}' is matched twice`)
    seen.add(path)
    const parts = path.split('.')
    let target = seed
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(target[part])) target[part] = {}
      target = target[part] as Document
    }
    target[parts.at(-1) as string] = value
  }
  visit(filter)
  return seed
}
