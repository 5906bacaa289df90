// Tenant scope: a point's staff reach only their point's data, a fleet's people their fleet's, a
// customer his own; head office reaches everything. Routes state whom the data belongs to, e.g.
//   assertCanAccess(principalOf(req), { pointId: booking.pointId, customerId: booking.customerId })
// or, when the owner is in the path, as a route guard: tenantFromPath({ pointId: 'pointId' }).
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Principal } from '../../domain/access/principal.js'
import { type TenantOwnership, tenantCanAccess } from '../../domain/access/tenant.js'
import { ProblemError } from '../problem.js'
import { authenticationRequired } from './authenticate.js'
import '../requestTypes.js'

export function assertCanAccess(actor: Principal, owner: TenantOwnership): void {
  if (!tenantCanAccess(actor.tenant, owner))
    throw new ProblemError({
      status: 403,
      code: 'TENANT_ACCESS_DENIED',
      detail: 'this belongs to another service point, fleet or customer',
    })
}

export function requireTenantAccess(ownerOf: (req: Request) => TenantOwnership): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.actor) throw authenticationRequired()
    assertCanAccess(req.actor, ownerOf(req))
    next()
  }
}

type OwnerKey = keyof TenantOwnership

/**
 * Route guard for owners named in the path: tenantFromPath({ pointId: 'pointId' }) checks the
 * caller may reach the point whose id is the :pointId segment.
 */
export function tenantFromPath(params: Readonly<Partial<Record<OwnerKey, string>>>): RequestHandler {
  return requireTenantAccess((req) => {
    const owner: Partial<Record<OwnerKey, string>> = {}
    for (const [key, param] of Object.entries(params) as Array<[OwnerKey, string]>) {
      const value = req.params[param]
      if (typeof value === 'string') owner[key] = value
    }
    return owner
  })
}
