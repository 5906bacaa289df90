// The uniqueness guard of one e-mail address: its stream holds at most one EmailClaimed. The
// first append uses expected revision no_stream, so of two concurrent claims exactly one wins;
// the loser re-reads, finds the claim and is refused here.
import { left, right } from 'fp-ts/lib/Either.js'
import { type Decider, domainError } from '../shared/decider.js'
import type { EmailClaimCommand } from './commands.js'
import type { EmailClaimEvent } from './events.js'

export interface EmailClaimState {
  readonly claimedBy: string | null
}

export const EMAIL_TAKEN = 'EMAIL_TAKEN'

export const emailClaimDecider: Decider<EmailClaimCommand, EmailClaimState, EmailClaimEvent> = {
  initialState: { claimedBy: null },
  decide: (command, state) =>
    state.claimedBy !== null
      ? left(
          domainError('conflict', EMAIL_TAKEN, 'an account with this e-mail address already exists', [
            { path: 'email', message: 'already registered' },
          ]),
        )
      : right([{ type: 'EmailClaimed', data: { accountId: command.accountId } }]),
  evolve: (state, event) => (state.claimedBy === null ? { claimedBy: event.data.accountId } : state),
}
