// Head office's later pages in Debian's Chromium against the running app (embedded stores, the small
// network): a point's bays changed, added and retired, a holiday and a short day, a season, staff and
// shifts planned many at once for a snowy week, an absence; a service's names and durations; users
// searched and a password reset; import/export files downloaded and a file refused row by row then
// imported; report e-mail subscriptions made and ended. Every result is checked through the API;
// refusals are checked in words. Screenshots (desktop and phone) go to test-artifacts/web/.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { PASSWORD } from './support/smallNetwork.js'
import { CHROMIUM, DESKTOP, PHONE, startWebApp, type WebApp } from './support/webApp.js'

const SHORT = 10_000
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: SHORT })

async function call(app: WebApp, method: string, path: string, init: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {}
  if (init.token) headers.authorization = `Bearer ${init.token}`
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  })
  const text = await res.text()
  return { status: res.status, text, body: (text.startsWith('{') ? JSON.parse(text) : null) as never }
}

async function tokenOf(app: WebApp, email: string, password = PASSWORD): Promise<string> {
  const res = await call(app, 'POST', '/auth/login', { body: { email, password } })
  assert.equal(res.status, 200, `login ${email}`)
  return (res.body as { accessToken: string }).accessToken
}

/** Read models follow commands by a moment: wait until `ready` holds for the answer of `path`. */
async function until<T>(app: WebApp, path: string, token: string, ready: (body: T) => boolean): Promise<T> {
  let last: unknown = null
  for (let i = 0; i < 100; i++) {
    const res = await call(app, 'GET', path, { token })
    last = res.body
    if (res.status === 200 && ready(res.body as T)) return res.body as T
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.fail(`${path} never became ready: ${JSON.stringify(last)?.slice(0, 600)}`)
}

async function login(page: Page, email: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel(/^(Hasło|Password)/).fill(PASSWORD)
  await page.getByRole('button', { name: /^(Zaloguj się|Log in)$/ }).click()
}

/** The refusal shown in `where` (a page, or the form whose answer it is). */
async function alertText(where: Page | Locator): Promise<string> {
  const alert = where.getByRole('alert').first()
  await visible(alert)
  return (await alert.textContent()) ?? ''
}

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

async function phoneShot(app: WebApp, page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE)
  await app.screenshot(page, name)
  await page.setViewportSize(DESKTOP)
}

