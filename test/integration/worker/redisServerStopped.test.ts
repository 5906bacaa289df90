// A REAL Redis server stopped under the running worker. The test starts its own `redis-server` on a
// free loopback port (no persistence: --save "" --appendonly no), runs `npm run worker`
// (scripts/worker.ts) against it as a child process with a SQLite log and a local SMTP server, and
// while bookings keep arriving:
//   1. the first bookings' confirmations go out;
//   2. the Redis server is stopped: the worker logs the refused connections, sends nothing, and its
//      subscriber's checkpoint stays before the bookings that arrive meanwhile (their jobs could not
//      be enqueued);
//   3. the Redis server is started again on the same port: the worker reconnects by itself, resumes
//      from its checkpoint, and every booking made during the outage gets its confirmation. In the
//      end each confirmation reached the SMTP server once and is recorded once.
//   4. the restarted server is empty: the jobs it held are gone (the first bookings' 24 h reminders,
//      delayed jobs). The worker notices (its marker key is missing, infrastructure/notify/
//      redisDataGuard.ts), says so, and replays the log from the start: every reminder is back at its
//      time, and no confirmation is sent twice (the sent-check).
import assert from 'node:assert/strict'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadCheckpoint } from '../../../application/jobs/subscriberCheckpoint.js'
import { BOOKING_NOTIFICATIONS } from '../../../application/notifications/bookingNotifications.js'
import { reminderJobId } from '../../../application/notifications/bookingReminderPolicy.js'
import { notificationStream } from '../../../application/notifications/notificationEvents.js'
import type { JobQueue } from '../../../application/ports/jobQueue.js'
import { embeddedFiles, eventCatalogue } from '../../../infrastructure/composition.js'
import { SqliteDocumentStore } from '../../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { openJobQueue } from '../../../infrastructure/jobs/openJobQueue.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import { SmtpStandIn } from '../notify/support/smtpStandIn.js'
import { BookingHistory } from './support/bookingHistory.js'
import { freePort, redisServerPath } from './support/redisServer.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const DAY = 24 * 3600_000
const BEFORE = 8
const DURING = 8

