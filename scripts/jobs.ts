// `npm run jobs -- <command>`: look at and repair the job queues the workers use (BullMQ when
// REDIS_URL is set, else the embedded schedulers in DATA_DIR): every queue, `notifications`
// (bookings, work orders, tickets), `due-services` and `report-emails`, unless `--queue <name>` picks one.
//
//   npm run jobs -- counts          per queue: waiting, delayed, active, failed, completed
//   npm run jobs -- failed [limit]  failed jobs of each queue, newest first, with the reason
//   npm run jobs -- retry <id>      give a failed job a fresh set of attempts, due now (in whichever queue holds it)
//   npm run jobs -- show <id>       one job (in whichever queue holds it)
import type { JobInfo } from '../application/ports/jobQueue.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'
import {
  isJobQueueName,
  JOB_QUEUE_NAMES,
  type JobQueueName,
  type NamedJobQueue,
  openJobQueues,
} from '../infrastructure/jobs/jobQueues.js'
import { loadNotificationConfig } from '../infrastructure/notify/notificationConfig.js'

const USAGE =
  'usage: npm run jobs -- counts | failed [limit] | retry <job id> | show <job id>  [--queue ' +
  `${JOB_QUEUE_NAMES.join('|')}]`

function describe(queue: JobQueueName, job: JobInfo): string {
  return [
    `${job.id}  ${job.name}  ${job.state}  queue ${queue}  due ${new Date(job.runAt).toISOString()}  attempts ${job.attemptsMade}/${job.maxAttempts}`,
    ...(job.failedReason ? [`    reason: ${job.failedReason}`] : []),
    `    payload: ${JSON.stringify(job.payload)}`,
  ].join('\n')
}

/** `--queue <name>` anywhere among the arguments; the rest in order. */
function parseArgs(argv: ReadonlyArray<string>): { rest: string[]; only: JobQueueName | null } {
  const rest: string[] = []
  let only: JobQueueName | null = null
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--queue' || arg.startsWith('--queue=')) {
      const name = arg === '--queue' ? argv[++i] : arg.slice('--queue='.length)
      if (!name || !isJobQueueName(name))
        throw new ConfigError(`--queue must be one of ${JOB_QUEUE_NAMES.join(', ')}, got ${name ?? 'nothing'}`)
      only = name
    } else rest.push(arg)
  }
  return { rest, only }
}

async function findJob(queues: ReadonlyArray<NamedJobQueue>, id: string) {
  const found: Array<{ readonly name: JobQueueName; readonly job: JobInfo; readonly entry: NamedJobQueue }> = []
  for (const entry of queues) {
    const job = await entry.queue.get(id)
    if (job) found.push({ name: entry.name, job, entry })
  }
  return found
}

async function run(queues: ReadonlyArray<NamedJobQueue>, command: string, arg: string | undefined): Promise<number> {
  switch (command) {
    case 'counts': {
      const counts: Record<string, unknown> = {}
      for (const { name, queue } of queues) counts[name] = await queue.counts()
      console.log(JSON.stringify(counts))
      return 0
    }
    case 'failed': {
      const limit = arg ? Number(arg) : 50
      if (!Number.isInteger(limit) || limit <= 0) throw new ConfigError(`limit must be a positive integer: ${arg}`)
      let any = false
      for (const { name, queue } of queues)
        for (const job of await queue.failed(limit)) {
          any = true
          console.log(describe(name, job))
        }
      if (!any) console.log('no failed jobs')
      return 0
    }
    case 'retry': {
      if (!arg) throw new ConfigError(USAGE)
      const found = await findJob(queues, arg)
      for (const { name, entry } of found)
        if (await entry.queue.retry(arg)) {
          console.log(`${arg}: retrying now (queue ${name})`)
          return 0
        }
      console.error(
        found.length > 0
          ? found
              .map(({ name, job }) => `${arg} is ${job.state}, not failed (queue ${name}): nothing to retry`)
              .join('\n')
          : `no job ${arg}`,
      )
      return 1
    }
    case 'show': {
      if (!arg) throw new ConfigError(USAGE)
      const found = await findJob(queues, arg)
      if (found.length === 0) {
        console.error(`no job ${arg}`)
        return 1
      }
      for (const { name, job } of found) console.log(describe(name, job))
      return 0
    }
    default:
      console.error(USAGE)
      return 2
  }
}

async function main(): Promise<number> {
  const { rest, only } = parseArgs(process.argv.slice(2))
  const [command, arg] = rest
  if (!command || !['counts', 'failed', 'retry', 'show'].includes(command)) {
    console.error(USAGE)
    return 2
  }
  const config = loadConfig()
  const queues = await openJobQueues(
    { redisUrl: config.redisUrl, dataDir: config.dataDir, config: loadNotificationConfig() },
    only ? [only] : JOB_QUEUE_NAMES,
  )
  try {
    return await run(queues, command, arg)
  } finally {
    await Promise.allSettled(queues.map((q) => q.queue.close()))
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
