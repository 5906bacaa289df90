// Who may see and change a work order.
//   - a point's people (its account, manager, employees) run their own point's orders, and only those;
//   - head office runs every order;
//   - a customer sees his own orders, a fleet's people their fleet's, and both may answer the
//     estimate of such an order from their account (channel 'portal');
//   - anybody with the order's tracking code sees its public status, and with the estimate code
//     answers the estimate (trackingService.ts), without an account.
import type { Principal } from '../../domain/access/principal.js'
import { tenantCanAccess } from '../../domain/access/tenant.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'
import { isStaffOf, tenantDenied } from '../serviceNetwork/pointAccess.js'

const STAFF_ROLES: ReadonlyArray<Principal['role']> = [
  'head_office',
  'service_point',
  'service_point_manager',
  'service_point_employee',
]

export const isPointStaffRole = (by: Principal): boolean => STAFF_ROLES.includes(by.role)

export const ownershipOf = (state: WorkOrderState) => ({
  pointId: state.pointId,
  ...(state.customer?.customerId ? { customerId: state.customer.customerId } : {}),
  ...(state.customer?.fleetId ? { fleetId: state.customer.fleetId } : {}),
})

/** See the order: its point's people, head office, its customer or fleet. */
export function maySeeOrder(by: Principal, state: WorkOrderState): DomainError | null {
  return tenantCanAccess(by.tenant, ownershipOf(state)) ? null : tenantDenied()
}

/** Work on the order: its point's people and head office. */
export function mayRunOrder(by: Principal, pointId: string): DomainError | null {
  if (!isPointStaffRole(by))
    return domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only the service point’s staff work on an order')
  return isStaffOf(by, pointId) ? null : tenantDenied()
}

/** Answer the estimate from an account: the order's customer or fleet (portal), or staff on their behalf. */
export function mayDecideEstimate(by: Principal, state: WorkOrderState): DomainError | null {
  if (isPointStaffRole(by)) return mayRunOrder(by, state.pointId)
  return maySeeOrder(by, state)
}
