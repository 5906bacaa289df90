// Checks a report definition from its text to its normal form, collecting every problem with the
// line it is on: the YAML/JSON syntax, the io-ts shape, then what only the event catalogue can
// tell (unknown event types, unknown fields, a group-by on a path some event lacks, an unknown
// time zone, a sum over text). A definition that passes compiles to a projection that cannot
// fail on a path or a zone the definition itself got wrong.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import {
  type Bucket,
  type NormalDefinition,
  normalise,
  type ReportDefinition,
  ReportDefinition as ReportDefinitionCodec,
  SCOPE_KINDS,
} from '../../../application/reports/reportDefinition.js'
import type { DefinitionProblem } from '../../../application/reports/reportPorts.js'
import { canRollUp } from '../../../application/reports/reportQuery.js'
import { isValidTimeZone } from '../../../domain/shared/localTime.js'
import { envelopeCodec, lookupPath, type PathLookup, type ValueKind } from './eventFields.js'
import type { EventTypes } from './eventTypes.js'
import { parseJsonSource } from './jsonSource.js'
import { DefinitionSyntaxError, type LocatedSource, type SourceFormat, type SourcePath } from './locatedSource.js'
import { closest, didYouMean } from './suggest.js'
import { parseYamlSource } from './yamlSource.js'

export type { DefinitionProblem }

export interface CheckedDefinition {
  readonly definition: ReportDefinition
  readonly normal: NormalDefinition
}

export class InvalidDefinition extends Error {
  readonly code = 'INVALID_REPORT_DEFINITION'
  constructor(readonly problems: readonly DefinitionProblem[]) {
    super(`invalid report definition:\n${problems.map(describeProblem).join('\n')}`)
    this.name = 'InvalidDefinition'
  }
}

export function describeProblem(p: DefinitionProblem): string {
  const where = p.path ? ` (${p.path})` : ''
  return p.line === null ? `${p.path || 'definition'}: ${p.message}` : `line ${p.line}${where}: ${p.message}`
}

export const FIELD_OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'] as const
const ROOTS = ['type', 'streamId', 'data', 'metadata', 'remembered']

/** Parses and checks a definition's text. */
export function checkDefinitionSource(
  format: SourceFormat,
  text: string,
  events: EventTypes,
): Either<DefinitionProblem[], CheckedDefinition> {
  let source: LocatedSource
  try {
    source = format === 'yaml' ? parseYamlSource(text) : parseJsonSource(text)
  } catch (error) {
    if (error instanceof DefinitionSyntaxError)
      return left([
        {
          line: error.line,
          path: '',
          message: `not valid ${format.toUpperCase()}: ${error.reason} (column ${error.column})`,
        },
      ])
    throw error
  }
  return checkDefinitionValue(source.value, events, (path) => source.lineOf(path))
}

/** Checks a definition given as a value (built-in definitions, or text already parsed). */
export function checkDefinitionValue(
  value: unknown,
  events: EventTypes,
  lineOf: ((path: SourcePath) => number) | null = null,
): Either<DefinitionProblem[], CheckedDefinition> {
  const problems: DefinitionProblem[] = []
  const report = (path: SourcePath, message: string) =>
    problems.push({ line: lineOf ? lineOf(path) : null, path: path.join('.'), message })
  const decoded = ReportDefinitionCodec.decode(value)
  if (isLeft(decoded)) {
    for (const error of decoded.left) report(errorPath(error), errorMessage(error))
    return left(sortProblems(problems))
  }
  new SemanticChecks(decoded.right, events, report).run()
  if (problems.length > 0) return left(sortProblems(problems))
  return right({ definition: decoded.right, normal: normalise(decoded.right) })
}

/** Like checkDefinitionValue, throwing InvalidDefinition: for definitions in code, which must be right. */
export function checkedOrThrow(value: unknown, events: EventTypes): CheckedDefinition {
  const checked = checkDefinitionValue(value, events)
  if (isLeft(checked)) throw new InvalidDefinition(checked.left)
  return checked.right
}

function sortProblems(problems: DefinitionProblem[]): DefinitionProblem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

