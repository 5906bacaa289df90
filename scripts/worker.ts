// `npm run worker`: the projection runners without the API, for deployments that keep the
// API processes free of background work. Runners hold leases, so a worker and any number of API
// processes can run side by side: one instance projects each read model, the others stand by.
import { composePlatform } from '../infrastructure/composition.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'

const log = (message: string) => console.error(`[worker] ${message}`)

async function main(): Promise<void> {
  const platform = await composePlatform(loadConfig(), { runProjections: true })
  log(`running ${platform.projections.runners.map((r) => r.name).join(', ')}`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    log(`${signal}: stopping the runners`)
    platform.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  console.error(
    `[worker] ${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}`,
  )
  process.exitCode = 1
})
