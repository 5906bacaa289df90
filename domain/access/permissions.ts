// Who may do what to accounts. Pure rules shared by the decider (writes) and the account
// queries (reads), so a read and a write of the same account are judged alike.
import type { RegisteredBy } from './commands.js'
import type { Principal } from './principal.js'
import type { AccountRole, Tenant } from './tenant.js'

/** The part of an account the rules look at. */
export interface AccountScope {
  readonly accountId: string
  readonly role: AccountRole
  readonly tenant: Tenant
}

const samePoint = (a: Tenant, b: Tenant): boolean =>
  a.scope === 'point' && b.scope === 'point' && a.pointId === b.pointId

/**
 * Head office creates accounts of any role; a point manager creates employee accounts for his
 * own point; a person registers himself only as a customer; the operator bootstraps head office.
 */
export function mayRegister(by: RegisteredBy, role: AccountRole, tenant: Tenant): boolean {
  switch (by.kind) {
    case 'self':
      return role === 'customer'
    case 'operator':
      return role === 'head_office'
    case 'account': {
      const p = by.principal
      if (p.role === 'head_office') return true
      return p.role === 'service_point_manager' && role === 'service_point_employee' && samePoint(p.tenant, tenant)
    }
  }
}

/** Everyone sees his own account; head office sees all; a point manager sees his point's accounts. */
export function mayView(by: Principal, account: AccountScope): boolean {
  if (by.id === account.accountId || by.role === 'head_office') return true
  return by.role === 'service_point_manager' && samePoint(by.tenant, account.tenant)
}

/**
 * Deactivate, reactivate, reset a password: head office for anyone, a point manager for the
 * employees of his own point (not for other managers or the point's own account).
 */
export function mayManage(by: Principal, account: AccountScope): boolean {
  if (by.role === 'head_office') return true
  return (
    by.role === 'service_point_manager' &&
    account.role === 'service_point_employee' &&
    samePoint(by.tenant, account.tenant)
  )
}