function errorPath(error: t.ValidationError): SourcePath {
  const path: Array<string | number> = []
  const entries = error.context
  for (let i = 1; i < entries.length; i++) {
    const entry = entries[i] as t.ContextEntry
    const parent = entries[i - 1] as t.ContextEntry
    // Union and intersection members add their index to the context: not part of the document.
    const tag = (parent.type as { _tag?: string })._tag
    if (tag === 'UnionType' || tag === 'IntersectionType') continue
    path.push(/^\d+$/.test(entry.key) && Array.isArray(parent.actual) ? Number(entry.key) : entry.key)
  }
  return path
}

function errorMessage(error: t.ValidationError): string {
  if (error.message) return error.message
  const entry = error.context.at(-1)
  if (error.value === undefined) return 'is required'
  const type = entry?.type as (t.Mixed & { _tag?: string; keys?: Record<string, unknown> }) | undefined
  const got = JSON.stringify(error.value)
  if (type?._tag === 'KeyofType' && type.keys) return `must be one of ${Object.keys(type.keys).join(', ')}; got ${got}`
  if (type?._tag === 'StringType') return `must be a string; got ${got}`
  if (type?._tag === 'ArrayType' || type?._tag === 'RefinementType') return `must be a ${type.name}; got ${got}`
  if (type?._tag === 'UnknownRecordType') return `must be a mapping (a filter); got ${got}`
  return `must be ${type?.name ?? 'something else'}; got ${got}`
}

type Report = (path: SourcePath, message: string) => void

class SemanticChecks {
  /** Kinds of each remembered value (over its source types), for `remembered.<name>` paths. */
  private readonly remembered = new Map<string, Set<ValueKind>>()
  private readonly knownEvents: string[]
  /** The group key that has roll-ups, once one has. */
  private rollupsAt: SourcePath | null = null

  constructor(
    private readonly d: ReportDefinition,
    private readonly events: EventTypes,
    private readonly report: Report,
  ) {
    this.knownEvents = [...events.types()]
  }

  run(): void {
    const measured = this.checkEventList()
    this.checkRemember()
    const types = this.d.filter ? this.narrow(measured, this.d.filter) : measured
    if (this.d.filter) this.checkFilter(this.d.filter, ['filter'], measured)
    const names = new Map<string, SourcePath>()
    const claim = (name: string, at: SourcePath) => {
      if (names.has(name))
        this.report(
          at,
          `name ${name} is already used (at ${(names.get(name) as SourcePath).join('.')}); names must be unique`,
        )
      else names.set(name, at)
    }
    const keys = this.d.groupBy ?? []
    for (const [i, key] of keys.entries()) this.checkGroupKey(key, ['groupBy', i], types, claim)
    for (const [i, m] of this.d.measures.entries()) this.checkMeasure(m, ['measures', i], types, claim)
    if (this.d.scope) {
      const normalKeys = normalise(this.d).groupBy
      const kinds = SCOPE_KINDS.filter((kind) => this.d.scope?.[kind] !== undefined)
      if (kinds.length === 0) this.report(['scope'], `name at least one of ${SCOPE_KINDS.join(', ')}`)
      for (const kind of kinds) {
        const name = this.d.scope[kind]
        const key = normalKeys.find((k) => k.name === name)
        if (!key)
          this.report(
            ['scope', kind],
            `names no group key; the keys are ${normalKeys.map((k) => k.name).join(', ') || 'none'}`,
          )
        else if (key.bucket) this.report(['scope', kind], `${key.name} is a time bucket, not an owner's id`)
      }
    }
  }

  /** The measured event types that exist (unknown ones are reported). */
  private checkEventList(): string[] {
    const seen = new Set<string>()
    this.d.events.forEach((type, i) => {
      if (!this.events.has(type))
        this.report(['events', i], `unknown event type ${type}${didYouMean(type, this.knownEvents)}`)
      else if (seen.has(type)) this.report(['events', i], `${type} is listed twice`)
      seen.add(type)
    })
    return [...seen].filter((type) => this.events.has(type))
  }

