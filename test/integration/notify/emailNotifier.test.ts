// The e-mail notifier in a real SMTP conversation with a local smtp-server.
import assert from 'node:assert/strict'
import { DeliveryFailed, InvalidRecipient } from '../../../application/ports/notifier.js'
import { SmtpEmailNotifier, smtpOptionsFromUrl } from '../../../infrastructure/notify/email/smtpEmailNotifier.js'
import { SmtpStandIn } from './support/smtpStandIn.js'

describe('e-mail notifier (nodemailer over SMTP to a local smtp-server)', () => {
  let smtp: SmtpStandIn
  let notifier: SmtpEmailNotifier

  beforeEach(async () => {
    smtp = await new SmtpStandIn({ refuse: ['gone@example.com'] }).start()
    notifier = new SmtpEmailNotifier({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      from: '"Opony Serwis" <no-reply@tyres.example>',
    })
  })

  afterEach(async () => {
    await notifier.close()
    await smtp.stop()
  })

  it('delivers a UTF-8 message with a Message-ID derived from the notification id', async () => {
    const receipt = await notifier.send({
      to: 'Jan.Kowalski@Example.COM',
      subject: 'Potwierdzenie wizyty: środa, 4 czerwca 2025 09:30, Łódź Północ',
      text: 'Dzień dobry!\n\nZażółć gęślą jaźń — ș ț ă, визит подтверждён.\n',
      notificationId: 'booking_confirmed-1f0c',
    })
    assert.equal(smtp.received.length, 1)
    const mail = smtp.received[0]!
    assert.deepEqual(mail.to, ['Jan.Kowalski@example.com'], 'domain lower-cased, local part kept')
    assert.equal(mail.from, 'no-reply@tyres.example')
    assert.equal(mail.messageId, '<booking_confirmed-1f0c@tyres.example>')
    assert.equal(receipt.providerMessageId, '<booking_confirmed-1f0c@tyres.example>')
    assert.equal(mail.notificationId, 'booking_confirmed-1f0c')
    assert.equal(mail.subject, 'Potwierdzenie wizyty: środa, 4 czerwca 2025 09:30, Łódź Północ')
    assert.match(mail.text, /Zażółć gęślą jaźń — ș ț ă, визит подтверждён\./)
  })

  it('refuses an invalid address before connecting: nothing is sent', async () => {
    for (const bad of ['jan.kowalski', 'jan@', '@example.com', 'jan kowalski@example.com', 'jan@localhost']) {
      await assert.rejects(
        notifier.send({ to: bad, subject: 's', text: 't', notificationId: 'n-1' }),
        (error: unknown) => error instanceof InvalidRecipient && error.channel === 'email',
        bad,
      )
    }
    assert.equal(smtp.connections, 0)
    assert.equal(smtp.received.length, 0)
  })

  it('reports a mailbox the server refuses (550) as a permanent failure', async () => {
    await assert.rejects(
      notifier.send({ to: 'gone@example.com', subject: 's', text: 't', notificationId: 'n-2' }),
      (error: unknown) => error instanceof DeliveryFailed && error.permanent,
    )
    assert.equal(smtp.received.length, 0)
  })

  it('reports a server that cannot be reached as a transient failure', async () => {
    const nowhere = new SmtpEmailNotifier({ host: '127.0.0.1', port: 1, ignoreTLS: true, from: 'a@b.example' })
    await assert.rejects(
      nowhere.send({ to: 'jan@example.com', subject: 's', text: 't', notificationId: 'n-3' }),
      (error: unknown) => error instanceof DeliveryFailed && !error.permanent,
    )
    await nowhere.close()
  })

  it('reads SMTP_URL: smtp:// with ?ignoreTLS=true, smtps:// on 465, credentials', () => {
    assert.deepEqual(smtpOptionsFromUrl('smtp://127.0.0.1:2525?ignoreTLS=true', 'a@b.example'), {
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      ignoreTLS: true,
      from: 'a@b.example',
    })
    const secure = smtpOptionsFromUrl('smtps://user%40x:p%3Ass@mail.example', 'a@b.example')
    assert.equal(secure.port, 465)
    assert.equal(secure.secure, true)
    assert.deepEqual(secure.auth, { user: 'user@x', pass: 'p:ss' })
    assert.throws(() => smtpOptionsFromUrl('http://mail.example', 'a@b.example'))
  })
})
