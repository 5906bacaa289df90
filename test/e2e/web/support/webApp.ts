// The running app for the browser tests: the platform on embedded stores in a temporary DATA_DIR
// (projections running, as under npm start), a small network seeded through the application
// services, the HTTP server on a free port, and Debian's Chromium driven by playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { type ServerHandle, startServer } from '../../../../api/server.js'
import { composePlatform, type Platform } from '../../../../infrastructure/composition.js'
import { loadConfig } from '../../../../infrastructure/config.js'
import { buildWeb } from '../../../../scripts/buildWeb.js'
import { type SmallNetwork, seedSmallNetwork } from './smallNetwork.js'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'web')

export const PHONE = { width: 390, height: 844 } as const
export const DESKTOP = { width: 1280, height: 860 } as const

export interface WebApp {
  readonly url: string
  readonly network: SmallNetwork
  /** The running platform, for tests that seed more through the services. */
  readonly platform: Platform
  readonly browser: Browser
  /** A fresh browser context (its own storage: its own logins) in the point's time zone. */
  context(viewport: { width: number; height: number }, locale?: string): Promise<BrowserContext>
  screenshot(page: Page, name: string): Promise<void>
  close(): Promise<void>
}

export async function startWebApp(): Promise<WebApp> {
  // A build older than the sources would test yesterday's pages.
  await buildWeb({ ifStale: true, quiet: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'web-e2e-'))
  mkdirSync(ARTIFACTS, { recursive: true })
  const config = loadConfig({ DATA_DIR: dataDir, LOG_REQUESTS: '0', SQLITE_SYNCHRONOUS: 'NORMAL' })
  const platform = await composePlatform(config, { runProjections: true })
  let server: ServerHandle | null = null
  let browser: Browser | null = null
  try {
    const network = await seedSmallNetwork(platform)
    server = await startServer(platform.app, 0, () => platform.close())
    // launch() gives every run a fresh temporary profile (its own --user-data-dir).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    const url = server.url
    const running = { server, browser }
    return {
      url,
      network,
      platform,
      browser,
      context: (viewport, locale = 'pl-PL') =>
        running.browser.newContext({
          baseURL: url,
          viewport,
          locale,
          timezoneId: network.timeZone,
          isMobile: viewport.width < 600,
          hasTouch: viewport.width < 600,
        }),
      screenshot: async (page, name) => {
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
      },
      close: async () => {
        await running.browser.close().catch(() => {})
        await running.server.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await browser?.close().catch(() => {})
    if (server) await server.close()
    else await platform.close()
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}
