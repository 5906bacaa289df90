// Web clients' speed (npm run bench:web): the app as `npm start` composes it on embedded stores in a
// temp dir, with the small network of the browser tests, and Debian's Chromium (playwright-core):
//   1. first page usable: a fresh browser context (cold cache) opens the customer portal; the time
//      from navigation to the first service checkbox being visible (the page has its texts, the
//      catalogue from the API, and takes input). Median of 7 runs;
//   2. the JavaScript the portal ships: every script the portal page loads (its entry and the chunks
//      it imports, from Vite's manifest), gzipped at level 9, in kB.
// Prints readable lines and, as the LAST line, one JSON object: { firstUsableMs, portalJsGzipKB }.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { startServer } from '../../api/server.js'
import { composePlatform, WEB_DIST } from '../../infrastructure/composition.js'
import { loadConfig } from '../../infrastructure/config.js'
import { seedSmallNetwork } from '../../test/e2e/web/support/smallNetwork.js'
import { buildWeb } from '../buildWeb.js'

const RUNS = 7

interface ManifestChunk {
  readonly file: string
  readonly imports?: readonly string[]
}

/** The portal's entry and every chunk it imports statically, as Vite's manifest lists them. */
function portalScripts(): string[] {
  const manifest = JSON.parse(readFileSync(join(WEB_DIST, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const files = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || files.has(chunk.file)) return
    files.add(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  visit('index.html')
  return [...files]
}

async function main(): Promise<void> {
  await buildWeb({ ifStale: true, quiet: true })
  const scripts = portalScripts()
  const gzipBytes = scripts.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(WEB_DIST, file)), { level: 9 }).length,
    0,
  )
  const portalJsGzipKB = Math.round((gzipBytes / 1024) * 10) / 10
  console.log(`portal JavaScript: ${scripts.length} files, ${portalJsGzipKB} kB gzipped (${scripts.join(', ')})`)

  const dataDir = mkdtempSync(join(tmpdir(), 'web-bench-'))
  const platform = await composePlatform(loadConfig({ DATA_DIR: dataDir, LOG_REQUESTS: '0' }), {
    runProjections: true,
  })
  await seedSmallNetwork(platform)
  const server = await startServer(platform.app, 0, () => platform.close())
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  })
  try {
    // The catalogue read model is built by the projections in the background: wait for it once.
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${server.url}/catalogue/services`)
      if (res.ok && ((await res.json()) as { total: number }).total > 0) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const times: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
      const page = await context.newPage()
      const started = performance.now()
      await page.goto(`${server.url}/`)
      await page.getByRole('checkbox').first().waitFor({ state: 'visible' })
      times.push(performance.now() - started)
      await context.close()
    }
    const sorted = [...times].sort((a, b) => a - b)
    const firstUsableMs = Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)
    console.log(`first page usable (cold cache, ${RUNS} runs): ${times.map((t) => Math.round(t)).join(', ')} ms`)
    console.log(`median ${firstUsableMs} ms (target < 1500 ms); portal JS ${portalJsGzipKB} kB gzipped (target < 200)`)
    console.log(JSON.stringify({ firstUsableMs, portalJsGzipKB }))
  } finally {
    await browser.close()
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error))
  process.exitCode = 1
})
