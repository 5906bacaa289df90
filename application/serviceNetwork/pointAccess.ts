// Who may change what in the service network. The role guard on each route says which roles may
// call it at all; these rules add the tenant: a point's people act on their own point only.
// (The service-point decider adds its own rule on top: a manager edits a point that names him
// as its manager, so a manager account moved to another point loses the old one at once.)
import type { Principal } from '../../domain/access/principal.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'

const tenantDenied = (): DomainError =>
  domainError('forbidden', 'TENANT_ACCESS_DENIED', 'this belongs to another service point, fleet or customer')

const roleDenied = (what: string): DomainError => domainError('forbidden', 'ROLE_NOT_ALLOWED', `${what}`)

const isOwnPoint = (by: Principal, pointId: string): boolean =>
  by.tenant.scope === 'point' && by.tenant.pointId === pointId

/** Head office and the point's manager edit a point (details, hours, bays). */
export function mayEditPoint(by: Principal, pointId: string): DomainError | null {
  if (by.role === 'head_office') return null
  if (by.role !== 'service_point_manager') return roleDenied('only head office and the point’s manager edit a point')
  return isOwnPoint(by, pointId) ? null : tenantDenied()
}

/** Head office and the point's manager run its staff schedule. */
export const mayRunStaffSchedule = mayEditPoint

/** Head office, and the point's own people, see its staff schedule. */
export function mayViewStaffSchedule(by: Principal, pointId: string): DomainError | null {
  if (by.role === 'head_office') return null
  if (by.tenant.scope !== 'point') return roleDenied('only head office and the point’s staff see its staff schedule')
  return isOwnPoint(by, pointId) ? null : tenantDenied()
}

/** The catalogue is the network's: head office alone changes it. */
export function mayEditCatalogue(by: Principal): DomainError | null {
  return by.role === 'head_office' ? null : roleDenied('only head office changes the catalogue')
}

/** Staff acting for a point: head office anywhere, the point's own accounts at their point. */
export function isStaffOf(by: Principal, pointId: string): boolean {
  return by.role === 'head_office' || isOwnPoint(by, pointId)
}

export { tenantDenied }
