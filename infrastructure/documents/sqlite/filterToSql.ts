// Translates a (validated) filter into a SQL condition over the JSON column, with MongoDB's
// semantics for the documented subset:
// - a path is resolved like MongoDB resolves it: object fields, array positions ('lines.0'),
//   and implicit traversal of arrays of objects ('lines.sku' looks at each object element;
//   scalar elements yield nothing), at every level;
// - a value test matches the value at the end of the path, or, when that value is an
//   array, any of its elements (one level: [[1]] does not match 1 but matches [1]);
// - types never mix: numbers compare with numbers, strings with strings, booleans with
//   booleans (json_type is checked next to every json_extract, since json_extract turns
//   true into 1);
// - null matches a JSON null or a missing path; a path is missing when a field is absent or
//   a scalar sits where an object was needed, but never "through" an array: {a: [5]} and
//   {a: []} do not match {'a.b': null}, while {a: [{}]} does (MongoDB's null2.js);
// - $ne, $nin and $exists:false are the negation of the whole positive test.
// Each field condition becomes an OR of AND terms whose first branch is the plain
// json_extract comparison, so SQLite's multi-index OR can use the expression indexes that
// createIndex makes (value index plus json_type indexes for the array branches). The type
// check next to a value comparison is written `+json_type(...)`: the unary plus changes
// nothing but keeps the planner from choosing the (unselective) json_type index for it.
import type { Filter } from '../../../application/ports/documentStore.js'
import { isArrayIndex, splitPath } from '../shared/documentPaths.js'
import { isOperatorObject } from '../shared/queryValidation.js'
import { AliasCounter, jsonPath, type PathSegment, SqlParams, sqlString } from './sqlJson.js'

/** The test applied to each candidate value: a present value (type + SQL value) or "missing". */
interface ValueTest {
  test(type: string, value: string): string
  /** Elements of an array value are candidates too (all operators except $exists). */
  elementwise: boolean
  matchesMissing: boolean
}

const NUMERIC = `IN ('integer', 'real')`

function eqTest(operand: unknown, params: SqlParams): ValueTest {
  const base = { elementwise: true, matchesMissing: false }
  if (operand === null) return { ...base, matchesMissing: true, test: (t) => `${t} = 'null'` }
  switch (typeof operand) {
    case 'boolean':
      return { ...base, test: (t) => `${t} = '${operand}'` }
    case 'number': {
      const p = params.add(operand)
      return { ...base, test: (t, v) => `(${v} = ${p} AND +${t} ${NUMERIC})` }
    }
    case 'string': {
      const p = params.add(operand)
      return { ...base, test: (t, v) => `(${v} = ${p} AND +${t} = 'text')` }
    }
    default: {
      // Whole objects/arrays compare as minified JSON text: field order matters, as in MongoDB.
      const p = params.add(JSON.stringify(operand))
      const type = Array.isArray(operand) ? 'array' : 'object'
      return { ...base, test: (t, v) => `(${v} = json(${p}) AND +${t} = '${type}')` }
    }
  }
}

function inTest(operands: unknown[], params: SqlParams): ValueTest {
  const numbers = operands.filter((o): o is number => typeof o === 'number')
  const strings = operands.filter((o): o is string => typeof o === 'string')
  const others = operands.filter((o) => typeof o !== 'number' && typeof o !== 'string').map((o) => eqTest(o, params))
  const numberParams = numbers.map((n) => params.add(n))
  const stringParams = strings.map((s) => params.add(s))
  return {
    elementwise: true,
    matchesMissing: operands.includes(null),
    test: (t, v) => {
      const terms: string[] = []
      if (numberParams.length > 0) terms.push(`(${v} IN (${numberParams.join(', ')}) AND +${t} ${NUMERIC})`)
      if (stringParams.length > 0) terms.push(`(${v} IN (${stringParams.join(', ')}) AND +${t} = 'text')`)
      for (const o of others) terms.push(o.test(t, v))
      return terms.length === 0 ? '0' : `(${terms.join(' OR ')})`
    },
  }
}

const SQL_COMPARISON = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const
type RangeOperator = keyof typeof SQL_COMPARISON

function rangeTest(op: RangeOperator, operand: unknown, params: SqlParams): ValueTest {
  const base = { elementwise: true, matchesMissing: false }
  const sqlOp = SQL_COMPARISON[op]
  if (operand === null) {
    // null is alone in its type bracket: >= and <= behave as equality, > and < match nothing.
    return op === '$gte' || op === '$lte' ? eqTest(null, params) : { ...base, test: () => '0' }
  }
  if (typeof operand === 'boolean') {
    const holds = (b: boolean) => {
      const c = Number(b) - Number(operand)
      return op === '$gt' ? c > 0 : op === '$gte' ? c >= 0 : op === '$lt' ? c < 0 : c <= 0
    }
    const types = [false, true].filter(holds).map((b) => `'${b}'`)
    return { ...base, test: (t) => (types.length === 0 ? '0' : `${t} IN (${types.join(', ')})`) }
  }
  const p = params.add(operand as number | string)
  const typeCheck = typeof operand === 'number' ? NUMERIC : `= 'text'`
  return { ...base, test: (t, v) => `(${v} ${sqlOp} ${p} AND +${t} ${typeCheck})` }
}

