import assert from 'node:assert/strict'
import {
  DEFAULT_SCRYPT_PARAMETERS,
  ScryptPasswordHasher,
} from '../../../infrastructure/security/scryptPasswordHasher.js'

describe('ScryptPasswordHasher', () => {
  const cheap = new ScryptPasswordHasher({ logN: 10, r: 8, p: 1 })

  it('defaults to a memory-hard cost: N = 2^15, r = 8, p = 1, written into the hash', async () => {
    assert.deepEqual(DEFAULT_SCRYPT_PARAMETERS, { logN: 15, r: 8, p: 1 })
    const hasher = new ScryptPasswordHasher()
    const hash = await hasher.hash('correct horse battery staple')
    assert.match(hash, /^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    assert.ok(await hasher.verify('correct horse battery staple', hash))
    assert.ok(!(await hasher.verify('correct horse battery stapl', hash)))
  })

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([cheap.hash('same password'), cheap.hash('same password')])
    assert.notEqual(a, b)
    assert.ok((await cheap.verify('same password', a)) && (await cheap.verify('same password', b)))
  })

  it('verifies with the parameters stored in the hash, and flags weaker ones for rehashing', async () => {
    const old = await cheap.hash('zażółć gęślą jaźń')
    const stronger = new ScryptPasswordHasher({ logN: 11, r: 8, p: 1 })
    assert.ok(await stronger.verify('zażółć gęślą jaźń', old))
    assert.ok(stronger.needsRehash(old))
    assert.ok(!cheap.needsRehash(old))
  })

  it('treats unicode passwords in either normal form alike', async () => {
    const composed = 'Ștefan-ăâî'.normalize('NFC')
    const decomposed = composed.normalize('NFD')
    assert.notEqual(composed, decomposed)
    assert.ok(await cheap.verify(decomposed, await cheap.hash(composed)))
  })

  it('answers false, never throws, for a malformed or absurd stored hash', async () => {
    for (const bad of [
      '',
      'plain',
      '$scrypt$ln=15,r=8,p=1$$',
      '$scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    ]) {
      assert.equal(await cheap.verify('whatever', bad), false, bad)
      assert.ok(cheap.needsRehash(bad))
    }
  })
})
