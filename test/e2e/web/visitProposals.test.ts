// The proposed-visit page (#/visit-proposals/<id>?code=…) in Debian's Chromium against the running
// app (embedded stores, the small network), with the due-service worker on the same stores sending
// its reminders to a local SMTP server: a car of the portal's customer gets an inspection date, the
// reminder fires, proposes a free slot at the usual point and e-mails the link; the test opens the
// link from that e-mail. Then: accepted with one click (the booking exists at the proposed slot);
// moved to a time picked on another day; the proposed time taken meanwhile, so the page offers the
// nearest free times and one of them is booked. The link's code never appears in a request URL.
// Screenshots go to test-artifacts/web/.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { handleCommand } from '../../../application/commands/handleCommand.js'
import { DueServiceDesk } from '../../../application/dueServices/dueServiceDesk.js'
import { BookingContactDirectory } from '../../../application/notifications/contactDirectory.js'
import type { Principal } from '../../../domain/access/principal.js'
import { DEFAULT_DUE_SERVICE_RULES } from '../../../domain/due-service/dueItems.js'
import type { EquipmentCommand } from '../../../domain/equipment/commands.js'
import { equipmentDecider, equipmentStream } from '../../../domain/equipment/equipmentDecider.js'
import { addDays } from '../../../domain/shared/localTime.js'
import { visitProposalSecret } from '../../../infrastructure/dueServices/dueServiceApi.js'
import { composeDueServiceWorker, type DueServiceWorker } from '../../../infrastructure/dueServices/dueServiceWorker.js'
import { SmtpEmailNotifier } from '../../../infrastructure/notify/email/smtpEmailNotifier.js'
import type { NotificationConfig } from '../../../infrastructure/notify/notificationConfig.js'
import { OutboxNotifier } from '../../../infrastructure/notify/outbox/outboxNotifier.js'
import { SmtpStandIn } from '../../integration/notify/support/smtpStandIn.js'
import { workerConfig } from '../../integration/worker/support/workerConfig.js'
import { carSchema } from '../../unit/domain/equipment/fixtures.js'
import { PASSWORD } from './support/smallNetwork.js'
import { CHROMIUM, DESKTOP, PHONE, startWebApp, type WebApp } from './support/webApp.js'

const SHORT = 15_000
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: SHORT })

interface Slot {
  start: string
  date: string
  localTime: string
}
interface Proposal {
  proposalId: string
  status: string
  slot: { start: string; localDate: string; localTime: string }
  point: { name: string }
  accepted: { bookingId: string; moved: boolean; channel: string } | null
}

