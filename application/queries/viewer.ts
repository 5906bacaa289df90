// Who reads: an authenticated principal, or nobody (public listings). The query services check
// role and tenant themselves as well as the routes do, so a new caller cannot forget it.
import type { Principal } from '../../domain/access/principal.js'
import type { AccountRole } from '../../domain/access/tenant.js'
import { type TenantOwnership, tenantCanAccess } from '../../domain/access/tenant.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'

export type Viewer = Principal

/** Refuses unless the viewer has one of the roles and his tenant reaches the owner. */
export function refuseUnless(
  viewer: Viewer,
  roles: ReadonlyArray<AccountRole>,
  owner: TenantOwnership,
  what: string,
): DomainError | null {
  if (!roles.includes(viewer.role))
    return domainError('forbidden', 'ROLE_NOT_ALLOWED', `a ${viewer.role} may not see ${what}`)
  if (!tenantCanAccess(viewer.tenant, owner))
    return domainError(
      'forbidden',
      'TENANT_ACCESS_DENIED',
      `${what} belongs to another service point, fleet or customer`,
    )
  return null
}

/** Everyone who works at a point, and head office. */
export const POINT_STAFF: ReadonlyArray<AccountRole> = [
  'head_office',
  'service_point',
  'service_point_manager',
  'service_point_employee',
]

export interface Paging {
  readonly limit: number
  readonly offset: number
}

export interface Page<T> {
  readonly items: ReadonlyArray<T>
  readonly total: number
  readonly limit: number
  readonly offset: number
}

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 200

export function pageOf<T>(all: ReadonlyArray<T>, paging: Paging): Page<T> {
  return {
    items: all.slice(paging.offset, paging.offset + paging.limit),
    total: all.length,
    limit: paging.limit,
    offset: paging.offset,
  }
}
