// Access tokens as JWTs signed with HS256 (jose).
//
// Why HS256 and not EdDSA: the API is the only party that issues and the only one that checks
// these tokens, so a shared secret gives nothing away that a key pair would protect, and the
// secret already exists in the configuration (TOKEN_SECRET, or generated into DATA_DIR). Should
// another service ever need to check tokens without being able to mint them, switch this
// adapter to EdDSA and publish the public key; the TokenService port stays the same.
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { errors, jwtVerify, SignJWT } from 'jose'
import type { IssuedToken, TokenRejection, TokenService } from '../../application/ports/tokenService.js'
import { Principal } from '../../domain/access/principal.js'

export interface JoseTokenOptions {
  /** At least 32 characters. */
  readonly secret: string
  /** Lifetime of an access token. A deactivated account keeps working until its token expires. */
  readonly ttlSeconds?: number
  readonly issuer?: string
  readonly audience?: string
}

const ALGORITHM = 'HS256'

export class JoseTokenService implements TokenService {
  private readonly key: Uint8Array
  private readonly ttlSeconds: number
  private readonly issuer: string
  private readonly audience: string

  constructor(options: JoseTokenOptions) {
    if (options.secret.length < 32) throw new Error('the token secret must be at least 32 characters')
    this.key = new TextEncoder().encode(options.secret)
    this.ttlSeconds = options.ttlSeconds ?? 60 * 60
    this.issuer = options.issuer ?? 'tyre-service-network'
    this.audience = options.audience ?? 'tyre-service-network-api'
  }

  async issue(principal: Principal, now: Date): Promise<IssuedToken> {
    const issuedAt = Math.floor(now.getTime() / 1000)
    const expiresAt = issuedAt + this.ttlSeconds
    const token = await new SignJWT({ role: principal.role, tenant: principal.tenant })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(principal.id)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.key)
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString(), expiresIn: this.ttlSeconds }
  }

  async verify(token: string, now: Date): Promise<Either<TokenRejection, Principal>> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'iat'],
      })
      const principal = Principal.decode({ id: payload.sub, role: payload.role, tenant: payload.tenant })
      return isLeft(principal) ? left('invalid') : right(principal.right)
    } catch (error) {
      if (error instanceof errors.JWTExpired) return left('expired')
      if (error instanceof errors.JOSEError) return left('invalid')
      throw error
    }
  }
}