describe('the proposed-visit page: a due-service reminder’s link, in Chromium', function () {
  this.timeout(240_000)
  let app: WebApp
  let smtp: SmtpStandIn
  let worker: DueServiceWorker
  let queueDir: string
  let customerToken: string
  let staffToken: string
  let customerId: string
  let cars = 0

  const call = async (path: string, init: { token?: string; code?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {}
    if (init.token) headers.authorization = `Bearer ${init.token}`
    if (init.code) headers['x-access-code'] = init.code
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(`${app.url}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  const tokenOf = async (email: string) => {
    const res = await call('/auth/login', { body: { email, password: PASSWORD } })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body.accessToken as string
  }

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`)
    app = await startWebApp()
    smtp = await new SmtpStandIn().start()
    queueDir = mkdtempSync(join(tmpdir(), 'proposal-e2e-'))
    customerToken = await tokenOf(app.network.logins.customer)
    staffToken = await tokenOf(app.network.logins.staff)
    const me = await call('/me', { token: customerToken })
    customerId = (me.body.tenant as { customerId: string }).customerId
    assert.ok(customerId, JSON.stringify(me.body))
    const config: NotificationConfig = workerConfig(smtp.port, { publicBaseUrl: app.url })
    const { platform } = app
    worker = await composeDueServiceWorker({
      events: platform.stores.eventStore,
      documents: platform.stores.documentStore,
      catalogue: platform.catalogue,
      config,
      redisUrl: null,
      dataDir: queueDir,
      bookings: platform.network.bookings,
      nearest: platform.network.nearest,
      reader: platform.network.reader,
      // The API's proposal routes check codes derived from the same secret.
      codeSecret: visitProposalSecret(platform.config.tokenSecret),
      // The small network's catalogue: an inspection visit books the seasonal change.
      rules: {
        ...DEFAULT_DUE_SERVICE_RULES,
        visitServices: { ...DEFAULT_DUE_SERVICE_RULES.visitServices, inspection: ['SEASONAL_CHANGE'] },
      },
      contacts: new BookingContactDirectory([
        [
          customerId,
          { email: 'anna@test.pl', locale: 'pl', channels: ['email'], consents: { email: true, sms: false } },
        ],
      ]),
      notifiers: {
        email: new SmtpEmailNotifier(config.email as NonNullable<NotificationConfig['email']>),
        sms: new OutboxNotifier('sms', join(queueDir, 'outbox-sms.jsonl')),
      },
      log: () => {},
    })
    worker.start()
  })
  after(async () => {
    await worker?.stop()
    await smtp?.stop()
    await app?.close()
    if (queueDir) rmSync(queueDir, { recursive: true, force: true })
  })

  /**
   * A car of the portal's customer whose inspection is due tomorrow: the reminder fires at once,
   * proposes a visit at the point, and e-mails the link. Answers the link from that e-mail.
   */
  async function registerCar(plate: string, inspectionOn: string, now = new Date().toISOString()): Promise<string> {
    const equipmentId = `proposal-car-${++cars}`
    const commands: EquipmentCommand[] = [
      {
        kind: 'RegisterEquipment',
        equipmentId,
        equipmentKind: 'vehicle',
        typeCode: 'passenger_car',
        schema: carSchema,
        make: 'Toyota',
        model: 'Corolla',
        vehicleClass: 'passenger',
        vin: null,
        registration: { plate, country: 'PL' },
        serialNumber: null,
        owner: { kind: 'customer', customerId },
        customFields: { fuel: 'petrol' },
        status: 'at_customer',
        pointId: app.network.pointId,
        now,
      },
      {
        kind: 'SetServiceDates',
        equipmentId,
        nextInspectionOn: inspectionOn,
        warrantyEndsOn: null,
        insuranceEndsOn: null,
      },
    ]
    for (const command of commands) {
      const done = await handleCommand({
        store: app.platform.stores.eventStore,
        catalogue: app.platform.catalogue,
        decider: equipmentDecider,
        streamId: equipmentStream(equipmentId),
        command,
        context: {
          actor: { id: 'system', role: 'system' },
          correlationId: `${equipmentId}-${command.kind}`,
          causationId: null,
          now,
        },
      })
      assert.equal(done._tag, 'Right', JSON.stringify(done))
    }
    return equipmentId
  }

  async function reminderLink(plate: string): Promise<{ link: string; proposalId: string; code: string }> {
    await registerCar(plate, app.network.tomorrow)
    const compact = plate.replace(/\s/g, '')
    for (let i = 0; i < 300; i++) {
      const mail = smtp.received.find((m) => m.subject.includes(compact))
      if (mail) {
        assert.deepEqual(mail.to, ['anna@test.pl'])
        const link = new RegExp(`${app.url}/#/visit-proposals/[\\w-]+\\?code=[\\w%-]+`).exec(mail.text)?.[0]
        assert.ok(link, mail.text)
        const url = new URL(link.replace('/#/', '/'))
        const proposalId = url.pathname.split('/').at(-1) as string
        return { link, proposalId, code: url.searchParams.get('code') as string }
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    assert.fail(`no reminder e-mail for ${plate}`)
  }

  /** Every request URL the page makes, to show the code is never in one. */
  function requestsOf(page: Page): string[] {
    const urls: string[] = []
    page.on('request', (r) => urls.push(r.url()))
    return urls
  }

  const viewOf = async (proposalId: string, code: string) => {
    const res = await call(`/visit-proposals/${proposalId}/link`, { code })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body as unknown as Proposal
  }

  const bookingOf = async (bookingId: string) => {
    const res = await call(`/bookings/${bookingId}`, { token: customerToken })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body as {
      status: string
      slot: { start: string }
      customer: { customerId: string }
      vehicle: { plate: string }
    }
  }

  it('accepted with one click from the e-mail’s link: booked at the proposed slot', async () => {
    const { link, proposalId, code } = await reminderLink('WA 10001')
    const proposed = await viewOf(proposalId, code)
    assert.equal(proposed.status, 'proposed')
    const page = await (await app.context(PHONE)).newPage()
    const urls = requestsOf(page)
    await page.goto(link)
    await visible(page.getByRole('heading', { name: 'Proponowany termin wizyty' }))
    const card = page.getByRole('article', { name: 'Propozycja wizyty' })
    await visible(card)
    const text = (await card.textContent()) ?? ''
    assert.match(text, /WA10001/)
    assert.match(text, /Okresowy przegląd, termin:/)
    assert.match(text, /Sezonowa wymiana kół/)
    assert.match(text, /Opony Test Wola/)
    assert.match(text, /ul\. Wolska 1, 01-001, Warszawa/)
    assert.ok(text.includes(`godz. ${proposed.slot.localTime}`), text)
    await app.screenshot(page, 'portal-phone-proposal-open')

    await card.getByRole('button', { name: 'Potwierdzam ten termin' }).click()
    const booked = card.getByText('Wizyta zarezerwowana:', { exact: false })
    await visible(booked)
    const toBooking = card.getByRole('link', { name: 'Zobacz wizytę (zmiana lub odwołanie)' })
    await app.screenshot(page, 'portal-phone-proposal-accepted')

    // The API: the proposal is accepted through the link, and the customer's booking is at the proposed slot.
    const accepted = await viewOf(proposalId, code)
    assert.equal(accepted.status, 'accepted')
    assert.equal(accepted.accepted?.channel, 'link')
    assert.equal(accepted.accepted?.moved, false)
    const bookingId = accepted.accepted?.bookingId as string
    assert.equal(await toBooking.getAttribute('href'), `#/booking/${bookingId}`)
    const booking = await bookingOf(bookingId)
    assert.equal(booking.slot.start, proposed.slot.start)
    assert.equal(booking.customer.customerId, customerId)
    assert.equal(booking.vehicle.plate, 'WA10001')
    assert.equal(booking.status, 'confirmed')

    // The code went in the header and the body, never in a URL a server (or its log) sees.
    assert.ok(urls.some((u) => u.includes(`/visit-proposals/${proposalId}/link`)))
    assert.deepEqual(
      urls.filter((u) => u.includes(code) || u.includes(encodeURIComponent(code))),
      [],
    )

    // The link opened again: accepted, said so, nothing to click.
    const again = await page.context().newPage()
    await again.goto(link)
    await visible(again.getByText('Wizyta zarezerwowana:', { exact: false }))
    assert.equal(await again.getByRole('button', { name: 'Potwierdzam ten termin' }).count(), 0)

    // A wrong code is refused in words, with a field to type the right one.
    const wrong = await page.context().newPage()
    await wrong.goto(`/#/visit-proposals/${proposalId}?code=AAAA-BBBB-CCCC-DDDD`)
    const alert = wrong.getByRole('alert')
    await visible(alert)
    assert.match((await alert.textContent()) ?? '', /Ten link lub kod nie otwiera żadnej propozycji wizyty/)
    await wrong.getByLabel('Kod z wiadomości').fill(code)
    await wrong.getByRole('button', { name: 'Pokaż propozycję' }).click()
    await visible(wrong.getByText('Wizyta zarezerwowana:', { exact: false }))
    await page.context().close()
  })

  it('moved: another day’s free time chosen and booked (in English, on a desktop)', async () => {
    const { link, proposalId, code } = await reminderLink('WA 10002')
    const proposed = await viewOf(proposalId, code)
    const page = await (await app.context(DESKTOP)).newPage()
    await page.goto(link)
    await visible(page.getByRole('heading', { name: 'Proponowany termin wizyty' }))
    await page.getByLabel('Język').selectOption('en')
    const card = page.getByRole('article', { name: 'Proposed visit' })
    await visible(card.getByText('Periodic inspection, due', { exact: false }))
    await card.getByRole('button', { name: 'Choose another time' }).click()
    // The proposed day's free times come first; Back returns to the one-click accept.
    await visible(card.getByRole('group', { name: /^Free times:/ }))
    await card.getByRole('button', { name: 'Back' }).click()
    await visible(card.getByRole('button', { name: 'Accept this time' }))
    await card.getByRole('button', { name: 'Choose another time' }).click()
    await visible(card.getByRole('group', { name: /^Free times:/ }))
    const other = addDays(proposed.slot.localDate, 1)
    await card.getByLabel('Day').fill(other)
    await card.getByRole('button', { name: 'Show free times' }).click()
    const slots = await call(`/visit-proposals/${proposalId}/link/slots?date=${other}`, { code })
    assert.equal(slots.status, 200, JSON.stringify(slots.body))
    const free = (slots.body.slots as Slot[]).filter((s) => s.start !== proposed.slot.start)
    const wanted = free[Math.min(3, free.length - 1)] as Slot
    assert.ok(wanted, 'a free time on the other day')
    const group = card.getByRole('group', { name: /^Free times:/ })
    await visible(group.getByRole('button', { name: wanted.localTime, exact: true }))
    await group.getByRole('button', { name: wanted.localTime, exact: true }).click()
    await app.screenshot(page, 'portal-desktop-proposal-move')
    await card.getByRole('button', { name: new RegExp(`^Book .* at ${wanted.localTime}$`) }).click()
    await visible(card.getByText('Visit booked at the time you chose:', { exact: false }))
    await app.screenshot(page, 'portal-desktop-proposal-moved')

    const accepted = await viewOf(proposalId, code)
    assert.equal(accepted.status, 'accepted')
    assert.equal(accepted.accepted?.moved, true)
    assert.equal(accepted.slot.start, wanted.start)
    const booking = await bookingOf(accepted.accepted?.bookingId as string)
    assert.equal(booking.slot.start, wanted.start)
    assert.equal(booking.vehicle.plate, 'WA10002')
    await page.context().close()
  })

  it('the proposed time taken meanwhile: the nearest free times offered, one of them booked', async () => {
    const { link, proposalId, code } = await reminderLink('WA 10003')
    const proposed = await viewOf(proposalId, code)
    const page = await (await app.context(PHONE)).newPage()
    await page.goto(link)
    const card = page.getByRole('article', { name: 'Propozycja wizyty' })
    await visible(card.getByRole('button', { name: 'Potwierdzam ten termin' }))

    // The point's only mechanic is booked at that time by a phone call, while the page is open.
    const walkIn = await call('/bookings', {
      token: staffToken,
      body: {
        pointId: app.network.pointId,
        services: ['SEASONAL_CHANGE'],
        start: proposed.slot.start,
        vehicle: { plate: 'WB 77777', vehicleClass: 'passenger' },
        customer: { name: 'Telefon', phone: '+48 600 700 800' },
        channel: 'staff_phone',
      },
    })
    assert.equal(walkIn.status, 201, JSON.stringify(walkIn.body))

    await card.getByRole('button', { name: 'Potwierdzam ten termin' }).click()
    const conflict = card.locator('.conflict')
    await visible(conflict)
    assert.match((await conflict.textContent()) ?? '', new RegExp(`\\(${proposed.slot.localTime}\\) ktoś zajął`))
    const later = conflict.getByRole('list', { name: 'Później' }).getByRole('button')
    await visible(later.first())
    assert.ok((await later.count()) <= 3)
    await app.screenshot(page, 'portal-phone-proposal-taken')
    const pickedTime = ((await later.first().textContent()) ?? '').trim()
    await later.first().click()
    await card.getByRole('button', { name: /^Rezerwuję / }).click()
    await visible(card.getByText('Wizyta zarezerwowana w wybranym terminie:', { exact: false }))
    await app.screenshot(page, 'portal-phone-proposal-taken-booked')

    const accepted = await viewOf(proposalId, code)
    assert.equal(accepted.status, 'accepted')
    assert.equal(accepted.accepted?.moved, true)
    assert.ok(accepted.slot.start > proposed.slot.start)
    assert.ok(pickedTime.endsWith(accepted.slot.localTime), `${pickedTime} vs ${accepted.slot.localTime}`)
    const booking = await bookingOf(accepted.accepted?.bookingId as string)
    assert.equal(booking.slot.start, accepted.slot.start)
    assert.equal(booking.vehicle.plate, 'WA10003')
    await page.context().close()
  })

  it('an expired proposal is said in words, with the way to book one oneself', async () => {
    // A visit proposed yesterday for this morning (staff proposing from the customer's account):
    // its time has passed, so it can no longer be accepted.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString()
    const equipmentId = await registerCar('WA 10004', app.network.today, yesterday)
    const customer = { id: 'anna', role: 'customer', tenant: { scope: 'customer', customerId } } as unknown as Principal
    const made = await new DueServiceDesk(worker.reconciler, worker.proposals).propose(
      customer,
      equipmentId,
      { kind: 'inspection', ref: 'inspection', dueDate: app.network.today },
      { correlationId: 'expired-proposal', causationId: null, now: yesterday, commandId: 'expired-proposal' },
    )
    assert.equal(made._tag, 'Right', JSON.stringify(made))
    const { proposal, accessCode } = (made as { right: { proposal: Proposal; accessCode: string } }).right
    assert.equal((await viewOf(proposal.proposalId, accessCode)).status, 'expired')
    const page = await (await app.context(PHONE)).newPage()
    await page.goto(`/#/visit-proposals/${proposal.proposalId}?code=${encodeURIComponent(accessCode)}`)
    const card = page.getByRole('article', { name: 'Propozycja wizyty' })
    await visible(card.getByText('Ta propozycja wygasła', { exact: false }))
    assert.equal(await card.getByRole('button', { name: 'Potwierdzam ten termin' }).count(), 0)
    assert.equal(await card.getByRole('link', { name: 'Zarezerwuj wizytę' }).getAttribute('href'), '#/')
    await app.screenshot(page, 'portal-phone-proposal-expired')
    await page.context().close()
  })
})
