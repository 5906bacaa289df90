// Access codes: 16 characters of Crockford's base32 in groups, read back forgivingly, hashed for
// the log, derived reproducibly for retried requests.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import {
  accessCodeHash,
  codeMatches,
  derivedAccessCode,
  newAccessCode,
  normaliseAccessCode,
} from '../../../../application/workOrders/accessCodes.js'

describe('access codes', () => {
  it('are 16 characters without I, L, O or U, in groups of four', () => {
    for (let i = 0; i < 50; i++) assert.match(newAccessCode(), /^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/)
    assert.notEqual(newAccessCode(), newAccessCode())
  })

  it('are read back without regard to case, separators and look-alike letters', () => {
    const code = '7K3M-Q9XD-2HT1-B40N'
    assert.equal(normaliseAccessCode(' 7k3m q9xd-2htl-b4on '), '7K3MQ9XD2HT1B40N')
    assert.ok(codeMatches('7k3mq9xd2htib4on', accessCodeHash(code)))
    assert.ok(!codeMatches('7K3M-Q9XD-2HT1-B40M', accessCodeHash(code)))
    assert.ok(!codeMatches(code, null))
  })

  it('only their SHA-256 is kept: hex of the canonical form', () => {
    const hash = accessCodeHash('abcd-efgh-jkmn-pqrs')
    assert.equal(hash, createHash('sha256').update('ABCDEFGHJKMNPQRS').digest('hex'))
    assert.match(hash, /^[0-9a-f]{64}$/)
  })

  it('derived codes repeat for the same request and differ by secret and request', () => {
    const a = derivedAccessCode('secret', 'tracking|key-1')
    assert.equal(derivedAccessCode('secret', 'tracking|key-1'), a)
    assert.notEqual(derivedAccessCode('other secret', 'tracking|key-1'), a)
    assert.notEqual(derivedAccessCode('secret', 'tracking|key-2'), a)
    assert.match(a, /^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/)
  })
})
