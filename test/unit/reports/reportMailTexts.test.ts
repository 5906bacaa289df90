// The scheduled report e-mail's text in each of the market's languages, English for anything else.
import assert from 'node:assert/strict'
import { isLeft } from 'fp-ts/lib/Either.js'
import { handleCommand } from '../../../application/commands/handleCommand.js'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import { mailLanguage, reportMailText } from '../../../application/reports/reportMailTexts.js'
import { subscriberLanguage } from '../../../application/reports/reportSubscriptions.js'
import { customerDecider, customerStream } from '../../../domain/customer/customerDecider.js'
import { customerContextEventDefinitions } from '../../../domain/customer/events.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { meta } from '../access/support/accessFixture.js'

const facts = {
  title: 'Utilisation',
  report: 'utilisation',
  periodKey: '2026-W48',
  dates: '2026-11-23 – 2026-11-29',
  range: 'ended' as const,
  cadence: 'weekly' as const,
  timeZone: 'Europe/Warsaw',
  asOf: '2026-11-30T05:00:00.000Z',
  rows: 12,
  attached: 10,
  filename: 'utilisation-2026-W48-week.csv',
  subscriptionId: 's-1',
}

describe('report e-mail texts', () => {
  it('each language has its own words; English is the fallback', () => {
    const en = reportMailText('en', facts)
    assert.equal(en.subject, 'Utilisation: 2026-W48')
    assert.match(en.text, /^Period: 2026-11-23 – 2026-11-29 \(weekly, Europe\/Warsaw\)$/m)
    assert.match(en.text, /^Rows: 12 \(first 10 attached\)$/m)
    const pl = reportMailText('pl', facts)
    assert.equal(pl.subject, 'Raport Utilisation: 2026-W48')
    assert.match(pl.text, /^Okres: 2026-11-23 – 2026-11-29 \(co tydzień, Europe\/Warsaw\)$/m)
    assert.match(pl.text, /^Wiersze: 12 \(w załączniku pierwsze 10\)$/m)
    assert.match(reportMailText('ro', facts).text, /^Perioada: .* \(săptămânal, /m)
    assert.match(reportMailText('ru', facts).text, /^Период: .* \(еженедельно, /m)
    assert.match(reportMailText('ru', { ...facts, dates: null }).text, /^По состоянию на 2026-11-30T05:00:00.000Z/m)
    assert.deepEqual(reportMailText('de', facts), en)
    assert.deepEqual(reportMailText(null, facts), en)
    assert.equal(mailLanguage('toString'), 'en')
  })
})

describe('a subscription’s e-mail language', () => {
  const catalogue = new EventCatalogue(customerContextEventDefinitions)
  const customer = (customerId: string) => ({
    id: 'acc-1',
    role: 'customer',
    tenant: { scope: 'customer', customerId },
  })

  it('its own; a customer’s preferred one when it has none; English for anyone else', async () => {
    const store = new MemoryEventStore()
    const registered = await handleCommand({
      store,
      catalogue,
      decider: customerDecider,
      streamId: customerStream('c-ro'),
      command: {
        kind: 'RegisterCustomer',
        customerId: 'c-ro',
        party: { kind: 'individual', firstName: 'Ana', lastName: 'Popescu' },
        contacts: { email: 'ana@example.ro', phone: null },
        preferences: { preferredChannel: 'email', language: 'ro' },
        actor: { id: 'hq', role: 'head_office' },
        now: '2026-11-26T08:00:00.000Z',
      },
      context: { ...meta(), actor: { id: 'hq', role: 'head_office' } },
    })
    assert.ok(!isLeft(registered), JSON.stringify(registered))
    const deps = { store, catalogue }
    assert.equal(await subscriberLanguage(deps, { subscriber: customer('c-ro') }), 'ro')
    assert.equal(await subscriberLanguage(deps, { subscriber: customer('c-ro'), language: 'pl' }), 'pl')
    assert.equal(await subscriberLanguage(deps, { subscriber: customer('c-unknown') }), 'en')
    const hq = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } }
    assert.equal(await subscriberLanguage(deps, { subscriber: hq }), 'en')
    assert.equal(await subscriberLanguage(deps, { subscriber: hq, language: 'ru' }), 'ru')
  })
})
