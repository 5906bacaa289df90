// Cell types of the import/export templates: io-ts codecs between a cell's text (as CSV, XLSX
// and XML carry it) and the value a command takes. `decode` reads a trimmed cell and fails with a
// message a person can act on; `encode` writes the value back as the export's text, so what an
// export writes an import reads as the same value.
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

export type CellType<A> = t.Type<A, string, unknown>

/** Any column's cell type, whatever its value: what a template's list of columns holds. */
export interface AnyCellType {
  readonly name: string
  decode(cell: unknown): t.Validation<unknown>
  encode(value: never): string
}

/** A value back to its cell text, through the column's own type. */
export const writeCell = (type: AnyCellType, value: unknown): string => (type.encode as (v: unknown) => string)(value)

function cellType<A>(name: string, read: (text: string) => A | string, write: (a: A) => string): CellType<A> {
  return new t.Type<A, string, unknown>(
    name,
    (u): u is A => u !== undefined,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, 'must be text')
      const out = read(u.trim())
      return typeof out === 'string' && out.startsWith('\u0000') ? t.failure(u, c, out.slice(1)) : t.success(out as A)
    },
    write,
  )
}
const fail = (message: string) => `\u0000${message}`

/** Non-empty text of at most `max` characters. */
export const text = (max = 200): CellType<string> =>
  cellType(
    'text',
    (s) => (s === '' ? fail('must not be empty') : s.length > max ? fail(`at most ${max} characters`) : s),
    (s) => s,
  )

/** Text or nothing ('' is null). */
export const optionalText = (max = 200): CellType<string | null> =>
  cellType<string | null>(
    'optionalText',
    (s) => (s === '' ? null : s.length > max ? fail(`at most ${max} characters`) : s),
    (s) => s ?? '',
  )

/** One of the listed words (case as written in the list; the cell is compared ignoring case). */
export const oneOf = <K extends string>(values: readonly K[]): CellType<K> =>
  cellType<K>(
    'oneOf',
    (s) => values.find((v) => v.toLowerCase() === s.toLowerCase()) ?? fail(`must be one of ${values.join(', ')}`),
    (k) => k,
  )

export const optionalOneOf = <K extends string>(values: readonly K[]): CellType<K | null> =>
  cellType<K | null>(
    'optionalOneOf',
    (s) =>
      s === ''
        ? null
        : (values.find((v) => v.toLowerCase() === s.toLowerCase()) ??
          fail(`must be empty or one of ${values.join(', ')}`)),
    (k) => k ?? '',
  )

/** "1234.50" or "1234,50" (Polish spreadsheets) ⇄ 123450 minor units; at most two decimals, not negative. */
export const money: CellType<number> = cellType(
  'money',
  (s) => {
    const m = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(s.replace(/\s/g, ''))
    if (!m) return fail('must be an amount such as 149.99 (two decimals at most, no currency sign)')
    return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  },
  (minor) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`,
)

/** A whole or decimal number such as 23 or 8.5. */
export const decimal: CellType<number> = cellType(
  'decimal',
  (s) => (/^\d{1,6}(?:[.,]\d{1,4})?$/.test(s) ? Number(s.replace(',', '.')) : fail('must be a number such as 23')),
  (n) => String(n),
)

/** A whole number from 0 to `max`. */
export const wholeNumber = (max: number): CellType<number> =>
  cellType(
    'wholeNumber',
    (s) => (/^\d{1,9}$/.test(s) && Number(s) <= max ? Number(s) : fail(`must be a whole number from 0 to ${max}`)),
    (n) => String(n),
  )

/** A whole number up to `max`, or nothing. */
export const optionalWholeNumber = (max: number): CellType<number | null> =>
  cellType<number | null>(
    'optionalWholeNumber',
    (s) =>
      s === ''
        ? null
        : /^\d{1,9}$/.test(s) && Number(s) <= max
          ? Number(s)
          : fail(`must be empty or a whole number from 0 to ${max}`),
    (n) => (n === null ? '' : String(n)),
  )

/** A comma-separated list of some words (case ignored; empty: nothing, null). */
export const optionalListOf = <K extends string>(values: readonly K[]): CellType<K[] | null> =>
  cellType<K[] | null>(
    'optionalListOf',
    (s) => {
      if (s === '') return null
      const words = s.split(/[,;]/).map((w) => w.trim())
      const out: K[] = []
      for (const w of words) {
        const known = values.find((v) => v.toLowerCase() === w.toLowerCase())
        if (!known) return fail(`"${w}" is not one of ${values.join(', ')}`)
        out.push(known)
      }
      return out
    },
    (list) => (list ?? []).join(','),
  )

/** A four-digit year or nothing. */
export const optionalYear: CellType<number | null> = cellType<number | null>(
  'optionalYear',
  (s) => (s === '' ? null : /^\d{4}$/.test(s) ? Number(s) : fail('must be a year such as 2021')),
  (n) => (n === null ? '' : String(n)),
)

/** Decodes one cell: the value, or the message of the first failure. */
export function readCell(
  type: AnyCellType,
  cell: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const decoded = type.decode(cell)
  if (isLeft(decoded)) return { ok: false, message: decoded.left[0]?.message ?? `not a valid ${type.name}` }
  return { ok: true, value: decoded.right }
}