  private checkRemember(): void {
    const remember = this.d.remember ?? []
    remember.forEach((r, i) => {
      if (this.remembered.has(r.name)) this.report(['remember', i, 'name'], `${r.name} is remembered twice`)
      const kinds = new Set<ValueKind>(['null'])
      const known: string[] = []
      r.from.forEach((type, j) => {
        if (!this.events.has(type))
          this.report(['remember', i, 'from', j], `unknown event type ${type}${didYouMean(type, this.knownEvents)}`)
        else known.push(type)
      })
      if (this.rootOf(r.path) === 'remembered') {
        this.report(
          ['remember', i, 'path'],
          'a remembered value comes from the event itself, not from another remembered one',
        )
        return
      }
      for (const type of known) {
        const found = this.lookup(type, r.path, ['remember', i, 'path'])
        if (!found) continue
        if (!found.ok) {
          this.report(['remember', i, 'path'], this.missingMessage(r.path, [type], [found]))
          continue
        }
        if (found.throughArray)
          this.report(['remember', i, 'path'], `${r.path} crosses a list in ${type}: it has no single value`)
        for (const k of found.kinds) kinds.add(k)
      }
      this.remembered.set(r.name, kinds)
    })
  }

  private rootOf(path: string): string {
    return path.split('.')[0] ?? ''
  }

  /**
   * Looks a path up in one event type, reporting syntax problems and a path the type lacks.
   * Returns null when reported (or when the path's root is wrong).
   */
  private lookup(type: string, path: string, at: SourcePath, quiet = false): PathLookup | null {
    const segments = path.split('.')
    const [root, ...rest] = segments
    if (!root || segments.some((s) => s.length === 0)) {
      if (!quiet) this.report(at, `${JSON.stringify(path)} is not a path (segments separated by single dots)`)
      return null
    }
    if (!ROOTS.includes(root)) {
      if (!quiet) this.report(at, `${path} must start with one of ${ROOTS.join(', ')}${didYouMean(root, ROOTS)}`)
      return null
    }
    if ((root === 'type' || root === 'streamId') && rest.length > 0) {
      if (!quiet) this.report(at, `${root} is a string and has no fields`)
      return null
    }
    if (root === 'remembered') {
      const name = rest.join('.')
      const kinds = this.remembered.get(name)
      if (!kinds) {
        if (!quiet)
          this.report(
            at,
            `nothing is remembered as ${JSON.stringify(name)}${didYouMean(name, [...this.remembered.keys()])} (declare it under remember:)`,
          )
        return null
      }
      return { ok: true, kinds, throughArray: false }
    }
    const codec = this.events.codecOf(type)
    if (!codec) return { ok: true, kinds: new Set(['unknown']), throughArray: false }
    return lookupPath(envelopeCodec(codec), segments)
  }

  /** A path that must exist in at least one of `types` (filters, measures). */
  private pathInSome(path: string, types: readonly string[], at: SourcePath): PathLookup | null {
    const results: PathLookup[] = []
    for (const type of types.length > 0 ? types : ['']) {
      const found = this.lookup(type, path, at, results.length > 0)
      if (!found) return null
      results.push(found)
    }
    const hits = results.filter((r) => r.ok)
    if (hits.length > 0) {
      const kinds = new Set<ValueKind>()
      for (const h of hits) if (h.ok) for (const k of h.kinds) kinds.add(k)
      return { ok: true, kinds, throughArray: hits.some((h) => h.ok && h.throughArray) }
    }
    this.report(at, this.missingMessage(path, types, results))
    return null
  }

  /** A path that must exist in every one of `types` (group keys: else some rows would be keyed by null). */
  private pathInAll(path: string, types: readonly string[], at: SourcePath, what: string): PathLookup | null {
    const kinds = new Set<ValueKind>()
    let throughArray = false
    const lacking: Array<{ type: string; result: PathLookup }> = []
    // No type left to check against (unknown types are reported where they are named).
    if (types.length === 0) return null
    for (const [i, type] of types.entries()) {
      const found = this.lookup(type, path, at, i > 0)
      if (!found) return null
      if (!found.ok) lacking.push({ type, result: found })
      else {
        for (const k of found.kinds) kinds.add(k)
        throughArray ||= found.throughArray
      }
    }
    if (lacking.length > 0) {
      const first = lacking[0] as { type: string; result: Extract<PathLookup, { ok: false }> }
      const known = first.result.known
      const hint = this.rememberHint(path)
      this.report(
        at,
        `${what} on a missing path: ${lacking.map((l) => l.type).join(', ')} ${lacking.length > 1 ? 'have' : 'has'} no ${path}` +
          (known.length > 0 ? ` (${first.result.parent || 'the event'} has ${known.join(', ')})` : '') +
          (closest(first.result.missing, known) ? `; did you mean ${closest(first.result.missing, known)}?` : '') +
          hint,
      )
      return null
    }
    return { ok: true, kinds, throughArray }
  }

