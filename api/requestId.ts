// Request ids and idempotency keys, read from headers once for the whole request.
import { randomUUID } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { ProblemError } from './problem.js'
import './requestTypes.js'

// A client's id is kept when it is an id, not a payload: short, and safe in logs and headers.
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id')
  req.requestId = given !== undefined && SANE_ID.test(given) ? given : randomUUID()
  res.setHeader('X-Request-Id', req.requestId)
  next()
}

export function readIdempotencyKey(req: Request, _res: Response, next: NextFunction): void {
  const key = req.get('idempotency-key')
  if (key !== undefined && !SANE_ID.test(key)) {
    next(
      new ProblemError({
        status: 400,
        code: 'INVALID_IDEMPOTENCY_KEY',
        detail: 'Idempotency-Key must be 1–128 letters, digits, ".", "_", ":" or "-"',
        errors: [{ path: 'Idempotency-Key', message: 'must be 1–128 letters, digits, ".", "_", ":" or "-"' }],
      }),
    )
    return
  }
  req.idempotencyKey = key
  next()
}
