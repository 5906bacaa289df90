// Due-service reminders and proposed visits on the embedded SQLite scheduler.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { SqliteJobQueue } from '../../../infrastructure/jobs/embedded/sqliteJobQueue.js'
import { dueServiceSuite } from './dueServiceSuite.js'

dueServiceSuite('embedded scheduler', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'due-jobs-'))
  const queue = new SqliteJobQueue(path.join(dir, 'due-jobs.sqlite'), { lockMs: 5_000, pollMs: 50 })
  return {
    queue,
    cleanup: async () => {
      await queue.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
})
