// Query-string fields shared by the business routes (customers, fleets, contracts, tickets,
// billing): paging, flags, months, search text. (A read model not built yet is answered 503 by
// api/errorHandling.ts, for every route.)
import * as t from 'io-ts'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../application/queries/viewer.js'
import { isYearMonth } from '../../domain/shared/yearMonth.js'
import { describeCodec, type JsonSchema } from '../openapi/jsonSchema.js'
import { IntegerFromQuery } from '../serviceNetwork/queryCodecs.js'

const ranged = (name: string, min: number, max: number) => {
  const codec = new t.Type<number, string, unknown>(
    name,
    (u): u is number => Number.isInteger(u) && (u as number) >= min && (u as number) <= max,
    (u, c) => {
      const n = IntegerFromQuery.validate(u, c)
      if (n._tag === 'Left') return n
      return n.right >= min && n.right <= max
        ? t.success(n.right)
        : t.failure(u, c, `must be between ${min} and ${max}`)
    },
    String,
  )
  describeCodec(codec, { type: 'integer', minimum: min, maximum: max })
  return codec
}

export const Limit = ranged('PageLimit', 1, MAX_PAGE_SIZE)
export const Offset = ranged('PageOffset', 0, 1_000_000)
export const Days = ranged('Days', 1, 366)
export const PagingQuery = { limit: Limit, offset: Offset }

export const pagingOf = (q: { limit?: number; offset?: number }) => ({
  limit: q.limit ?? DEFAULT_PAGE_SIZE,
  offset: q.offset ?? 0,
})
export const PAGING_HELP = `limit (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}), offset`

export const Flag = new t.Type<boolean, string, unknown>(
  'QueryFlag',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) =>
    u === 'true' ? t.success(true) : u === 'false' ? t.success(false) : t.failure(u, c, 'must be true or false'),
  String,
)
describeCodec(Flag, { type: 'boolean' })

export const MonthField = new t.Type<string, string, unknown>(
  'YearMonth',
  (u): u is string => typeof u === 'string' && isYearMonth(u),
  (u, c) => (typeof u === 'string' && isYearMonth(u) ? t.success(u) : t.failure(u, c, 'must be a month YYYY-MM')),
  t.identity,
)
describeCodec(MonthField, { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })

export const SearchText = new t.Type<string, string, unknown>(
  'SearchQuery',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && u.trim().length >= 1 && u.length <= 100
      ? t.success(u.trim())
      : t.failure(u, c, 'must be 1-100 characters'),
  t.identity,
)
describeCodec(SearchText, { type: 'string', minLength: 1, maxLength: 100 })

/** Response documentation for answers whose shape is the view type (described in words). */
export const objectSchema = (description: string): JsonSchema => ({ type: 'object', description })
export const pageSchema = (item: string): JsonSchema => ({
  type: 'object',
  properties: {
    items: { type: 'array', items: { type: 'object', description: item } },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
  required: ['items', 'total', 'limit', 'offset'],
})
