// `npm run worker`: the projection runners and the notification worker (messages about bookings,
// work orders and tickets: events → jobs → e-mail/SMS, see docs/notifications.md) without the API, for deployments that keep the API
// processes free of background work. Runners and the notification subscriber hold leases, so a
// worker and any number of API processes can run side by side: one instance projects each read
// model and turns events into jobs, the others stand by; every worker takes jobs.
import { composePlatform } from '../infrastructure/composition.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'

const log = (message: string) => console.error(`[worker] ${message}`)

async function main(): Promise<void> {
  const config = loadConfig()
  const platform = await composePlatform(config, { runProjections: true, runNotifications: true })
  log(`running ${platform.projections.runners.map((r) => r.name).join(', ')}`)
  const notifications = platform.notifications
  if (notifications)
    log(
      `notifications (${notifications.subscribers.map((s) => s.name).join(', ')}): ` +
        `jobs on ${config.redisUrl ? 'BullMQ (REDIS_URL)' : 'the embedded scheduler'}, ` +
        `e-mail via ${notifications.channels.email}, SMS via ${notifications.channels.sms}`,
    )
  if (platform.reportMail)
    log(
      `scheduled report e-mails: queue report-emails on ${config.redisUrl ? 'BullMQ' : 'the embedded scheduler'}, ` +
        `e-mail via ${platform.reportMail.channel}`,
    )
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
