// The portal's repair side, the fleet dashboard and head office's pages in Debian's Chromium
// against the running app (embedded stores, the small network plus a customer's car with orders and
// two fleets): a customer answers an estimate by its code line by line (one approved, one declined)
// and the API has both answers; rates a handed-over order; sees his vehicles and history; a fleet
// manager sees only his fleet (another fleet's vehicle is not listed, and its address answers in
// words), filters by branch and downloads CSV; head office sees every fleet, adds a catalogue
// service, a point and an account through the forms (deactivating the account from the list) and
// downloads a report. Screenshots go to test-artifacts/web/.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { accessCodeHash } from '../../../application/workOrders/accessCodes.js'
import { JoseEstimateLinks } from '../../../infrastructure/notify/joseEstimateLinks.js'
import { type OfficeNetwork, seedOfficeNetwork } from './support/officeNetwork.js'
import { PASSWORD } from './support/smallNetwork.js'
import { CHROMIUM, DESKTOP, PHONE, startWebApp, type WebApp } from './support/webApp.js'

const SHORT = 10_000
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: SHORT })

async function tokenOf(app: WebApp, email: string): Promise<string> {
  const res = await fetch(`${app.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  assert.equal(res.status, 200)
  return ((await res.json()) as { accessToken: string }).accessToken
}

async function api(app: WebApp, path: string, init: { token?: string; code?: string } = {}) {
  const headers: Record<string, string> = {}
  if (init.token) headers.authorization = `Bearer ${init.token}`
  if (init.code) headers['x-access-code'] = init.code
  const res = await fetch(`${app.url}${path}`, { headers })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** Read models follow the seed by a moment: wait until `ready` holds for the answer of `path`. */
async function until(app: WebApp, path: string, token: string, ready: (body: never) => boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await api(app, path, { token })
    if (res.status === 200 && ready(res.body as never)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.fail(`${path} never became ready`)
}

async function login(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel(/^(Hasło|Password)/).fill(password)
  await page.getByRole('button', { name: /^(Zaloguj się|Log in)$/ }).click()
}

describe('web clients: portal repair side, fleet dashboard and head office, in Chromium', function () {
  this.timeout(180_000)
  let app: WebApp
  let seeded: OfficeNetwork

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`)
    app = await startWebApp()
    seeded = await seedOfficeNetwork(app.platform, app.network)
  })
  after(async () => {
    await app?.close()
  })

  it('a customer answers an estimate by its code line by line, and the API has both answers', async () => {
    const { workOrderId, code } = seeded.estimate
    const page = await (await app.context(PHONE)).newPage()
    await page.goto(`/#/estimate/${workOrderId}`)
    await visible(page.getByRole('heading', { name: 'Kosztorys do akceptacji' }))
    assert.equal(await page.getByLabel('Numer zlecenia').inputValue(), workOrderId, 'the link fills the order number')

    // A wrong code first: refused in words.
    await page.getByLabel('Kod kosztorysu').fill('ZLY-KOD-1234')
    await page.getByRole('button', { name: 'Otwórz kosztorys' }).click()
    const alert = page.getByRole('alert')
    await visible(alert)
    assert.match((await alert.textContent()) ?? '', /Ten kod nie otwiera tego zlecenia/)

    await page.getByLabel('Kod kosztorysu').fill(code)
    await page.getByRole('button', { name: 'Otwórz kosztorys' }).click()
    const [first, second] = seeded.estimate.lines.map((l) => page.getByRole('listitem', { name: l.description }))
    assert.ok(first && second)
    await visible(first)
    await visible(second)
    await app.screenshot(page, 'portal-phone-estimate-open')
    await first.getByRole('radio', { name: 'Akceptuję' }).check()
    await second.getByRole('radio', { name: 'Odrzucam' }).check()
    await page.getByLabel('Twoje imię i nazwisko').fill('Ewa Kowalczyk')
    await page.getByRole('button', { name: 'Wyślij decyzję' }).click()
    await visible(page.getByText('Dziękujemy, decyzja została zapisana.', { exact: false }))
    await visible(first.getByText('Zaakceptowana'))
    await visible(second.getByText('Odrzucona'))
    await app.screenshot(page, 'portal-phone-estimate-answered')

    // The API: the estimate's lines carry the answers, and the order is partly approved.
    const estimate = await api(app, `/tracking/${workOrderId}/estimate`, { code })
    assert.equal(estimate.status, 200)
    const decisions = Object.fromEntries(
      (estimate.body.lines as { lineId: string; decision: string }[]).map((l) => [l.lineId, l.decision]),
    )
    assert.deepEqual(decisions, { balance: 'approved', valves: 'declined' })
    const staff = await api(app, `/work-orders/${workOrderId}`, { token: await tokenOf(app, 'centrala@test.pl') })
    assert.equal(staff.status, 200)
    assert.equal(
      (staff.body.order as { status: string } | undefined)?.status ?? staff.body.status,
      'partially_approved',
    )

    // The message's signed link opens the same estimate at once, with nothing to type.
    const token = await new JoseEstimateLinks(app.platform.config.tokenSecret).issue(
      { workOrderId, codeHash: accessCodeHash(code) },
      new Date(Date.now() + 86_400_000).toISOString(),
    )
    const linked = await (await app.context(PHONE)).newPage()
    await linked.goto(`/#/estimate/${workOrderId}?token=${token}`)
    await visible(linked.getByRole('listitem', { name: seeded.estimate.lines[0]?.description ?? /x/ }))
    assert.equal(await linked.getByLabel('Kod kosztorysu').count(), 0, 'no code to type')
    await visible(linked.getByText('Zaakceptowana'))
    await linked.context().close()
    await page.context().close()
  })

  it('a customer tracks a handed-over order by its code and rates the service', async () => {
    const { workOrderId, trackingCode } = seeded.handedOver
    const page = await (await app.context(DESKTOP)).newPage()
    await page.goto('/#/track')
    await page.getByLabel('Język').selectOption('en')
    await visible(page.getByRole('heading', { name: 'Track an order' }))
    await page.getByLabel('Order number').fill(workOrderId)
    await page.getByLabel('Tracking code').fill(trackingCode)
    await page.getByRole('button', { name: 'Show status' }).click()
    const order = page.getByRole('article', { name: `Order ${workOrderId}` })
    await visible(order)
    assert.match((await order.locator('.order-status').textContent()) ?? '', /Handed over/)
    assert.match((await order.textContent()) ?? '', /Opony zimowe założone, koła wyważone/)
    await order.getByText('5', { exact: true }).click()
    await order.getByLabel('Comment (optional)').fill('Quick and friendly')
    await order.getByRole('button', { name: 'Send rating' }).click()
    await visible(order.getByText('Thank you for your rating: 5/6.', { exact: false }))
    await app.screenshot(page, 'portal-desktop-track-rated')
    const tracked = await api(app, `/tracking/${workOrderId}`, { code: trackingCode })
    assert.deepEqual(
      {
        stars: (tracked.body.rating as { stars: number }).stars,
        comment: (tracked.body.rating as { comment: string }).comment,
      },
      { stars: 5, comment: 'Quick and friendly' },
    )
    await page.context().close()
  })

  it('a customer rates a resolved helpdesk ticket from the link in the message', async () => {
    const page = await (await app.context(PHONE)).newPage()
    await page.goto(`/#/tickets/${seeded.ticketId}`)
    await login(page, seeded.customer.email)
    await visible(page.getByRole('heading', { name: 'Zgłoszenie: Bicie kierownicy po wymianie' }))
    await visible(page.getByText('Zapraszamy na bezpłatne wyważenie.'))
    assert.match((await page.locator('[data-status]').textContent()) ?? '', /rozwiązane/)
    await page.getByText('6', { exact: true }).click()
    await page.getByRole('button', { name: 'Wyślij ocenę' }).click()
    await visible(page.getByText('Dziękujemy za ocenę: 6/6.', { exact: false }))
    await app.screenshot(page, 'portal-phone-ticket-rated')
    const rated = await api(app, `/tickets/${seeded.ticketId}`, { token: await tokenOf(app, seeded.customer.email) })
    assert.equal((rated.body.rating as { stars: number }).stars, 6)
    await page.context().close()
  })

  it('a logged-in customer sees his vehicle, its tyres, what falls due and its repair history', async () => {
    const token = await tokenOf(app, seeded.customer.email)
    await until(app, '/equipment', token, (b: { total: number }) => b.total === 1)
    await until(
      app,
      `/repair-history/customers/${seeded.customer.customerId}`,
      token,
      (b: { orders: unknown[] }) => b.orders.length === 2,
    )
    const page = await (await app.context(PHONE)).newPage()
    await page.goto('/#/vehicles')
    await login(page, seeded.customer.email)
    const car = page.getByRole('article', { name: seeded.customer.plate })
    await visible(car)
    const text = (await car.textContent()) ?? ''
    assert.match(text, /Toyota Corolla/)
    assert.match(text, /Dębica 205\/55 ?R16/)
    assert.match(text, /3.4 mm/)
    await visible(page.getByRole('heading', { name: 'Historia napraw' }))
    await visible(page.getByText('Wydany'))
    // The other order: partly approved once the first test has answered it, else still waiting.
    await visible(page.getByText(/^Kosztorys (zaakceptowany częściowo|czeka na decyzję)$/))
    await app.screenshot(page, 'portal-phone-my-vehicles')
    // Booking a visit for it starts with its plate filled in.
    await car.getByRole('link', { name: 'Umów wizytę dla tego pojazdu' }).click()
    await visible(page.getByRole('heading', { name: 'Zarezerwuj wizytę w serwisie' }))
    assert.equal(await page.getByLabel('Numer rejestracyjny').inputValue(), seeded.customer.plate)
    await page.context().close()
  })

  it('a fleet manager sees only his fleet, filters by branch, downloads CSV; another fleet’s vehicle is refused in words', async () => {
    const { fleet, otherFleet } = seeded
    const token = await tokenOf(app, fleet.manager)
    await until(app, `/fleets/${fleet.fleetId}/dashboard/vehicles`, token, (b: { total: number }) => b.total === 3)
    await until(
      app,
      `/fleets/${fleet.fleetId}/dashboard`,
      token,
      (b: { spend: { months: { netMinor: number }[] } }) =>
        b.spend.months.filter((m) => m.netMinor > 0).length === fleet.billedMonths.length,
    )
    // The API refuses the other fleet outright.
    assert.equal((await api(app, `/fleets/${otherFleet.fleetId}/dashboard`, { token })).status, 403)

    const context = await app.context(PHONE)
    const page = await context.newPage()
    await page.goto('/fleet/#/dashboard')
    await login(page, fleet.manager)
    await visible(page.getByRole('heading', { name: `Panel floty · ${fleet.name}` }))
    const table = page.locator('table.fleet-vehicles')
    await visible(table)
    const all = (await table.textContent()) ?? ''
    for (const plate of [...(fleet.plates.waw ?? []), ...(fleet.plates.krk ?? [])])
      assert.ok(all.includes(plate), `${plate} is listed`)
    assert.ok(!all.includes(otherFleet.plate), 'another fleet’s vehicle is not listed')
    await visible(page.getByRole('figure', { name: 'Stan opon' }))
    assert.match(
      (await page.getByRole('figure', { name: 'Stan opon' }).textContent()) ?? '',
      /poniżej 3 mm: wymienić\s*1/,
    )
    // Spend over time: a bar per billed month, and the same figures in the table.
    const chart = page.getByRole('img', { name: /Wydatki netto w ostatnich 12 miesiącach/ })
    await visible(chart)
    assert.equal(await chart.locator('rect').count(), fleet.billedMonths.length * 2)
    const spendRows = page.locator('table.spend-table tbody tr')
    assert.equal(await spendRows.count(), fleet.billedMonths.length)
    assert.match((await spendRows.first().textContent()) ?? '', /900,00\s*zł/)
    await app.screenshot(page, 'fleet-phone-dashboard')
    await page.setViewportSize(DESKTOP)
    await app.screenshot(page, 'fleet-desktop-dashboard')

    // One branch: only its vehicles, and the CSV has exactly them.
    await page.getByLabel('Oddział').selectOption('krk')
    const rows = table.locator('tbody tr')
    for (let i = 0; i < 100 && (await rows.count()) !== 1; i++) await page.waitForTimeout(100)
    assert.equal(await rows.count(), 1)
    assert.ok(((await table.textContent()) ?? '').includes(fleet.plates.krk?.[0] ?? '?'))
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: SHORT }),
      page.getByRole('button', { name: /^Pobierz CSV/ }).click(),
    ])
    assert.equal(download.suggestedFilename(), `${fleet.fleetId}-krk-vehicles.csv`)
    const csv = readFileSync((await download.path()) as string, 'utf8')
    assert.ok(csv.includes(fleet.plates.krk?.[0] ?? '?'), csv)
    assert.ok(!csv.includes(fleet.plates.waw?.[0] ?? '?'), 'another branch’s vehicle is not exported')
    assert.equal(csv.trim().split(/\r\n/).length, 2, 'a header and one vehicle')

    // Another fleet's vehicle by its address: refused, and said in words.
    await page.goto(`/fleet/#/vehicle/${otherFleet.equipmentId}`)
    const alert = page.getByRole('alert')
    await visible(alert)
    assert.match((await alert.textContent()) ?? '', /Nie ma takiego pojazdu w tej flocie\./)
    assert.ok(!((await page.locator('main').textContent()) ?? '').includes(otherFleet.plate))
    await app.screenshot(page, 'fleet-desktop-other-fleet-refused')

    // His own vehicle's card opens.
    await page.goto('/fleet/#/vehicle/alfa-1')
    await visible(page.getByRole('heading', { name: 'Pojazd WA1111A' }))
    await context.close()
  })

  it('head office sees every fleet on the fleet dashboard and opens one', async () => {
    const token = await tokenOf(app, app.network.logins.headOffice)
    await until(app, '/fleet-dashboard', token, (b: { fleets: unknown[] }) => b.fleets.length === 2)
    const context = await app.context(DESKTOP)
    const page = await context.newPage()
    await page.goto('/fleet/#/dashboard')
    await login(page, app.network.logins.headOffice)
    const table = page.locator('table.all-fleets')
    await visible(table)
    const text = (await table.textContent()) ?? ''
    assert.ok(text.includes(seeded.fleet.name) && text.includes('Beta Taxi'), text)
    await app.screenshot(page, 'fleet-desktop-head-office')
    await table.getByRole('link', { name: seeded.fleet.name }).click()
    await visible(page.getByRole('heading', { name: `Panel floty · ${seeded.fleet.name}` }))
    await visible(page.locator('table.fleet-vehicles'))
    await context.close()
  })

  it('head office adds a catalogue service and a point through the forms, and downloads a report', async () => {
    const context = await app.context(DESKTOP)
    const page = await context.newPage()
    await page.goto('/staff/#/office-catalogue')
    await login(page, app.network.logins.headOffice)
    const serviceForm = page.getByRole('form', { name: 'Dodaj usługę' })
    await visible(serviceForm)
    await serviceForm.getByLabel('Kod usługi').fill('nitro')
    await serviceForm.getByLabel('Nazwa po polsku').fill('Pompowanie azotem')
    await serviceForm.getByLabel('Nazwa po angielsku').fill('Nitrogen inflation')
    await serviceForm.getByLabel('Czas (min)').fill('15')
    await serviceForm.getByLabel('Cena netto (zł)').fill('20,50')
    await serviceForm.getByRole('button', { name: 'Dodaj usługę' }).click()
    await visible(page.getByText('Dodano usługę NITRO.'))
    await visible(page.getByRole('row', { name: /NITRO.*Pompowanie azotem/ }))
    const services = await api(app, '/catalogue/services?limit=200')
    const nitro = (services.body.items as { code: string; price: { amountMinor: number } }[]).find(
      (s) => s.code === 'NITRO',
    )
    assert.equal(nitro?.price.amountMinor, 2050)
    // The same code again: refused in words.
    await serviceForm.getByRole('button', { name: 'Dodaj usługę' }).click()
    await visible(page.getByRole('alert'))
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Usługa o tym kodzie już jest w katalogu/)
    // A new price for it.
    const priceForm = page.getByRole('form', { name: 'Zmień cenę' })
    await priceForm.getByLabel('Usługa lub towar').selectOption('NITRO')
    await priceForm.getByLabel('Nowa cena netto (zł)').fill('25')
    await priceForm.getByRole('button', { name: 'Zmień cenę' }).click()
    await visible(page.getByText(/Nowa cena NITRO: 25,00\s*zł\./))
    const hqToken = await tokenOf(app, app.network.logins.headOffice)
    await until(
      app,
      '/catalogue/services?limit=200',
      hqToken,
      (b: { items: { code: string; price: { amountMinor: number } }[] }) =>
        b.items.some((x) => x.code === 'NITRO' && x.price.amountMinor === 2500),
    )
    await app.screenshot(page, 'office-desktop-catalogue')

    await page.getByRole('link', { name: 'Nowy punkt' }).click()
    await visible(page.getByRole('heading', { name: 'Nowy punkt serwisowy' }))
    await page.getByLabel('Nazwa punktu').fill('Opony Test Mokotów')
    await page.getByLabel('Identyfikator (opcjonalnie)').fill('test-mokotow')
    await page.getByLabel('Ulica i numer').fill('ul. Puławska 100')
    await page.getByLabel('Kod pocztowy').fill('02-620')
    await page.getByLabel('Miejscowość').fill('Warszawa')
    await page.getByLabel('Szerokość geograficzna').fill('52.19')
    await page.getByLabel('Długość geograficzna').fill('21.02')
    await page.getByLabel('Nazwa stanowiska').fill('Stanowisko A')
    await page.getByRole('checkbox', { name: 'wyważanie' }).check()
    await page.setViewportSize(PHONE)
    await app.screenshot(page, 'office-phone-new-point')
    await page.setViewportSize(DESKTOP)
    await page.getByRole('button', { name: 'Utwórz punkt' }).click()
    await visible(page.getByText('Utworzono punkt Opony Test Mokotów (test-mokotow).'))
    const point = await api(app, '/points/test-mokotow')
    assert.equal(point.status, 200)
    assert.equal(point.body.name, 'Opony Test Mokotów')
    assert.deepEqual(
      (point.body.bays as { name: string; features: string[] }[]).map((b) => [
        b.name,
        b.features.includes('balancing'),
      ]),
      [['Stanowisko A', true]],
    )

    // The point changed from the points list: another phone, no Saturdays, then deactivated.
    const hq = await tokenOf(app, app.network.logins.headOffice)
    await until(app, '/network/points/test-mokotow', hq, () => true)
    await page.getByRole('link', { name: 'Serwisy' }).first().click()
    await page.getByRole('link', { name: 'Zmień: Opony Test Mokotów' }).click()
    await visible(page.getByRole('heading', { name: 'Punkt Opony Test Mokotów' }))
    const details = page.getByRole('form', { name: 'Dane punktu' })
    await details.getByLabel('Telefon').fill('+48 22 500 60 70')
    await details.getByRole('button', { name: 'Zapisz dane' }).click()
    await visible(page.getByText('Zapisano.'))
    const hoursForm = page.getByRole('form', { name: 'Godziny otwarcia' })
    await hoursForm.getByLabel('Sobota od').fill('')
    await hoursForm.getByLabel('Sobota do').fill('')
    await hoursForm.getByRole('button', { name: 'Zapisz godziny' }).click()
    const state = page.getByRole('form', { name: 'Przyjmowanie rezerwacji' })
    await state.getByLabel('Powód wyłączenia').fill('remont')
    await state.getByRole('button', { name: 'Wyłącz punkt' }).click()
    await visible(page.getByText('Punkt wyłączony: nie przyjmuje rezerwacji.'))
    await visible(state.getByRole('button', { name: 'Włącz punkt' }))
    await app.screenshot(page, 'office-desktop-edit-point')
    // The list is a read model: it follows the commands by a moment.
    await until(app, '/network/points/test-mokotow', hq, (b: { active: boolean }) => b.active === false)
    const changed = await api(app, '/network/points/test-mokotow', { token: hq })
    assert.equal((changed.body.contacts as { phone: string }).phone, '+48 22 500 60 70')
    assert.deepEqual((changed.body.weeklyHours as Record<string, unknown[]>).sat, [])
    assert.equal(changed.body.active, false)
    assert.equal(changed.body.deactivationReason, 'remont')

    // Users and roles: the list from the accounts read model; a new employee created and deactivated.
    await page.getByRole('link', { name: 'Użytkownicy' }).click()
    const accountsTable = page.locator('table.accounts')
    await visible(accountsTable)
    await visible(accountsTable.getByRole('row', { name: /serwis@test\.pl.*pracownik punktu.*test-wola.*aktywne/ }))
    const create = page.getByRole('form', { name: 'Utwórz konto' })
    await create.getByLabel('Imię i nazwisko').fill('Nowy Pracownik')
    await create.getByLabel('E-mail').fill('nowy@test.pl')
    await create.getByLabel('Hasło początkowe').fill('haslo-nowego-1')
    await create.getByLabel('Identyfikator punktu').fill('test-mokotow')
    await create.getByRole('button', { name: 'Utwórz konto' }).click()
    await visible(page.getByText(/Utworzono konto Nowy Pracownik/))
    const row = accountsTable.getByRole('row', { name: /nowy@test\.pl/ })
    await visible(row)
    await row.getByRole('button', { name: 'Wyłącz' }).click()
    await visible(row.getByText('wyłączone'))
    await page.setViewportSize(PHONE)
    await app.screenshot(page, 'office-phone-users')
    await page.setViewportSize(DESKTOP)
    await until(
      app,
      '/accounts?status=deactivated',
      await tokenOf(app, app.network.logins.headOffice),
      (b: { items: { email: string }[] }) => b.items.some((a) => a.email === 'nowy@test.pl'),
    )

    // Reports: the list, a table, and the CSV download.
    await page.getByRole('link', { name: 'Raporty' }).first().click()
    await visible(page.getByRole('heading', { name: 'Raporty' }))
    await visible(page.getByLabel('Raport', { exact: true }))
    await page.getByRole('button', { name: 'Pokaż' }).click()
    await visible(page.getByText(/^Wierszy: \d+/))
    const [report] = await Promise.all([
      page.waitForEvent('download', { timeout: SHORT }),
      page.getByRole('button', { name: 'Pobierz CSV' }).click(),
    ])
    assert.match(report.suggestedFilename(), /\.csv$/)
    const csv = readFileSync((await report.path()) as string, 'utf8')
    assert.ok(csv.split(/\r?\n/)[0]?.includes(','), 'a header line of column names')
    // The XLSX and PDF downloads the API has now: offered, and real files.
    for (const [format, magic] of [
      ['XLSX', 'PK'],
      ['PDF', '%PDF'],
    ] as const) {
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: SHORT }),
        page.getByRole('button', { name: `Pobierz ${format}` }).click(),
      ])
      assert.match(file.suggestedFilename(), new RegExp(`\\.${format.toLowerCase()}$`))
      assert.equal(
        readFileSync((await file.path()) as string)
          .subarray(0, magic.length)
          .toString('latin1'),
        magic,
      )
    }
    await app.screenshot(page, 'office-desktop-reports')
    await context.close()
  })
})
