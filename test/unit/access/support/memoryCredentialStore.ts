// A CredentialStore in a Map, for tests that need no DocumentStore.
import type { CredentialStore, Credentials } from '../../../../application/ports/credentialStore.js'

export class MemoryCredentialStore implements CredentialStore {
  readonly byAccount = new Map<string, Credentials>()

  async get(accountId: string): Promise<Credentials | null> {
    return this.byAccount.get(accountId) ?? null
  }

  async put(credentials: Credentials): Promise<void> {
    this.byAccount.set(credentials.accountId, { ...credentials })
  }
}
