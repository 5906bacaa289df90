// Collecting every failing field of a command before refusing it, so the caller can show them all.

export interface FieldProblem {
  readonly path: string
  readonly message: string
}

export const nonBlank = (value: string, path: string, max = 200): FieldProblem[] =>
  value.trim().length === 0
    ? [{ path, message: 'must not be blank' }]
    : value.length > max
      ? [{ path, message: `must be at most ${max} characters` }]
      : []

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/
/** Ids end up in stream names, so they follow the stream-id alphabet. */
export const validId = (value: string, path: string): FieldProblem[] =>
  ID.test(value) ? [] : [{ path, message: 'must be 1-100 characters of letters, digits, _ . : @ -' }]
