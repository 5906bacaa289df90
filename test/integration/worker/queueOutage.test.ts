// The queue unreachable (Redis down) while booking events arrive: the subscriber's checkpoint
// does not move past events whose jobs are not in the queue, and once the queue answers again
// every job is there, once.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { BookingLoader } from '../../../application/notifications/bookingLoader.js'
import { bookingNotificationsSubscriber } from '../../../application/notifications/bookingNotifications.js'
import { BookingReminderPolicy, messageJobId } from '../../../application/notifications/bookingReminderPolicy.js'
import type { JobQueue, JobSpec, RescheduleOutcome } from '../../../application/ports/jobQueue.js'
import { eventCatalogue } from '../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { SqliteJobQueue } from '../../../infrastructure/jobs/embedded/sqliteJobQueue.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import { BookingHistory } from './support/bookingHistory.js'

/** A queue whose writes fail while `down` is set, as BullMQ's do when Redis is unreachable. */
class FlakyQueue {
  down = false
  failures = 0
  constructor(private readonly inner: JobQueue) {}
  private check(): void {
    if (this.down) {
      this.failures++
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
    }
  }
  async schedule(job: JobSpec): Promise<void> {
    this.check()
    await this.inner.schedule(job)
  }
  async scheduleMany(jobs: ReadonlyArray<JobSpec>): Promise<void> {
    this.check()
    await this.inner.scheduleMany(jobs)
  }
  async reschedule(job: JobSpec): Promise<RescheduleOutcome> {
    this.check()
    return this.inner.reschedule(job)
  }
  async cancel(id: string): Promise<boolean> {
    this.check()
    return this.inner.cancel(id)
  }
}

describe('job queue outage under the notification subscriber', function () {
  this.timeout(30_000)

  it('keeps the checkpoint behind until the jobs are enqueued, then enqueues each once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'queue-outage-'))
    const events = new MemoryEventStore()
    const documents = new MemoryDocumentStore()
    const catalogue = eventCatalogue()
    const real = new SqliteJobQueue(path.join(dir, 'jobs.sqlite'))
    const flaky = new FlakyQueue(real)
    const logged: string[] = []
    const subscriber = bookingNotificationsSubscriber(
      {
        events,
        documents,
        queue: flaky as unknown as JobQueue,
        catalogue,
        policy: new BookingReminderPolicy(),
        bookings: new BookingLoader(events, catalogue),
      },
      { retryDelayMs: 20, log: (line) => logged.push(line) },
    )
    const history = new BookingHistory(events, catalogue)
    try {
      await history.point()
      subscriber.start()
      const first = randomUUID()
      await subscriber.waitForCheckpoint(await history.book(first, Date.now() + 3 * 24 * 3600_000))

      flaky.down = true
      const during = [randomUUID(), randomUUID(), randomUUID()]
      let last = 0
      for (const id of during) last = await history.book(id, Date.now() + 3 * 24 * 3600_000)
      await waitUntil(() => flaky.failures >= 2, 'the subscriber tried and failed')
      const stuck = await subscriber.status()
      assert.ok(stuck.checkpoint < last, `checkpoint ${stuck.checkpoint} stayed behind ${last}`)
      assert.ok(stuck.lag > 0)
      assert.match(stuck.lastError ?? '', /ECONNREFUSED/)
      assert.ok(logged.some((l) => l.includes('handling a batch failed: connect ECONNREFUSED')))

      flaky.down = false
      await subscriber.waitForCheckpoint(last)
      for (const id of [first, ...during]) {
        const confirm = (await readTypes(events, `booking-${id}`)).find((e) => e.type === 'BookingConfirmed')!
        assert.equal((await real.get(messageJobId(confirm.eventId)))?.state, 'waiting', id)
      }
      const counts = await real.counts()
      assert.equal(counts.waiting, 4, 'one confirmation job per booking, none doubled by the retries')
      assert.equal(counts.delayed, 8, 'two reminders per booking')
      assert.equal((await subscriber.status()).lag, 0)
    } finally {
      await subscriber.stop()
      await real.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

async function readTypes(events: MemoryEventStore, stream: string): Promise<Array<{ type: string; eventId: string }>> {
  const out: Array<{ type: string; eventId: string }> = []
  for await (const e of events.readStream(stream)) out.push({ type: e.type, eventId: e.metadata.eventId })
  return out
}
