// Role guard: after `authenticate`, lets through only the listed roles.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { AccountRole } from '../../domain/access/tenant.js'
import { ProblemError } from '../problem.js'
import { authenticationRequired } from './authenticate.js'
import '../requestTypes.js'

export function requireRole(...roles: readonly AccountRole[]): RequestHandler {
  const allowed = new Set(roles)
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.actor) throw authenticationRequired()
    if (!allowed.has(req.actor.role))
      throw new ProblemError({
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
        detail: `this needs one of the roles ${roles.join(', ')}`,
      })
    next()
  }
}