  /** When another event type has the path: suggest remembering it from there. */
  private rememberHint(path: string): string {
    if (!path.startsWith('data.')) return ''
    const holders = this.knownEvents.filter((type) => {
      const codec = this.events.codecOf(type)
      if (!codec) return false
      const found = lookupPath(envelopeCodec(codec), path.split('.'))
      return found.ok && !found.kinds.has('unknown')
    })
    const source = holders.find((h) => this.d.remember?.some((r) => r.from.includes(h))) ?? holders[0]
    return source
      ? `; to use it on these events, remember it from ${source} (remember:) and group by remembered.<name>`
      : ''
  }

  private missingMessage(path: string, types: readonly string[], results: readonly PathLookup[]): string {
    const failure = results.find((r): r is Extract<PathLookup, { ok: false }> => !r.ok)
    if (!failure) return `unknown field ${path}`
    const where = failure.parent || 'the event'
    const known = failure.known.length > 0 ? ` (${where} has ${failure.known.join(', ')})` : ''
    const suggestion = closest(failure.missing, failure.known)
    return `unknown field ${path} in ${types.join(', ')}${known}${suggestion ? `; did you mean ${suggestion}?` : ''}`
  }

  private checkGroupKey(
    key: NonNullable<ReportDefinition['groupBy']>[number],
    at: SourcePath,
    types: readonly string[],
    claim: (name: string, at: SourcePath) => void,
  ): void {
    const normal = normalise({ ...this.d, groupBy: [key] }).groupBy[0]
    if (!normal) return
    if (!key.bucket && !key.path) {
      this.report(at, 'a group key needs a path (e.g. data.pointId) or a time bucket (bucket: day)')
      return
    }
    claim(normal.name, key.name ? [...at, 'name'] : at)
    const pathAt: SourcePath = key.path ? [...at, 'path'] : at
    const found = this.pathInAll(normal.path, types, pathAt, 'group-by')
    if (found?.ok) {
      if (found.throughArray)
        this.report(
          pathAt,
          `${normal.path} crosses a list: group by one value per event (e.g. a field beside the list)`,
        )
      else if (!key.bucket && !hasScalar(found.kinds))
        this.report(pathAt, `${normal.path} is ${describeKinds(found.kinds)}; group by a single value inside it`)
      else if (key.bucket && !found.kinds.has('string') && !found.kinds.has('unknown'))
        this.report(
          pathAt,
          `a time bucket needs a timestamp (ISO-8601 text); ${normal.path} is ${describeKinds(found.kinds)}`,
        )
    }
    if (key.rollups !== undefined && key.rollups.length > 0) {
      if (!key.bucket) this.report([...at, 'rollups'], 'roll-ups only apply to a time bucket')
      else if (this.rollupsAt && this.rollupsAt.join('.') !== at.join('.'))
        this.report([...at, 'rollups'], `only one time bucket may have roll-ups (${this.rollupsAt.join('.')} has)`)
      else {
        this.rollupsAt = at
        for (const [i, period] of key.rollups.entries())
          if (period === key.bucket || !canRollUp(key.bucket, period))
            this.report(
              [...at, 'rollups', i],
              `a ${key.bucket} bucket rolls up into ${(['hour', 'day', 'week', 'month'] as const).filter((p) => p !== key.bucket && canRollUp(key.bucket as Bucket, p)).join(', ') || 'nothing coarser'}, not ${period}`,
            )
      }
    }
    if (!key.bucket) {
      if (key.timeZone !== undefined) this.report([...at, 'timeZone'], 'a time zone only applies to a time bucket')
      if (key.timeZonePath !== undefined)
        this.report([...at, 'timeZonePath'], 'a time zone only applies to a time bucket')
      return
    }
    if (key.timeZone !== undefined && key.timeZonePath !== undefined)
      this.report([...at, 'timeZonePath'], 'give timeZone or timeZonePath, not both')
    else if (key.timeZone === undefined && key.timeZonePath === undefined)
      this.report(
        at,
        `a ${key.bucket} bucket needs a time zone: timeZone (e.g. Europe/Warsaw, or UTC) or timeZonePath (e.g. data.timeZone)`,
      )
    else if (key.timeZone !== undefined && !isValidTimeZone(key.timeZone))
      this.report(
        [...at, 'timeZone'],
        `unknown time zone ${JSON.stringify(key.timeZone)} (use an IANA name such as Europe/Warsaw)`,
      )
    else if (key.timeZonePath !== undefined) {
      const zone = this.pathInAll(key.timeZonePath, types, [...at, 'timeZonePath'], 'time zone')
      if (zone?.ok && !zone.kinds.has('string') && !zone.kinds.has('unknown'))
        this.report(
          [...at, 'timeZonePath'],
          `${key.timeZonePath} is ${describeKinds(zone.kinds)}, not a time zone name`,
        )
    }
  }

