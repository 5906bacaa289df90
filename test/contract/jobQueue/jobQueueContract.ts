// The JobQueue contract: what every adapter (BullMQ on Redis, the embedded SQLite scheduler)
// promises. Waits are conditions with deadlines; the only time assertions are lower bounds
// (a delayed job does not run early, a backoff is at least its delay), which a loaded machine
// cannot break.
import assert from 'node:assert/strict'
import {
  InvalidJob,
  type JobContext,
  type JobQueue,
  type JobSpec,
  PermanentJobFailure,
} from '../../../application/ports/jobQueue.js'
import { waitUntil } from './waitUntil.js'

export interface JobQueueFixture {
  readonly queue: JobQueue
  /** Another handle on the same durable queue, as after a restart (the first one is closed before). */
  reopen(): Promise<JobQueue>
  cleanup(): Promise<void>
}

const HOUR = 3600_000

function job(id: string, overrides: Partial<JobSpec> = {}): JobSpec {
  return { id, name: 'test.job', payload: { id }, runAt: Date.now(), attempts: 3, backoffMs: 50, ...overrides }
}

export function jobQueueContract(adapter: string, open: () => Promise<JobQueueFixture>): void {
  describe(`JobQueue contract: ${adapter}`, function () {
    this.timeout(40_000)
    let fixture: JobQueueFixture
    let queue: JobQueue
    const seen: JobContext[] = []
    const runsOf = (id: string) => seen.filter((j) => j.id === id)

    beforeEach(async () => {
      seen.length = 0
      fixture = await open()
      queue = fixture.queue
    })

    afterEach(async () => {
      await fixture.cleanup()
    })

    const recordAll = () =>
      queue.process(
        async (j) => {
          seen.push(j)
        },
        { concurrency: 4 },
      )

    it('runs a due job once with its name and payload, then counts it completed', async () => {
      const processor = recordAll()
      await queue.schedule(job('due-1', { payload: { bookingId: 'b1', n: 2 } }))
      await waitUntil(async () => (await queue.get('due-1'))?.state === 'completed', 'due-1 completed')
      await processor.close()
      assert.equal(runsOf('due-1').length, 1)
      const run = runsOf('due-1')[0]!
      assert.equal(run.name, 'test.job')
      assert.deepEqual(run.payload, { bookingId: 'b1', n: 2 })
      assert.equal(run.attempt, 1)
      assert.equal(run.maxAttempts, 3)
      assert.equal((await queue.counts()).completed, 1)
    })

    it('ignores a second schedule of a known id: original time and payload kept, one run', async () => {
      const at = Date.now() + HOUR
      await queue.schedule(job('t-same', { runAt: at, payload: { v: 1 } }))
      await queue.schedule(job('t-same', { runAt: Date.now(), payload: { v: 2 } }))
      await queue.scheduleMany([job('t-same', { payload: { v: 3 } }), job('t-other')])
      const info = await queue.get('t-same')
      assert.equal(info?.state, 'delayed')
      assert.equal(info?.runAt, at)
      assert.deepEqual(info?.payload, { v: 1 })
      const counts = await queue.counts()
      assert.equal(counts.delayed, 1)
      assert.equal(counts.waiting, 1)
    })

    it('keeps a completed job id for a while: scheduling it again does not run it again', async () => {
      const processor = recordAll()
      await queue.schedule(job('t-once'))
      await waitUntil(async () => (await queue.get('t-once'))?.state === 'completed', 'once completed')
      await queue.schedule(job('t-once'))
      await queue.schedule(job('t-marker'))
      await waitUntil(async () => (await queue.get('t-marker'))?.state === 'completed', 'marker completed')
      await processor.close()
      assert.equal(runsOf('t-once').length, 1)
    })

    it('does not run a delayed job early, and runs it once moved to now', async () => {
      const processor = recordAll()
      await queue.schedule(job('t-later', { runAt: Date.now() + HOUR }))
      await queue.schedule(job('t-now'))
      await waitUntil(async () => (await queue.get('t-now'))?.state === 'completed', 'now completed')
      assert.equal(runsOf('t-later').length, 0)
      assert.equal((await queue.get('t-later'))?.state, 'delayed')
      const movedTo = Date.now()
      assert.equal(await queue.reschedule(job('t-later', { runAt: movedTo })), 'moved')
      await waitUntil(async () => (await queue.get('t-later'))?.state === 'completed', 'later completed')
      await processor.close()
      assert.equal(runsOf('t-later').length, 1)
    })

    it('moves a delayed job to another time, keeping its payload', async () => {
      const first = Date.now() + HOUR
      const second = Date.now() + 5 * HOUR
      await queue.schedule(job('t-move-me', { runAt: first, payload: { v: 'original' } }))
      assert.equal(await queue.reschedule(job('t-move-me', { runAt: second, payload: { v: 'ignored' } })), 'moved')
      const info = await queue.get('t-move-me')
      assert.equal(info?.state, 'delayed')
      assert.equal(info?.runAt, second)
      assert.deepEqual(info?.payload, { v: 'original' })
      assert.equal((await queue.counts()).delayed, 1)
    })

    it('reschedule adds a job it does not know, and replaces a finished one so it runs again', async () => {
      assert.equal(await queue.reschedule(job('t-fresh', { runAt: Date.now() + HOUR })), 'added')
      assert.equal((await queue.get('t-fresh'))?.state, 'delayed')
      const processor = recordAll()
      await queue.schedule(job('t-done'))
      await waitUntil(async () => (await queue.get('t-done'))?.state === 'completed', 'done completed')
      assert.equal(await queue.reschedule(job('t-done', { payload: { v: 'again' } })), 'added')
      await waitUntil(() => runsOf('t-done').length === 2, 'done run twice')
      await processor.close()
      assert.deepEqual(runsOf('t-done')[1]?.payload, { v: 'again' })
    })

    it('cancels a delayed job: gone, never run; cancelling an unknown id answers false', async () => {
      const processor = recordAll()
      await queue.schedule(job('t-cancel-me', { runAt: Date.now() + 300 }))
      assert.equal(await queue.cancel('t-cancel-me'), true)
      assert.equal(await queue.get('t-cancel-me'), null)
      assert.equal(await queue.cancel('t-cancel-me'), false)
      assert.equal(await queue.cancel('t-never-there'), false)
      // Long enough past its old time that it would have run: a job scheduled after it completes first.
      await queue.schedule(job('t-after-cancel', { runAt: Date.now() + 400 }))
      await waitUntil(async () => (await queue.get('t-after-cancel'))?.state === 'completed', 'after-cancel completed')
      await processor.close()
      assert.equal(runsOf('t-cancel-me').length, 0)
      assert.equal((await queue.counts()).delayed, 0)
    })

    it('retries a failing job with exponential backoff until it succeeds', async () => {
      const at: number[] = []
      const processor = queue.process(async (j) => {
        at.push(Date.now())
        seen.push(j)
        if (j.attempt < 3) throw new Error(`transient ${j.attempt}`)
      })
      await queue.schedule(job('t-flaky', { attempts: 4, backoffMs: 100 }))
      await waitUntil(async () => (await queue.get('t-flaky'))?.state === 'completed', 'flaky completed')
      await processor.close()
      assert.deepEqual(
        runsOf('t-flaky').map((j) => j.attempt),
        [1, 2, 3],
      )
      // Lower bounds only: 100 ms before the first retry, 200 ms before the second (a little slack for clock granularity).
      assert.ok(at[1]! - at[0]! >= 90, `first backoff ${at[1]! - at[0]!} ms`)
      assert.ok(at[2]! - at[1]! >= 190, `second backoff ${at[2]! - at[1]!} ms`)
    })

    it('keeps a job that ran out of attempts as failed with the reason; retry runs it again', async () => {
      let healthy = false
      const processor = queue.process(async (j) => {
        seen.push(j)
        if (!healthy) throw new Error(`smtp refused (attempt ${j.attempt})`)
      })
      await queue.schedule(job('t-doomed', { attempts: 2, backoffMs: 10 }))
      await waitUntil(async () => (await queue.get('t-doomed'))?.state === 'failed', 'doomed failed')
      const info = await queue.get('t-doomed')
      assert.equal(info?.attemptsMade, 2)
      assert.equal(info?.failedReason, 'smtp refused (attempt 2)')
      const failed = await queue.failed()
      assert.deepEqual(
        failed.map((f) => [f.id, f.failedReason]),
        [['t-doomed', 'smtp refused (attempt 2)']],
      )
      assert.equal((await queue.counts()).failed, 1)
      healthy = true
      assert.equal(await queue.retry('t-doomed'), true)
      await waitUntil(async () => (await queue.get('t-doomed'))?.state === 'completed', 'doomed completed after retry')
      await processor.close()
      assert.equal(runsOf('t-doomed').length, 3)
      assert.equal(runsOf('t-doomed')[2]?.attempt, 1, 'a retried job gets a fresh set of attempts')
      assert.equal((await queue.counts()).failed, 0)
      assert.equal(await queue.retry('t-doomed'), false, 'only failed jobs are retried')
    })

    it('fails a job at once on a permanent failure', async () => {
      const processor = queue.process(async (j) => {
        seen.push(j)
        throw new PermanentJobFailure('invalid phone number +48 12')
      })
      await queue.schedule(job('t-hopeless', { attempts: 5, backoffMs: 10 }))
      await waitUntil(async () => (await queue.get('t-hopeless'))?.state === 'failed', 'hopeless failed')
      await processor.close()
      assert.equal(runsOf('t-hopeless').length, 1)
      assert.equal((await queue.get('t-hopeless'))?.failedReason, 'invalid phone number +48 12')
    })

    it('refuses ids with a colon (or other characters outside the pattern) before storing anything', async () => {
      await assert.rejects(queue.schedule(job('booking:1')), InvalidJob)
      await assert.rejects(queue.reschedule(job('t-a b')), InvalidJob)
      await assert.rejects(queue.schedule(job('marker')), InvalidJob, 'a BullMQ key name')
      await assert.rejects(queue.schedule(job('42')), InvalidJob, 'a number, like BullMQ automatic ids')
      await assert.rejects(queue.scheduleMany([job('ok-1'), job('bad:2')]), InvalidJob)
      assert.equal(await queue.get('ok-1'), null)
    })

    it('runs each of many jobs exactly once with two competing processors', async () => {
      const first = recordAll()
      const second = recordAll()
      const ids = Array.from({ length: 60 }, (_, i) => `many-${i}`)
      await queue.scheduleMany(ids.map((id) => job(id)))
      await waitUntil(async () => (await queue.counts()).completed === ids.length, 'all completed')
      await Promise.all([first.close(), second.close()])
      for (const id of ids) assert.equal(runsOf(id).length, 1, id)
    })

    it('survives a restart: a delayed job scheduled before is there, and runs after', async () => {
      await queue.schedule(job('t-durable', { runAt: Date.now() + 300, payload: { kept: true } }))
      await queue.close()
      queue = await fixture.reopen()
      const info = await queue.get('t-durable')
      assert.ok(info && (info.state === 'delayed' || info.state === 'waiting'), `state ${info?.state}`)
      const processor = recordAll()
      await waitUntil(async () => (await queue.get('t-durable'))?.state === 'completed', 'durable completed')
      await processor.close()
      assert.deepEqual(runsOf('t-durable')[0]?.payload, { kept: true })
    })
  })
}
