// A MongoDocumentStore on a fresh, randomly named database (dropped again by close()), with a
// plain driver client for looking at what really reached the server. Works against the MongoDB
// stand-in and against a real server alike.
import { randomBytes } from 'node:crypto'
import { MongoClient, type MongoClientOptions } from 'mongodb'
import {
  MongoDocumentStore,
  type MongoStoreSettings,
} from '../../../../infrastructure/documents/mongo/mongoDocumentStore.js'
import type { MongoStandIn } from '../../../support/mongoStandIn/mongoStandIn.js'

export interface StandInStore {
  readonly store: MongoDocumentStore
  readonly database: string
  /** Reads a collection straight through the driver, sorted by _id. */
  raw(collection: string): Promise<Array<Record<string, unknown>>>
  /** Closes the store and drops its database (if the server is still there). */
  close(): Promise<void>
}

export async function openMongoStore(
  url: string,
  options: MongoClientOptions = {},
  settings: MongoStoreSettings = {},
): Promise<StandInStore> {
  const database = `it_${randomBytes(6).toString('hex')}`
  const store = await MongoDocumentStore.connect(
    url,
    database,
    { serverSelectionTimeoutMS: 2000, ...options },
    settings,
  )
  // Quick to give up: after a test stopped the server, close() should not wait long to find it gone.
  const inspector = new MongoClient(url, { serverSelectionTimeoutMS: 500 })
  return {
    store,
    database,
    raw: (collection) => inspector.db(database).collection(collection).find({}).sort({ _id: 1 }).toArray(),
    async close() {
      await store.close().catch(() => undefined)
      try {
        await inspector.db(database).dropDatabase()
      } catch {
        // the server is gone (a test stopped it): nothing left to drop
      } finally {
        await inspector.close()
      }
    },
  }
}

export function openStandInStore(
  standIn: MongoStandIn,
  options: MongoClientOptions = {},
  settings: MongoStoreSettings = {},
): Promise<StandInStore> {
  return openMongoStore(standIn.url(), options, settings)
}