describe('web clients: head office sets up points, services, users, files and report e-mails, in Chromium', function () {
  this.timeout(240_000)
  let app: WebApp
  let hq: string
  let page: Page

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`)
    app = await startWebApp()
    hq = await tokenOf(app, app.network.logins.headOffice)
    page = await (await app.context(DESKTOP)).newPage()
    await page.goto('/staff/#/points')
    await login(page, app.network.logins.headOffice)
    await until(app, `/network/points/${app.network.pointId}`, hq, () => true)
  })
  after(async () => {
    await page?.context().close()
    await app?.close()
  })

  it('a point: a bay changed, one added and one retired; a holiday, a short day and a season', async () => {
    const pointId = app.network.pointId
    await page.goto('/staff/#/points')
    await page.getByRole('link', { name: `Stanowiska, grafik i godziny: ${app.network.pointName}` }).click()
    await visible(page.getByRole('heading', { name: `Punkt ${app.network.pointName}: stanowiska, grafik i godziny` }))

    // Bay 2 takes larger rims and gets TPMS.
    const bay2 = page.getByRole('form', { name: 'Stanowisko 2 · bay-2' })
    await bay2.getByLabel('Największa felga (cale)').fill('21')
    await bay2.getByRole('checkbox', { name: 'TPMS' }).check()
    await bay2.getByRole('button', { name: 'Zapisz stanowisko' }).click()
    await visible(page.getByText('Zapisano stanowisko Stanowisko 2.'))

    // A truck bay added; the same id again is refused in words.
    const add = page.getByRole('form', { name: 'Dodaj stanowisko' })
    await add.getByLabel('Identyfikator stanowiska').fill('bay-truck')
    await add.getByLabel('Nazwa stanowiska').fill('Ciężarowe')
    await add.getByRole('checkbox', { name: 'Ciężarowy' }).check()
    await add.getByRole('button', { name: 'Dodaj stanowisko' }).click()
    await visible(page.getByText('Dodano stanowisko Ciężarowe.'))
    const again = page.getByRole('form', { name: 'Dodaj stanowisko' })
    await again.getByLabel('Identyfikator stanowiska').fill('bay-2')
    await again.getByLabel('Nazwa stanowiska').fill('Drugie drugie')
    await again.getByRole('button', { name: 'Dodaj stanowisko' }).click()
    // The answer is shown in the form that was sent (on a phone, beside its button).
    assert.match(await alertText(again), /Stanowisko o tym identyfikatorze już jest w punkcie/)

    // Bay 1 retired.
    await page
      .getByRole('form', { name: 'Stanowisko 1 · bay-1' })
      .getByRole('button', { name: 'Wycofaj stanowisko' })
      .click()
    await visible(page.getByText('Wycofano stanowisko Stanowisko 1.'))

    // Christmas Eve short, Christmas Day closed.
    const year = Number(app.network.today.slice(0, 4)) + 1
    const eve = `${year}-12-24`
    const xmas = `${year}-12-25`
    const days = page.getByRole('form', { name: 'Dni wyjątkowe (święta, krótsze godziny)' })
    await days.getByLabel('Data').fill(eve)
    await days.getByLabel('Od', { exact: true }).fill('08:00')
    await days.getByLabel('Do', { exact: true }).fill('13:00')
    await days.getByLabel('Opis (np. Wigilia)').fill('Wigilia')
    await days.getByRole('button', { name: 'Zapisz dzień' }).click()
    await visible(page.getByText(`Zapisano godziny na ${eve}.`))
    // One time without the other: said beside the field, nothing sent.
    await days.getByLabel('Data').fill(xmas)
    await days.getByLabel('Od', { exact: true }).fill('')
    await days.getByRole('button', { name: 'Zapisz dzień' }).click()
    await visible(days.getByText('Wpisz obie godziny (od i do) albo żadnej, jeśli punkt jest zamknięty.'))
    await days.getByLabel('Od', { exact: true }).fill('')
    await days.getByLabel('Do', { exact: true }).fill('')
    await days.getByLabel('Opis (np. Wigilia)').fill('Boże Narodzenie')
    await days.getByRole('button', { name: 'Zapisz dzień' }).click()
    await visible(page.getByText(`Zapisano godziny na ${xmas}.`))
    await visible(page.locator('ul.exceptions').getByText(/zamknięte · Boże Narodzenie/))

    // The winter tyre-change season with long hours; an overlapping one refused in words.
    const seasons = page.getByRole('form', { name: 'Sezony (np. wymiana opon)' })
    await seasons.getByLabel('Identyfikator sezonu').fill('zima')
    await seasons.getByLabel('Pierwszy dzień').fill(`${year}-10-15`)
    await seasons.getByLabel('Ostatni dzień').fill(`${year}-12-15`)
    await seasons.getByLabel('Pon.–pt. od–do').fill('07:00-21:00')
    await seasons.getByLabel('Sobota od–do').fill('08:00-16:00')
    await seasons.getByRole('button', { name: 'Zapisz sezon' }).click()
    await visible(page.getByText('Zapisano sezon zima.'))
    await seasons.getByLabel('Identyfikator sezonu').fill('zima-bis')
    await seasons.getByLabel('Pierwszy dzień').fill(`${year}-12-01`)
    await seasons.getByLabel('Ostatni dzień').fill(`${year}-12-31`)
    await seasons.getByRole('button', { name: 'Zapisz sezon' }).click()
    assert.match(await alertText(seasons), /Ten sezon nachodzi na inny sezon punktu/)
    await app.screenshot(page, 'office-desktop-point-setup')
    await phoneShot(app, page, 'office-phone-point-setup')

    // The API: the commands' outcome in the point as staff read it.
    const point = await until<{
      bays: { bayId: string; features: string[]; rimMaxInches: number | null }[]
      exceptions: { date: string; hours: { from: string; to: string }[]; note: string | null }[]
      seasons: { seasonId: string; from: string; to: string; weekly: Record<string, { from: string }[]> }[]
    }>(app, `/network/points/${pointId}`, hq, (b) => b.seasons?.length === 1 && b.exceptions?.length === 2)
    assert.deepEqual(
      point.bays.map((b) => b.bayId),
      ['bay-2', 'bay-truck'],
    )
    const b2 = point.bays.find((b) => b.bayId === 'bay-2')
    assert.equal(b2?.rimMaxInches, 21)
    assert.ok(b2?.features.includes('tpms'))
    assert.deepEqual(point.bays.find((b) => b.bayId === 'bay-truck')?.features.sort(), ['passenger', 'truck'])
    assert.deepEqual(
      point.exceptions.map((x) => [x.date, x.hours, x.note]),
      [
        [eve, [{ from: '08:00', to: '13:00' }], 'Wigilia'],
        [xmas, [], 'Boże Narodzenie'],
      ],
    )
    assert.deepEqual(
      point.seasons.map((x) => [x.seasonId, x.from, x.to, x.weekly.mon, x.weekly.sat, x.weekly.sun]),
      [
        [
          'zima',
          `${year}-10-15`,
          `${year}-12-15`,
          [{ from: '07:00', to: '21:00' }],
          [{ from: '08:00', to: '16:00' }],
          [],
        ],
      ],
    )
  })

  it('the rota: a new person, shifts for two people on two snowy days at once, an overlap refused, an absence', async () => {
    const pointId = app.network.pointId
    const monday = addDays(app.network.today, 7)
    const tuesday = addDays(app.network.today, 8)
    await page.goto(`/staff/#/office-point-setup/${pointId}`)
    await page.reload()
    const register = page.getByRole('form', { name: 'Dodaj pracownika' })
    await visible(register)
    await register.getByLabel('Imię i nazwisko').fill('Piotr Zieliński')
    await register.getByRole('checkbox', { name: 'wyważanie' }).check()
    await register.getByRole('button', { name: 'Dodaj pracownika' }).click()
    await visible(page.getByText('Dodano pracownika Piotr Zieliński.'))

    const plan = page.getByRole('form', { name: 'Zaplanuj zmiany' })
    await visible(plan.getByRole('checkbox', { name: 'Piotr Zieliński' }))
    await plan.getByRole('checkbox', { name: 'Jan Kowalski' }).check()
    await plan.getByRole('checkbox', { name: 'Piotr Zieliński' }).check()
    await plan.getByLabel('Dni (RRRR-MM-DD, oddzielone przecinkami)').fill(`${monday}, ${tuesday}`)
    await plan.getByLabel('Zmiana od').fill('07:00')
    await plan.getByLabel('Zmiana do').fill('19:00')
    await plan.getByRole('button', { name: 'Zaplanuj zmiany' }).click()
    await visible(plan.getByText('Zaplanowano zmian: 4.'))
    await visible(page.locator('table.shifts').getByRole('row', { name: new RegExp(`Piotr Zieliński.*${tuesday}`) }))

    // The same again overlaps: refused in words, nothing more planned.
    await plan.getByRole('button', { name: 'Zaplanuj zmiany' }).click()
    assert.match(await alertText(plan), /Zmiana nachodzi na inną zmianę tego pracownika/)

    // Jan's Tuesday shift cancelled from its row.
    await page.getByRole('button', { name: `Odwołaj zmianę Jan Kowalski ${tuesday}` }).click()
    await visible(page.getByText('Odwołano zmianę.'))

    const absence = page.getByRole('form', { name: 'Zapisz nieobecność' })
    await absence.getByLabel('Pracownik').selectOption({ label: 'Piotr Zieliński' })
    await absence.getByLabel('Od (data i godzina)').fill(`${addDays(monday, 3)}T08:00`)
    await absence.getByLabel('Do (data i godzina)').fill(`${addDays(monday, 5)}T18:00`)
    await absence.getByLabel('Powód').selectOption('sick')
    await absence.getByRole('button', { name: 'Zapisz nieobecność' }).click()
    await visible(page.getByText('Zapisano nieobecność.'))
    await visible(page.locator('ul.absences').getByText(/Piotr Zieliński/))
    await app.screenshot(page, 'office-desktop-rota')
    await phoneShot(app, page, 'office-phone-rota')

    const schedule = (await call(app, 'GET', `/points/${pointId}/staff?from=${monday}&to=${addDays(monday, 6)}`, {
      token: hq,
    })) as {
      status: number
      body: {
        members: { staffId: string; name: string; skills: string[] }[]
        shifts: { staffId: string; date: string; hours: { from: string; to: string } }[]
        absences: { staffId: string; from: string; to: string; reason: string }[]
      }
    }
    assert.equal(schedule.status, 200)
    const piotr = schedule.body.members.find((m) => m.name === 'Piotr Zieliński')
    assert.ok(piotr, 'the new person is registered')
    assert.deepEqual(piotr.skills.sort(), ['balancing', 'tyre_fitting'])
    const nameOf = (id: string) => schedule.body.members.find((m) => m.staffId === id)?.name
    assert.deepEqual(
      schedule.body.shifts
        .filter((s) => s.date === monday || s.date === tuesday)
        .map((s) => [nameOf(s.staffId), s.date, s.hours.from, s.hours.to])
        .sort(),
      [
        ['Jan Kowalski', monday, '07:00', '19:00'],
        ['Piotr Zieliński', monday, '07:00', '19:00'],
        ['Piotr Zieliński', tuesday, '07:00', '19:00'],
      ].sort(),
    )
    assert.deepEqual(
      schedule.body.absences.map((a) => [nameOf(a.staffId), a.from, a.to, a.reason]),
      [['Piotr Zieliński', `${addDays(monday, 3)}T08:00`, `${addDays(monday, 5)}T18:00`, 'sick']],
    )
  })

  it('a service: a name changed, a third language, a duration rule for SUVs', async () => {
    await page.goto('/staff/#/office-catalogue')
    await page.getByRole('link', { name: 'Usługa: nazwy i czasy: BALANCING' }).click()
    const form = page.getByRole('form', { name: 'Nazwy i czasy: BALANCING' })
    await visible(form)
    await form.getByLabel('Nazwa (pl)').fill('Wyważanie kół (4 szt.)')
    await form.getByLabel('Nowy język (kod, np. de)').fill('de')
    await form.getByRole('button', { name: 'Dodaj język' }).click()
    await form.getByLabel('Nazwa (de)').fill('Auswuchten')
    await form.getByLabel('Czas podstawowy (min)').fill('25')
    await form.getByRole('button', { name: 'Dodaj regułę czasu' }).click()
    const rule = form.getByRole('group', { name: /^Reguła \d+$/ }).last()
    await rule.getByLabel('Rodzaj pojazdu').selectOption('suv')
    await rule.getByLabel('Liczba kół').fill('4')
    await rule.getByLabel('Czas (min)').fill('40')
    await form.getByRole('button', { name: 'Zapisz nazwy i czasy' }).click()
    await visible(page.getByText('Zapisano usługę BALANCING.'))
    await app.screenshot(page, 'office-desktop-service')
    await phoneShot(app, page, 'office-phone-service')

    const service = await until<{
      items: {
        code: string
        names: Record<string, string>
        baseMinutes: number
        durationRules: { vehicleClass: string | null; wheels: number | null; minutes: number }[]
      }[]
    }>(app, '/catalogue/services?limit=200', hq, (b) =>
      b.items.some((s) => s.code === 'BALANCING' && s.names.de === 'Auswuchten'),
    )
    const balancing = service.items.find((s) => s.code === 'BALANCING')
    assert.equal(balancing?.names.pl, 'Wyważanie kół (4 szt.)')
    assert.equal(balancing?.baseMinutes, 25)
    assert.deepEqual(balancing?.durationRules.at(-1), { vehicleClass: 'suv', wheels: 4, minutes: 40 })
  })

  it('users: found by a part of the name or the address, and a new password set for one', async () => {
    await page.goto('/staff/#/office-users')
    const table = page.locator('table.accounts')
    await visible(table.getByRole('row', { name: /serwis@test\.pl/ }))
    const search = page.getByLabel('Szukaj po nazwisku lub e-mailu')
    await search.fill('nowak')
    await visible(page.getByText('Pasuje: 1 z'))
    assert.deepEqual(await table.locator('tbody tr').count(), 1)
    await visible(table.getByRole('row', { name: /Anna Nowak.*anna@test\.pl/ }))
    await search.fill('SERWIS@')
    await visible(table.getByRole('row', { name: /Serwis Wola.*serwis@test\.pl/ }))
    assert.deepEqual(await table.locator('tbody tr').count(), 1)

    await table.getByRole('button', { name: 'Nowe hasło dla Serwis Wola' }).click()
    const reset = page.getByRole('form', { name: 'Nowe hasło dla Serwis Wola' })
    // The form opens with its field focused (on a phone the row's button is far below it).
    assert.equal(await reset.getByLabel('Nowe hasło (min. 10 znaków)').evaluate((e) => e.matches(':focus')), true)
    await reset.getByLabel('Nowe hasło (min. 10 znaków)').fill('nowe-haslo-serwisu-7')
    await reset.getByRole('button', { name: 'Ustaw hasło' }).click()
    await visible(page.getByText('Ustawiono nowe hasło dla Serwis Wola. Przekaż je osobiście.'))
    await phoneShot(app, page, 'office-phone-users-search')

    // The API: the new password logs in, the old one no longer does.
    await tokenOf(app, 'serwis@test.pl', 'nowe-haslo-serwisu-7')
    const old = await call(app, 'POST', '/auth/login', { body: { email: 'serwis@test.pl', password: PASSWORD } })
    assert.equal(old.status, 401)
  })

  it('import/export: files downloaded; a bad file refused row by row and nothing written; a good one imported', async () => {
    await page.goto('/staff/#/office-users')
    await page.getByRole('link', { name: 'Import i eksport' }).click()
    await visible(page.getByRole('heading', { name: 'Import i eksport' }))
    await page.getByLabel('Szablon').selectOption('customers')
    for (const [format, button, check] of [
      [
        'csv',
        'Pobierz eksport',
        (b: Buffer) =>
          b
            .toString('utf8')
            .replace(/^\uFEFF/, '')
            .startsWith('customer_id,kind,'),
      ],
      ['xlsx', 'Pobierz pusty szablon', (b: Buffer) => b.subarray(0, 2).toString('latin1') === 'PK'],
      ['xml', 'Pobierz eksport', (b: Buffer) => b.toString('utf8').includes('<customers')],
    ] as const) {
      await page.getByLabel('Format pliku').selectOption(format)
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: SHORT }),
        page.getByRole('button', { name: button }).click(),
      ])
      assert.match(file.suggestedFilename(), new RegExp(`\\.${format}$`))
      assert.ok(check(readFileSync((await file.path()) as string)), `${format} ${button}`)
    }

    const form = page.getByRole('form', { name: 'Importuj plik' })
    const bad =
      'customer_id,kind,first_name,last_name,company_name,tax_id,email,phone\r\n' +
      'cus-web1,individual,Ola,Wiśniewska,,,ola@example.pl,\r\n' +
      'cus-web2,person,Jan,Nowak,,,jan@example.pl,\r\n' +
      'cus-web3,individual,Ewa,Kos,,,,\r\n'
    await form
      .getByLabel('Plik (CSV, XLSX lub XML)')
      .setInputFiles({ name: 'klienci.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await form.getByRole('button', { name: 'Importuj' }).click()
    const text = await alertText(page)
    assert.match(text, /Plik nie został zaimportowany\. Popraw go i spróbuj ponownie/)
    assert.match(text, /Wiersz 3.*kind: .*must be one of individual, company/)
    assert.match(text, /Wiersz 4.*email/)
    await visible(page.getByRole('listitem', { name: 'Wiersz 3' }))
    await app.screenshot(page, 'office-desktop-import-refused')
    await phoneShot(app, page, 'office-phone-import-refused')
    const after = await call(app, 'GET', '/data-exchange/customers/export', { token: hq })
    assert.equal(after.status, 200)
    assert.ok(!after.text.includes('cus-web1'), 'nothing of the refused file was written')

    const good =
      'customer_id,kind,first_name,last_name,company_name,tax_id,email,phone\r\n' +
      'cus-web1,individual,Ola,Wiśniewska,,,ola@example.pl,\r\n' +
      'cus-web2,individual,Jan,Nowak,,,jan@example.pl,\r\n'
    await form
      .getByLabel('Plik (CSV, XLSX lub XML)')
      .setInputFiles({ name: 'klienci-ok.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
    await form.getByRole('button', { name: 'Importuj' }).click()
    await visible(page.getByText(/Zaimportowano klienci-ok\.csv: nowych lub zmienionych 2, bez zmian 0\./))
    const csv = await call(app, 'GET', '/data-exchange/customers/export', { token: hq })
    assert.match(csv.text, /cus-web1,individual,Ola,Wiśniewska/)
    assert.match(csv.text, /cus-web2,individual,Jan,Nowak/)
  })

  it('report e-mails: a weekly XLSX subscription made, listed, and ended', async () => {
    const reports = await call(app, 'GET', '/reports', { token: hq })
    const first = (reports.body as { items: { report: string; title: string }[] }).items[0]
    assert.ok(first, 'the API lists a report')
    await page.goto('/staff/#/office-reports')
    await page.getByRole('link', { name: 'Raporty e-mailem' }).click()
    const form = page.getByRole('form', { name: 'Nowa subskrypcja' })
    await visible(form)
    await form.getByLabel('Raport lub wariant').selectOption({ label: `raport: ${first.title}` })
    await form.getByLabel('Adres e-mail').fill('szef@test.pl')
    await form.getByLabel('Jak często').selectOption('weekly')
    await form.getByLabel('Format załącznika').selectOption('xlsx')
    await form.getByRole('button', { name: 'Zamów raport' }).click()
    await visible(page.getByText(`Zamówiono: ${first.title}, co tydzień, na szef@test.pl.`))
    const row = page
      .locator('table.subscriptions')
      .getByRole('row', { name: /szef@test\.pl.*co tydzień.*XLSX.*aktywna/ })
    await visible(row)
    await app.screenshot(page, 'office-desktop-subscriptions')
    await phoneShot(app, page, 'office-phone-subscriptions')

    type Subs = {
      items: {
        subscriptionId: string
        email: string
        report: string
        cadence: string
        format: string
        active: boolean
      }[]
    }
    const listed = (await call(app, 'GET', '/reports/subscriptions', { token: hq })).body as Subs
    const mine = listed.items.find((x) => x.email === 'szef@test.pl')
    assert.deepEqual(mine && [mine.report, mine.cadence, mine.format, mine.active], [
      first.report,
      'weekly',
      'xlsx',
      true,
    ])
    await row.getByRole('button', { name: `Zakończ subskrypcję ${first.title} dla szef@test.pl` }).click()
    await visible(page.getByText(`Zakończono subskrypcję ${first.title} dla szef@test.pl.`))
    await visible(page.locator('table.subscriptions').getByRole('row', { name: /szef@test\.pl.*zakończona/ }))
    const ended = (await call(app, 'GET', '/reports/subscriptions', { token: hq })).body as Subs
    assert.equal(ended.items.find((x) => x.subscriptionId === mine?.subscriptionId)?.active, false)

    // The same page in English.
    await page.getByLabel('Język').selectOption('en')
    await visible(page.getByRole('heading', { name: 'Reports by e-mail' }))
    await visible(page.locator('table.subscriptions').getByRole('row', { name: /szef@test\.pl.*weekly.*XLSX.*ended/ }))
    await visible(page.getByRole('form', { name: 'New subscription' }).getByLabel('How often'))
    await page.getByLabel('Language').selectOption('pl')
  })
})
