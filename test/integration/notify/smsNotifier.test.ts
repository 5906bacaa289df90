// The SMS notifier: the real twilio client, pointed through its httpClient option at a local
// stand-in for the Messages API that records requests.
import assert from 'node:assert/strict'
import { DeliveryFailed, InvalidRecipient } from '../../../application/ports/notifier.js'
import { TwilioSmsNotifier } from '../../../infrastructure/notify/sms/twilioSmsNotifier.js'
import { TwilioStandIn } from './support/twilioStandIn.js'

const ACCOUNT = `AC${'0'.repeat(31)}1`

describe('SMS notifier (twilio client against a local stand-in)', () => {
  let api: TwilioStandIn
  let notifier: TwilioSmsNotifier

  beforeEach(async () => {
    api = await new TwilioStandIn().start()
    notifier = new TwilioSmsNotifier({
      accountSid: ACCOUNT,
      authToken: 'secret-token',
      from: '+48500000000',
      apiBaseUrl: api.baseUrl,
    })
  })

  afterEach(async () => {
    await notifier.close()
    await api.stop()
  })

  it('posts the message to the Messages API with basic auth and returns the SID', async () => {
    const receipt = await notifier.send({
      to: '+48600100200',
      subject: 'ignored',
      text: 'Przypomnienie: Łódź Północ, jutro 09:30',
      notificationId: 'n-1',
    })
    assert.equal(api.requests.length, 1)
    const request = api.requests[0]!
    assert.equal(request.method, 'POST')
    assert.equal(request.path, `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`)
    assert.equal(request.authorization, `Basic ${Buffer.from(`${ACCOUNT}:secret-token`).toString('base64')}`)
    assert.deepEqual(request.form, {
      To: '+48600100200',
      From: '+48500000000',
      Body: 'Przypomnienie: Łódź Północ, jutro 09:30',
    })
    assert.match(receipt.providerMessageId, /^SM[0-9a-f]{32}$/)
  })

  it('refuses a number that is not E.164 before calling the API: nothing is sent', async () => {
    for (const bad of ['600100200', '+48 600', 'phone', '+0486001002003', '']) {
      await assert.rejects(
        notifier.send({ to: bad, subject: '', text: 't', notificationId: 'n-2' }),
        (error: unknown) => error instanceof InvalidRecipient && error.channel === 'sms',
        bad,
      )
    }
    assert.equal(api.requests.length, 0)
  })

  it('treats a 400 (invalid To) as permanent and a 503 as transient', async () => {
    api.failNext(400, 21211, "The 'To' number +48999999999 is not a valid phone number.")
    await assert.rejects(
      notifier.send({ to: '+48999999999', subject: '', text: 't', notificationId: 'n-3' }),
      (error: unknown) => error instanceof DeliveryFailed && error.permanent && /21211/.test(error.message),
    )
    api.failNext(503, 20503, 'Service unavailable')
    await assert.rejects(
      notifier.send({ to: '+48600100200', subject: '', text: 't', notificationId: 'n-4' }),
      (error: unknown) => error instanceof DeliveryFailed && !error.permanent,
    )
  })
})