  private checkMeasure(
    m: ReportDefinition['measures'][number],
    at: SourcePath,
    types: readonly string[],
    claim: (name: string, at: SourcePath) => void,
  ): void {
    claim(m.name, [...at, 'name'])
    const applies = m.filter ? this.narrow(types, m.filter) : types
    if (m.filter) this.checkFilter(m.filter, [...at, 'filter'], types)
    if (m.storage !== undefined && m.op !== 'distinct')
      this.report([...at, 'storage'], 'storage only applies to distinct')
    if (m.op === 'count') {
      if (m.path !== undefined)
        this.report([...at, 'path'], 'count counts events; it takes no path (filter to count some)')
      if (m.duration !== undefined) this.report([...at, 'duration'], 'count takes no duration')
      return
    }
    if (m.op === 'distinct') {
      if (m.duration !== undefined)
        this.report([...at, 'duration'], 'distinct counts values of a path; it takes no duration')
      if (m.path === undefined) {
        this.report(at, 'distinct needs a path whose different values it counts')
        return
      }
      const found = this.pathInSome(m.path, applies, [...at, 'path'])
      if (found?.ok && found.throughArray)
        this.report([...at, 'path'], `${m.path} crosses a list: distinct needs one value per event`)
      else if (found?.ok && !hasScalar(found.kinds))
        this.report([...at, 'path'], `${m.path} is ${describeKinds(found.kinds)}; count values of a field inside it`)
      return
    }
    if ((m.path === undefined) === (m.duration === undefined)) {
      this.report(at, `${m.op} needs either a path (a number) or a duration (from, to)`)
      return
    }
    if (m.path !== undefined) {
      const found = this.pathInSome(m.path, applies, [...at, 'path'])
      if (found?.ok && found.throughArray)
        this.report([...at, 'path'], `${m.path} crosses a list: ${m.op} needs one number per event`)
      else if (found?.ok && !found.kinds.has('number') && !found.kinds.has('unknown'))
        this.report([...at, 'path'], `${m.op} needs a number; ${m.path} is ${describeKinds(found.kinds)}`)
      return
    }
    for (const end of ['from', 'to'] as const) {
      const path = m.duration?.[end] as string
      const found = this.pathInSome(path, applies, [...at, 'duration', end])
      if (found?.ok && !found.kinds.has('string') && !found.kinds.has('unknown'))
        this.report(
          [...at, 'duration', end],
          `a duration is between two timestamps; ${path} is ${describeKinds(found.kinds)}`,
        )
    }
  }

