// States are folded values made for deciders, not for wire formats: some hold Maps, Sets, the
// bucketed map of shared/bucketMap.ts or the AppendList of shared/appendList.ts. An auditor reads
// them as JSON, so they are turned into plain objects and arrays first (sorted keys where the
// container has no order of its own).
import { AppendList } from '../../domain/shared/appendList.js'
import type { JsonValue } from '../ports/documentStore.js'

const BUCKET_WIDTH = 64

/** The shape of domain/shared/bucketMap.ts's BucketMap: 64 middles of 64 leaf Maps, and a size. */
function isBucketMap(value: object): value is { top: ReadonlyArray<ReadonlyArray<ReadonlyMap<string, unknown>>> } {
  const v = value as { top?: unknown; size?: unknown }
  return (
    typeof v.size === 'number' &&
    Array.isArray(v.top) &&
    v.top.length === BUCKET_WIDTH &&
    Object.keys(value).length === 2 &&
    Array.isArray(v.top[0]) &&
    v.top[0][0] instanceof Map
  )
}

function mapToObject(entries: Iterable<[unknown, unknown]>, seen: Set<object>): { [key: string]: JsonValue } {
  const sorted = [...entries].map(([k, v]) => [String(k), v] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const out: { [key: string]: JsonValue } = {}
  for (const [k, v] of sorted) out[k] = toPlain(v, seen)
  return out
}

function toPlain(value: unknown, seen: Set<object>): JsonValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return value.toString()
  if (typeof value !== 'object') return null
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((v) => toPlain(v, seen))
    if (value instanceof Map) return mapToObject(value.entries(), seen)
    if (value instanceof Set) return [...value].map((v) => toPlain(v, seen))
    if (value instanceof Date) return value.toISOString()
    if (value instanceof AppendList) return value.map((v) => toPlain(v, seen))
    if (isBucketMap(value))
      return mapToObject(
        value.top.flatMap((middle) => middle.flatMap((leaf) => [...leaf.entries()])),
        seen,
      )
    const out: { [key: string]: JsonValue } = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlain(v, seen)
    return out
  } finally {
    seen.delete(value)
  }
}

/** A JSON value an auditor can read for any folded state. */
export function plainJson(value: unknown): JsonValue {
  return toPlain(value, new Set())
}
