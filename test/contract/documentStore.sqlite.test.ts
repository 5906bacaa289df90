import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteDocumentStore } from '../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { documentStoreContract } from './documentStore/documentStoreContract.js'

documentStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'docstore-contract-'))
  const store = new SqliteDocumentStore(join(dir, 'read-models.db'))
  return {
    store,
    teardown: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})
