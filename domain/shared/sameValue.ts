// Whether two JSON-shaped values are the same value. Deciders use it to answer "nothing changes"
// (no event) when a command repeats what the state already holds. Comparing JSON.stringify texts
// is not enough: state folded from stored events has its keys in the stored (sorted) order while a
// command's object has the caller's order, so the same owner or address would read as a change and
// be recorded again.

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]))
  }
  // An absent key and a key holding undefined are the same in JSON (neither is written).
  const defined = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined)
  const left = defined(a)
  const right = new Map(defined(b))
  return left.length === right.size && left.every(([key, value]) => right.has(key) && sameValue(value, right.get(key)))
}
