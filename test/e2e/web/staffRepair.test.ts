// The staff console's repair side in Debian's Chromium against the running app: on a phone, the
// point's employee receives a new car (registered with its new owner at the desk, photos from the
// file input), runs the order through checklist, estimate from the catalogue, the customer's
// decision, technician, log, parts issued from stock, repair, the point's own status, ready and
// handover, and prints the handover PDF (downloaded and read with pdftotext). The board shows the
// overdue order; the customer and the car are found with their repair history; another point's
// orders are refused in words. Screenshots go to test-artifacts/web/.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { type RepairNetwork, seedRepairNetwork } from './support/repairNetwork.js'
import { accessible, login } from './support/staffPages.js'
import { ARTIFACTS, CHROMIUM, DESKTOP, PHONE, startWebApp, type WebApp } from './support/webApp.js'

const SHORT = 10_000
const visible = (locator: Locator, timeout = SHORT) => locator.waitFor({ state: 'visible', timeout })

/** A small real PNG, as a phone's camera would hand over a JPEG. */
function photo(): Buffer {
  const png = new PNG({ width: 8, height: 8 })
  png.data.fill(200)
  return PNG.sync.write(png)
}

/** A signature drawn with the pointer across the pad. */
async function sign(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded()
  const box = await pad.boundingBox()
  assert.ok(box, 'the signature pad is on the page')
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6)
  await page.mouse.down()
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(box.x + box.width * (0.1 + i * 0.07), box.y + box.height * (i % 2 ? 0.3 : 0.7))
  await page.mouse.up()
}

/** A PDF the page offers as a download, saved among the artifacts and read back as text. */
async function pdfText(page: Page, button: Locator, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: SHORT }), button.click()])
  const pdf = join(ARTIFACTS, `${name}.pdf`)
  await download.saveAs(pdf)
  assert.match(download.suggestedFilename(), /\.pdf$/)
  assert.ok(statSync(pdf).size > 1000, 'a PDF, not an error page')
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
}

/** Read models follow a command by a moment: reload the page until it shows what is expected. */
async function eventually(page: Page, locator: Locator, attempts = 20): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await locator.isVisible().catch(() => false)) return
    await page.waitForTimeout(250)
    if (i % 4 === 3) await page.reload()
  }
  await visible(locator)
}

