import assert from 'node:assert/strict'
import type { BookingFacts } from '../../../application/notifications/kinds/booking.js'
import {
  formatAddress,
  formatVisitTime,
  messageOf,
  missingTemplates,
  pickTemplate,
  renderMessage,
  type TemplateTable,
} from '../../../application/notifications/messageTemplates.js'
import {
  isNotificationKind,
  NOTIFICATION_KINDS,
  SUPPORTED_LOCALES,
} from '../../../application/notifications/notificationKinds.js'

/** A stand-in template whose subject names the table it came from. */
const messageOfTemplate = (name: string) => () => ({ subject: name, text: name, sms: name })

const KINDS = ['booking_confirmed', 'booking_rescheduled', 'booking_cancelled', 'booking_reminder'] as const

function facts(locale: (typeof SUPPORTED_LOCALES)[number]): BookingFacts {
  return {
    customerName: 'Jan',
    pointName: 'Opony Łódź Północ',
    pointAddress: formatAddress({ street: 'ul. Zgierska 12', postalCode: '91-002', city: 'Łódź', country: 'PL' }),
    // 08:00 UTC on the last Sunday of March is 10:00 in Warsaw (summer time started at 02:00).
    when: formatVisitTime('2025-03-30T08:00:00.000Z', 'Europe/Warsaw', locale),
    previousWhen: formatVisitTime('2025-03-29T08:00:00.000Z', 'Europe/Warsaw', locale),
    plate: 'EL12345',
    manageLink: 'https://book.example/bookings/b-1',
  }
}

describe('message templates', () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`${locale}: every kind names the point, its address, the local time and the link, in e-mail and SMS`, () => {
      const f = facts(locale)
      for (const kind of KINDS) {
        const logged: string[] = []
        const message = renderMessage(kind, locale, f, (line) => logged.push(line))
        assert.equal(message.locale, locale)
        assert.deepEqual(logged, [])
        for (const part of [message.subject, message.text]) assert.ok(part.includes(f.pointName), `${kind}: ${part}`)
        assert.ok(message.text.includes('ul. Zgierska 12, 91-002 Łódź'), `${kind} address`)
        assert.ok(message.text.includes(f.when) && message.sms.includes(f.when), `${kind} time`)
        assert.ok(message.text.includes(f.manageLink) && message.sms.includes(f.manageLink), `${kind} link`)
        assert.ok(message.text.includes('10:00'), `${kind}: the Warsaw wall-clock time`)
      }
    })
  }

  it('writes dates in the language of the locale, at the point’s wall-clock time', () => {
    assert.equal(formatVisitTime('2025-03-30T08:00:00.000Z', 'Europe/Warsaw', 'pl'), 'niedziela, 30 marca 2025 10:00')
    assert.equal(
      formatVisitTime('2025-03-30T08:00:00.000Z', 'Europe/Bucharest', 'ro'),
      'duminică, 30 martie 2025 la 11:00',
    )
    assert.match(
      formatVisitTime('2025-12-01T08:00:00.000Z', 'Europe/Warsaw', 'ru'),
      /^понедельник, 1 декабря 2025 г\. в 09:00$/,
    )
    assert.equal(formatVisitTime('2025-12-01T08:00:00.000Z', 'Europe/London', 'en'), 'Monday, 1 December 2025 at 08:00')
  })

  it('a reschedule message gives the old and the new time', () => {
    const f = facts('pl')
    const message = renderMessage('booking_rescheduled', 'pl', f, () => undefined)
    assert.ok(message.text.includes(f.previousWhen!) && message.text.includes(f.when))
  })

  it('falls back to English for a locale without templates, and logs it', () => {
    const logged: string[] = []
    const message = renderMessage('booking_reminder', 'de-DE', facts('en'), (line) => logged.push(line))
    assert.equal(message.locale, 'en')
    assert.match(message.subject, /^Reminder: your visit/)
    assert.equal(logged.length, 1)
    assert.match(logged[0]!, /no message templates for locale "de-DE": falling back to English/)
  })

  it('accepts region-tagged locales of a supported language without falling back', () => {
    const logged: string[] = []
    assert.equal(renderMessage('booking_confirmed', 'ro-MD', facts('ro'), (l) => logged.push(l)).locale, 'ro')
    assert.equal(renderMessage('booking_confirmed', 'pl_PL', facts('pl'), (l) => logged.push(l)).locale, 'pl')
    assert.deepEqual(logged, [])
  })
})

