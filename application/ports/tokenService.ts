// Access tokens: who the bearer is (account id, role, tenant) for a limited time. The adapter
// (infrastructure/security/joseTokenService.ts) signs them; the API only issues and verifies
// through this port.
import type { Either } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'

export interface IssuedToken {
  readonly token: string
  /** UTC ISO-8601. */
  readonly expiresAt: string
  /** Seconds from issue to expiry. */
  readonly expiresIn: number
}

/** Why a token was refused: expired tokens can be told apart so clients know to log in again. */
export type TokenRejection = 'expired' | 'invalid'

export interface TokenService {
  issue(principal: Principal, now: Date): Promise<IssuedToken>
  verify(token: string, now: Date): Promise<Either<TokenRejection, Principal>>
}
