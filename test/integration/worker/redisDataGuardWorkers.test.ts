// The Redis data guard beyond the notification worker: a REAL redis-server of the test's own (free
// loopback port, no persistence) is killed and started again empty under
//   1. the due-service worker (its reminder subscriber, BullMQ queue `due-services`): the worker
//      notices that Redis lost its data (no `<prefix>:due-data` marker), rewinds its subscriber and
//      every reminder is back at its time, none doubled;
//   2. the guard as the report e-mail worker runs it (marker `report-data`, no subscriber): it
//      calls back to place the subscriptions' jobs again at once, once per loss of data.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { dueReminderJobId } from '../../../application/dueServices/dueReminderJobs.js'
import { DUE_SERVICE_REMINDERS } from '../../../application/dueServices/dueServicePolicy.js'
import { loadCheckpoint } from '../../../application/jobs/subscriberCheckpoint.js'
import { addDays } from '../../../domain/shared/localTime.js'
import { DUE_SERVICE_QUEUE } from '../../../infrastructure/dueServices/dueServiceWorker.js'
import { BullmqJobQueue } from '../../../infrastructure/jobs/bullmq/bullmqJobQueue.js'
import { guardRedisData, redisDataMarker } from '../../../infrastructure/notify/redisDataGuard.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import { type DueFixture, dueFixture, START, TODAY } from '../dueServices/support/dueFixture.js'
import { freePort, OwnRedisServer, redisServerPath } from './support/redisServer.js'

describe('Redis data guard for the due-service and report e-mail workers (own redis-server)', function () {
  this.timeout(120_000)
  const binary = redisServerPath()
  let redis: OwnRedisServer

  before(async function () {
    if (!binary) {
      console.log('    (redis-server is not installed: skipped)')
      this.skip()
    }
    redis = new OwnRedisServer(binary as string, await freePort())
    await redis.start()
  })

  after(async () => {
    await redis?.kill()
  })

  it('due-service reminders: Redis restarted empty, the subscriber is rewound and every reminder is back', async () => {
    const queue = new BullmqJobQueue({
      url: redis.url,
      prefix: 'guarddue',
      queueName: DUE_SERVICE_QUEUE,
      lockMs: 5_000,
    })
    let f: DueFixture | null = null
    try {
      f = await dueFixture(queue, { redisUrl: redis.url })
      const fx = f
      await fx.registerCar('eq1', 'DW 12345', { customerId: 'c1' })
      await fx.equipment({
        kind: 'SetServiceDates',
        equipmentId: 'eq1',
        nextInspectionOn: addDays(TODAY, 60),
        warrantyEndsOn: addDays(TODAY, 90),
        insuranceEndsOn: addDays(TODAY, 120),
      })
      // As if the guard had met this Redis before (else its first meeting replays once, by design).
      execFileSync('redis-cli', ['-p', String(redis.port), 'SET', redisDataMarker('unused', 'due-data'), 'seen'])
      fx.worker.start()
      await fx.worker.subscriber.waitForCheckpoint(await fx.store.headPosition())
      const ids = (await fx.worker.reconciler.snapshot('eq1', START)).items.map(dueReminderJobId)
      assert.equal(ids.length, 3, 'inspection, warranty, insurance')
      const allDelayed = async () => {
        for (const id of ids) if ((await queue.get(id))?.state !== 'delayed') return false
        return true
      }
      await waitUntil(allDelayed, 'the three reminders placed', 30_000)
      const runAts = await Promise.all(ids.map(async (id) => (await queue.get(id))?.runAt))
      // The guard has met this Redis (marker set) and logged no replay: the checkpoint stands.
      assert.ok(!fx.logged.some((l) => /replaying the log/.test(l)), fx.logged.join('\n'))
      const before = await loadCheckpoint(fx.documents, DUE_SERVICE_REMINDERS)
      assert.ok(before > 0)

      // Redis dies without saving and comes back empty.
      await redis.kill()
      await redis.start()
      await waitUntil(
        () =>
          fx.logged.some((l) =>
            new RegExp(`no unused:due-data key\\): replaying the log from the start for ${DUE_SERVICE_REMINDERS}`).test(
              l,
            ),
          ),
        'the guard replays the due-service subscriber',
        30_000,
      )
      await waitUntil(allDelayed, 'the reminders back after the replay', 30_000)
      assert.deepEqual(await Promise.all(ids.map(async (id) => (await queue.get(id))?.runAt)), runAts, 'at their times')
      await fx.worker.subscriber.waitForCheckpoint(await fx.store.headPosition())
      assert.equal((await queue.counts()).delayed, 3, 'none doubled, none stale')
    } finally {
      await f?.close()
      await queue.close()
    }
  })

  it('report e-mails: the guard (marker report-data, no subscriber) places the jobs again once per loss', async () => {
    let placed = 0
    const logged: string[] = []
    const guard = guardRedisData({
      url: redis.url,
      prefix: 'guardreport',
      marker: 'report-data',
      documents: null,
      subscribers: [],
      onDataLost: async () => {
        placed++
      },
      log: (line) => logged.push(line),
    })
    try {
      // First meeting with this Redis: no marker yet, so the jobs are placed (a no-op when they are there).
      await waitUntil(() => placed === 1, 'the first check')
      assert.equal(redisDataMarker('guardreport', 'report-data'), 'guardreport:report-data')
      await new Promise((resolve) => setTimeout(resolve, 500))
      assert.equal(placed, 1)

      await redis.kill()
      await redis.start()
      await waitUntil(() => placed === 2, 'placed again after Redis came back empty', 30_000)
      assert.ok(logged.some((l) => l === 'Redis has no guardreport:report-data key: placing the jobs again'))
    } finally {
      await guard.close()
    }
  })
})
