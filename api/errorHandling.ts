// The last two middlewares: unknown routes, and every error → a problem+json answer. Stack
// traces go to the log, never to the client.
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express'
import { WrongExpectedRevision } from '../application/ports/eventStore.js'
import { PROBLEM_CONTENT_TYPE, ProblemError } from './problem.js'
import './requestTypes.js'
import { isReadModelNotReady } from '../application/queries/readModelReader.js'

export interface ApiLogger {
  info(message: string, fields: Readonly<Record<string, unknown>>): void
  error(message: string, fields: Readonly<Record<string, unknown>>): void
}

/** One JSON object per line on stdout/stderr: what log collectors read best. */
export const jsonLineLogger: ApiLogger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
}

export function routeNotFound(req: Request, _res: Response, next: NextFunction): void {
  next(
    new ProblemError({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      detail: `no route ${req.method} ${req.path} (GET /openapi.json lists them)`,
    }),
  )
}

// body-parser's errors carry a `type` naming what went wrong.
const BODY_ERRORS: Readonly<Record<string, { status: number; code: string; detail: string }>> = {
  'entity.too.large': { status: 413, code: 'BODY_TOO_LARGE', detail: 'the request body is larger than allowed' },
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', detail: 'the request body is not valid JSON' },
  'entity.verify.failed': { status: 400, code: 'MALFORMED_BODY', detail: 'the request body was refused' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_ENCODING', detail: 'unsupported content encoding' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_CHARSET', detail: 'send the body as UTF-8' },
  'request.aborted': { status: 400, code: 'REQUEST_ABORTED', detail: 'the request was aborted' },
  'request.size.invalid': { status: 400, code: 'BODY_SIZE_MISMATCH', detail: 'body size does not match its length' },
}

interface HttpishError {
  readonly status?: unknown
  readonly type?: unknown
  readonly expose?: unknown
  readonly message?: unknown
}

/**
 * Adapters mark transient failures of their server `retryable` (EventStoreUnavailable,
 * DocumentStoreUnavailable): the client should retry (with the same Idempotency-Key), not report a bug.
 */
function isRetryableOutage(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true
}

export function toProblem(error: unknown): ProblemError | null {
  if (error instanceof ProblemError) return error
  if (error instanceof WrongExpectedRevision)
    return new ProblemError({
      status: 409,
      code: 'CONCURRENT_MODIFICATION',
      detail: 'someone changed this at the same moment; reload and try again',
    })
  if (isReadModelNotReady(error))
    return new ProblemError({
      status: 503,
      code: 'READ_MODEL_NOT_READY',
      detail: 'the read model is still being built (e.g. right after an upgrade); try again in a moment',
      headers: { 'Retry-After': '5' },
    })
  if (isRetryableOutage(error))
    return new ProblemError({
      status: 503,
      code: 'STORE_UNAVAILABLE',
      detail: 'a data store is briefly unavailable; nothing was lost, try again in a moment',
      headers: { 'Retry-After': '2' },
    })
  if (typeof error === 'object' && error !== null) {
    const e = error as HttpishError
    const known = typeof e.type === 'string' ? BODY_ERRORS[e.type] : undefined
    if (known) return new ProblemError(known)
    // Other client errors raised by Express itself (e.g. a malformed %-escape in the path).
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true)
      return new ProblemError({
        status: e.status,
        code: 'BAD_REQUEST',
        detail: typeof e.message === 'string' ? e.message : 'bad request',
      })
  }
  return null
}

export function problemHandler(logger: ApiLogger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const requestId = req.requestId ?? 'unknown'
    const problem =
      toProblem(error) ??
      new ProblemError({
        status: 500,
        code: 'INTERNAL_ERROR',
        detail: `something went wrong on our side; quote request id ${requestId} when reporting it`,
      })
    if (problem.status >= 500)
      logger.error('request failed', {
        requestId,
        method: req.method,
        path: req.originalUrl,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      })
    // Too late for a problem answer: let Express cut the connection.
    if (res.headersSent) return next(error)
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value)
    res
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.body(requestId)))
  }
}
