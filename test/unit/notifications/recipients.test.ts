import assert from 'node:assert/strict'
import { normaliseEmail, normalisePhone } from '../../../application/notifications/recipients.js'
import { InvalidRecipient } from '../../../application/ports/notifier.js'

describe('recipients', () => {
  it('normalises phone numbers to E.164, adding the point’s country code when missing', () => {
    assert.equal(normalisePhone('+48 600 100 200'), '+48600100200')
    assert.equal(normalisePhone('0048-600-100-200'), '+48600100200')
    assert.equal(normalisePhone('600 100 200', 'PL'), '+48600100200')
    assert.equal(normalisePhone('0722 123 456', 'RO'), '+40722123456')
    assert.equal(normalisePhone('(+40) 722.123.456'), '+40722123456')
  })

  it('refuses numbers that cannot be a phone number, saying why', () => {
    assert.throws(() => normalisePhone('600 100 200'), /no country code/)
    assert.throws(() => normalisePhone('+48 12'), InvalidRecipient)
    assert.throws(() => normalisePhone('call me'), InvalidRecipient)
    assert.throws(() => normalisePhone('+4860010020012345'), InvalidRecipient)
  })

  it('accepts ordinary addresses (domain lower-cased) and refuses malformed ones', () => {
    assert.equal(normaliseEmail(' Anna.Nowak+opony@Poczta.PL '), 'Anna.Nowak+opony@poczta.pl')
    for (const bad of ['anna', 'anna@', 'anna@poczta', 'an na@poczta.pl', 'anna@@poczta.pl', `${'a'.repeat(65)}@x.pl`])
      assert.throws(() => normaliseEmail(bad), InvalidRecipient, bad)
  })
})
