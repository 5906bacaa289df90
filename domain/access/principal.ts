// Who is asking: an authenticated account with its role and tenant. The API puts one on every
// authenticated request (from the access token); deciders receive it on commands that need it.
import * as t from 'io-ts'
import type { Actor } from '../shared/actor.js'
import { EntityId } from './fields.js'
import { AccountRole, Tenant, tenantScopeOf } from './tenant.js'

const PrincipalShape = t.type({ id: EntityId, role: AccountRole, tenant: Tenant })

/** A principal whose tenant is of the kind its role requires (a forged mix is refused on decode). */
export const Principal = new t.Type<t.TypeOf<typeof PrincipalShape>, t.OutputOf<typeof PrincipalShape>, unknown>(
  'Principal',
  (u): u is t.TypeOf<typeof PrincipalShape> => PrincipalShape.is(u) && tenantScopeOf(u.role) === u.tenant.scope,
  (u, c) => {
    const decoded = PrincipalShape.validate(u, c)
    if (decoded._tag === 'Left') return decoded
    const p = decoded.right
    return tenantScopeOf(p.role) === p.tenant.scope
      ? t.success(p)
      : t.failure(u, c, `a ${p.role} belongs to a ${tenantScopeOf(p.role)} tenant`)
  },
  PrincipalShape.encode,
)
export type Principal = t.TypeOf<typeof Principal>

/** The actor recorded in event metadata: id and role only (the tenant is the account's business). */
export const actorOf = (principal: Principal): Actor => ({ id: principal.id, role: principal.role })
