// `npm start`: the API and the projection runners in one process, on the stores the environment
// configures (embedded SQLite in DATA_DIR when nothing is set).
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { closeOnSignals, startServer } from '../api/server.js'
import { BootstrapInputError, bootstrapHeadOfficeFromEnv } from '../application/access/bootstrapHeadOffice.js'
import { composePlatform, embeddedFiles, type Platform } from '../infrastructure/composition.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'
import { demoLoginLines, seedDemoPlatform } from './demo/seedPlatform.js'

const log = (message: string) => console.error(`[start] ${message}`)

/**
 * A new embedded installation has no way in: unless BOOTSTRAP_ADMIN_* say otherwise, create a
 * head-office account with a random password and print it once, so a newcomer can log in at once.
 * Never done against server stores, where an operator bootstraps on purpose.
 */
async function ensureHeadOffice(platform: Platform): Promise<void> {
  const meta = { correlationId: `start-${randomUUID()}`, causationId: null, now: new Date().toISOString() }
  const env = { ...process.env }
  const embedded = !platform.config.eventStoreUrl
  if (embedded && !env.BOOTSTRAP_ADMIN_EMAIL && !env.BOOTSTRAP_ADMIN_PASSWORD) {
    if (await platform.access.accounts.headOfficeExists()) return
    env.BOOTSTRAP_ADMIN_EMAIL = 'admin@localhost.localdomain'
    env.BOOTSTRAP_ADMIN_PASSWORD = randomBytes(12).toString('base64url')
    const outcome = await bootstrapHeadOfficeFromEnv(platform.access.accounts, env, meta)
    if (outcome.kind === 'created')
      log(
        `created head-office account ${env.BOOTSTRAP_ADMIN_EMAIL} with password ${env.BOOTSTRAP_ADMIN_PASSWORD} (shown once)`,
      )
    return
  }
  const outcome = await bootstrapHeadOfficeFromEnv(platform.access.accounts, env, meta)
  if (outcome.kind === 'created') log(`created head-office account ${outcome.account.email}`)
  if (outcome.kind === 'email_taken') log('BOOTSTRAP_ADMIN_EMAIL belongs to an account that is not head office')
}

async function main(): Promise<void> {
  const config = loadConfig()
  // A new embedded installation (no event log yet) gets the demo network, so a newcomer sees a
  // working network at once; SEED_DEMO=0 starts empty.
  const seedDemo =
    !config.eventStoreUrl && process.env.SEED_DEMO !== '0' && !existsSync(embeddedFiles(config.dataDir).events)
  const platform = await composePlatform(config, {
    runProjections: true,
    runNotifications: true,
    deferBackground: seedDemo,
  })
  try {
    await ensureHeadOffice(platform)
    if (seedDemo) {
      log('new installation: building the demo network through the application services (SEED_DEMO=0 skips this)…')
      const summary = await seedDemoPlatform(platform, { log: (line) => log(`demo: ${line}`) })
      for (const line of demoLoginLines(summary)) log(line)
    }
  } catch (error) {
    await platform.close()
    throw error
  }
  // A port already in use must end the process, not leave the runners going with nobody listening.
  const handle = await startServer(platform.app, config.port, () => platform.close(), { host: config.host }).catch(
    async (error: unknown) => {
      await platform.close()
      throw error
    },
  )
  // The runners start once the port is open: after the demo seed their first catch-up keeps the
  // event loop busy for a while (tens of seconds on a loaded machine), and listening behind it
  // would keep a newcomer from even the login page that long. Until a read model has caught up,
  // its routes answer 503 READ_MODEL_NOT_READY and /ready reports the lag.
  platform.startBackground()
  closeOnSignals(handle)
  const where = config.eventStoreUrl ? 'EventStoreDB' : `embedded SQLite in ${config.dataDir}`
  log(`API listening on ${handle.url} (events: ${where}; read models: ${config.mongoUrl ? 'MongoDB' : 'SQLite'})`)
}

main().catch((error: unknown) => {
  const oneLine = error instanceof ConfigError || error instanceof BootstrapInputError
  console.error(`[start] ${error instanceof Error ? (oneLine ? error.message : error.stack) : String(error)}`)
  process.exitCode = 1
})
