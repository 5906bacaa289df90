import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { JobQueue } from '../../application/ports/jobQueue.js'
import { SqliteJobQueue } from '../../infrastructure/jobs/embedded/sqliteJobQueue.js'
import { jobQueueContract } from './jobQueue/jobQueueContract.js'

jobQueueContract('embedded (SQLite)', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobqueue-contract-'))
  const file = path.join(dir, 'jobs.sqlite')
  const opened: JobQueue[] = []
  const open = () => {
    const queue = new SqliteJobQueue(file, { pollMs: 50, lockMs: 5_000 })
    opened.push(queue)
    return queue
  }
  return {
    queue: open(),
    reopen: async () => open(),
    cleanup: async () => {
      await Promise.all(opened.map((q) => q.close()))
      await rm(dir, { recursive: true, force: true })
    },
  }
})
