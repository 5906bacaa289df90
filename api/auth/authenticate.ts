// Bearer tokens → req.actor. Every refusal is a 401 problem with a WWW-Authenticate challenge
// (RFC 6750); an expired token has its own code so a client knows to log in again.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { type Either, isLeft } from 'fp-ts/lib/Either.js'
import type { TokenRejection } from '../../application/ports/tokenService.js'
import type { Principal } from '../../domain/access/principal.js'
import { ProblemError } from '../problem.js'
import '../requestTypes.js'

/** Checks a token (AuthService.authenticate). */
export type VerifyToken = (token: string, now: Date) => Promise<Either<TokenRejection, Principal>>

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i

export const authenticationRequired = (): ProblemError =>
  new ProblemError({
    status: 401,
    code: 'AUTHENTICATION_REQUIRED',
    detail: 'send an access token: Authorization: Bearer <token> (POST /auth/login gives one)',
    headers: { 'WWW-Authenticate': 'Bearer' },
  })

const refused = (reason: TokenRejection): ProblemError =>
  reason === 'expired'
    ? new ProblemError({
        status: 401,
        code: 'TOKEN_EXPIRED',
        detail: 'the access token has expired; log in again',
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="expired"' },
      })
    : new ProblemError({
        status: 401,
        code: 'TOKEN_INVALID',
        detail: 'the access token is not valid',
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      })

export function authenticate(verify: VerifyToken, clock: () => Date): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization')
    if (header === undefined) throw authenticationRequired()
    const token = BEARER.exec(header)?.[1]
    if (token === undefined) throw refused('invalid')
    const verdict = await verify(token, clock())
    if (isLeft(verdict)) throw refused(verdict.left)
    req.actor = verdict.right
    next()
  }
}
