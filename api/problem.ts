// RFC 9457 problem details: every error the API answers with is one of these, as
// application/problem+json with a stable `code` clients can switch on and, for invalid input,
// every failing field in `errors`.
import { STATUS_CODES } from 'node:http'
import { type Either, isLeft } from 'fp-ts/lib/Either.js'
import type { DomainError } from '../domain/shared/decider.js'

export interface FieldError {
  readonly path: string
  readonly message: string
}

export interface ProblemBody {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  /** The request id (also in the X-Request-Id response header): quote it when reporting a problem. */
  readonly instance: string
  readonly errors?: ReadonlyArray<FieldError>
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** A URN per code: stable, absolute, and not pretending to be a web page that exists. */
export const problemType = (code: string): string => `urn:tyre-network:problem:${code.toLowerCase().replace(/_/g, '-')}`

export interface ProblemInit {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly errors?: ReadonlyArray<FieldError>
  /** Extra response headers (e.g. WWW-Authenticate on 401). */
  readonly headers?: Readonly<Record<string, string>>
}

/** Thrown (or passed to next) anywhere in a request; the error handler renders it. */
export class ProblemError extends Error {
  readonly status: number
  readonly code: string
  readonly errors: ReadonlyArray<FieldError> | undefined
  readonly headers: Readonly<Record<string, string>>

  constructor(init: ProblemInit) {
    super(init.detail)
    this.name = 'ProblemError'
    this.status = init.status
    this.code = init.code
    this.errors = init.errors
    this.headers = init.headers ?? {}
  }

  body(instance: string): ProblemBody {
    return {
      type: problemType(this.code),
      title: STATUS_CODES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      code: this.code,
      instance,
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
    }
  }
}

const STATUS_OF_KIND: Readonly<Record<DomainError['kind'], number>> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
}

export const problemFromDomainError = (error: DomainError): ProblemError =>
  new ProblemError({
    status: STATUS_OF_KIND[error.kind],
    code: error.code,
    detail: error.message,
    ...(error.fields ? { errors: error.fields } : {}),
  })

/** The value of a use case's answer, or its domain error thrown as a problem. */
export function orProblem<T>(answer: Either<DomainError, T>): T {
  if (isLeft(answer)) throw problemFromDomainError(answer.left)
  return answer.right
}
