import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { SignJWT, UnsecuredJWT } from 'jose'
import type { EntityId } from '../../../domain/access/fields.js'
import type { Principal } from '../../../domain/access/principal.js'
import { JoseTokenService } from '../../../infrastructure/security/joseTokenService.js'
import { TEST_SECRET } from './support/accessFixture.js'

const manager: Principal = {
  id: 'acc-7' as EntityId,
  role: 'service_point_manager',
  tenant: { scope: 'point', pointId: 'p1' as EntityId },
}
const now = new Date('2026-11-26T08:00:00Z')
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000)

describe('JoseTokenService (HS256)', () => {
  const tokens = new JoseTokenService({ secret: TEST_SECRET, ttlSeconds: 600 })

  it('round-trips the principal and reports the expiry', async () => {
    const issued = await tokens.issue(manager, now)
    assert.equal(issued.expiresIn, 600)
    assert.equal(issued.expiresAt, '2026-11-26T08:10:00.000Z')
    const verified = await tokens.verify(issued.token, later(599))
    assert.ok(isRight(verified))
    assert.deepEqual(verified.right, manager)
  })

  it('refuses an expired token as expired', async () => {
    const { token } = await tokens.issue(manager, now)
    assert.deepEqual(await tokens.verify(token, later(601)), { _tag: 'Left', left: 'expired' })
  })

  it('refuses a token signed with another secret, an unsigned one, and a tampered one', async () => {
    const other = new JoseTokenService({ secret: `${TEST_SECRET}-other`, ttlSeconds: 600 })
    const forged = (await other.issue(manager, now)).token
    assert.deepEqual(await tokens.verify(forged, now), { _tag: 'Left', left: 'invalid' })

    const unsigned = new UnsecuredJWT({ role: 'head_office', tenant: { scope: 'network' } })
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode()
    assert.deepEqual(await tokens.verify(unsigned, new Date()), { _tag: 'Left', left: 'invalid' })

    const [header, , signature] = (await tokens.issue(manager, now)).token.split('.')
    const promoted = Buffer.from(
      JSON.stringify({ sub: 'acc-7', role: 'head_office', tenant: { scope: 'network' }, exp: 2e9, iat: 1 }),
    ).toString('base64url')
    assert.deepEqual(await tokens.verify(`${header}.${promoted}.${signature}`, now), { _tag: 'Left', left: 'invalid' })
    assert.deepEqual(await tokens.verify('not a token', now), { _tag: 'Left', left: 'invalid' })
  })

  it('refuses a correctly signed token whose claims do not make a principal', async () => {
    const key = new TextEncoder().encode(TEST_SECRET)
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('acc-1')
        .setIssuer('tyre-service-network')
        .setAudience('tyre-service-network-api')
        .setIssuedAt(now)
        .setExpirationTime(later(60))
        .sign(key)
    // A customer claiming the whole network, and the `system` role (never an account).
    const mismatched = await sign({ role: 'customer', tenant: { scope: 'network' } })
    const system = await sign({ role: 'system', tenant: { scope: 'network' } })
    assert.ok(isLeft(await tokens.verify(mismatched, now)))
    assert.ok(isLeft(await tokens.verify(system, now)))
    assert.ok(isRight(await tokens.verify(await sign({ role: 'head_office', tenant: { scope: 'network' } }), now)))
  })

  it('will not run with a short secret', () => {
    assert.throws(() => new JoseTokenService({ secret: 'short' }), /at least 32/)
  })
})
