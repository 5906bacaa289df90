// Reading accounts back from their streams: by id, and by e-mail through the address's claim.

import { type Account, type AccountState, accountDecider } from '../../domain/access/decider.js'
import { emailClaimDecider } from '../../domain/access/emailClaimDecider.js'
import type { Email, EntityId } from '../../domain/access/fields.js'
import { EntityId as EntityIdCodec } from '../../domain/access/fields.js'
import { loadState } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { accountStream, emailStream } from './accessStreams.js'

export interface AccountReader {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
}

export async function loadAccount(reader: AccountReader, accountId: string): Promise<AccountState> {
  // An id that could not name a stream names no account (and must not reach the store as one).
  if (!EntityIdCodec.is(accountId)) return accountDecider.initialState
  const { state } = await loadState(reader.store, reader.catalogue, accountDecider, accountStream(accountId))
  return state
}

/** The account that claimed this address, or null. */
export async function accountIdByEmail(reader: AccountReader, email: Email): Promise<EntityId | null> {
  const { state } = await loadState(reader.store, reader.catalogue, emailClaimDecider, emailStream(email))
  return state.claimedBy !== null && EntityIdCodec.is(state.claimedBy) ? state.claimedBy : null
}

export async function loadAccountByEmail(reader: AccountReader, email: Email): Promise<Account | null> {
  const id = await accountIdByEmail(reader, email)
  if (id === null) return null
  const state = await loadAccount(reader, id)
  return state.status === 'none' ? null : state
}
