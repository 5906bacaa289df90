import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { eventStoreContract } from './eventStore/eventStoreContract.js'

eventStoreContract('sqlite', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eventstore-contract-'))
  const file = path.join(dir, 'events.db')
  // Small pages so paging (stream, readAll, catch-up) is exercised by ordinary-sized tests.
  const open = () => new SqliteEventStore(file, { pageSize: 7 })
  const store = open()
  return {
    store,
    reopen: async () => open(),
    cleanup: async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
})