describe('a real Redis server stopped under the running worker', function () {
  this.timeout(120_000)
  const binary = redisServerPath()
  let port: number
  let redis: ChildProcess | null = null
  let worker: ChildProcess | null = null
  let dir: string
  let smtp: SmtpStandIn
  let events: SqliteEventStore
  let documents: SqliteDocumentStore
  let queue: JobQueue
  const workerLog: string[] = []

  async function startRedis(): Promise<void> {
    const started = spawn(
      binary as string,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    )
    redis = started
    await waitUntil(async () => {
      try {
        execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { stdio: 'pipe' })
        return true
      } catch {
        return false
      }
    }, 'redis-server answering')
  }

  async function stop(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }

  before(async function () {
    if (!binary) {
      console.log('    (redis-server is not installed: skipped)')
      this.skip()
    }
    port = await freePort()
    dir = await mkdtemp(path.join(os.tmpdir(), 'redis-stopped-'))
    smtp = await new SmtpStandIn().start()
    events = new SqliteEventStore(embeddedFiles(dir).events, { synchronous: 'NORMAL' })
    await startRedis()
  })

  after(async () => {
    await stop(worker, 'SIGKILL')
    await queue?.close()
    await stop(redis, 'SIGKILL')
    await documents?.close()
    await events?.close()
    await smtp?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('logs the outage, loses and doubles no confirmation, and resumes from its checkpoint when Redis is back', async () => {
    const redisUrl = `redis://127.0.0.1:${port}`
    const history = new BookingHistory(events, eventCatalogue())
    await history.point()
    worker = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dir,
        SQLITE_SYNCHRONOUS: 'NORMAL',
        REDIS_URL: redisUrl,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
        MAIL_FROM: 'no-reply@tyres.example',
        JOBS_PREFIX: 'outage',
        JOB_BACKOFF_MS: '200',
        JOB_LOCK_MS: '2000',
        JOB_STALLED_INTERVAL_MS: '1000',
        WORKER_ID: 'redis-outage-worker',
        REMINDERS: '24h',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    worker.stderr?.on('data', (chunk: Buffer) => workerLog.push(chunk.toString('utf8')))
    const book = async (ids: string[]): Promise<number> => {
      let position = 0
      for (const [i, id] of ids.entries())
        position = await history.book(id, Date.now() + 3 * DAY + i * 60_000, { phone: null })
      return position
    }

    // 1. Confirmations go out while Redis runs.
    const before = Array.from({ length: BEFORE }, () => randomUUID())
    const lastBefore = await book(before)
    await waitUntil(() => smtp.received.length === BEFORE, 'the first confirmations', 60_000)

    // 2. Redis stops (as a crash would: no save). Bookings keep arriving.
    await stop(redis, 'SIGKILL')
    const headBefore = await events.headPosition()
    const during = Array.from({ length: DURING }, () => randomUUID())
    await book(during)
    await waitUntil(() => /ECONNREFUSED|Connection is closed/.test(workerLog.join('')), 'the outage logged', 30_000)
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    assert.equal(smtp.received.length, BEFORE, 'nothing sent while the queue is down')
    documents = new SqliteDocumentStore(embeddedFiles(dir).readModels)
    const held = await loadCheckpoint(documents, BOOKING_NOTIFICATIONS)
    // At most the head before the outage: a batch whose jobs were in flight when Redis died (say, the
    // last booking's reminder) is not checkpointed either, and is carried out again after the restart.
    assert.ok(
      held > 0 && held <= headBefore,
      `the checkpoint (${held}) stays before the bookings made during the outage (after ${headBefore}; the first ended at ${lastBefore})`,
    )
    const outageLines = workerLog
      .join('')
      .split('\n')
      .filter((line) => line.includes(`127.0.0.1:${port}`))
    assert.ok(outageLines.length > 0, 'the refused connection names the server')
    assert.match(outageLines[0] as string, /^\[jobs\] (redis|worker): .*(ECONNREFUSED|Connection is closed)/)

    // 3. Redis is back (empty): the worker reconnects and resumes from its checkpoint.
    await startRedis()
    await waitUntil(() => smtp.received.length >= BEFORE + DURING, 'the confirmations of the outage', 60_000)
    await waitUntil(
      async () => (await loadCheckpoint(documents, BOOKING_NOTIFICATIONS)) >= (await events.headPosition()) - 1,
      'the checkpoint past the outage',
      30_000,
    )
    await new Promise((resolve) => setTimeout(resolve, 1_000)) // a duplicate would arrive now
    assert.equal(smtp.received.length, BEFORE + DURING, workerLog.join('').slice(-3000))
    const perNotification = new Map<string, number>()
    for (const mail of smtp.received)
      perNotification.set(mail.notificationId, (perNotification.get(mail.notificationId) ?? 0) + 1)
    assert.equal(perNotification.size, BEFORE + DURING)
    for (const bookingId of [...before, ...during]) {
      const types: string[] = []
      for await (const e of events.readStream(notificationStream({ type: 'booking', id: bookingId })))
        types.push(e.type)
      assert.deepEqual(types, ['NotificationSent'], bookingId)
    }

    // 4. The empty server lost the reminders it held; the worker re-planned them from the log.
    assert.match(workerLog.join(''), /Redis has none of the jobs the checkpoints account for .*replaying the log/)
    queue = await openJobQueue({ redisUrl, dataDir: dir, prefix: 'outage', lockMs: 2000, stalledIntervalMs: 1000 })
    for (const bookingId of [...before, ...during])
      await waitUntil(
        async () => (await queue.get(reminderJobId('24h', bookingId)))?.state === 'delayed',
        `the reminder of ${bookingId}`,
        30_000,
      )
    assert.equal((await queue.counts()).delayed, BEFORE + DURING)
    assert.equal(smtp.received.length, BEFORE + DURING, 'the replay sent nothing again')
  })
})
