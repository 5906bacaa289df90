// From an HTTP request to what a command needs: who, when, which user action, which retry.
import type { Request } from 'express'
import type { CommandContext } from '../application/commands/commandContext.js'
import { actorOf, type Principal } from '../domain/access/principal.js'
import { ProblemError } from './problem.js'
import './requestTypes.js'

export type RequestMeta = Omit<CommandContext, 'actor'>

/** The authenticated principal; a route without `authenticate` in front of it is a bug, answered 401. */
export function principalOf(req: Request): Principal {
  if (!req.actor) throw new ProblemError({ status: 401, code: 'AUTHENTICATION_REQUIRED', detail: 'log in first' })
  return req.actor
}

/**
 * The request's metadata for a command. The Idempotency-Key is scoped to the caller and the
 * route: two clients that happen to pick the same key do not replay each other's commands.
 */
export function requestMetaOf(req: Request, now: Date): RequestMeta {
  const who = req.actor?.id ?? 'anonymous'
  const path = `${req.baseUrl}${req.path}`
  return {
    correlationId: req.requestId,
    causationId: null,
    now: now.toISOString(),
    ...(req.idempotencyKey !== undefined ? { commandId: `${who}|${req.method} ${path}|${req.idempotencyKey}` } : {}),
  }
}

export function commandContextOf(req: Request, now: Date): CommandContext {
  return { ...requestMetaOf(req, now), actor: actorOf(principalOf(req)) }
}
