import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { isValidNip, normaliseTaxId } from '../../../../domain/customer/nip.js'
import { normaliseVin } from '../../../../domain/customer/vehicleIdentity.js'
import { isE164, normalisePhone } from '../../../../domain/shared/phone.js'

describe('identifiers: NIP, E.164 phone numbers, VIN', () => {
  it('NIP: weights 6 5 7 2 3 4 5 6 7, sum mod 11 is the last digit', () => {
    // 1·6 + 2·5 + 3·7 + 4·2 + 5·3 + 6·4 + 3·5 + 2·6 + 1·7 = 118; 118 mod 11 = 8 → 123456321 8
    assert.ok(isValidNip('1234563218'))
    assert.ok(!isValidNip('1234563219'))
    // 1·6 + 1·5 + 1·7 + 1·2 + 1·3 + 1·4 + 1·5 + 1·6 + 0·7 = 38; 38 mod 11 = 5 → 1111111105 is valid
    assert.ok(isValidNip('1111111105'))
    // 0·6 + 0·5 + 0·7 + 0·2 + 0·3 + 0·4 + 0·5 + 0·6 + 3·7 = 21; 21 mod 11 = 10 → no NIP ends this way
    for (let d = 0; d <= 9; d++) assert.ok(!isValidNip(`000000003${d}`))
    assert.deepEqual(normaliseTaxId('PL', 'PL 123-45-63-218'), { _tag: 'Right', right: '1234563218' })
    assert.ok(isLeft(normaliseTaxId('PL', '12345')))
    assert.deepEqual(normaliseTaxId('RO', 'ro 123 456'), { _tag: 'Right', right: 'RO123456' })
  })

  it('phones: separators dropped, 00 → +, bare national numbers taken as Polish; lengths per known country', () => {
    assert.deepEqual(normalisePhone('+48 (22) 123-45-67'), { _tag: 'Right', right: '+48221234567' })
    assert.deepEqual(normalisePhone('0048 600 100 200'), { _tag: 'Right', right: '+48600100200' })
    assert.deepEqual(normalisePhone('600-100-200'), { _tag: 'Right', right: '+48600100200' })
    assert.deepEqual(normalisePhone('+40 721 234 567'), { _tag: 'Right', right: '+40721234567' })
    assert.ok(isLeft(normalisePhone('+48 600 100 20'))) // 8 national digits
    assert.ok(isLeft(normalisePhone('+48 600 abc 200')))
    assert.ok(isLeft(normalisePhone('')))
    assert.ok(isE164('+4915112345678')) // Germany: shape only
    assert.ok(!isE164('+0123456789'))
    assert.ok(!isE164('+1234567890123456')) // 16 digits
  })

  it('VIN: 17 characters without I, O, Q; upper-cased', () => {
    assert.ok(isRight(normaliseVin('wvwzzz1jzxw000001')))
    assert.ok(isLeft(normaliseVin('WVWZZZ1JZXW00000'))) // 16
    assert.ok(isLeft(normaliseVin('WVWZZZ1JZXW00000O'))) // O
  })
})
