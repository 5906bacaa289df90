import assert from 'node:assert/strict'
import type { DueServiceFacts } from '../../../application/notifications/kinds/dueService.js'
import { formatVisitTime, renderMessage } from '../../../application/notifications/messageTemplates.js'
import { NOTIFICATION_KINDS, SUPPORTED_LOCALES } from '../../../application/notifications/notificationKinds.js'

const WORDS = { pl: 'przegląd', en: 'inspection', ro: 'inspecția', ru: 'техосмотр' } as const
const TYRES = { pl: 'opon', en: 'tyres', ro: 'anvelope', ru: 'шин' } as const

function facts(locale: (typeof SUPPORTED_LOCALES)[number], withVisit: boolean): DueServiceFacts {
  return {
    customerName: 'Jan',
    plate: 'DW12345',
    dueKind: 'inspection',
    dueOn: '20.12.2026',
    serviceName: null,
    details: 'FL 2,1 mm, FR 2,4 mm',
    pointName: withVisit ? 'Opony Wrocław' : null,
    pointAddress: withVisit ? 'ul. Testowa 1, 50-001 Wrocław' : null,
    proposedWhen: withVisit ? formatVisitTime('2026-12-14T08:00:00.000Z', 'Europe/Warsaw', locale) : null,
    acceptLink: withVisit ? 'https://book.example/#/visit-proposals/p-1?code=ABCD' : null,
  }
}

describe('due-service message templates', () => {
  it('both kinds need the reminders consent', () => {
    assert.equal(NOTIFICATION_KINDS.due_service_reminder, 'reminders')
    assert.equal(NOTIFICATION_KINDS.tyre_replacement_due, 'reminders')
  })

  for (const locale of SUPPORTED_LOCALES) {
    it(`${locale}: the reminder says what is due, when, the proposed visit and its one-click link, in e-mail and SMS`, () => {
      const f = facts(locale, true)
      const logged: string[] = []
      const reminder = renderMessage('due_service_reminder', locale, f, (line) => logged.push(line))
      assert.equal(reminder.locale, locale)
      assert.deepEqual(logged, [])
      for (const part of [reminder.subject, reminder.text, reminder.sms]) {
        assert.ok(part.includes('DW12345'), part)
        assert.ok(part.includes('20.12.2026'), part)
      }
      assert.ok(reminder.text.includes(WORDS[locale]), reminder.text)
      assert.ok(reminder.text.includes('Opony Wrocław') && reminder.text.includes('ul. Testowa 1'), reminder.text)
      assert.ok(reminder.text.includes(f.proposedWhen as string), reminder.text)
      for (const part of [reminder.text, reminder.sms]) assert.ok(part.includes(f.acceptLink as string), part)
      const tyres = renderMessage('tyre_replacement_due', locale, { ...f, dueKind: 'tyre_replacement' }, () => {})
      assert.ok(tyres.subject.includes(TYRES[locale]), tyres.subject)
      assert.ok(tyres.text.includes('FL 2,1 mm, FR 2,4 mm'), tyres.text)
    })

    it(`${locale}: without a proposed visit the reminder asks the customer to get in touch, with no link`, () => {
      const message = renderMessage('due_service_reminder', locale, facts(locale, false), () => {})
      assert.ok(!message.text.includes('https://'), message.text)
      assert.ok(!message.sms.includes('https://'), message.sms)
    })
  }
})
