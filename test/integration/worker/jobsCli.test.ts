// `npm run jobs`: lists failed jobs with their reason and retries one, here on the embedded
// scheduler in a temporary DATA_DIR (REDIS_URL unset).
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { PermanentJobFailure } from '../../../application/ports/jobQueue.js'
import { SqliteJobQueue } from '../../../infrastructure/jobs/embedded/sqliteJobQueue.js'
import { embeddedJobsFile } from '../../../infrastructure/jobs/openJobQueue.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'

const run = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

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
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir }
    delete env.REDIS_URL
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
})