describe('message kinds beyond bookings', () => {
  const slaWarning = ({ name }: { readonly name: string | null }) => ({
    staffName: name,
    ticketSubject: 'Vibration',
    priority: 'high',
    target: 'reaction' as const,
    pointName: 'Opony Iași',
    ticketLink: 'https://network.example/staff/tickets/t-1',
    deadline: '26 noiembrie 2026 10:00',
    left: '20 min',
  })

  it('a kind a locale lacks is written in English, and the gap is logged', () => {
    const logged: string[] = []
    const table = { en: { sla_warning: messageOfTemplate('en') }, pl: {}, ro: {}, ru: {} } as unknown as TemplateTable
    const picked = pickTemplate(table, 'sla_warning', 'ro-RO', (line) => logged.push(line))
    assert.equal(picked.locale, 'en')
    assert.equal(picked.template(slaWarning({ name: 'Ioana' })).subject, 'en')
    assert.deepEqual(logged, ['no ro template for sla_warning: writing it in English'])
  })

  it('every supported locale has a template for every kind (none falls back to English)', () => {
    assert.deepEqual(missingTemplates(), [])
  })

  for (const locale of SUPPORTED_LOCALES)
    it(`${locale}: the SLA warning and escalation are written in the locale, with the ticket, deadline and link`, () => {
      const logged: string[] = []
      const warning = messageOf('sla_warning', slaWarning).render({ locale, name: 'Ioana' }, (l) => logged.push(l))
      const escalated = messageOf('sla_escalated', ({ name }) => ({
        ...slaWarning({ name }),
        level: 'head_office' as const,
        breachedAt: '26 noiembrie 2026 10:05',
      })).render({ locale, name: 'Ioana' }, (l) => logged.push(l))
      assert.deepEqual(logged, [])
      for (const message of [warning, escalated]) {
        assert.equal(message.locale, locale)
        assert.ok(message.subject.includes('Vibration') && message.sms.includes('Vibration'), message.subject)
        assert.ok(message.text.includes('Opony Iași') && message.text.includes('Ioana'), message.text)
        assert.ok(message.text.includes('https://network.example/staff/tickets/t-1'), message.text)
      }
      assert.ok(warning.text.includes('26 noiembrie 2026 10:00') && warning.sms.includes('20 min'), warning.sms)
      assert.ok(escalated.text.includes('26 noiembrie 2026 10:05') && escalated.sms.includes('10:05'), escalated.sms)
      if (locale !== 'en') {
        const english = messageOf('sla_warning', slaWarning).render({ locale: 'en', name: 'Ioana' }, () => undefined)
        assert.notEqual(warning.subject, english.subject, `${locale} is not the English text`)
      }
    })

  it('every kind has an English template, and its purpose decides the consent it needs', () => {
    for (const kind of Object.keys(NOTIFICATION_KINDS)) assert.ok(isNotificationKind(kind))
    assert.equal(NOTIFICATION_KINDS.booking_reminder, 'reminders')
    assert.equal(NOTIFICATION_KINDS.estimate_ready, 'service_updates')
    assert.equal(isNotificationKind('no_such_kind'), false)
  })

  for (const locale of SUPPORTED_LOCALES)
    it(`${locale}: the estimate message carries the approval link, the total and the expiry in e-mail and SMS`, () => {
      const link = 'https://network.example/tracking/wo-1/estimate?token=a.b.c'
      const message = messageOf('estimate_ready', ({ name }) => ({
        customerName: name,
        pointName: 'Opony Łódź',
        equipment: 'EL12345',
        total: '147,60 zł',
        lineCount: 2,
        expiresAt: '3 grudnia 2026 09:00',
        approvalLink: link,
      })).render({ locale, name: 'Jan' }, () => assert.fail('no fallback expected'))
      assert.equal(message.locale, locale)
      for (const part of [message.text, message.sms]) {
        assert.ok(part.includes(link), part)
        assert.ok(part.includes('147,60 zł'), part)
      }
      assert.ok(message.text.includes('3 grudnia 2026 09:00'))
    })
})