  /** The types a filter can still match, from its `type` conditions (top level and under $and). */
  private narrow(types: readonly string[], filter: Readonly<Record<string, unknown>>): string[] {
    let allowed = [...types]
    const condition = filter.type
    if (typeof condition === 'string') allowed = allowed.filter((x) => x === condition)
    else if (isPlainObject(condition)) {
      if (typeof condition.$eq === 'string') allowed = allowed.filter((x) => x === condition.$eq)
      if (Array.isArray(condition.$in)) allowed = allowed.filter((x) => (condition.$in as unknown[]).includes(x))
      if (Array.isArray(condition.$nin)) allowed = allowed.filter((x) => !(condition.$nin as unknown[]).includes(x))
      if (typeof condition.$ne === 'string') allowed = allowed.filter((x) => x !== condition.$ne)
    }
    if (Array.isArray(filter.$and))
      for (const part of filter.$and) if (isPlainObject(part)) allowed = this.narrow(allowed, part)
    return allowed
  }

  private checkFilter(filter: unknown, at: SourcePath, types: readonly string[]): void {
    if (!isPlainObject(filter)) {
      this.report(at, 'a filter is a mapping of paths to conditions')
      return
    }
    const narrowed = this.narrow(types, filter)
    for (const [key, condition] of Object.entries(filter)) {
      const here: SourcePath = [...at, key]
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(condition) || condition.length === 0)
          this.report(here, `${key} takes a non-empty list of filters`)
        else for (const [i, part] of condition.entries()) this.checkFilter(part, [...here, i], narrowed)
        continue
      }
      if (key.startsWith('$')) {
        this.report(
          here,
          `unsupported operator ${key}; a filter may use $and, $or and, per field, ${FIELD_OPERATORS.join(' ')}`,
        )
        continue
      }
      if (key === 'type') this.checkTypeCondition(condition, here)
      else if (narrowed.length > 0 || types.length === 0) this.pathInSome(key, narrowed, here)
      if (isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$')))
        this.checkOperators(condition, here)
      else this.checkOperand(condition, here)
    }
  }

  private checkTypeCondition(condition: unknown, at: SourcePath): void {
    const named: string[] = []
    if (typeof condition === 'string') named.push(condition)
    else if (isPlainObject(condition))
      for (const op of ['$eq', '$ne', '$in', '$nin'])
        for (const v of [condition[op]].flat()) if (typeof v === 'string') named.push(v)
    for (const type of named)
      if (!this.d.events.includes(type))
        this.report(
          at,
          this.events.has(type)
            ? `${type} is not among the report's events (${this.d.events.join(', ')})`
            : `unknown event type ${type}${didYouMean(type, this.knownEvents)}`,
        )
  }

  private checkOperators(condition: Record<string, unknown>, at: SourcePath): void {
    for (const [op, operand] of Object.entries(condition)) {
      const here: SourcePath = [...at, op]
      if (!(FIELD_OPERATORS as readonly string[]).includes(op)) {
        this.report(
          here,
          op.startsWith('$')
            ? `unsupported operator ${op}; use one of ${FIELD_OPERATORS.join(' ')}`
            : `cannot mix operators and field names in one condition (${op})`,
        )
        continue
      }
      if (op === '$in' || op === '$nin') {
        if (!Array.isArray(operand)) this.report(here, `${op} takes a list of values`)
        else for (const [i, v] of operand.entries()) this.checkOperand(v, [...here, i])
      } else if (op === '$exists') {
        if (typeof operand !== 'boolean') this.report(here, '$exists takes true or false')
      } else if (['$gt', '$gte', '$lt', '$lte'].includes(op)) {
        if (typeof operand !== 'number' && typeof operand !== 'string')
          this.report(here, `${op} compares with a number or a string`)
      } else this.checkOperand(operand, here)
    }
  }

  private checkOperand(value: unknown, at: SourcePath): void {
    if (value === undefined || typeof value === 'function' || (typeof value === 'number' && !Number.isFinite(value)))
      this.report(at, 'a condition compares with JSON values only')
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function hasScalar(kinds: ReadonlySet<ValueKind>): boolean {
  return ['string', 'number', 'boolean', 'unknown'].some((k) => kinds.has(k as ValueKind))
}

function describeKinds(kinds: ReadonlySet<ValueKind>): string {
  const names = [...kinds].filter((k) => k !== 'null')
  const article = (k: string) => (k === 'object' ? 'an object' : k === 'array' ? 'a list' : `a ${k}`)
  return names.length === 0 ? 'always null' : names.map(article).join(' or ')
}
