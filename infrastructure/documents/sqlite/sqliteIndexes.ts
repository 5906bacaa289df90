// createIndex for SQLite. One IndexSpec becomes up to three kinds of expression index:
// - 'v': json_extract over the keys, which WHERE clauses from filterToSql.ts can use;
// - 't': json_type of each key path and its parent paths, partial to the rows where that
//   path holds an array (usually none), so the array branches of those WHERE clauses are
//   indexable too (SQLite's multi-index OR needs every branch indexed) and the planner,
//   seeing an almost empty index, never mistakes it for an expensive one;
// - 'u' (unique specs): over `doc -> path`, the JSON text of the value, which keeps types
//   apart (json_extract gives 1 for both true and 1) and, with ifnull(..., 'null'), counts a
//   missing field as null like MongoDB does (SQLite would let any number of NULLs through).
//   An array value is compared whole, where MongoDB would index each element.
// Index names are "ix_<random>:<spec name>:<kind>", never derived from the table name, so
// they follow ALTER TABLE ... RENAME without clashing with a later collection of the old name.
import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { IndexSpec } from '../../../application/ports/documentStore.js'
import { validateIndexSpec } from '../shared/queryValidation.js'
import { fieldSegments, jsonPath, sqlString, TABLE_PREFIX } from './sqlJson.js'

interface IndexRow {
  name: string
  sql: string | null
}

export function indexesOf(db: Database.Database, table: string): IndexRow[] {
  return db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`)
    .all(`${TABLE_PREFIX}${table}`) as IndexRow[]
}

/** The spec name inside an index name, or undefined for SQLite's own indexes. */
export function specNameOf(indexName: string): string | undefined {
  return /^ix_[0-9a-f]+:(.+):[vtu]\d*$/.exec(indexName)?.[1]
}

/** Returns the DDL statements needed for the spec, or [] when an index of that name exists. */
export function indexStatements(db: Database.Database, collection: string, spec: IndexSpec): string[] {
  const { name, keys } = validateIndexSpec(spec)
  const existing = indexesOf(db, collection)
  if (existing.some((i) => specNameOf(i.name) === name)) return []
  const table = `"${TABLE_PREFIX}${collection}"`
  const token = `ix_${randomBytes(6).toString('hex')}:${name}`
  const directions = keys.map((k) => ((spec.keys[k.path] ?? 1) === -1 ? ' DESC' : ''))
  const paths = keys.map((k) => sqlString(jsonPath(fieldSegments(k.components))))
  const statements = [
    `CREATE INDEX "${token}:v" ON ${table} (${paths.map((p, i) => `json_extract(doc, ${p})${directions[i]}`).join(', ')})`,
  ]
  const typeExpressions = new Set<string>()
  for (const k of keys) {
    for (let n = 1; n <= k.components.length; n++) {
      typeExpressions.add(`json_type(doc, ${sqlString(jsonPath(fieldSegments(k.components.slice(0, n))))})`)
    }
  }
  let t = 0
  for (const expression of typeExpressions) {
    if (existing.some((i) => i.sql?.includes(`(${expression})`))) continue
    statements.push(`CREATE INDEX "${token}:t${t++}" ON ${table} (${expression}) WHERE ${expression} = 'array'`)
  }
  if (spec.unique === true) {
    statements.push(
      `CREATE UNIQUE INDEX "${token}:u" ON ${table} (${paths.map((p) => `ifnull(doc -> ${p}, 'null')`).join(', ')})`,
    )
  }
  return statements
}
