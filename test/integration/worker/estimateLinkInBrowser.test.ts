// The estimate's approval link as a customer uses it: the whole platform (embedded stores, the
// projections and the notification worker, as under `npm start`) serves the portal on a loopback
// port; an estimate sent by SMS reaches the twilio stand-in with the link; Debian's Chromium opens
// the link: the estimate shows at once, no login and no code typed; the customer approves a line and
// declines the other, and the API has both answers, given through the link.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { type ServerHandle, startServer } from '../../../api/server.js'
import { composePlatform, type Platform } from '../../../infrastructure/composition.js'
import { loadConfig } from '../../../infrastructure/config.js'
import { buildWeb } from '../../../scripts/buildWeb.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import { type OfficeNetwork, seedOfficeNetwork } from '../../e2e/web/support/officeNetwork.js'
import { type SmallNetwork, seedSmallNetwork } from '../../e2e/web/support/smallNetwork.js'
import { ARTIFACTS, CHROMIUM, PHONE } from '../../e2e/web/support/webApp.js'
import { TwilioStandIn } from '../notify/support/twilioStandIn.js'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The worker reads its settings from the environment, as `npm start` does. */
const ENV_KEYS = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_FROM',
  'TWILIO_API_BASE_URL',
  'PUBLIC_BASE_URL',
  'SMTP_URL',
  'SMS_QUIET_HOURS',
  'REDIS_URL',
] as const

describe('the estimate link from an SMS, opened in Chromium against the running platform', function () {
  this.timeout(180_000)
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
  let dataDir: string
  let sms: TwilioStandIn
  let platform: Platform | null = null
  let server: ServerHandle | null = null
  let browser: Browser | null = null
  let url: string
  let network: SmallNetwork
  let office: OfficeNetwork

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`)
    await buildWeb({ ifStale: true, quiet: true })
    sms = await new TwilioStandIn().start()
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    Object.assign(process.env, {
      TWILIO_ACCOUNT_SID: `AC${'2'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+48500000000',
      TWILIO_API_BASE_URL: sms.baseUrl,
      PUBLIC_BASE_URL: url,
    })
    delete process.env.SMTP_URL
    delete process.env.SMS_QUIET_HOURS // the default; the point's clock shows about noon
    delete process.env.REDIS_URL // the embedded scheduler, as `npm start` alone
    dataDir = mkdtempSync(join(tmpdir(), 'estimate-link-'))
    const config = loadConfig({ DATA_DIR: dataDir, LOG_REQUESTS: '0', SQLITE_SYNCHRONOUS: 'NORMAL' })
    platform = await composePlatform(config, { runProjections: true, runNotifications: true })
    network = await seedSmallNetwork(platform)
    office = await seedOfficeNetwork(platform, network)
    server = await startServer(platform.app, port, () => (platform as Platform).close())
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    })
  })

  after(async () => {
    await browser?.close().catch(() => {})
    if (server) await server.close()
    else await platform?.close()
    await sms?.stop()
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens the estimate at once and takes the answer, without a login or a code', async () => {
    const { workOrderId, lines } = office.estimate
    const linkIn = (body: string) => new RegExp(`${url}/#/estimate/${workOrderId}\\?token=[\\w.-]+`).exec(body)?.[0]
    await waitUntil(() => sms.requests.some((r) => linkIn(r.form.Body ?? '')), 'the estimate SMS', 60_000)
    const message = sms.requests.find((r) => linkIn(r.form.Body ?? ''))
    assert.equal(message?.form.To, '+48600700800')
    const link = linkIn(message?.form.Body ?? '') as string

    const context = await (browser as Browser).newContext({
      viewport: PHONE,
      locale: 'pl-PL',
      timezoneId: network.timeZone,
    })
    const page = await context.newPage()
    await page.goto(link)
    const [first, second] = lines.map((l) => page.getByRole('listitem', { name: l.description }))
    assert.ok(first && second)
    await first.waitFor({ state: 'visible', timeout: 15_000 })
    await second.waitFor({ state: 'visible', timeout: 15_000 })
    assert.equal(await page.getByLabel('Kod kosztorysu').count(), 0, 'no code to type')
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, 'portal-estimate-from-sms-link.png'), fullPage: true })
    await first.getByRole('radio', { name: 'Akceptuję' }).check()
    await second.getByRole('radio', { name: 'Odrzucam' }).check()
    await page.getByLabel('Twoje imię i nazwisko').fill('Ewa Kowalczyk')
    await page.getByRole('button', { name: 'Wyślij decyzję' }).click()
    await page.getByText('Dziękujemy, decyzja została zapisana.', { exact: false }).waitFor({ timeout: 15_000 })

    // The API: both answers, given through the link (the token stands for the code).
    const token = new URLSearchParams(link.split('?')[1]).get('token') as string
    const res = await fetch(`${url}/tracking/${workOrderId}/estimate`, { headers: { 'X-Access-Code': token } })
    assert.equal(res.status, 200)
    const estimate = (await res.json()) as { lines: Array<{ lineId: string; decision: string }> }
    assert.deepEqual(
      Object.fromEntries(estimate.lines.map((l) => [l.lineId, l.decision])),
      Object.fromEntries(lines.map((l, i) => [l.lineId, i === 0 ? 'approved' : 'declined'])),
    )
    await context.close()
  })
})
