// Where password hashes live: beside the event log, never in it (events are immutable and
// replayed to analysts, and a hash is a secret that must be replaceable and erasable).
// Adapter: infrastructure/security/documentCredentialStore.ts (DocumentStore collection `credentials`).
export interface Credentials {
  readonly accountId: string
  readonly passwordHash: string
  /** UTC ISO-8601 of the last change. */
  readonly updatedAt: string
}

export interface CredentialStore {
  get(accountId: string): Promise<Credentials | null>
  /** Inserts or replaces the account's credentials. */
  put(credentials: Credentials): Promise<void>
}
