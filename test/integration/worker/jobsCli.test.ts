// `npm run jobs`: lists failed jobs with their reason and retries one, on every queue the workers
// use (notifications, due-services, report-emails): on the embedded schedulers in a temporary
// DATA_DIR (REDIS_URL unset), and on BullMQ with the local Redis under a prefix of this run's own.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'
import { type JobQueue, PermanentJobFailure } from '../../../application/ports/jobQueue.js'
import { openDueServiceQueue } from '../../../infrastructure/dueServices/dueServiceWorker.js'
import { SqliteJobQueue } from '../../../infrastructure/jobs/embedded/sqliteJobQueue.js'
import { embeddedJobsFile } from '../../../infrastructure/jobs/openJobQueue.js'
import { loadNotificationConfig } from '../../../infrastructure/notify/notificationConfig.js'
import { openReportMailQueue } from '../../../infrastructure/reports/reportMailWorker.js'
import { keysUnder, redisUnavailable, testPrefix, testRedisUrl } from '../../contract/jobQueue/redisForTests.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'

const run = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** Removes this run's keys only (never anyone else's). */
async function deleteKeysUnder(prefix: string): Promise<void> {
  const keys = await keysUnder(prefix)
  if (keys.length === 0) return
  const client = new Redis(testRedisUrl)
  try {
    await client.del(...keys)
  } finally {
    client.disconnect()
  }
}

describe('jobs CLI (npm run jobs)', function () {
  this.timeout(60_000)
  let dir: string

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jobs-cli-'))
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function jobs(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return jobsWith({}, ...args)
  }

  async function jobsWith(
    extra: NodeJS.ProcessEnv,
    ...args: string[]
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir }
    delete env.REDIS_URL
    Object.assign(env, extra)
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/jobs.ts', ...args], {
        cwd: root,
        env,
      })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string }
      return { code: e.code, stdout: e.stdout, stderr: e.stderr }
    }
  }

  it('lists a failed job with its reason, retries it, and refuses to retry what has not failed', async () => {
    const queue = new SqliteJobQueue(embeddedJobsFile(dir), { pollMs: 20 })
    const processor = queue.process(async () => {
      throw new PermanentJobFailure('invalid e-mail address "jan@": not of the form name@domain.tld')
    })
    await queue.schedule({
      id: 'msg-0f6c',
      name: 'notify.booking-message',
      payload: { bookingId: 'b-1' },
      runAt: Date.now(),
    })
    await waitUntil(async () => (await queue.get('msg-0f6c'))?.state === 'failed', 'failed job')
    await processor.close()
    await queue.close()

    const failed = await jobs('failed')
    assert.equal(failed.code, 0, failed.stderr)
    assert.match(failed.stdout, /^msg-0f6c {2}notify\.booking-message {2}failed/m)
    assert.match(failed.stdout, /reason: invalid e-mail address "jan@"/)

    assert.match((await jobs('counts')).stdout, /"failed":1/)
    const retried = await jobs('retry', 'msg-0f6c')
    assert.equal(retried.code, 0, retried.stderr)
    assert.match(retried.stdout, /msg-0f6c: retrying now/)
    assert.match((await jobs('show', 'msg-0f6c')).stdout, /msg-0f6c {2}notify\.booking-message {2}waiting/)

    const again = await jobs('retry', 'msg-0f6c')
    assert.equal(again.code, 1)
    assert.match(again.stderr, /is waiting, not failed/)
    assert.equal((await jobs('retry', 'msg-none')).code, 1)
    assert.equal((await jobs()).code, 2)
  })

  /**
   * A job of each queue's own kind that fails for good, with its reason (one attempt: a plain error,
   * since the BullMQ adapter loaded by the queue's opener may see another copy of PermanentJobFailure
   * under mocha's loader).
   */
  async function failOne(queue: JobQueue, id: string, name: string, reason: string): Promise<void> {
    const processor = queue.process(async () => {
      throw new Error(reason)
    })
    await queue.schedule({ id, name, payload: { n: 1 }, runAt: Date.now(), attempts: 1 })
    await waitUntil(async () => (await queue.get(id))?.state === 'failed', `${id} failed`)
    await processor.close()
  }

  async function coversEveryQueue(env: NodeJS.ProcessEnv, open: () => Promise<Record<string, JobQueue>>) {
    const queues = await open()
    try {
      await failOne(queues['due-services']!, 'due-v1', 'due.reminder', 'equipment v1 not found')
      await failOne(queues['report-emails']!, 'report-s1-2026-11', 'report.email', 'SMTP 550 mailbox unavailable')
    } finally {
      for (const q of Object.values(queues)) await q.close()
    }
    const failed = await jobsWith(env, 'failed')
    assert.equal(failed.code, 0, failed.stderr)
    assert.match(failed.stdout, /^due-v1 {2}due\.reminder {2}failed {2}queue due-services/m)
    assert.match(failed.stdout, /reason: equipment v1 not found/)
    assert.match(failed.stdout, /^report-s1-2026-11 {2}report\.email {2}failed {2}queue report-emails/m)
    assert.match(failed.stdout, /reason: SMTP 550 mailbox unavailable/)

    const counts = JSON.parse((await jobsWith(env, 'counts')).stdout) as Record<string, { failed: number }>
    assert.deepEqual(Object.keys(counts), ['notifications', 'due-services', 'report-emails'])
    assert.equal(counts['due-services']?.failed, 1)
    assert.equal(counts['report-emails']?.failed, 1)

    // --queue picks one queue.
    const onlyDue = await jobsWith(env, 'failed', '--queue', 'due-services')
    assert.match(onlyDue.stdout, /due-v1/)
    assert.doesNotMatch(onlyDue.stdout, /report-s1-2026-11/)
    const bad = await jobsWith(env, 'counts', '--queue', 'nope')
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /^--queue must be one of notifications, due-services, report-emails, got nope$/m)

    // Retry finds the job in whichever queue holds it.
    const retried = await jobsWith(env, 'retry', 'report-s1-2026-11')
    assert.equal(retried.code, 0, retried.stderr)
    assert.match(retried.stdout, /report-s1-2026-11: retrying now \(queue report-emails\)/)
    assert.match(
      (await jobsWith(env, 'show', 'report-s1-2026-11')).stdout,
      /report\.email {2}waiting {2}queue report-emails/,
    )
    assert.match((await jobsWith(env, 'show', 'due-v1')).stdout, /due\.reminder {2}failed {2}queue due-services/)
  }

  it('covers the due-services and report-emails queues too (embedded schedulers)', async () => {
    const config = loadNotificationConfig({})
    await coversEveryQueue({}, async () => ({
      'due-services': await openDueServiceQueue(config, null, dir),
      'report-emails': await openReportMailQueue({ redisUrl: null, dataDir: dir, config }),
    }))
  })

  it('covers the due-services and report-emails queues on BullMQ (local Redis, own prefix)', async function () {
    const url = testRedisUrl
    const unavailable = await redisUnavailable(url)
    if (unavailable) {
      console.log(`    (${unavailable}: skipped)`)
      this.skip()
    }
    const prefix = testPrefix('jobscli')
    const config = loadNotificationConfig({ JOBS_PREFIX: prefix })
    try {
      await coversEveryQueue({ REDIS_URL: url, JOBS_PREFIX: prefix }, async () => ({
        'due-services': await openDueServiceQueue(config, url, dir),
        'report-emails': await openReportMailQueue({ redisUrl: url, dataDir: dir, config }),
      }))
    } finally {
      await deleteKeysUnder(prefix)
      assert.deepEqual(await keysUnder(prefix), [])
    }
  })
})
