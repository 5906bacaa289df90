// Turns the flat tenant ids of a request (pointId, fleetId, customerId) into the tenant a role
// needs, naming every misplaced or missing field at once.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { EntityId } from '../../domain/access/fields.js'
import { type AccountRole, type Tenant, tenantScopeOf } from '../../domain/access/tenant.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'

export interface TenantIds {
  readonly pointId?: EntityId
  readonly fleetId?: EntityId
  readonly customerId?: EntityId
}

const FIELDS = ['pointId', 'fleetId', 'customerId'] as const
const FIELD_OF_SCOPE = { network: null, point: 'pointId', fleet: 'fleetId', customer: 'customerId' } as const

/** A customer account may be opened for a new customer: newCustomerId supplies the id then. */
export function tenantForRole(
  role: AccountRole,
  ids: TenantIds,
  newCustomerId: () => EntityId,
): Either<DomainError, Tenant> {
  const scope = tenantScopeOf(role)
  const wanted = FIELD_OF_SCOPE[scope]
  const fields: Array<{ path: string; message: string }> = []
  for (const f of FIELDS)
    if (f !== wanted && ids[f] !== undefined) fields.push({ path: f, message: `not allowed for a ${role} account` })
  if (wanted !== null && wanted !== 'customerId' && ids[wanted] === undefined)
    fields.push({ path: wanted, message: `required for a ${role} account` })
  if (fields.length > 0)
    return left(
      domainError('invalid', 'TENANT_DOES_NOT_FIT_ROLE', `the tenant ids do not fit a ${role} account`, fields),
    )
  switch (scope) {
    case 'network':
      return right({ scope })
    case 'point':
      return right({ scope, pointId: ids.pointId as EntityId })
    case 'fleet':
      return right({ scope, fleetId: ids.fleetId as EntityId })
    case 'customer':
      return right({ scope, customerId: ids.customerId ?? newCustomerId() })
  }
}
