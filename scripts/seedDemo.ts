// `npm run seed:demo`: builds the demo network (scripts/demo/seedNetwork.ts) in the configured
// stores, through the application services, and prints the demo logins. DEMO_NOW=<ISO instant>
// pins "now" (the demo's past and future are laid around it), for a reproducible network.
import { composePlatform } from '../infrastructure/composition.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'
import { DemoAlreadySeeded, demoLoginLines, seedDemoPlatform } from './demo/seedPlatform.js'

async function main(): Promise<void> {
  const config = loadConfig()
  const platform = await composePlatform(config, { runProjections: false })
  const started = Date.now()
  try {
    const log = (line: string) => console.error(`[seed:demo] ${line}`)
    const summary = await seedDemoPlatform(platform, {
      log,
      ...(process.env.DEMO_NOW ? { now: new Date(process.env.DEMO_NOW) } : {}),
    })
    for (const line of demoLoginLines(summary)) log(line)
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; read models catch up on the next npm start`)
  } finally {
    await platform.close()
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DemoAlreadySeeded
  console.error(`[seed:demo] ${error instanceof Error ? (known ? error.message : error.stack) : String(error)}`)
  process.exitCode = 1
})
