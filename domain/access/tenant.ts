// Every account belongs to one tenant: the whole network (head office), one service point, one
// fleet, or one customer (himself). The role fixes which kind of tenant it may have.
import * as t from 'io-ts'
import { Role } from '../shared/actor.js'
import { EntityId } from './fields.js'

const { system: _system, ...accountRoles } = Role.keys
export const AccountRole = t.keyof(accountRoles)
/** The roles people (and point/fleet accounts) log in with; `system` is never an account. */
export type AccountRole = t.TypeOf<typeof AccountRole>

export const NetworkTenant = t.type({ scope: t.literal('network') })
export const PointTenant = t.type({ scope: t.literal('point'), pointId: EntityId })
export const FleetTenant = t.type({ scope: t.literal('fleet'), fleetId: EntityId })
export const CustomerTenant = t.type({ scope: t.literal('customer'), customerId: EntityId })

export const Tenant = t.union([NetworkTenant, PointTenant, FleetTenant, CustomerTenant])
export type Tenant = t.TypeOf<typeof Tenant>
export type TenantScope = Tenant['scope']

const SCOPE_OF_ROLE: Readonly<Record<AccountRole, TenantScope>> = {
  head_office: 'network',
  service_point: 'point',
  service_point_manager: 'point',
  service_point_employee: 'point',
  fleet_client: 'fleet',
  fleet_manager: 'fleet',
  customer: 'customer',
}

export const tenantScopeOf = (role: AccountRole): TenantScope => SCOPE_OF_ROLE[role]

/** The data a tenant-scoped resource is owned by; a resource may belong to several tenants at once. */
export interface TenantOwnership {
  readonly pointId?: string
  readonly fleetId?: string
  readonly customerId?: string
}

/**
 * May someone of this tenant see or change a resource owned so? Head office sees everything; a
 * point's staff only what belongs to their point, a fleet's people their fleet's, a customer his
 * own. A resource owned by nobody in particular (no ids) is head office's alone.
 */
export function tenantCanAccess(tenant: Tenant, owner: TenantOwnership): boolean {
  switch (tenant.scope) {
    case 'network':
      return true
    case 'point':
      return owner.pointId !== undefined && owner.pointId === tenant.pointId
    case 'fleet':
      return owner.fleetId !== undefined && owner.fleetId === tenant.fleetId
    case 'customer':
      return owner.customerId !== undefined && owner.customerId === tenant.customerId
  }
}
