// The access context on real adapters: scrypt hashes in the DocumentStore's `credentials`
// collection, HS256 tokens. For the composition root, the head-office CLI and tests alike.
//
// Note for operators: `credentials` is not a read model. It cannot be rebuilt from the log (the
// hashes are deliberately not in it), so it must be backed up with the event store and never
// dropped by a projection rebuild.
import { accessEventDefinitions } from '../../application/access/accessEvents.js'
import { AccountDirectory } from '../../application/access/accountDirectory.js'
import { AccountService } from '../../application/access/accountService.js'
import { AuthService } from '../../application/access/authService.js'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { CredentialStore } from '../../application/ports/credentialStore.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import { ReadModels } from '../../application/readModels/readModels.js'
import { DocumentCredentialStore } from './documentCredentialStore.js'
import { JoseTokenService } from './joseTokenService.js'
import { DEFAULT_SCRYPT_PARAMETERS, type ScryptParameters, ScryptPasswordHasher } from './scryptPasswordHasher.js'

export interface AccessWiring {
  readonly eventStore: EventStore
  readonly documentStore: DocumentStore
  /** The application's catalogue; must contain accessEventDefinitions. */
  readonly catalogue: EventCatalogue
  readonly tokenSecret: string
  readonly tokenTtlSeconds?: number
  readonly scrypt?: ScryptParameters
}

export interface AccessServices {
  readonly accounts: AccountService
  readonly auth: AuthService
  readonly credentials: CredentialStore
}

export function accessServices(wiring: AccessWiring): AccessServices {
  const missing = accessEventDefinitions.filter((d) => !wiring.catalogue.has(d.type)).map((d) => d.type)
  if (missing.length > 0) throw new Error(`the event catalogue lacks the access events: ${missing.join(', ')}`)
  const store = wiring.eventStore
  const catalogue = wiring.catalogue
  const hasher = new ScryptPasswordHasher(wiring.scrypt ?? DEFAULT_SCRYPT_PARAMETERS)
  const credentials = new DocumentCredentialStore(wiring.documentStore)
  const tokens = new JoseTokenService({
    secret: wiring.tokenSecret,
    ...(wiring.tokenTtlSeconds !== undefined ? { ttlSeconds: wiring.tokenTtlSeconds } : {}),
  })
  return {
    accounts: new AccountService({
      store,
      catalogue,
      hasher,
      credentials,
      directory: new AccountDirectory(new ReadModels(wiring.documentStore)),
    }),
    auth: new AuthService({ store, catalogue, hasher, credentials, tokens }),
    credentials,
  }
}
