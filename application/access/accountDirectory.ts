// The accounts as a list (head office's users page; a point manager's own staff): the `accounts`
// read model built from the account streams' events (projections/access/accountsProjection.ts).
// One account is still read from its stream (AccountService.getAccount); this is the list.
import type { Principal } from '../../domain/access/principal.js'
import type { AccountRole, Tenant } from '../../domain/access/tenant.js'
import type { Document, Filter } from '../ports/documentStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'

export const ACCOUNTS = { projection: 'accounts', accounts: 'accounts' } as const

export interface AccountListDoc extends Document {
  _id: string
  accountId: string
  email: string
  displayName: string
  role: AccountRole
  tenant: Tenant
  /** The tenant's one id (point, fleet or customer), null for the network: what the list filters on. */
  tenantId: string | null
  status: 'active' | 'deactivated'
  registeredAt: string
}

export interface AccountListQuery {
  readonly role?: AccountRole
  readonly pointId?: string
  readonly fleetId?: string
  readonly status?: 'active' | 'deactivated'
}

export interface AccountPage {
  readonly items: ReadonlyArray<Omit<AccountListDoc, '_id' | 'tenantId'>>
  readonly total: number
  readonly limit: number
  readonly offset: number
}

export const tenantIdOf = (tenant: Tenant): string | null =>
  tenant.scope === 'point'
    ? tenant.pointId
    : tenant.scope === 'fleet'
      ? tenant.fleetId
      : tenant.scope === 'customer'
        ? tenant.customerId
        : null

export class AccountDirectory {
  constructor(private readonly readModels: ReadModelReader) {}

  /**
   * Head office: every account (filtered by role, point or fleet, state); a point manager: his
   * point's accounts only (a filter naming another point is refused by the caller's check).
   * By e-mail address. Null when the caller may not list.
   */
  async list(
    by: Principal,
    query: AccountListQuery,
    paging: { readonly limit: number; readonly offset: number },
  ): Promise<AccountPage | null> {
    const filter: Filter = {}
    if (by.role === 'service_point_manager' && by.tenant.scope === 'point') {
      if (query.pointId !== undefined && query.pointId !== by.tenant.pointId) return null
      filter.tenantId = by.tenant.pointId
    } else if (by.role !== 'head_office') return null
    if (query.role) filter.role = query.role
    if (query.status) filter.status = query.status
    const tenantId = query.pointId ?? query.fleetId
    if (tenantId !== undefined && filter.tenantId === undefined) filter.tenantId = tenantId
    const accounts = await this.readModels.collection<AccountListDoc>(ACCOUNTS.projection, ACCOUNTS.accounts)
    const [total, docs] = await Promise.all([
      accounts.count(filter),
      accounts.find(filter, { sort: { email: 1 }, skip: paging.offset, limit: paging.limit }),
    ])
    return {
      items: docs.map(({ _id, tenantId: _t, ...rest }) => rest),
      total,
      limit: paging.limit,
      offset: paging.offset,
    }
  }
}
