// RFC 8785 (JSON Canonicalization Scheme) for the values events hold: JSON from io-ts codecs.
// Written here rather than taken from the `canonicalize` package because hashing is on the hot
// path of every append and the package cost ~9 µs per event (docs/performance.md); a property
// test checks this function against that package on random JSON.
//
// JCS: object keys sorted by UTF-16 code units (JavaScript's default string order), numbers as
// ECMAScript's Number#toString (what JSON.stringify prints for finite numbers), strings escaped
// as JSON.stringify does. Values JCS cannot represent are refused instead of silently changed.

export class NotCanonicalisable extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'NotCanonicalisable'
  }
}

// The path of a refused value is built only when something is refused: building it for every
// nested value up front was a fifth of the function's time on the append path.
type PathOf = () => string

function canonical(value: unknown, path: PathOf): string {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw new NotCanonicalisable(`${path()} holds a lone surrogate`)
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisable(`${path()} is ${value}`)
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (value === null) return 'null'
      if (Array.isArray(value)) {
        let out = '['
        for (let i = 0; i < value.length; i++) {
          const item = value[i]
          out += (i ? ',' : '') + (leaf(item) ?? canonical(item, () => `${path()}[${i}]`))
        }
        return `${out}]`
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) throw new NotCanonicalisable(`${path()} is not a plain object`)
      const record = value as Record<string, unknown>
      const keys = Object.keys(record).sort()
      let out = '{'
      let first = true
      for (const key of keys) {
        const v = record[key]
        if (v === undefined) continue // as JSON.stringify: an undefined property is absent
        if (!key.isWellFormed()) throw new NotCanonicalisable(`${path()} has a key with a lone surrogate`)
        out += `${first ? '' : ','}${JSON.stringify(key)}:${leaf(v) ?? canonical(v, () => `${path()}.${key}`)}`
        first = false
      }
      return `${out}}`
    }
    default:
      throw new NotCanonicalisable(`${path()} is a ${typeof value}, not JSON`)
  }
}

/** A well-formed string, finite number or boolean as canonical text without a path closure; undefined otherwise. */
function leaf(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return v.isWellFormed() ? JSON.stringify(v) : undefined
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined
    case 'boolean':
      return v ? 'true' : 'false'
    default:
      return v === null ? 'null' : undefined
  }
}

const ROOT: PathOf = () => '$'

/** The canonical JSON text of value; throws NotCanonicalisable for what JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  return canonical(value, ROOT)
}
