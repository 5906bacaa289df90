// Events of the access context. Three kinds of stream:
// - `account-<accountId>`: one account's life (registration, deactivation, password changes);
// - `email-<sha256(email)>`: the uniqueness guard of one address (appended with no_stream);
// - `access-headoffice-roster`: which accounts are head office, so start-up can tell whether
//   the network has an administrator without scanning the log.
// No event carries a password or its hash: the log is immutable and replayed to analysts.
import * as t from 'io-ts'
import { DisplayName, Email, EntityId } from './fields.js'
import { AccountRole, Tenant } from './tenant.js'

export const AccountRegistered = t.type({
  accountId: EntityId,
  email: Email,
  displayName: DisplayName,
  role: AccountRole,
  tenant: Tenant,
})
export type AccountRegistered = t.TypeOf<typeof AccountRegistered>

export const AccountDeactivated = t.type({ accountId: EntityId, reason: t.union([t.string, t.null]) })
export type AccountDeactivated = t.TypeOf<typeof AccountDeactivated>

export const AccountReactivated = t.type({ accountId: EntityId })
export type AccountReactivated = t.TypeOf<typeof AccountReactivated>

/** The password was set anew (by its owner or reset by a manager); the hash itself lives elsewhere. */
export const AccountPasswordChanged = t.type({ accountId: EntityId })
export type AccountPasswordChanged = t.TypeOf<typeof AccountPasswordChanged>

export type AccountEvent =
  | { readonly type: 'AccountRegistered'; readonly data: AccountRegistered }
  | { readonly type: 'AccountDeactivated'; readonly data: AccountDeactivated }
  | { readonly type: 'AccountReactivated'; readonly data: AccountReactivated }
  | { readonly type: 'AccountPasswordChanged'; readonly data: AccountPasswordChanged }

/** The address (named by the stream) now belongs to this account. */
export const EmailClaimed = t.type({ accountId: EntityId })
export type EmailClaimed = t.TypeOf<typeof EmailClaimed>

export type EmailClaimEvent = { readonly type: 'EmailClaimed'; readonly data: EmailClaimed }

export const HeadOfficeAccountAdded = t.type({ accountId: EntityId })
export type HeadOfficeAccountAdded = t.TypeOf<typeof HeadOfficeAccountAdded>

export type HeadOfficeRosterEvent = { readonly type: 'HeadOfficeAccountAdded'; readonly data: HeadOfficeAccountAdded }
