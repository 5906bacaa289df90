// Small SQL-building pieces shared by the filter, sort and index translators. JSON paths are
// inlined as SQL string literals (never bound) because SQLite matches an expression index
// only against a textually identical expression: json_extract(doc, '$."plate"') in an index
// serves the same text in a WHERE clause, not json_extract(doc, ?).
import { isArrayIndex } from '../shared/documentPaths.js'

export type PathSegment = { field: string } | { index: number }

export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** '$."a"[0]."b"': fields always quoted (names may hold '-', spaces...; splitPath bans '"' and '\'). */
export function jsonPath(segments: readonly PathSegment[]): string {
  let path = '$'
  for (const s of segments) path += 'field' in s ? `."${s.field}"` : `[${s.index}]`
  return path
}

/** The segments of a dotted path read as object fields only (for indexes and plain paths). */
export function fieldSegments(components: readonly string[]): PathSegment[] {
  return components.map((field) => ({ field }))
}

export const TABLE_PREFIX = 'docs.'

export function tableName(collection: string): string {
  return `"${TABLE_PREFIX}${collection}"`
}

/** Named parameters (@p0, @p1...) so fragments can be built in any order. */
export class SqlParams {
  readonly values: Record<string, string | number | null> = {}
  private next = 0

  add(value: string | number | null): string {
    const name = `p${this.next++}`
    this.values[name] = value
    return `@${name}`
  }
}

/** Unique aliases for nested json_each scans. */
export class AliasCounter {
  private next = 0
  alias(): string {
    return `e${this.next++}`
  }
}

/**
 * A SQL expression giving the JSON path of `components` when some may be array positions:
 * '0' means element 0 of an array but field "0" of an object, which only the row can tell.
 * Paths without such components are a plain literal (and so can match an index).
 */
export function dynamicJsonPath(doc: string, components: readonly string[]): string {
  if (!components.slice(1).some(isArrayIndex)) return sqlString(jsonPath(fieldSegments(components)))
  let expr = sqlString(jsonPath([{ field: components[0] as string }]))
  for (const c of components.slice(1)) {
    expr = isArrayIndex(c)
      ? `(${expr} || CASE json_type(${doc}, ${expr}) WHEN 'array' THEN '[${Number(c)}]' ELSE '."${c}"' END)`
      : `(${expr} || ${sqlString(`."${c}"`)})`
  }
  return expr
}
