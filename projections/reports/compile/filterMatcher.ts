// A definition's filter compiled into a predicate over one event: the document store's Mongo
// subset ($eq $ne $gt $gte $lt $lte $in $nin $exists $and $or, implicit equality, dotted paths
// that look into lists as MongoDB does). The checker has already refused anything else.
import { compileCollector, type EventContext } from './eventContext.js'

export type Predicate = (ctx: EventContext) => boolean

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}

/** Equality as a filter means it: null also matches a missing field; a list matches if it or any element is equal. */
function equals(candidate: unknown, operand: unknown): boolean {
  if (operand === null && (candidate === undefined || candidate === null)) return true
  if (sameValue(candidate, operand)) return true
  return Array.isArray(candidate) && candidate.some((element) => sameValue(element, operand))
}

function compare(candidate: unknown, operand: unknown, test: (order: number) => boolean): boolean {
  const one = (value: unknown) =>
    (typeof value === 'number' && typeof operand === 'number') ||
    (typeof value === 'string' && typeof operand === 'string')
      ? test(value < operand ? -1 : value > operand ? 1 : 0)
      : false
  return one(candidate) || (Array.isArray(candidate) && candidate.some(one))
}

type FieldTest = (candidates: readonly unknown[]) => boolean

function fieldTest(condition: unknown): FieldTest {
  const operators = isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))
  if (!operators) return (cs) => cs.some((c) => equals(c, condition))
  const tests: FieldTest[] = []
  for (const [op, operand] of Object.entries(condition as Record<string, unknown>)) {
    switch (op) {
      case '$eq':
        tests.push((cs) => cs.some((c) => equals(c, operand)))
        break
      case '$ne':
        tests.push((cs) => !cs.some((c) => equals(c, operand)))
        break
      case '$gt':
        tests.push((cs) => cs.some((c) => compare(c, operand, (o) => o > 0)))
        break
      case '$gte':
        tests.push((cs) => cs.some((c) => compare(c, operand, (o) => o >= 0)))
        break
      case '$lt':
        tests.push((cs) => cs.some((c) => compare(c, operand, (o) => o < 0)))
        break
      case '$lte':
        tests.push((cs) => cs.some((c) => compare(c, operand, (o) => o <= 0)))
        break
      case '$in': {
        const values = operand as unknown[]
        tests.push((cs) => cs.some((c) => values.some((v) => equals(c, v))))
        break
      }
      case '$nin': {
        const values = operand as unknown[]
        tests.push((cs) => !cs.some((c) => values.some((v) => equals(c, v))))
        break
      }
      case '$exists':
        tests.push(operand ? (cs) => cs.some((c) => c !== undefined) : (cs) => cs.every((c) => c === undefined))
        break
      default:
        throw new Error(`unsupported filter operator ${op}`)
    }
  }
  return (cs) => tests.every((test) => test(cs))
}

export function compileFilter(filter: Readonly<Record<string, unknown>>): Predicate {
  const parts: Predicate[] = []
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and') {
      const all = (condition as Array<Record<string, unknown>>).map(compileFilter)
      parts.push((ctx) => all.every((p) => p(ctx)))
    } else if (key === '$or') {
      const any = (condition as Array<Record<string, unknown>>).map(compileFilter)
      parts.push((ctx) => any.some((p) => p(ctx)))
    } else if ((key === 'type' || key === 'streamId') && typeof condition === 'string') {
      // The common case of a measure's filter ({ type: X }), without collecting candidates.
      parts.push(key === 'type' ? (ctx) => ctx.type === condition : (ctx) => ctx.streamId === condition)
    } else {
      const collect = compileCollector(key)
      const test = fieldTest(condition)
      parts.push((ctx) => test(collect(ctx)))
    }
  }
  if (parts.length === 1) return parts[0] as Predicate
  return (ctx) => parts.every((p) => p(ctx))
}
