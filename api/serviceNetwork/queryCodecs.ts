// Query-string fields: everything arrives as text (or a repeated parameter as a list), so these
// codecs read numbers and lists out of strings, with messages a person can act on.
import * as t from 'io-ts'
import { describeCodec } from '../openapi/jsonSchema.js'

/** A finite number written in the query string. */
export const NumberFromQuery = new t.Type<number, string, unknown>(
  'NumberFromQuery',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => {
    if (typeof u !== 'string' || u.trim() === '') return t.failure(u, c, 'must be a number')
    const n = Number(u)
    return Number.isFinite(n) ? t.success(n) : t.failure(u, c, 'must be a number')
  },
  String,
)
describeCodec(NumberFromQuery, { type: 'number' })

/** A whole number written in the query string. */
export const IntegerFromQuery = new t.Type<number, string, unknown>(
  'IntegerFromQuery',
  (u): u is number => Number.isInteger(u),
  (u, c) => {
    if (typeof u !== 'string' || !/^-?\d{1,9}$/.test(u.trim())) return t.failure(u, c, 'must be a whole number')
    return t.success(Number(u))
  },
  String,
)
describeCodec(IntegerFromQuery, { type: 'integer' })

/** `a,b,c` or `x=a&x=b`: a list of non-empty strings, decoded by `item`. */
export function listFromQuery<A>(item: t.Decoder<unknown, A>, name: string): t.Type<A[], string, unknown> {
  const codec = new t.Type<A[], string, unknown>(
    name,
    (u): u is A[] => Array.isArray(u),
    (u, c) => {
      const raw = typeof u === 'string' ? [u] : Array.isArray(u) ? u : null
      if (raw === null || !raw.every((v) => typeof v === 'string'))
        return t.failure(u, c, 'must be a comma-separated list')
      const parts = (raw as string[])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '')
      const out: A[] = []
      for (const [i, part] of parts.entries()) {
        const decoded = item.validate(part, [
          ...c,
          { key: String(i), type: item as t.Decoder<unknown, unknown>, actual: part },
        ])
        if (decoded._tag === 'Left') return decoded
        out.push(decoded.right)
      }
      return t.success(out)
    },
    (list) => list.join(','),
  )
  describeCodec(codec, { type: 'string', description: 'comma-separated' })
  return codec
}
