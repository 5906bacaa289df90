// Our RFC 8785 canonicaliser must agree with the `canonicalize` package (the independent oracle)
// on any JSON value: the hash chain of every stored event depends on it byte for byte.
import assert from 'node:assert/strict'
import canonicalize from 'canonicalize'
import fc from 'fast-check'
import { canonicalJson, NotCanonicalisable } from '../../application/eventLog/canonicalJson.js'

describe('canonicalJson (RFC 8785)', () => {
  it('equals the canonicalize package on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.equal(canonicalJson(value), canonicalize(value))
      }),
      { numRuns: 2000 },
    )
  })

  it('equals it on numbers of every magnitude, including exponent forms and -0', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        assert.equal(canonicalJson({ n }), canonicalize({ n }))
      }),
      { numRuns: 2000 },
    )
  })

  it('sorts keys by UTF-16 code units, not by code points or locale', () => {
    const value = { '\u{1F600}': 1, '\uFB33': 2, b: 3, B: 4, é: 5 }
    assert.equal(canonicalJson(value), canonicalize(value))
    assert.equal(canonicalJson(value), '{"B":4,"b":3,"é":5,"\u{1F600}":1,"\uFB33":2}')
  })

  it('refuses what JSON cannot hold instead of changing it', () => {
    for (const bad of [{ s: 'ab\ud800' }, { n: Number.NaN }, { n: Infinity }, { d: new Date(0) }, { f: () => 1 }])
      assert.throws(() => canonicalJson(bad), NotCanonicalisable)
  })
})
