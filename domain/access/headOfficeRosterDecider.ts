// The list of head-office accounts, kept in one small stream so that start-up can ask "does this
// network have an administrator yet?" by reading one event instead of the whole log.
import { right } from 'fp-ts/lib/Either.js'
import type { Decider } from '../shared/decider.js'
import type { HeadOfficeRosterCommand } from './commands.js'
import type { HeadOfficeRosterEvent } from './events.js'

export interface HeadOfficeRosterState {
  readonly accountIds: ReadonlySet<string>
}

export const headOfficeRosterDecider: Decider<HeadOfficeRosterCommand, HeadOfficeRosterState, HeadOfficeRosterEvent> = {
  initialState: { accountIds: new Set() },
  decide: (command, state) =>
    right(
      state.accountIds.has(command.accountId)
        ? []
        : [{ type: 'HeadOfficeAccountAdded', data: { accountId: command.accountId } }],
    ),
  evolve: (state, event) => ({ accountIds: new Set([...state.accountIds, event.data.accountId]) }),
}
