// A projection runner in its own process, on the SQLite files in DATA_DIR, for tests that kill
// processes: it prints `applied <position>` for every event it applies (inside the batch's
// transaction, so also for batches that never commit) and SIGKILLs itself when it is about to
// apply CRASH_AT, i.e. in the middle of a batch whose transaction is open.
import { join } from 'node:path'
import { SqliteDocumentStore } from '../../../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { SqliteEventStore } from '../../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { ProjectionRunner } from '../../../../projections/projectionRunner.js'
import { itemCountsProjection } from '../../../unit/projections/support/itemCountsProjection.js'

const env = process.env
const dataDir = env.DATA_DIR as string
const crashAt = Number(env.CRASH_AT ?? 0)
const events = new SqliteEventStore(join(dataDir, 'events.sqlite'), { pollIntervalMs: 10 })
const documents = new SqliteDocumentStore(join(dataDir, 'readmodels.sqlite'))

const runner = new ProjectionRunner({
  projection: itemCountsProjection({
    beforeApply: (e) => {
      if (e.position === crashAt) process.kill(process.pid, 'SIGKILL')
      process.stdout.write(`applied ${e.position}\n`)
    },
  }),
  events,
  documents,
  holder: env.HOLDER ?? `pid-${process.pid}`,
  batchSize: Number(env.BATCH ?? 500),
  idleFlushMs: 2,
  leaseTtlMs: Number(env.LEASE_TTL_MS ?? 1000),
  leaseRenewMs: 100,
  leaseRetryMs: 50,
  retryDelayMs: 20,
  retireDelayMs: 0,
})
runner.start()
process.stdout.write('started\n')
process.on('SIGTERM', () => {
  runner
    .stop()
    .then(() => Promise.all([events.close(), documents.close()]))
    .then(() => process.exit(0))
})
