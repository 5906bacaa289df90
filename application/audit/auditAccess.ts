// Who may audit what. The `auditor` capability (every stream, every point) belongs to head office
// alone; a point's manager may audit the streams of his own point (its orders, bookings, stock…),
// which he needs in a dispute with his customer. Capabilities are derived from the role rather than
// stored per account: a new role would be a change to the access model, which this is not.
import type { Principal } from '../../domain/access/principal.js'
import type { AccountRole, TenantOwnership } from '../../domain/access/tenant.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'

export type Capability = 'auditor'

const CAPABILITIES: Readonly<Record<AccountRole, readonly Capability[]>> = {
  head_office: ['auditor'],
  service_point: [],
  service_point_manager: [],
  service_point_employee: [],
  fleet_client: [],
  fleet_manager: [],
  customer: [],
}

export const capabilitiesOf = (principal: Principal): readonly Capability[] => CAPABILITIES[principal.role]

export const hasCapability = (principal: Principal, capability: Capability): boolean =>
  capabilitiesOf(principal).includes(capability)

/** The roles the audit routes admit at all; the service then checks the stream's owner. */
export const AUDIT_ROLES: readonly AccountRole[] = ['head_office', 'service_point_manager']

/**
 * Refuses unless the viewer is an auditor, or the manager of the point the stream belongs to.
 * owner null: the stream belongs to nobody in particular (or its owner could not be read), so only
 * an auditor may read it.
 */
export function auditRefusal(viewer: Principal, owner: TenantOwnership | null): DomainError | null {
  if (hasCapability(viewer, 'auditor')) return null
  if (viewer.role !== 'service_point_manager')
    return domainError('forbidden', 'ROLE_NOT_ALLOWED', `a ${viewer.role} may not audit streams`)
  if (viewer.tenant.scope === 'point' && owner?.pointId !== undefined && owner.pointId === viewer.tenant.pointId)
    return null
  return domainError('forbidden', 'TENANT_ACCESS_DENIED', 'this stream belongs to another service point')
}
