// API errors as the pages handle them: every failed request becomes an ApiError carrying the
// problem+json body (RFC 9457) the API answered, or one made up here for a network failure or an
// answer that is not problem+json, so a page always has a code to put into words.
import type { SlotAlternatives } from './types.js'

export interface FieldError {
  readonly path: string
  readonly message: string
}

export interface Problem {
  readonly status: number
  readonly code: string
  readonly detail: string
  /** The request id, to quote to support. */
  readonly instance?: string
  readonly errors?: readonly FieldError[]
  readonly alternatives?: SlotAlternatives
  /** A refused import file (POST /data-exchange/…/import): the file's problems, then row by row. */
  readonly fileProblems?: readonly string[]
  readonly rows?: readonly { readonly row: number; readonly problems: readonly FieldProblem[] }[]
}

/** One problem of an import file's row: the column ('' for the row as a whole) and what is wrong. */
export interface FieldProblem {
  readonly column: string
  readonly message: string
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.detail}`)
    this.name = 'ApiError'
  }

  get code(): string {
    return this.problem.code
  }

  get status(): number {
    return this.problem.status
  }
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null

/** The problem in an error answer's body, or a stand-in that names the HTTP status. */
export function problemOf(status: number, body: unknown): Problem {
  if (isRecord(body) && typeof body.code === 'string') {
    const errors = Array.isArray(body.errors)
      ? body.errors.filter(
          (e): e is FieldError => isRecord(e) && typeof e.path === 'string' && typeof e.message === 'string',
        )
      : undefined
    return {
      status,
      code: body.code,
      detail: typeof body.detail === 'string' ? body.detail : '',
      ...(typeof body.instance === 'string' ? { instance: body.instance } : {}),
      ...(errors && errors.length > 0 ? { errors } : {}),
      ...(isRecord(body.alternatives) ? { alternatives: body.alternatives as unknown as SlotAlternatives } : {}),
      ...(Array.isArray(body.fileProblems) ? { fileProblems: body.fileProblems.map(String) } : {}),
      ...(Array.isArray(body.rows) ? { rows: body.rows as Problem['rows'] } : {}),
    }
  }
  return { status, code: `HTTP_${status}`, detail: '' }
}

export const networkProblem = (): Problem => ({ status: 0, code: 'NETWORK_ERROR', detail: '' })

/** Any thrown value as an ApiError (a bug in a page still reaches the user as words). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError({
    status: 0,
    code: 'CLIENT_ERROR',
    detail: error instanceof Error ? error.message : String(error),
  })
}
