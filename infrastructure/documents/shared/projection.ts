// Find projections, applied in JS by the SQLite and memory adapters (MongoDB does its own).
// MongoDB semantics: an inclusion keeps the listed paths (and _id unless {_id: 0}), in the
// document's own field order; a dotted path through an array applies to each object
// element and drops non-object elements; an exclusion removes the paths, likewise per
// element. A path that stops at a scalar is simply absent from an inclusion.

import { isPlainObject, type PlainObject } from './jsonDocument.js'
import type { CheckedProjection } from './queryValidation.js'

interface PathTree {
  [field: string]: PathTree | true
}

function buildTree(paths: readonly string[][]): PathTree {
  const root: PathTree = {}
  for (const path of paths) {
    let node = root
    path.forEach((c, i) => {
      if (i === path.length - 1) node[c] = true
      else {
        const next = node[c]
        if (next === undefined || next === true) node[c] = {}
        node = node[c] as PathTree
      }
    })
  }
  return root
}

function include(value: PlainObject, tree: PathTree): PlainObject {
  const out: PlainObject = {}
  for (const [k, v] of Object.entries(value)) {
    const sub = tree[k]
    if (sub === undefined) continue
    if (sub === true) out[k] = v
    else if (isPlainObject(v)) out[k] = include(v, sub)
    else if (Array.isArray(v)) out[k] = includeInArray(v, sub)
  }
  return out
}

function includeInArray(values: unknown[], tree: PathTree): unknown[] {
  const out: unknown[] = []
  for (const v of values) {
    if (isPlainObject(v)) out.push(include(v, tree))
    else if (Array.isArray(v)) out.push(includeInArray(v, tree))
  }
  return out
}

function exclude(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.map((v) => exclude(v, tree))
  if (!isPlainObject(value)) return value
  const out: PlainObject = {}
  for (const [k, v] of Object.entries(value)) {
    const sub = tree[k]
    if (sub === true) continue
    out[k] = sub === undefined ? v : exclude(v, sub)
  }
  return out
}

export function applyProjection<T>(doc: T, projection: CheckedProjection | undefined): T {
  if (projection === undefined) return doc
  const source = doc as unknown as PlainObject
  if (projection.mode === 'exclude') {
    const paths = projection.includeId ? projection.paths : [...projection.paths, ['_id']]
    return exclude(source, buildTree(paths)) as T
  }
  const kept = include(source, buildTree(projection.paths))
  if (!projection.includeId || !('_id' in source)) return kept as T
  return { _id: source._id, ...kept } as T
}
