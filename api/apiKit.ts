// What a router module gets from the app: self-documenting routers wired to the app's token
// check, the app's clock, and the command metadata of a request.
import type { Request } from 'express'
import type { CommandContext } from '../application/commands/commandContext.js'
import { commandContextOf, type RequestMeta, requestMetaOf } from './requestContext.js'
import type { ApiRouter } from './routing/apiRouter.js'

export interface ApiKit {
  /** A router mounted at basePath, its routes grouped under tag in /openapi.json. */
  router(basePath: string, tag: string): ApiRouter
  /** The app's clock (tests move it). */
  now(): Date
  /** Correlation id (request id), Idempotency-Key as commandId, now: for use cases that pick the actor. */
  requestMeta(req: Request): RequestMeta
  /** The same with the authenticated actor: a CommandContext for handleCommand. */
  commandContext(req: Request): CommandContext
}

/** A bounded context's routes, e.g. (kit) => bookingRoutes(kit, bookingService). */
export type ApiModule = (kit: ApiKit) => ApiRouter | readonly ApiRouter[]

export function apiKit(makeRouter: (basePath: string, tag: string) => ApiRouter, clock: () => Date): ApiKit {
  return {
    router: makeRouter,
    now: clock,
    requestMeta: (req) => requestMetaOf(req, clock()),
    commandContext: (req) => commandContextOf(req, clock()),
  }
}
