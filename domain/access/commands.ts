// Commands of the access context. They arrive validated (the application decodes input with the
// field codecs); the deciders check the rules that depend on who asks and on the stream's state.
import type { DisplayName, Email, EntityId } from './fields.js'
import type { Principal } from './principal.js'
import type { AccountRole, Tenant } from './tenant.js'

/**
 * Who registers an account:
 * - an authenticated account (head office, or a point manager for his staff),
 * - the person himself (public self-registration: customers only),
 * - the operator of the installation (CLI or start-up bootstrap: head office only).
 */
export type RegisteredBy =
  | { readonly kind: 'account'; readonly principal: Principal }
  | { readonly kind: 'self' }
  | { readonly kind: 'operator' }

export type AccountCommand =
  | {
      readonly kind: 'RegisterAccount'
      readonly accountId: EntityId
      readonly email: Email
      readonly displayName: DisplayName
      readonly role: AccountRole
      readonly tenant: Tenant
      readonly by: RegisteredBy
    }
  | { readonly kind: 'DeactivateAccount'; readonly by: Principal; readonly reason: string | null }
  | { readonly kind: 'ReactivateAccount'; readonly by: Principal }
  | { readonly kind: 'RecordPasswordChange'; readonly by: Principal }

export type EmailClaimCommand = { readonly kind: 'ClaimEmail'; readonly accountId: EntityId }

export type HeadOfficeRosterCommand = { readonly kind: 'AddHeadOfficeAccount'; readonly accountId: EntityId }
