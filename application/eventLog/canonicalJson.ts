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

function canonical(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw new NotCanonicalisable(`${path} holds a lone surrogate`)
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisable(`${path} is ${value}`)
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (value === null) return 'null'
      if (Array.isArray(value)) {
        let out = '['
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonical(value[i], `${path}[${i}]`)
        return `${out}]`
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) throw new NotCanonicalisable(`${path} is not a plain object`)
      const record = value as Record<string, unknown>
      const keys = Object.keys(record).sort()
      let out = '{'
      let first = true
      for (const key of keys) {
        const v = record[key]
        if (v === undefined) continue // as JSON.stringify: an undefined property is absent
        if (!key.isWellFormed()) throw new NotCanonicalisable(`${path} has a key with a lone surrogate`)
        out += `${first ? '' : ','}${JSON.stringify(key)}:${canonical(v, `${path}.${key}`)}`
        first = false
      }
      return `${out}}`
    }
    default:
      throw new NotCanonicalisable(`${path} is a ${typeof value}, not JSON`)
  }
}

/** The canonical JSON text of value; throws NotCanonicalisable for what JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  return canonical(value, '$')
}
