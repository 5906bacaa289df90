// A MongoDocumentStore on a fresh database of a MongoDB stand-in, and a plain driver client for
// looking at what really reached the server.
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
  close(): Promise<void>
}

export async function openStandInStore(
  standIn: MongoStandIn,
  options: MongoClientOptions = {},
  settings: MongoStoreSettings = {},
): Promise<StandInStore> {
  const database = `it_${randomBytes(6).toString('hex')}`
  const store = await MongoDocumentStore.connect(
    standIn.url(),
    database,
    { serverSelectionTimeoutMS: 2000, ...options },
    settings,
  )
  const inspector = new MongoClient(standIn.url(), { serverSelectionTimeoutMS: 2000 })
  return {
    store,
    database,
    raw: (collection) => inspector.db(database).collection(collection).find({}).sort({ _id: 1 }).toArray(),
    async close() {
      await store.close().catch(() => undefined)
      await inspector.close()
    },
  }
}
