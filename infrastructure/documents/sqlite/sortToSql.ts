// ORDER BY for a sort spec, with the cross-type order of shared/valueOrder.ts computed in
// SQL: each key becomes (type rank, value). For an array value the key is its smallest
// element ascending and its largest descending (MongoDB), an empty array ranks below null.
// A path through an array of objects ('lines.price') yields no value and sorts as missing
// (shared/sortDocuments.ts does the same in JS). Ties fall back to rowid: insertion order.
import type { CheckedFindOptions } from '../shared/queryValidation.js'
import { dynamicJsonPath } from './sqlJson.js'

function rankOf(type: string): string {
  return (
    `CASE ${type} WHEN 'integer' THEN 2 WHEN 'real' THEN 2 WHEN 'text' THEN 3 WHEN 'object' THEN 4 ` +
    `WHEN 'array' THEN 5 WHEN 'true' THEN 6 WHEN 'false' THEN 6 ELSE 1 END`
  )
}

export function sortToSql(sort: CheckedFindOptions['sort'], row: string): string {
  const terms: string[] = []
  for (const { components, direction } of sort) {
    const dir = direction === 1 ? 'ASC' : 'DESC'
    if (components.length === 1 && components[0] === '_id') {
      terms.push(`${row}.id ${dir}`)
      continue
    }
    const doc = `${row}.doc`
    const path = dynamicJsonPath(doc, components)
    const type = `json_type(${doc}, ${path})`
    const pick = (column: string) =>
      `(SELECT ${column} FROM json_each(${doc}, ${path}) AS s ORDER BY ${rankOf('s.type')} ${dir}, s.value ${dir} LIMIT 1)`
    const rank = `CASE WHEN ${type} = 'array' THEN coalesce(${pick(rankOf('s.type'))}, 0) ELSE ${rankOf(type)} END`
    const value =
      `CASE WHEN ${type} = 'array' THEN ${pick(`CASE WHEN s.type = 'null' THEN NULL ELSE s.value END`)} ` +
      `ELSE json_extract(${doc}, ${path}) END`
    terms.push(`${rank} ${dir}`, `${value} ${dir}`)
  }
  terms.push(`${row}.rowid ASC`)
  return terms.join(', ')
}
