// The `accounts` read model: one document per account (address, name, role, tenant, state), so
// head office can list the users and a point manager his staff. Passwords never reach the log, so
// nothing secret is here either.
import { accessEventDefinitions } from '../../application/access/accessEvents.js'
import { ACCOUNTS, type AccountListDoc, tenantIdOf } from '../../application/access/accountDirectory.js'
import { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { AccountEvent } from '../../domain/access/events.js'
import type { Projection, ProjectionView } from '../projection.js'

const HANDLED = ['AccountRegistered', 'AccountDeactivated', 'AccountReactivated'] as const
const catalogue = new EventCatalogue([...accessEventDefinitions])

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = catalogue.decode(event) as unknown as AccountEvent
  const accounts = view.collection(ACCOUNTS.accounts)
  switch (decoded.type) {
    case 'AccountRegistered': {
      const { accountId, email, displayName, role, tenant } = decoded.data
      const doc: AccountListDoc = {
        _id: accountId,
        accountId,
        email,
        displayName,
        role,
        tenant,
        tenantId: tenantIdOf(tenant),
        status: 'active',
        registeredAt: event.metadata.occurredAt,
      }
      await accounts.replaceOne({ _id: accountId }, doc, { upsert: true })
      return
    }
    case 'AccountDeactivated':
      await accounts.updateOne({ _id: decoded.data.accountId }, { $set: { status: 'deactivated' } })
      return
    case 'AccountReactivated':
      await accounts.updateOne({ _id: decoded.data.accountId }, { $set: { status: 'active' } })
      return
    default:
      return
  }
}

export const accountsProjection: Projection = {
  name: ACCOUNTS.projection,
  version: 1,
  types: HANDLED,
  collections: [ACCOUNTS.accounts],
  indexes: {
    [ACCOUNTS.accounts]: [{ keys: { email: 1 } }, { keys: { role: 1, email: 1 } }, { keys: { tenantId: 1, email: 1 } }],
  },
  apply,
}
