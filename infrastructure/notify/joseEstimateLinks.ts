// Estimate link tokens (application/notifications/estimateLinks.ts) as JWTs signed with HS256
// (jose), like the access tokens (infrastructure/security/joseTokenService.ts), under their own
// audience so neither kind of token passes for the other. The API and the worker derive the key
// from the same server secret (TOKEN_SECRET or DATA_DIR/token-secret).
import { jwtVerify, SignJWT } from 'jose'
import type { EstimateLinkClaims, EstimateLinkTokens } from '../../application/notifications/estimateLinks.js'

const ALGORITHM = 'HS256'
const ISSUER = 'tyre-service-network'
const AUDIENCE = 'estimate-link'

export class JoseEstimateLinks implements EstimateLinkTokens {
  private readonly key: Uint8Array

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the estimate link secret must be at least 32 characters')
    this.key = new TextEncoder().encode(`${secret}|estimate-links`)
  }

  async issue(claims: EstimateLinkClaims, expiresAt: string): Promise<string> {
    const exp = Math.floor(Date.parse(expiresAt) / 1000)
    if (!Number.isFinite(exp)) throw new Error(`expiresAt ${JSON.stringify(expiresAt)} is not an instant`)
    return new SignJWT({ h: claims.codeHash })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.workOrderId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(exp)
      .sign(this.key)
  }

  async verify(token: string, now: Date): Promise<EstimateLinkClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
      })
      if (typeof payload.sub !== 'string' || typeof payload.h !== 'string') return null
      return { workOrderId: payload.sub, codeHash: payload.h }
    } catch {
      return null
    }
  }
}
