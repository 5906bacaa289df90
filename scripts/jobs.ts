// `npm run jobs -- <command>`: look at and repair the job queue the worker uses (BullMQ when
// REDIS_URL is set, else the embedded scheduler in DATA_DIR).
//
//   npm run jobs -- counts          waiting, delayed, active, failed, completed
//   npm run jobs -- failed [limit]  failed jobs, newest first, with the reason
//   npm run jobs -- retry <id>      give a failed job a fresh set of attempts, due now
//   npm run jobs -- show <id>       one job
import type { JobInfo } from '../application/ports/jobQueue.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'
import { openJobQueue } from '../infrastructure/jobs/openJobQueue.js'
import { loadNotificationConfig } from '../infrastructure/notify/notificationConfig.js'

const USAGE = 'usage: npm run jobs -- counts | failed [limit] | retry <job id> | show <job id>'

function describe(job: JobInfo): string {
  return [
    `${job.id}  ${job.name}  ${job.state}  due ${new Date(job.runAt).toISOString()}  attempts ${job.attemptsMade}/${job.maxAttempts}`,
    ...(job.failedReason ? [`    reason: ${job.failedReason}`] : []),
    `    payload: ${JSON.stringify(job.payload)}`,
  ].join('\n')
}

async function main(): Promise<number> {
  const [command, arg] = process.argv.slice(2)
  if (!command) {
    console.error(USAGE)
    return 2
  }
  const config = loadConfig()
  const notify = loadNotificationConfig()
  const queue = await openJobQueue({
    redisUrl: config.redisUrl,
    dataDir: config.dataDir,
    prefix: notify.jobsPrefix,
    lockMs: notify.lockMs,
    stalledIntervalMs: notify.stalledIntervalMs,
  })
  try {
    switch (command) {
      case 'counts':
        console.log(JSON.stringify(await queue.counts()))
        return 0
      case 'failed': {
        const limit = arg ? Number(arg) : 50
        if (!Number.isInteger(limit) || limit <= 0) throw new ConfigError(`limit must be a positive integer: ${arg}`)
        const failed = await queue.failed(limit)
        if (failed.length === 0) console.log('no failed jobs')
        for (const job of failed) console.log(describe(job))
        return 0
      }
      case 'retry': {
        if (!arg) throw new ConfigError(USAGE)
        if (await queue.retry(arg)) {
          console.log(`${arg}: retrying now`)
          return 0
        }
        const job = await queue.get(arg)
        console.error(job ? `${arg} is ${job.state}, not failed: nothing to retry` : `no job ${arg}`)
        return 1
      }
      case 'show': {
        if (!arg) throw new ConfigError(USAGE)
        const job = await queue.get(arg)
        if (!job) {
          console.error(`no job ${arg}`)
          return 1
        }
        console.log(describe(job))
        return 0
      }
      default:
        console.error(USAGE)
        return 2
    }
  } finally {
    await queue.close()
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error))
    process.exitCode = 1
  },
)
