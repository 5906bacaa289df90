// The access context wired on memory adapters, with a cheap scrypt cost so tests stay fast
// (the default cost has its own test in scryptPasswordHasher.test.ts).

import { accessEventDefinitions } from '../../../../application/access/accessEvents.js'
import { AccountService } from '../../../../application/access/accountService.js'
import { AuthService } from '../../../../application/access/authService.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { EventStore, RecordedEvent } from '../../../../application/ports/eventStore.js'
import { MemoryEventStore } from '../../../../infrastructure/event-store/memory/memoryEventStore.js'
import { JoseTokenService } from '../../../../infrastructure/security/joseTokenService.js'
import { ScryptPasswordHasher } from '../../../../infrastructure/security/scryptPasswordHasher.js'
import { MemoryCredentialStore } from './memoryCredentialStore.js'

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256!'

export function accessFixture(options: { logN?: number; store?: EventStore } = {}) {
  const store = options.store ?? new MemoryEventStore()
  const catalogue = new EventCatalogue(accessEventDefinitions)
  const hasher = new ScryptPasswordHasher({ logN: options.logN ?? 10, r: 8, p: 1 })
  const credentials = new MemoryCredentialStore()
  const tokens = new JoseTokenService({ secret: TEST_SECRET, ttlSeconds: 3600 })
  const accounts = new AccountService({ store, catalogue, hasher, credentials })
  const auth = new AuthService({ store, catalogue, hasher, credentials, tokens })
  return { store, catalogue, hasher, credentials, tokens, accounts, auth }
}

export type AccessFixture = ReturnType<typeof accessFixture>

export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = []
  for await (const e of store.readAll()) out.push(e)
  return out
}

let n = 0
/** Request metadata as the API would build it. */
export const meta = (extra: { commandId?: string; now?: string } = {}) => ({
  correlationId: `req-${++n}`,
  causationId: null,
  now: extra.now ?? '2026-11-26T08:00:00.000Z',
  ...(extra.commandId ? { commandId: extra.commandId } : {}),
})