describe('staff console: work orders in Chromium', function () {
  this.timeout(180_000)
  let app: WebApp
  let seeded: RepairNetwork
  let orderId = ''

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`)
    app = await startWebApp()
    seeded = await seedRepairNetwork(app.platform, app.network)
  })
  after(async () => {
    await app?.close()
  })
  // A failed step leaves a screenshot of where it stood, and the alerts on the page in the failure.
  let current: Page | null = null
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && current && !current.isClosed()) {
      await app.screenshot(current, `staff-failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`)
      const alerts = await current.getByRole('alert').allTextContents()
      if (alerts.length > 0) console.error(`alerts on the page: ${alerts.join(' | ')}`)
    }
    current = null
  })

  it('runs an order from intake to handover on a phone and prints the handover protocol', async () => {
    const context = await app.context(PHONE)
    const page = await context.newPage()
    current = page
    await login(page, '#/intake', app.network.logins.staff)
    await visible(page.getByRole('heading', { name: 'Przyjęcie pojazdu' }))

    // The car is not in the registry: it is registered with its new owner.
    await page.getByLabel('Numer rejestracyjny, VIN lub numer seryjny').fill('WI 777AA')
    await page.getByRole('button', { name: 'Szukaj w rejestrze' }).click()
    await visible(page.getByText('Nie ma go w rejestrze — zarejestruj go poniżej.'))
    await page.getByLabel('Marka').fill('Toyota')
    await page.getByLabel('Model', { exact: true }).fill('Corolla')
    await page.getByLabel('Imię', { exact: true }).fill('Marek')
    await page.getByLabel('Nazwisko', { exact: true }).fill('Lis')
    await page.getByLabel('Telefon', { exact: true }).fill('+48 601 555 666')
    await page.getByRole('button', { name: 'Zarejestruj', exact: true }).click()
    await visible(page.getByText(/Wybrano: WI ?777AA Toyota Corolla/))

    // The intake protocol; a file the API does not take is refused in words, then real photos go.
    await page.getByLabel('Opis usterki według klienta').fill('Wymiana opon na zimowe, drgania kierownicy')
    await page.getByLabel('Stan przy przyjęciu').fill('Rysa na tylnym zderzaku')
    await page.getByLabel('Wyposażenie').fill('kołpaki, klucz do śrub')
    await page.getByLabel('Przebieg (km)').fill('120500')
    const photos = page.getByLabel('Zdjęcia')
    await photos.setInputFiles({ name: 'notatka.txt', mimeType: 'text/plain', buffer: Buffer.from('to nie zdjęcie') })
    await page.getByRole('button', { name: 'Otwórz zlecenie' }).click()
    const refused = page.getByRole('alert')
    await visible(refused)
    assert.match((await refused.textContent()) ?? '', /Tego rodzaju pliku nie można dołączyć/)
    await photos.setInputFiles([
      { name: 'przod.png', mimeType: 'image/png', buffer: photo() },
      { name: 'zderzak.png', mimeType: 'image/png', buffer: photo() },
    ])
    await visible(page.getByText('Wybrane zdjęcia: 2'))
    assert.equal(await page.getByRole('alert').count(), 0, 'new photos clear the refusal of the old file')
    await sign(page, page.getByRole('img', { name: 'Podpis klienta pod protokołem przyjęcia' }))
    assert.equal(await page.getByLabel('Podpisuje').inputValue(), 'Marek Lis')
    await app.screenshot(page, 'staff-phone-intake')
    await accessible(page, 'the intake page')
    await page.getByRole('button', { name: 'Otwórz zlecenie' }).click()

    // The order page: diagnosis started, the tracking code shown once, the photos on the protocol.
    await visible(page.getByRole('heading', { name: /^Zlecenie · WI ?777AA/ }))
    orderId = decodeURIComponent(new URL(page.url()).hash.replace('#/order/', ''))
    assert.ok(orderId.length > 8, `the address names the order (${page.url()})`)
    await visible(page.getByText(/Kod do śledzenia zlecenia dla klienta: [0-9A-Z]{4}(-[0-9A-Z]{4}){3}/))
    await visible(page.locator('.order-head').getByText('Diagnoza'))
    await visible(page.getByText('zdjęć: 2'))
    // The photos come back from the API and are shown (fetched with the token, drawn as data: URLs).
    const shown = page.locator('.photos img')
    await visible(shown.nth(1))
    assert.equal(await shown.count(), 2)
    assert.equal(await shown.first().getAttribute('alt'), 'Zdjęcie 1 z przyjęcia')
    assert.equal(await shown.first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), 8)

    // Checklist: diagnosis put the car type's wheels-and-tyres list on the order; results are chosen
    // with the mouse and the keyboard.
    await visible(page.getByRole('heading', { name: 'Koła i opony' }))
    const tread = page.getByRole('group', { name: 'Bieżnik przód lewy' })
    await visible(tread)
    await tread.getByLabel('OK').check()
    await page.getByRole('group', { name: 'Zawory' }).getByLabel('Źle').focus()
    await page.keyboard.press('Space')
    // A failed item asks what is wrong; the note is saved with the result.
    await page.getByLabel('Co nie tak: Zawory').fill('Pęknięte gumy dwóch zaworów')
    await page.getByRole('button', { name: 'Zapisz wyniki' }).click()
    // Saved: the form starts over from what the order now holds.
    await visible(page.locator('button:disabled', { hasText: 'Zapisz wyniki' }))
    assert.ok(await page.getByRole('group', { name: 'Zawory' }).getByLabel('Źle').isChecked())
    assert.ok(await tread.getByLabel('OK').isChecked())
    assert.equal(await page.getByLabel('Co nie tak: Zawory').inputValue(), 'Pęknięte gumy dwóch zaworów')

    // The defect found, from the car type's defect catalogue, with its cause.
    const defects = page.getByRole('region', { name: 'Usterki' })
    await defects.getByLabel('Usterka', { exact: true }).selectOption('PUNCTURE')
    await defects.getByLabel('Przyczyna').selectOption('valve_leak')
    await defects.getByLabel('Uwagi').fill('Oba przednie zawory')
    await defects.getByRole('button', { name: 'Zapisz usterkę' }).click()
    await visible(defects.locator('.log').getByText('Nieszczelny zawór', { exact: false }))
    assert.match((await defects.locator('.log').textContent()) ?? '', /Oba przednie zawory/)

    // Estimate from the catalogue: the seasonal change, four valves; the total counts both.
    await page.getByLabel('Usługa', { exact: true }).selectOption('SEASONAL_CHANGE')
    await page.getByRole('button', { name: 'Dodaj pozycję' }).click()
    await visible(page.getByRole('row', { name: /Sezonowa wymiana kół/ }))
    await page.getByLabel('Rodzaj pozycji').selectOption('goods')
    await page.getByLabel('Towar', { exact: true }).selectOption('VALVE-TR413')
    await page.getByLabel('Ilość', { exact: true }).fill('4')
    await page.getByRole('button', { name: 'Dodaj pozycję' }).click()
    await visible(page.getByRole('row', { name: /4 × VALVE-TR413/ }))
    // 120.00 service + 4 × 15.00 valves = 180.00 net
    assert.match((await page.locator('.estimate-total').textContent()) ?? '', /180,00/)

    // A technician and a log entry.
    // The technician list is ranked for the order: Jan, on shift, has the tyre-fitting skill it needs.
    await page
      .getByRole('option', { name: 'Jan Kowalski (ma potrzebne umiejętności, zajęty 0 min)' })
      .waitFor({ state: 'attached', timeout: SHORT })
    await page
      .getByLabel('Mechanik', { exact: true })
      .selectOption({ label: 'Jan Kowalski (ma potrzebne umiejętności, zajęty 0 min)' })
    await page.getByRole('button', { name: 'Przydziel' }).click()
    await visible(page.getByText('Przydzieleni: Jan Kowalski'))
    // His labour clock runs while he inspects the car, and stops.
    await page.getByRole('button', { name: 'Start pracy: Jan Kowalski' }).click()
    await page.getByRole('button', { name: 'Koniec pracy: Jan Kowalski' }).click()
    await visible(page.getByRole('button', { name: 'Start pracy: Jan Kowalski' }))
    await page.getByLabel('Wpis').fill('Zawory pęknięte, do wymiany')
    await page.getByRole('button', { name: 'Dodaj wpis' }).click()
    await visible(page.locator('.log').getByText('Zawory pęknięte, do wymiany'))
    await app.screenshot(page, 'staff-phone-order-estimate')
    await accessible(page, 'the order page')

    // The estimate goes to the customer, who approves it at the desk.
    await page.getByRole('button', { name: 'Przekaż kosztorys klientowi' }).click()
    await visible(page.getByText(/Kosztorys przekazany\. Kod do akceptacji online: [0-9A-Z]{4}(-[0-9A-Z]{4}){3}/))
    await visible(page.locator('.order-head').getByText('Kosztorys u klienta'))
    assert.equal(await page.getByLabel('Kto zdecydował').inputValue(), 'Marek Lis')
    await page.getByRole('button', { name: 'Zapisz decyzję' }).click()
    await visible(page.locator('.order-head').getByText('Zaakceptowane'))

    // Parts: the approved valves were reserved from Wola's stock by the policy; they are issued to Jan.
    const parts = page.getByRole('region', { name: 'Części' })
    await visible(parts)
    await page.getByRole('button', { name: 'Zarezerwuj zaakceptowane części' }).click()
    await parts.getByLabel('Ilość').fill('4')
    await page.getByRole('button', { name: 'Wydaj z magazynu' }).click()
    await visible(parts.getByText(/Zlecenie ma: /))
    assert.match((await parts.textContent()) ?? '', /VALVE-TR413 × 4 — na stanie 6, zarezerwowane 0, dostępne 6/)

    // Repair, a point status on top of it and out of it, ready, handover.
    await page.getByRole('button', { name: 'Rozpocznij naprawę' }).click()
    await visible(page.locator('.order-head').getByText('W naprawie'))
    await page.getByLabel('Status', { exact: true }).selectOption('waiting_for_parts')
    await page.getByRole('button', { name: 'Ustaw status' }).click()
    await visible(page.locator('.order-head').getByText('W naprawie · Czeka na części'))
    await page.getByRole('button', { name: 'Zakończ status „Czeka na części”' }).click()
    await visible(page.locator('.order-head').getByText('W naprawie', { exact: true }))
    await page.getByLabel('Podsumowanie prac').fill('Opony zimowe założone, zawory wymienione, koła wyważone')
    await page.getByRole('button', { name: 'Gotowe do odbioru' }).click()
    await visible(page.locator('.order-head').getByText('Gotowe do odbioru'))
    assert.equal(await page.getByRole('textbox', { name: 'Odbiera' }).inputValue(), 'Marek Lis')
    await page.getByLabel('Przebieg przy wydaniu (km)').fill('120510')
    await sign(page, page.getByRole('img', { name: 'Podpis odbierającego' }))
    await page.getByRole('button', { name: 'Wydaj', exact: true }).click()
    await visible(page.locator('.order-head').getByText('Wydane'))
    await app.screenshot(page, 'staff-phone-order-handed-over')

    // The handover protocol: a real PDF naming the order, the plate and who signed it on the phone.
    const handover = await pdfText(
      page,
      page.getByRole('button', { name: 'Protokół wydania (PDF)' }),
      'staff-handover-protocol',
    )
    assert.match(handover, /Protokół wydania/)
    assert.match(handover, /WI ?777AA/, 'the protocol names the plate')
    assert.ok(handover.includes(orderId), 'the protocol names the order')
    assert.match(handover, /Podpisano elektronicznie: Marek Lis/)
    assert.match(handover, /120 510 km/)
    // The intake protocol of the same order, signed at intake, with the customer's words.
    const intake = await pdfText(
      page,
      page.getByRole('button', { name: 'Protokół przyjęcia (PDF)' }),
      'staff-intake-protocol',
    )
    assert.match(intake, /Wymiana opon na zimowe, drgania kierownicy/)
    assert.match(intake, /Podpisano elektronicznie: Marek Lis/)
    await context.close()
  })

  it('shows the board with the overdue order highlighted, and finds the customer and the car with their history', async () => {
    const context = await app.context(DESKTOP)
    const page = await context.newPage()
    current = page
    await login(page, '#/orders', app.network.logins.staff)
    await visible(page.getByRole('heading', { name: /Zlecenia · Opony Test Wola/ }))
    const alerts = page.locator('.alerts')
    await eventually(page, alerts.getByText(seeded.overdue.plate))
    assert.match((await alerts.textContent()) ?? '', /WE4040P — Po terminie o 2 h \d+ min/)
    // The ticket whose SLA reaction time has passed, highlighted with the breach named.
    await eventually(page, alerts.locator('.sla-breached'))
    assert.match(
      (await alerts.locator('.sla-breached').textContent()) ?? '',
      new RegExp(`SLA przekroczone: ${seeded.breachedTicket.subject}`),
    )
    const card = page.locator('.order-card.overdue', { hasText: seeded.overdue.plate })
    await visible(card)
    assert.match((await card.textContent()) ?? '', /Po terminie o 2 h/)
    // The handed-over order has left the board; another point's order was never on it.
    const board = (await page.locator('.board-columns').textContent()) ?? ''
    assert.ok(!board.includes('WI777AA'), 'a handed-over order is not on the board')
    assert.ok(!board.includes(seeded.other.plate), 'another point’s order is not on the board')
    await app.screenshot(page, 'staff-desktop-board')
    await accessible(page, 'the board')
    await page.setViewportSize(PHONE)
    await app.screenshot(page, 'staff-phone-board')
    await page.setViewportSize(DESKTOP)

    // Customer search, in English this time: the customer and the car, each with the repair.
    await page.getByLabel('Język').selectOption('en')
    await page.getByRole('link', { name: 'Customers and vehicles' }).click()
    // With the keyboard only: type, Enter submits; Tab reaches the customer's link, Enter opens it.
    await page.getByLabel('Search', { exact: true }).fill('Lis')
    await page.keyboard.press('Enter')
    await eventually(page, page.getByRole('link', { name: 'Marek Lis' }))
    await page.getByLabel('Search', { exact: true }).focus()
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab')
      if ((await page.evaluate('document.activeElement?.textContent')) === 'Marek Lis') break
    }
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Marek Lis')
    await page.keyboard.press('Enter')
    const history = page.locator('.history')
    await eventually(page, history.getByText('Opony zimowe założone, zawory wymienione, koła wyważone'))
    assert.match((await history.textContent()) ?? '', /Handed over/)
    assert.match((await history.textContent()) ?? '', /Sezonowa wymiana kół — approved/)
    await page.getByLabel('Search', { exact: true }).fill('WI777')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await eventually(page, page.getByRole('link', { name: 'WI777AA' }))
    await page.getByRole('link', { name: 'WI777AA' }).click()
    await visible(page.getByRole('heading', { name: /Repair history: WI ?777AA Toyota Corolla/ }))
    await eventually(page, page.locator('.history').getByText('Wymiana opon na zimowe, drgania kierownicy'))
    await app.screenshot(page, 'staff-desktop-equipment-history')
    await accessible(page, 'the search with a repair history')
    await page.locator('.history a').first().click()
    await visible(page.getByRole('heading', { name: /^Work order · WI ?777AA/ }))
    await visible(page.locator('.order-head').getByText('Handed over'))

    // The late order gets a new promised date: it is no longer late, and the board's alert goes.
    await page.goto(`/staff/#/order/${seeded.overdue.workOrderId}`)
    await visible(page.getByText(/^Late by 2 h/))
    await page.getByLabel('New date (empty: none)').fill(`${app.network.tomorrow}T12:00`)
    await page.getByRole('button', { name: 'Change the date' }).click()
    await page.getByText(/^Late by/).waitFor({ state: 'detached', timeout: SHORT })
    await page.getByRole('link', { name: 'Back to the board' }).click()
    await visible(page.getByRole('heading', { name: /Work orders · Opony Test Wola/ }))
    await eventually(
      page,
      page.locator('.order-card', { hasText: seeded.overdue.plate }).and(page.locator(':not(.overdue)')),
    )
    assert.equal(await page.locator('.alerts .alert-overdue').count(), 0)
    await context.close()
  })

  it('refuses a point employee another point’s orders, in words; head office sees them', async () => {
    const context = await app.context(PHONE)
    const page = await context.newPage()
    current = page
    await login(page, `#/order/${seeded.other.workOrderId}`, app.network.logins.staff)
    const alert = page.getByRole('alert')
    await visible(alert)
    assert.equal(((await alert.textContent()) ?? '').trim(), 'To konto nie ma dostępu do tych danych.')
    assert.equal(await alert.getAttribute('data-code'), 'TENANT_ACCESS_DENIED')
    assert.ok(!((await page.locator('main').textContent()) ?? '').includes(seeded.other.plate))
    await app.screenshot(page, 'staff-phone-other-point-order-refused')

    // The other point's board, asked for by its address, is refused the same way.
    await page.goto(`/staff/#/orders?point=${seeded.other.pointId}`)
    await visible(page.getByRole('alert').first())
    assert.match(
      (await page.getByRole('alert').first().textContent()) ?? '',
      /To konto nie ma dostępu do tych danych\./,
    )
    assert.equal(await page.locator('.order-card').count(), 0)
    await context.close()

    // Head office chooses the point on the board and sees its order.
    const office = await (await app.context(DESKTOP)).newPage()
    current = office
    await login(office, '#/orders', app.network.logins.headOffice)
    await visible(office.getByRole('heading', { name: /^Zlecenia · / }))
    await office.getByLabel('Serwis').selectOption(seeded.other.pointId)
    await visible(office.getByRole('heading', { name: 'Zlecenia · Opony Test Mokotów' }))
    await eventually(office, office.locator('.order-card', { hasText: seeded.other.plate }))
    await office.context().close()
  })
})
