// What clients see of an account.
import type { Account } from '../../domain/access/decider.js'
import type { AccountRole, Tenant } from '../../domain/access/tenant.js'

export interface AccountView {
  readonly accountId: string
  readonly email: string
  readonly displayName: string
  readonly role: AccountRole
  readonly tenant: Tenant
  readonly status: 'active' | 'deactivated'
}

export const accountView = (a: Account): AccountView => ({
  accountId: a.accountId,
  email: a.email,
  displayName: a.displayName,
  role: a.role,
  tenant: a.tenant,
  status: a.status,
})
