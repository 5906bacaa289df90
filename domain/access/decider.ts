// The account aggregate: one stream per account. Pure: ids and time arrive on the command or in
// the command context; e-mail uniqueness is guarded by its own stream (emailClaimDecider.ts).
import { left, right } from 'fp-ts/lib/Either.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import type { AccountCommand } from './commands.js'
import type { AccountEvent } from './events.js'
import type { DisplayName, Email, EntityId } from './fields.js'
import { type AccountScope, mayManage, mayRegister } from './permissions.js'
import { type AccountRole, type Tenant, tenantScopeOf } from './tenant.js'

export interface Account extends AccountScope {
  readonly accountId: EntityId
  readonly email: Email
  readonly displayName: DisplayName
  readonly role: AccountRole
  readonly tenant: Tenant
  readonly status: 'active' | 'deactivated'
}

export type AccountState = { readonly status: 'none' } | Account

export const ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND'

export const accountNotFound = (): DomainError => domainError('not_found', ACCOUNT_NOT_FOUND, 'no such account')

// Which request field names the tenant a role needs (the API takes the tenant as flat ids).
const TENANT_FIELD = { network: null, point: 'pointId', fleet: 'fleetId', customer: 'customerId' } as const

function tenantFitsRole(role: AccountRole, tenant: Tenant): DomainError | null {
  const wanted = tenantScopeOf(role)
  if (tenant.scope === wanted) return null
  const field = TENANT_FIELD[wanted]
  return domainError(
    'invalid',
    'TENANT_DOES_NOT_FIT_ROLE',
    field === null ? `a ${role} account belongs to the whole network` : `a ${role} account needs a ${field}`,
    [
      field === null
        ? { path: TENANT_FIELD[tenant.scope] ?? 'role', message: `not allowed for a ${role} account` }
        : { path: field, message: `required for a ${role} account` },
    ],
  )
}

export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent> = {
  initialState: { status: 'none' },

  decide: (command, state) => {
    switch (command.kind) {
      case 'RegisterAccount': {
        if (state.status !== 'none')
          return left(domainError('conflict', 'ACCOUNT_ALREADY_EXISTS', 'this account is already registered'))
        const misfit = tenantFitsRole(command.role, command.tenant)
        if (misfit) return left(misfit)
        if (!mayRegister(command.by, command.role, command.tenant))
          return left(
            domainError(
              'forbidden',
              'NOT_ALLOWED_TO_CREATE_ACCOUNT',
              `you may not create a ${command.role} account here`,
            ),
          )
        const { accountId, email, displayName, role, tenant } = command
        return right([{ type: 'AccountRegistered', data: { accountId, email, displayName, role, tenant } }])
      }

      case 'DeactivateAccount':
      case 'ReactivateAccount': {
        if (state.status === 'none') return left(accountNotFound())
        if (!mayManage(command.by, state))
          return left(domainError('forbidden', 'NOT_ALLOWED_TO_MANAGE_ACCOUNT', 'you may not manage this account'))
        if (command.kind === 'DeactivateAccount') {
          // Locking oneself out (possibly the last head office) is never what was meant.
          if (command.by.id === state.accountId)
            return left(domainError('conflict', 'CANNOT_DEACTIVATE_SELF', 'you cannot deactivate your own account'))
          if (state.status === 'deactivated') return right([])
          return right([{ type: 'AccountDeactivated', data: { accountId: state.accountId, reason: command.reason } }])
        }
        if (state.status === 'active') return right([])
        return right([{ type: 'AccountReactivated', data: { accountId: state.accountId } }])
      }

      case 'RecordPasswordChange': {
        if (state.status === 'none') return left(accountNotFound())
        if (command.by.id !== state.accountId && !mayManage(command.by, state))
          return left(domainError('forbidden', 'NOT_ALLOWED_TO_MANAGE_ACCOUNT', 'you may not manage this account'))
        if (state.status === 'deactivated')
          return left(domainError('conflict', 'ACCOUNT_DEACTIVATED', 'this account is deactivated'))
        return right([{ type: 'AccountPasswordChanged', data: { accountId: state.accountId } }])
      }
    }
  },

  evolve: (state, event) => {
    switch (event.type) {
      case 'AccountRegistered':
        return { ...event.data, status: 'active' }
      case 'AccountDeactivated':
        return state.status === 'none' ? state : { ...state, status: 'deactivated' }
      case 'AccountReactivated':
        return state.status === 'none' ? state : { ...state, status: 'active' }
      case 'AccountPasswordChanged':
        return state
    }
  },
}
