// CredentialStore on the DocumentStore port: collection `credentials`, one document per account
// ({ _id: accountId, passwordHash, updatedAt }). Works on every DocumentStore adapter.
import type { CredentialStore, Credentials } from '../../application/ports/credentialStore.js'
import type { Collection, Document, DocumentStore } from '../../application/ports/documentStore.js'

interface CredentialDocument extends Document {
  passwordHash: string
  updatedAt: string
}

export const CREDENTIALS_COLLECTION = 'credentials'

export class DocumentCredentialStore implements CredentialStore {
  private readonly collection: Collection<CredentialDocument>

  constructor(documents: DocumentStore) {
    this.collection = documents.collection<CredentialDocument>(CREDENTIALS_COLLECTION)
  }

  async get(accountId: string): Promise<Credentials | null> {
    const doc = await this.collection.findOne({ _id: accountId })
    return doc ? { accountId: doc._id, passwordHash: doc.passwordHash, updatedAt: doc.updatedAt } : null
  }

  async put(credentials: Credentials): Promise<void> {
    const { accountId, passwordHash, updatedAt } = credentials
    await this.collection.replaceOne({ _id: accountId }, { _id: accountId, passwordHash, updatedAt }, { upsert: true })
  }
}
