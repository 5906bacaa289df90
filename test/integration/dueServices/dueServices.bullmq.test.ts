// Due-service reminders and proposed visits on BullMQ with a real Redis (REDIS_URL, default the
// local server): each fixture its own queue under this run's key prefix, obliterated afterwards.
import { BullmqJobQueue } from '../../../infrastructure/jobs/bullmq/bullmqJobQueue.js'
import { redisUnavailable, testPrefix, testRedisUrl } from '../../contract/jobQueue/redisForTests.js'
import { dueServiceSuite } from './dueServiceSuite.js'

const unavailable = await redisUnavailable()
const prefix = testPrefix('due-services')

if (unavailable) {
  describe('due services and proposed visits (BullMQ)', () => {
    before(function () {
      console.log(`    BullMQ due-service suite skipped: ${unavailable}`)
      this.skip()
    })
    it('runs on Redis', () => {})
  })
} else {
  let n = 0
  dueServiceSuite(`BullMQ on ${testRedisUrl}`, async () => {
    const options = { url: testRedisUrl, prefix, queueName: `due${++n}`, lockMs: 5_000 }
    const queue = new BullmqJobQueue(options)
    return {
      queue,
      cleanup: async () => {
        await queue.close()
        const cleaner = new BullmqJobQueue(options)
        await cleaner.obliterate()
        await cleaner.close()
      },
    }
  })
}
