// The access context's entries for the EventCatalogue; the composition root registers them.
import {
  AccountDeactivated,
  AccountPasswordChanged,
  AccountReactivated,
  AccountRegistered,
  EmailClaimed,
  HeadOfficeAccountAdded,
} from '../../domain/access/events.js'
import type { EventDefinition } from '../eventLog/eventCatalogue.js'

export const accessEventDefinitions: ReadonlyArray<EventDefinition> = [
  { type: 'AccountRegistered', schemaVersion: 1, codec: AccountRegistered },
  { type: 'AccountDeactivated', schemaVersion: 1, codec: AccountDeactivated },
  { type: 'AccountReactivated', schemaVersion: 1, codec: AccountReactivated },
  { type: 'AccountPasswordChanged', schemaVersion: 1, codec: AccountPasswordChanged },
  { type: 'EmailClaimed', schemaVersion: 1, codec: EmailClaimed },
  { type: 'HeadOfficeAccountAdded', schemaVersion: 1, codec: HeadOfficeAccountAdded },
]
