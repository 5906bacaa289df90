// `npm run bench:notify`: how fast booking reminders go into BullMQ on Redis (REDIS_URL, default
// the local server) and whether a mass reschedule leaves any reminder behind.
//
//   1. enqueue: 10,000 bookings' reminders through the worker's own path (the reminder policy's
//      ops, applied by applyJobOps as the subscriber does per batch), and the same number again
//      with scheduleMany in batches (the adapter's bulk path);
//   2. reschedule: 10,000 BookingRescheduled events through the policy → each reminder MOVED;
//   3. verify by counting: every booking has exactly one reminder, delayed, due at its new time
//      (`staleReminders` counts those that are missing, doubled or due at the old time).
// Everything lives under a key prefix of its own, deleted at the end. The last line printed is
// one JSON object: { enqueuePerSec, remindersMoved, staleReminders, … }.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { applyJobOps, type JobOp } from '../../application/jobs/jobOps.js'
import { BookingReminderPolicy, reminderJobId } from '../../application/notifications/bookingReminderPolicy.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { JobSpec } from '../../application/ports/jobQueue.js'
import type { BookingEvent } from '../../domain/booking/events.js'
import { BullmqJobQueue } from '../../infrastructure/jobs/bullmq/bullmqJobQueue.js'

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 10_000)
const BATCH = 200 // events per subscriber batch, as the worker's default
const DAY = 24 * 3600_000
const url = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379'
const prefix = `bench-notify-${process.pid}-${randomUUID().slice(0, 8)}`
const say = (line: string) => console.error(line)

function rescheduledEvent(bookingId: string, from: number, to: number, position: number): RecordedEvent {
  const slot = (start: number) => ({
    bayId: 'bay-1',
    staffId: 'staff-1',
    start: new Date(start).toISOString(),
    end: new Date(start + 45 * 60_000).toISOString(),
  })
  return {
    streamId: `booking-${bookingId}`,
    revision: 2,
    position,
    type: 'BookingRescheduled',
    data: { bookingId, from: slot(from), to: slot(to), reason: null },
    metadata: {
      eventId: randomUUID(),
      correlationId: randomUUID(),
      causationId: null,
      actor: { id: 'bench', role: 'customer' },
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      prevHash: '',
      hash: '',
    },
  }
}

async function timed<T>(what: string, count: number, run: () => Promise<T>): Promise<{ perSec: number; result: T }> {
  const started = performance.now()
  const result = await run()
  const seconds = (performance.now() - started) / 1000
  const perSec = Math.round(count / seconds)
  say(`${what}: ${count} in ${seconds.toFixed(2)} s = ${perSec.toLocaleString('en')}/s`)
  return { perSec, result }
}

async function main(): Promise<void> {
  const queue = new BullmqJobQueue({ url, prefix, queueName: 'reminders' })
  const bulkQueue = new BullmqJobQueue({ url, prefix, queueName: 'bulk' })
  // One reminder kind: each booking has exactly one reminder job, so counting is direct.
  const policy = new BookingReminderPolicy({ reminders: [{ kind: '24h', beforeMinutes: 24 * 60 }] })
  const now = Date.now()
  const bookings = Array.from({ length: BOOKINGS }, (_, i) => ({
    id: randomUUID(),
    first: now + 3 * DAY + (i % 5000) * 60_000,
    second: now + 5 * DAY + (i % 5000) * 60_000,
  }))
  try {
    say(`Redis ${url}, key prefix ${prefix}, ${BOOKINGS.toLocaleString('en')} bookings`)

    // 1a. The worker's path: per batch of events, the policy's ops through applyJobOps.
    const viaPolicy = await timed('enqueue reminders (policy ops, batches of 200)', BOOKINGS, async () => {
      for (let i = 0; i < bookings.length; i += BATCH) {
        const ops: JobOp[] = bookings
          .slice(i, i + BATCH)
          .flatMap((b) => policy.placeReminders(b.id, new Date(b.first).toISOString(), now))
        await applyJobOps(queue, ops)
      }
    })

    // 1b. The adapter's bulk path.
    const bulk = await timed('enqueue reminders (scheduleMany, batches of 200)', BOOKINGS, async () => {
      for (let i = 0; i < bookings.length; i += BATCH) {
        const jobs: JobSpec[] = bookings.slice(i, i + BATCH).map((b) => ({
          id: reminderJobId('24h', b.id),
          name: 'notify.booking-reminder',
          payload: { bookingId: b.id, reminder: '24h', beforeMinutes: 1440 },
          runAt: b.first - DAY,
        }))
        await bulkQueue.scheduleMany(jobs)
      }
    })

    // 2. Every booking moved two days later: the policy reschedules (moves) each reminder.
    let position = 0
    const moved = await timed('reschedule bookings → reminders moved', BOOKINGS, async () => {
      for (let i = 0; i < bookings.length; i += BATCH) {
        const ops: JobOp[] = []
        for (const b of bookings.slice(i, i + BATCH)) {
          const event = rescheduledEvent(b.id, b.first, b.second, ++position)
          const booking = { type: 'BookingRescheduled', data: event.data } as BookingEvent
          ops.push(...(await policy.jobsFor(event, booking, { slotStartAt: async () => null })))
        }
        // Only the reminders: the "your visit moved" messages are not what is measured here.
        await applyJobOps(
          queue,
          ops.filter((op) => op.op !== 'schedule'),
        )
      }
    })

    // 3. Count, by the port (state and due time) and in Redis itself: BullMQ orders delayed jobs
    //    by score = due ms · 4096 + a counter, so the score says when BullMQ will really run it.
    let remindersMoved = 0
    let staleReminders = 0
    const redis = new Redis(url, { maxRetriesPerRequest: null })
    for (let i = 0; i < bookings.length; i += 500) {
      const slice = bookings.slice(i, i + 500)
      const infos = await Promise.all(slice.map((b) => queue.get(reminderJobId('24h', b.id))))
      const pipeline = redis.pipeline()
      for (const b of slice) pipeline.zscore(`${prefix}:reminders:delayed`, reminderJobId('24h', b.id))
      const scores = (await pipeline.exec()) ?? []
      infos.forEach((info, k) => {
        const b = slice[k]!
        const score = Number(scores[k]?.[1])
        const dueInRedis = Number.isFinite(score) ? Math.floor(score / 4096) : Number.NaN
        const due = b.second - DAY
        if (info?.state === 'delayed' && info.runAt === due && Math.abs(dueInRedis - due) < 5_000) remindersMoved++
        else staleReminders++
      })
    }
    redis.disconnect()
    const counts = await queue.counts()
    // A reminder left over (doubled) would show as more delayed jobs than bookings.
    staleReminders += Math.max(0, counts.delayed + counts.waiting - BOOKINGS)
    say(`reminders: ${remindersMoved} due at the new time, ${staleReminders} stale; queue ${JSON.stringify(counts)}`)
    console.log(
      JSON.stringify({
        enqueuePerSec: viaPolicy.perSec,
        enqueueBulkPerSec: bulk.perSec,
        movesPerSec: moved.perSec,
        remindersMoved,
        staleReminders,
        bookings: BOOKINGS,
      }),
    )
  } finally {
    await queue.obliterate().catch(() => undefined)
    await bulkQueue.obliterate().catch(() => undefined)
    await queue.close()
    await bulkQueue.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error))
  process.exitCode = 1
})
