// The web clients in Debian's Chromium against the running app (embedded stores, a small network):
// a customer books, a second customer racing for the same slot is offered the nearest free ones;
// staff see the booking in the day calendar and check it in; a fleet manager sees only his fleet's
// bookings; API errors appear in words. Screenshots (phone and desktop) go to test-artifacts/web/.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { PASSWORD } from './support/smallNetwork.js'
import { CHROMIUM, DESKTOP, PHONE, startWebApp, type WebApp } from './support/webApp.js'

const SHORT = 10_000

/** The API's read models follow a command by a moment: wait until the staff calendar has the visit. */
async function calendarHas(app: WebApp, plate: string): Promise<void> {
  const login = await fetch(`${app.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: app.network.logins.staff, password: PASSWORD }),
  })
  const { accessToken } = (await login.json()) as { accessToken: string }
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${app.url}/points/${app.network.pointId}/calendar/days/${app.network.today}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
    if (res.ok && (await res.text()).includes(plate)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.fail(`the calendar never showed ${plate}`)
}

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: SHORT })

async function pickVisit(page: Page, o: { plate: string; service: RegExp; date: string; time: string }) {
  await page.getByLabel(/Numer rejestracyjny|Registration plate/).fill(o.plate)
  await page.getByRole('checkbox', { name: o.service }).check()
  return async (findPoint: () => Promise<void>) => {
    await findPoint()
    await visible(page.getByRole('radio', { name: /Opony Test Wola/ }))
    assert.ok(await page.getByRole('radio', { name: /Opony Test Wola/ }).isChecked(), 'the only point is chosen')
    await page.getByLabel(/^(Dzień|Day)/).fill(o.date)
    await page.getByLabel(/^(Godzina|Time)/).fill(o.time)
    await page.getByRole('button', { name: /Pokaż wolne terminy|Show free times/ }).click()
    await visible(page.getByText(/jest wolna i została wybrana|is free and has been chosen/))
  }
}

describe('web clients in Chromium', function () {
  this.timeout(120_000)
  let app: WebApp
  const CUSTOMER_PLATE = 'WI 5555K'
  const RACING_PLATE = 'KR 7781A'
  const TIME = '15:00'

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`)
    app = await startWebApp()
  })
  after(async () => {
    await app?.close()
  })

  it('a customer books a slot, and a second customer racing for it is offered the nearest free slots', async () => {
    const { today } = app.network
    // The first customer, on a phone, in Polish: finds the point by the plate's region, registers.
    const phone = await (await app.context(PHONE)).newPage()
    await phone.goto('/')
    await visible(phone.getByRole('heading', { name: 'Zarezerwuj wizytę w serwisie' }))
    const choosePhone = await pickVisit(phone, {
      plate: CUSTOMER_PLATE,
      service: /Sezonowa wymiana kół/,
      date: today,
      time: TIME,
    })
    await choosePhone(() => phone.getByRole('button', { name: 'Najbliżej regionu z tablicy' }).click())
    await phone.getByRole('button', { name: 'Nowe konto' }).click()
    await phone.getByLabel('Imię i nazwisko').fill('Piotr Zieliński')
    await phone.getByLabel('E-mail').fill('piotr@test.pl')
    await phone.getByLabel('Hasło').fill('bardzo-tajne-haslo')
    await phone.getByRole('button', { name: 'Załóż konto' }).click()
    await visible(phone.getByText('Rezerwujesz jako Piotr Zieliński.'))
    await app.screenshot(phone, 'portal-phone-ready-to-book')

    // The second customer, on a desktop near the point, switches to English, searches a city without
    // a point, then takes the points nearest to where the browser says she is, and logs in.
    const deskContext = await app.context(DESKTOP)
    await deskContext.grantPermissions(['geolocation'], { origin: app.url })
    await deskContext.setGeolocation({ latitude: 52.24, longitude: 21.01 })
    const desk = await deskContext.newPage()
    await desk.goto('/')
    await desk.getByLabel('Język').selectOption('en')
    await visible(desk.getByRole('heading', { name: 'Book a workshop visit' }))
    const chooseDesk = await pickVisit(desk, {
      plate: RACING_PLATE,
      service: /Seasonal wheel change/,
      date: today,
      time: TIME,
    })
    await chooseDesk(async () => {
      await desk.getByLabel('City or workshop name').fill('Gdańsk')
      await desk.getByRole('button', { name: 'Search', exact: true }).click()
      await visible(desk.getByText('No workshop matches.', { exact: false }))
      await desk.getByRole('button', { name: 'Nearest to me' }).click()
      await visible(desk.getByText('Workshops nearest to you'))
    })
    await desk.getByLabel('E-mail').fill(app.network.logins.customer)
    await desk.getByLabel('Password').fill(PASSWORD)
    await desk.getByRole('button', { name: 'Log in' }).click()
    await visible(desk.getByText('You are booking as Anna Nowak.'))

    // Both hold 15:00 on screen; the first books it.
    await phone.getByRole('button', { name: 'Rezerwuję' }).click()
    await visible(phone.getByText('Wizyta zarezerwowana.'))
    await visible(phone.getByText('WI5555K'))
    await app.screenshot(phone, 'portal-phone-booked')

    // The second is refused with the nearest free times before and after, and books one of them.
    await desk.getByRole('button', { name: 'Book', exact: true }).click()
    const conflict = desk.locator('.conflict')
    await visible(conflict)
    assert.match((await conflict.textContent()) ?? '', new RegExp(`${TIME} has just been taken`))
    const later = conflict.getByRole('list', { name: 'Later' }).getByRole('button')
    const earlier = conflict.getByRole('list', { name: 'Earlier' }).getByRole('button')
    assert.ok((await later.count()) >= 1, 'later alternatives are offered')
    assert.ok((await later.count()) <= 3 && (await earlier.count()) <= 3, 'at most 3 before and 3 after')
    await app.screenshot(desk, 'portal-desktop-alternatives')
    const alternative = ((await later.first().textContent()) ?? '').trim()
    // Chosen with the keyboard: the slot buttons are ordinary buttons.
    await later.first().focus()
    await desk.keyboard.press('Enter')
    assert.equal(await later.first().getAttribute('aria-pressed'), 'true')
    await visible(desk.getByText(new RegExp(`Chosen time: .*${alternative}`)))
    await desk.getByRole('button', { name: 'Book', exact: true }).click()
    await visible(desk.getByText('Your visit is booked.'))
    await visible(desk.getByText(alternative, { exact: false }))

    // She moves her visit to another time, then cancels it.
    await desk.getByRole('button', { name: 'Change the time' }).click()
    await desk.getByLabel(/^Time/).fill('18:30')
    await desk.getByRole('button', { name: 'Show free times' }).click()
    await visible(desk.getByText('18:30 is free and has been chosen.'))
    await desk.getByRole('button', { name: /^Move to .*18:30/ }).click()
    await visible(desk.getByText(/The visit has been moved to .*18:30/))
    await desk.getByRole('button', { name: 'Cancel the visit' }).click()
    await desk.getByLabel('Reason (optional)').fill('plans changed')
    await desk.getByRole('button', { name: 'Yes, cancel' }).click()
    await visible(desk.getByText('The visit has been cancelled.'))
    await visible(desk.locator('.badge-cancelled'))

    // The first customer's own list shows the visit.
    await phone.getByRole('link', { name: 'Moje wizyty', exact: true }).click()
    await visible(phone.getByText('WI5555K'))
    await app.screenshot(phone, 'portal-phone-my-bookings')
    await phone.context().close()
    await desk.context().close()
  })

  it('an API error is shown to the user in words', async () => {
    const page = await (await app.context(DESKTOP)).newPage()
    await page.goto('/staff/')
    await page.getByLabel('E-mail').fill(app.network.logins.staff)
    await page.getByLabel('Hasło').fill('not-the-password')
    await page.getByRole('button', { name: 'Zaloguj się' }).click()
    const alert = page.getByRole('alert')
    await visible(alert)
    assert.equal(((await alert.textContent()) ?? '').trim(), 'Nieprawidłowy e-mail lub hasło.')
    await app.screenshot(page, 'staff-login-error')

    // A refused registration names why, in the chosen language.
    await page.goto('/')
    await page.getByLabel('Język').selectOption('en')
    await page.getByRole('button', { name: 'New account' }).click()
    await page.getByLabel('Full name').fill('Anna Nowak')
    await page.getByLabel('E-mail').fill(app.network.logins.customer)
    await page.getByLabel('Password').fill('another-password-1')
    await page.getByRole('button', { name: 'Create account' }).click()
    await visible(page.getByRole('alert'))
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /An account with this e-mail address exists already/,
    )
    await page.context().close()
  })

  it('staff see the booking in the day calendar and check it in', async () => {
    await calendarHas(app, 'WI5555K')
    const context = await app.context(DESKTOP)
    const page = await context.newPage()
    await page.goto('/staff/')
    await page.getByLabel('E-mail').fill(app.network.logins.staff)
    await page.getByLabel('Hasło').fill(PASSWORD)
    await page.getByRole('button', { name: 'Zaloguj się' }).click()
    await visible(page.getByRole('heading', { name: /Kalendarz · Opony Test Wola/ }))
    const visit = page.getByRole('article', { name: `${TIME} WI5555K` })
    await visible(visit)
    assert.match((await visit.textContent()) ?? '', /Potwierdzona/)
    await app.screenshot(page, 'staff-desktop-day')
    await page.setViewportSize(PHONE)
    await app.screenshot(page, 'staff-phone-day')
    await page.setViewportSize(DESKTOP)

    await visit.getByRole('button', { name: 'Przyjmij' }).click()
    await visible(visit.getByText('Na miejscu'))
    await visible(visit.getByRole('button', { name: 'Zakończ' }))
    await app.screenshot(page, 'staff-desktop-checked-in')

    // A booking taken on the phone: the wanted time is taken, one of the nearest free ones is booked.
    await page.getByRole('link', { name: 'Nowa rezerwacja' }).click()
    await visible(page.getByRole('heading', { name: /Nowa rezerwacja/ }))
    await page.getByLabel('Imię i nazwisko').fill('Tomasz Dzwoniący')
    await page.getByLabel('Telefon').fill('+48 601 222 333')
    await page.getByLabel('Numer rejestracyjny').fill('WE 1234X')
    await page.getByRole('checkbox', { name: /Sezonowa wymiana kół/ }).check()
    await page.getByLabel(/^Dzień/).fill(app.network.today)
    await page.getByLabel(/^Godzina/).fill(TIME)
    await page.getByRole('button', { name: 'Pokaż wolne terminy' }).click()
    const taken = page.locator('.taken')
    await visible(taken)
    assert.match((await taken.textContent()) ?? '', new RegExp(`Godzina ${TIME} nie jest wolna`))
    await page.setViewportSize(PHONE)
    await app.screenshot(page, 'staff-phone-new-booking-alternatives')
    await page.setViewportSize(DESKTOP)
    await taken.getByRole('list', { name: 'Później' }).getByRole('button').first().click()
    await page.getByRole('button', { name: 'Zarezerwuj' }).click()
    await visible(page.getByText(/Zarezerwowano: WE1234X/))
    await page.getByRole('link', { name: 'Pokaż w kalendarzu' }).click()
    await visible(page.getByRole('article', { name: /WE1234X/ }))

    await page.getByRole('button', { name: 'Tydzień' }).click()
    await visible(page.getByRole('heading', { level: 2 }).first())
    await visible(page.getByText('WI5555K'))
    await app.screenshot(page, 'staff-desktop-week')
    await context.close()
  })

  it('a fleet manager sees only his fleet’s bookings', async () => {
    const context = await app.context(PHONE)
    const page = await context.newPage()
    await page.goto('/fleet/')
    await page.getByLabel('E-mail').fill(app.network.logins.fleetManager)
    await page.getByLabel('Hasło').fill(PASSWORD)
    await page.getByRole('button', { name: 'Zaloguj się' }).click()
    await visible(page.getByText(`Flota: ${app.network.fleetId}`))
    const table = page.locator('table.fleet-table')
    await visible(table)
    const text = (await table.textContent()) ?? ''
    for (const plate of app.network.fleetPlates) assert.ok(text.includes(plate), `${plate} is listed`)
    assert.ok(!text.includes(app.network.otherFleetPlate), 'another fleet’s visit is not listed')
    assert.ok(!text.includes('WI5555K') && !text.includes('KR7781A'), 'customers’ own visits are not listed')
    assert.equal(await table.locator('tbody tr').count(), app.network.fleetPlates.length)
    await app.screenshot(page, 'fleet-phone')
    await page.setViewportSize(DESKTOP)
    await app.screenshot(page, 'fleet-desktop')
    await context.close()
  })

  it('head office lists the network’s points and opens one’s calendar', async () => {
    const context = await app.context(DESKTOP)
    const page = await context.newPage()
    await page.goto('/staff/#/points')
    await page.getByLabel('E-mail').fill(app.network.logins.headOffice)
    await page.getByLabel('Hasło').fill(PASSWORD)
    await page.getByRole('button', { name: 'Zaloguj się' }).click()
    const row = page.getByRole('row', { name: /Opony Test Wola/ })
    await visible(row)
    assert.match((await row.textContent()) ?? '', /ul\. Wolska 1.*czynny/)
    await app.screenshot(page, 'staff-desktop-points')
    await row.getByRole('link', { name: 'Kalendarz' }).click()
    await visible(page.getByRole('heading', { name: /Kalendarz · Opony Test Wola/ }))
    await context.close()
  })

  it('serves hashed assets as immutable and the pages as no-cache', async () => {
    const page = await fetch(`${app.url}/staff/`)
    assert.equal(page.status, 200)
    assert.equal(page.headers.get('cache-control'), 'no-cache')
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/)
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1]
    assert.ok(script, 'the page loads a hashed script')
    const asset = await fetch(`${app.url}${script}`, { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(asset.status, 200)
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable')
    const etag = page.headers.get('etag') ?? ''
    assert.equal((await fetch(`${app.url}/staff/`, { headers: { 'if-none-match': etag } })).status, 304)
    assert.equal((await fetch(`${app.url}/staff`, { redirect: 'manual' })).headers.get('location'), '/staff/')
    // The API keeps its own answers: an unknown path is still a problem+json 404.
    const missing = await fetch(`${app.url}/no-such-page`)
    assert.equal(missing.status, 404)
    assert.match(missing.headers.get('content-type') ?? '', /problem\+json/)
  })
})
