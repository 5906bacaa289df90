// Query-string fields of the repair routes: paging and flags. (A read model not built yet is
// answered 503 by api/errorHandling.ts, for every route.)
import * as t from 'io-ts'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../application/queries/viewer.js'
import { describeCodec } from '../openapi/jsonSchema.js'
import { IntegerFromQuery } from '../serviceNetwork/queryCodecs.js'

const ranged = (name: string, min: number, max: number) => {
  const codec = new t.Type<number, string, unknown>(
    name,
    (u): u is number => Number.isInteger(u) && (u as number) >= min && (u as number) <= max,
    (u, c) => {
      const n = IntegerFromQuery.validate(u, c)
      if (n._tag === 'Left') return n
      return n.right >= min && n.right <= max ? t.success(n.right) : t.failure(u, c, `must be ${min}–${max}`)
    },
    String,
  )
  describeCodec(codec, { type: 'integer', minimum: min, maximum: max })
  return codec
}

export const Paging = { limit: ranged('Limit', 1, MAX_PAGE_SIZE), offset: ranged('Offset', 0, 1_000_000) }
export const pagingOf = (q: { limit?: number; offset?: number }) => ({
  limit: q.limit ?? DEFAULT_PAGE_SIZE,
  offset: q.offset ?? 0,
})
export const PAGING_HELP = `limit (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}), offset`

export const Flag = new t.Type<boolean, string, unknown>(
  'Flag',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) =>
    u === 'true' ? t.success(true) : u === 'false' ? t.success(false) : t.failure(u, c, 'must be true or false'),
  String,
)
describeCodec(Flag, { type: 'boolean' })

export const NOT_READY = 'the read model is still being built (e.g. right after an upgrade); try again in a moment'
