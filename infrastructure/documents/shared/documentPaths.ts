// Dotted paths ('customer.address.city', 'lines.0.price') as used in filters, updates, sort
// and projection. Every adapter splits and checks them the same way, so a path one adapter
// rejects is rejected by all.
import { UnsupportedQuery } from '../../../application/ports/documentStore.js'

/** A path component that addresses an array element (Mongo: '0', '12'; never '-1' or '01'). */
export function isArrayIndex(component: string): boolean {
  return /^(0|[1-9][0-9]{0,8})$/.test(component)
}

/**
 * Splits and checks a dotted path. Components must be non-empty, must not start with '$'
 * (positional and operator paths are outside the subset) and must not contain '"' or '\'
 * (the SQLite adapter quotes components inside JSON paths, which have no escape syntax).
 */
export function splitPath(path: string, where: string): string[] {
  if (typeof path !== 'string' || path.length === 0) throw new UnsupportedQuery(`${where}: empty field path`)
  const components = path.split('.')
  for (const c of components) {
    if (c.length === 0) throw new UnsupportedQuery(`${where}: malformed field path '${path}'`)
    if (c.startsWith('$')) {
      throw new UnsupportedQuery(`${where}: unsupported path component '${c}' in '${path}' (positional/operator paths)`)
    }
    if (c.includes('"') || c.includes('\\') || [...c].some((ch) => ch.charCodeAt(0) < 0x20)) {
      throw new UnsupportedQuery(`${where}: field name '${c}' contains a character not allowed in paths`)
    }
  }
  return components
}

/** True when one path equals the other or is a prefix of it ('a' and 'a.b'): Mongo calls this a conflict. */
export function pathsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false
  return true
}