const EXISTS_TEST: ValueTest = { elementwise: false, matchesMissing: false, test: (t) => `${t} IS NOT NULL` }

const or = (disjuncts: readonly string[]): string => (disjuncts.length === 0 ? '0' : `(${disjuncts.join(' OR ')})`)

class FilterTranslator {
  readonly params = new SqlParams()
  private readonly aliases = new AliasCounter()

  constructor(private readonly row: string) {}

  filter(filter: Filter | undefined): string {
    const terms: string[] = []
    for (const [key, value] of Object.entries(filter ?? {})) {
      if (key === '$and') terms.push(...(value as Filter[]).map((f) => `(${this.filter(f)})`))
      else if (key === '$or') terms.push(or((value as Filter[]).map((f) => `(${this.filter(f)})`)))
      else {
        const components = splitPath(key, 'filter')
        const conditions = isOperatorObject(value) ? Object.entries(value) : [['$eq', value] as const]
        for (const [op, operand] of conditions) terms.push(this.condition(components, op, operand))
      }
    }
    return terms.length === 0 ? '1' : terms.join(' AND ')
  }

  private condition(components: string[], op: string, operand: unknown): string {
    const positive = (test: ValueTest) => or(this.candidates(components, test))
    const negative = (test: ValueTest) => `NOT coalesce(${positive(test)}, 0)`
    switch (op) {
      case '$eq':
        return positive(eqTest(operand, this.params))
      case '$ne':
        return negative(eqTest(operand, this.params))
      case '$in':
        return positive(inTest(operand as unknown[], this.params))
      case '$nin':
        return negative(inTest(operand as unknown[], this.params))
      case '$exists':
        return operand === true ? positive(EXISTS_TEST) : negative(EXISTS_TEST)
      default:
        return positive(rangeTest(op as RangeOperator, operand, this.params))
    }
  }

  /** Disjuncts that together say "some value at this path passes the test". */
  private candidates(components: string[], test: ValueTest): string[] {
    if (components[0] === '_id') {
      // _id is the primary key column and always a string, so anything below it is missing.
      if (components.length === 1) return [test.test(`'text'`, `${this.row}.id`)]
      return test.matchesMissing ? ['1'] : []
    }
    return this.resolve(`${this.row}.doc`, [], components, test, [])
  }

  /**
   * `base` holds a JSON object; `prefix` has been resolved in it through object fields and
   * array positions; `rest` remains. `guards` are the conditions under which a missing value
   * at the end counts as "missing" (no array was crossed on the way).
   */
  private resolve(
    base: string,
    prefix: PathSegment[],
    rest: readonly string[],
    test: ValueTest,
    guards: readonly string[],
  ): string[] {
    const path = sqlString(jsonPath(prefix))
    const type = `json_type(${base}, ${path})`
    if (rest.length === 0) {
      const out = [test.test(type, `json_extract(${base}, ${path})`)]
      if (test.elementwise) {
        const e = this.aliases.alias()
        out.push(
          `(${type} = 'array' AND EXISTS (SELECT 1 FROM json_each(${base}, ${path}) AS ${e} WHERE ${test.test(`${e}.type`, `${e}.value`)}))`,
        )
      }
      if (test.matchesMissing) out.push([...guards, `${type} IS NULL`].join(' AND '))
      return out
    }
    const [head, ...tail] = rest as [string, ...string[]]
    // head as a field of an object; a missing or scalar parent leaves everything below missing.
    const out = this.resolve(base, [...prefix, { field: head }], tail, test, [...guards, `${type} IS NOT 'array'`])
    if (prefix.length > 0) {
      // The parent is an array: head applies to each of its object elements.
      const e = this.aliases.alias()
      const inner = or(this.resolve(`${e}.value`, [], rest, test, []))
      out.push(
        `(${type} = 'array' AND EXISTS (SELECT 1 FROM json_each(${base}, ${path}) AS ${e} WHERE CASE WHEN ${e}.type = 'object' THEN ${inner} ELSE 0 END))`,
      )
      if (isArrayIndex(head)) {
        out.push(
          ...this.resolve(base, [...prefix, { index: Number(head) }], tail, test, [...guards, `${type} = 'array'`]),
        )
      }
    }
    return out
  }
}

/** SQL condition and its named parameters; `row` is the alias of the table in the query. */
export function filterToSql(filter: Filter | undefined, row: string): { where: string; params: SqlParams['values'] } {
  const translator = new FilterTranslator(row)
  const where = translator.filter(filter)
  return { where, params: translator.params.values }
}
