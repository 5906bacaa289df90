// The DocumentStore contract through the real `mongodb` driver, over TCP, against the MongoDB
// stand-in (test/support/mongoStandIn): what runs in `npm test` on machines without a MongoDB
// server. The stand-in evaluates filters with mingo, so the filter corners where mingo differs
// from MongoDB are skipped here and proven only by documentStore.mongo.test.ts on a real server.
import { randomBytes } from 'node:crypto'
import { MongoClient } from 'mongodb'
import { MongoDocumentStore } from '../../infrastructure/documents/mongo/mongoDocumentStore.js'
import { MongoStandIn } from '../support/mongoStandIn/mongoStandIn.js'
import { documentStoreContract } from './documentStore/documentStoreContract.js'

const mingo =
  'the MongoDB stand-in matches filters with mingo, which differs from MongoDB here (a real server run proves it)'

describe('MongoDB adapter against the MongoDB stand-in', () => {
  let standIn: MongoStandIn

  before(async () => {
    standIn = await MongoStandIn.start()
  })
  after(async () => {
    await standIn.stop()
  })

  documentStoreContract(
    'mongo (stand-in)',
    async () => {
      const database = `docstore_contract_${randomBytes(6).toString('hex')}`
      const store = await MongoDocumentStore.connect(standIn.url(), database, { serverSelectionTimeoutMS: 5000 })
      return {
        store,
        teardown: async () => {
          await store.close()
          const client = new MongoClient(standIn.url(), { serverSelectionTimeoutMS: 5000 })
          try {
            await client.db(database).dropDatabase()
          } finally {
            await client.close()
          }
        },
      }
    },
    {
      knownDeviations: {
        nullThroughArrayElements: mingo,
        inWholeArray: mingo,
        rangeNullMatchesMissing: mingo,
        objectEqualityFieldOrder: mingo,
      },
    },
  )
})
