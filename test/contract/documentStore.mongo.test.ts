// Runs the contract against a real MongoDB when MONGO_URL is set (a replica set: the suite
// uses transactions). Each test gets a fresh randomly named database, dropped afterwards.
import { randomBytes } from 'node:crypto'
import { MongoClient } from 'mongodb'
import { MongoDocumentStore } from '../../infrastructure/documents/mongo/mongoDocumentStore.js'
import { documentStoreContract } from './documentStore/documentStoreContract.js'

const url = process.env.MONGO_URL

if (url === undefined || url === '') {
  describe('DocumentStore contract: mongo', () => {
    before(function () {
      console.log('    MongoDB contract suite skipped: MONGO_URL not set')
      this.skip()
    })
    it('runs against MongoDB when MONGO_URL is set', () => {})
  })
} else {
  documentStoreContract('mongo', async () => {
    const database = `docstore_contract_${randomBytes(6).toString('hex')}`
    const store = await MongoDocumentStore.connect(url, database, { serverSelectionTimeoutMS: 5000 })
    return {
      store,
      teardown: async () => {
        await store.close()
        const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 })
        try {
          await client.db(database).dropDatabase()
        } finally {
          await client.close()
        }
      },
    }
  })
}
