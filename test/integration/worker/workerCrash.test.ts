// Exactly one message per event across crashes: `npm run worker` (scripts/worker.ts) runs as a
// child process against a SQLite event log, BullMQ on the local Redis (or the embedded scheduler
// without one) and a local SMTP server. Bookings keep arriving while the worker is SIGKILLed
// twice in the middle of its work (each time while it is handing a message to the SMTP server,
// so that message is not accepted) and restarted. In the end every booking's confirmation has
// reached the SMTP server exactly once, and each is recorded once as NotificationSent.
//
// The worker runs one job at a time here, so each kill lands in exactly one known place: in
// the middle of one SMTP conversation (and, with bookings still arriving, in the middle of the
// subscriber's batch). With several jobs in flight a kill can also land in the one place the
// design cannot cover: after the SMTP server accepted another message and before the worker
// recorded it; that message is sent again on restart, with the same Message-ID (see
// application/notifications/notificationDispatcher.ts and docs/notifications.md).
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { notificationStream } from '../../../application/notifications/notificationEvents.js'
import type { JobQueue } from '../../../application/ports/jobQueue.js'
import { embeddedFiles, eventCatalogue } from '../../../infrastructure/composition.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { openJobQueue } from '../../../infrastructure/jobs/openJobQueue.js'
import { redisUnavailable, testPrefix, testRedisUrl } from '../../contract/jobQueue/redisForTests.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import { SmtpStandIn } from '../notify/support/smtpStandIn.js'
import { BookingHistory } from './support/bookingHistory.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const BOOKINGS = 40
const DAY = 24 * 3600_000

describe('worker process killed mid-batch and restarted', function () {
  this.timeout(90_000)
  let dir: string
  let smtp: SmtpStandIn
  let child: ChildProcess | null = null
  let events: SqliteEventStore
  let queue: JobQueue
  let redisUrl: string | null
  const prefix = testPrefix('worker-crash')
  const childLog: string[] = []
  /** Accepted-message counts at which the running worker is killed (before the server answers). */
  const killAt = [8, 20]
  let kills = 0

  function startWorker(): ChildProcess {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dir,
      SQLITE_SYNCHRONOUS: 'NORMAL',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
      MAIL_FROM: 'no-reply@tyres.example',
      JOBS_PREFIX: prefix,
      JOB_LOCK_MS: '2000',
      JOB_STALLED_INTERVAL_MS: '1000',
      JOB_BACKOFF_MS: '200',
      WORKER_ID: 'crash-test-worker',
      REMINDERS: '24h',
      JOB_CONCURRENCY: '1',
    }
    if (redisUrl) env.REDIS_URL = redisUrl
    else delete env.REDIS_URL
    const started = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    started.stderr?.on('data', (chunk: Buffer) => childLog.push(chunk.toString('utf8')))
    child = started
    return started
  }

  async function kill(target: ChildProcess): Promise<void> {
    if (target.exitCode !== null || target.signalCode !== null) return
    const exited = new Promise((resolve) => target.once('exit', resolve))
    target.kill('SIGKILL')
    await exited
  }

  before(async () => {
    redisUrl = (await redisUnavailable()) ? null : testRedisUrl
    if (!redisUrl) console.log('    (Redis not reachable: the worker runs on the embedded scheduler)')
    dir = await mkdtemp(path.join(os.tmpdir(), 'worker-crash-'))
    events = new SqliteEventStore(embeddedFiles(dir).events, { synchronous: 'NORMAL' })
    queue = await openJobQueue({ redisUrl, dataDir: dir, prefix, lockMs: 2000, stalledIntervalMs: 1000 })
    smtp = await new SmtpStandIn({
      // Slow enough that kills land while messages are in flight; the kill happens before the
      // server answers 250, so (as in SMTP) that message is not accepted and must be sent again.
      beforeAccept: async () => {
        await new Promise((resolve) => setTimeout(resolve, 15))
        const target = child
        if (kills < killAt.length && smtp.received.length + 1 >= killAt[kills]! && target) {
          kills++
          await kill(target)
          throw new Error('worker killed mid-conversation')
        }
      },
    }).start()
  })

  after(async () => {
    if (child) await kill(child)
    if (redisUrl && 'obliterate' in queue) await (queue as unknown as { obliterate(): Promise<void> }).obliterate()
    await queue.close()
    await events.close()
    await smtp.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('delivers every confirmation exactly once and records it once', async () => {
    const history = new BookingHistory(events, eventCatalogue())
    await history.point()
    const bookingIds = Array.from({ length: BOOKINGS }, () => randomUUID())
    startWorker()
    // Bookings keep arriving while the worker works and dies: the subscriber is mid-batch
    // (enqueued, not yet checkpointed) when it is killed.
    const arrivals = (async () => {
      for (const [i, bookingId] of bookingIds.entries()) {
        await history.book(bookingId, Date.now() + 3 * DAY + i * 60_000, { phone: null })
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    for (let restart = 0; restart < killAt.length; restart++) {
      await waitUntil(() => kills > restart, `kill ${restart + 1}`, 60_000)
      startWorker()
    }
    await arrivals
    await waitUntil(() => smtp.received.length >= BOOKINGS, `${BOOKINGS} messages`, 60_000)
    // Let anything still in flight (a duplicate would be) arrive: the queue drains to the reminders.
    await waitUntil(
      async () => {
        const c = await queue.counts()
        return c.waiting === 0 && c.active === 0 && c.completed === BOOKINGS
      },
      'queue drained',
      30_000,
    )

    assert.equal(kills, killAt.length, 'the worker was killed twice')
    assert.equal(smtp.received.length, BOOKINGS, childLog.join(''))
    const perNotification = new Map<string, number>()
    for (const mail of smtp.received)
      perNotification.set(mail.notificationId, (perNotification.get(mail.notificationId) ?? 0) + 1)
    assert.equal(perNotification.size, BOOKINGS)
    assert.ok([...perNotification.values()].every((n) => n === 1))
    for (const bookingId of bookingIds) {
      assert.ok(
        smtp.received.some((m) => m.to[0] === `jan.${bookingId}@example.com`),
        bookingId,
      )
      const recorded: string[] = []
      for await (const e of events.readStream(notificationStream({ type: 'booking', id: bookingId })))
        recorded.push(e.type)
      assert.deepEqual(recorded, ['NotificationSent'], bookingId)
    }
    // One reminder per booking, none doubled.
    assert.equal((await queue.counts()).delayed, BOOKINGS)
  })
})
