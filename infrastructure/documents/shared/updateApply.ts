// Applies $set $unset $inc $push $pull $addToSet to a document in JS, with MongoDB's rules,
// including its errors: mingo's updater silently skips $inc on a string, $push onto a
// non-array or $set through a scalar, where MongoDB fails the write, so the SQLite and memory
// adapters both use this module to fail the same way.
// Fields are applied in path order, so new fields appear in the order MongoDB 5+ gives them.
import { Query } from 'mingo'
import { type Document, UnsupportedQuery } from '../../../application/ports/documentStore.js'
import { isArrayIndex } from './documentPaths.js'
import { cloneJson, isPlainObject, type PlainObject } from './jsonDocument.js'
import { isOperatorObject, type UpdateTarget } from './queryValidation.js'
import { valuesEqual } from './valueOrder.js'

type Container = PlainObject | unknown[]

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (isPlainObject(value)) return 'an object'
  return `a ${typeof value}`
}

function cannotCreate(path: string, field: string, at: unknown): UnsupportedQuery {
  return new UnsupportedQuery(`cannot apply update to '${path}': cannot create field '${field}' in ${describe(at)}`)
}

/** Walks to the container of the last component; creates missing objects when `create`. */
function locate(
  root: PlainObject,
  target: UpdateTarget,
  create: boolean,
): { container: Container; key: string } | null {
  const { components, path } = target
  let current: unknown = root
  for (let i = 0; i < components.length; i++) {
    const c = components[i] as string
    const last = i === components.length - 1
    if (Array.isArray(current) ? !isArrayIndex(c) : !isPlainObject(current)) {
      if (create) throw cannotCreate(path, c, current)
      return null
    }
    const container = current as Container
    if (last) return { container, key: c }
    let next = read(container, c)
    if (next === undefined) {
      if (!create) return null
      next = {}
      write(container, c, next)
    }
    current = next
  }
  return null
}

function read(container: Container, key: string): unknown {
  return Array.isArray(container) ? container[Number(key)] : container[key]
}

function write(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) {
    const index = Number(key)
    while (container.length < index) container.push(null)
    container[index] = value
  } else {
    container[key] = value
  }
}

function pullPredicate(condition: unknown): (element: unknown) => boolean {
  if (isOperatorObject(condition)) {
    const query = new Query({ element: condition }, {})
    return (element) => query.test({ element })
  }
  if (isPlainObject(condition)) {
    const query = new Query(condition, {})
    return (element) => isPlainObject(element) && query.test(element)
  }
  return (element) => valuesEqual(element, condition)
}

function pushedValues(value: unknown): unknown[] {
  return isOperatorObject(value) ? (value.$each as unknown[]) : [value]
}

function comparePaths(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] as string
    const y = b[i] as string
    if (x === y) continue
    if (isArrayIndex(x) && isArrayIndex(y)) return Number(x) - Number(y)
    return x < y ? -1 : 1
  }
  return a.length - b.length
}

function applyTarget(doc: PlainObject, t: UpdateTarget): void {
  switch (t.operator) {
    case '$set': {
      const at = locate(doc, t, true) as { container: Container; key: string }
      write(at.container, at.key, cloneJson(t.value))
      return
    }
    case '$unset': {
      const at = locate(doc, t, false)
      if (at === null) return
      if (Array.isArray(at.container)) {
        // MongoDB keeps array positions stable: an unset element becomes null.
        if (Number(at.key) < at.container.length) at.container[Number(at.key)] = null
      } else {
        delete at.container[at.key]
      }
      return
    }
    case '$inc': {
      const at = locate(doc, t, true) as { container: Container; key: string }
      const current = read(at.container, at.key)
      if (current === undefined) write(at.container, at.key, t.value)
      else if (typeof current === 'number') write(at.container, at.key, current + (t.value as number))
      else throw new UnsupportedQuery(`cannot apply $inc to '${t.path}': it holds ${describe(current)}`)
      return
    }
    case '$push':
    case '$addToSet': {
      const at = locate(doc, t, true) as { container: Container; key: string }
      const current = read(at.container, at.key)
      if (current !== undefined && !Array.isArray(current)) {
        throw new UnsupportedQuery(`cannot apply ${t.operator} to '${t.path}': it holds ${describe(current)}`)
      }
      const list = current ?? []
      for (const v of pushedValues(t.value)) {
        if (t.operator === '$addToSet' && list.some((x) => valuesEqual(x, v))) continue
        list.push(cloneJson(v))
      }
      write(at.container, at.key, list)
      return
    }
    case '$pull': {
      const at = locate(doc, t, false)
      if (at === null) return
      const current = read(at.container, at.key)
      if (current === undefined) return
      if (!Array.isArray(current)) {
        throw new UnsupportedQuery(`cannot apply $pull to '${t.path}': it holds ${describe(current)}`)
      }
      const matches = pullPredicate(t.value)
      write(
        at.container,
        at.key,
        current.filter((e) => !matches(e)),
      )
      return
    }
  }
}

/**
 * Returns the updated copy of `doc` (the input is not touched) and whether anything changed.
 * Throws UnsupportedQuery when MongoDB would reject the update for this document.
 */
export function applyUpdate<T extends Document>(
  doc: T,
  targets: readonly UpdateTarget[],
): { doc: T; changed: boolean } {
  const before = JSON.stringify(doc)
  const next = JSON.parse(before) as PlainObject
  const ordered = [...targets].sort((a, b) => comparePaths(a.components, b.components))
  for (const t of ordered) applyTarget(next, t)
  const after = JSON.stringify(next)
  return { doc: (after === before ? doc : JSON.parse(after)) as T, changed: after !== before }
}
