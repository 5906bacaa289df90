// The JobQueue contract against BullMQ on a real Redis (REDIS_URL, default the local server).
// Every fixture uses its own queue under a key prefix unique to this run, and obliterates only
// that queue afterwards; nothing else in Redis is touched.
import assert from 'node:assert/strict'
import type { JobQueue } from '../../application/ports/jobQueue.js'
import { BullmqJobQueue } from '../../infrastructure/jobs/bullmq/bullmqJobQueue.js'
import { jobQueueContract } from './jobQueue/jobQueueContract.js'
import { keysUnder, redisUnavailable, testPrefix, testRedisUrl } from './jobQueue/redisForTests.js'

const unavailable = await redisUnavailable()
const prefix = testPrefix('jobqueue')

if (unavailable) {
  describe('JobQueue contract: BullMQ', () => {
    before(function () {
      console.log(`    BullMQ contract suite skipped: ${unavailable}`)
      this.skip()
    })
    it('passes the shared JobQueue contract against Redis', () => {})
  })
} else {
  let fixtures = 0
  jobQueueContract(`BullMQ on ${testRedisUrl}`, async () => {
    const options = { url: testRedisUrl, prefix, queueName: `contract${++fixtures}`, lockMs: 5_000 }
    const opened: BullmqJobQueue[] = []
    const open = () => {
      const queue = new BullmqJobQueue(options)
      opened.push(queue)
      return queue
    }
    return {
      queue: open() as JobQueue,
      reopen: async () => open(),
      cleanup: async () => {
        const cleaner = new BullmqJobQueue(options)
        await Promise.all(opened.map((q) => q.close()))
        await cleaner.obliterate()
        await cleaner.close()
      },
    }
  })

  describe('BullMQ adapter housekeeping', () => {
    it('leaves no keys under the run prefix once every queue is obliterated', async () => {
      assert.deepEqual(await keysUnder(prefix), [])
    })
  })
}
