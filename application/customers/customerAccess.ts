// Who may do what with customers and fleets. Routes guard roles and path tenants; these rules are
// checked again by the services (a new caller cannot forget them) and add what a route cannot see:
// which fleet a company customer belongs to, and which fleet roles may change what.
//
// - Customers: head office and point staff register and serve customers (at the desk, on the
//   phone); a customer sees and changes only himself; a fleet's people see their company's record.
//   Archiving is head office's.
// - Fleets: head office registers fleets. The company account (fleet_client) runs its fleet:
//   details, branches, managers, vehicles, drivers. A fleet manager runs vehicles and drivers.
import type { Principal } from '../../domain/access/principal.js'
import type { AccountRole } from '../../domain/access/tenant.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'

export const STAFF_ROLES: ReadonlyArray<AccountRole> = [
  'head_office',
  'service_point',
  'service_point_manager',
  'service_point_employee',
]
export const isStaff = (by: Principal): boolean => STAFF_ROLES.includes(by.role)

export const tenantDenied = (what = 'this'): DomainError =>
  domainError('forbidden', 'TENANT_ACCESS_DENIED', `${what} belongs to another service point, fleet or customer`)
export const roleDenied = (message: string): DomainError => domainError('forbidden', 'ROLE_NOT_ALLOWED', message)

const isOwnCustomer = (by: Principal, customerId: string): boolean =>
  by.tenant.scope === 'customer' && by.tenant.customerId === customerId

/** `fleetCustomerId`: the company customer of the caller's fleet, when the caller is a fleet account. */
export function mayViewCustomer(by: Principal, customerId: string, fleetCustomerId: string | null): DomainError | null {
  if (isStaff(by) || isOwnCustomer(by, customerId)) return null
  if (by.tenant.scope === 'fleet') return fleetCustomerId === customerId ? null : tenantDenied('the customer')
  return tenantDenied('the customer')
}

export function mayEditCustomer(by: Principal, customerId: string): DomainError | null {
  if (isStaff(by) || isOwnCustomer(by, customerId)) return null
  if (by.tenant.scope === 'fleet') return roleDenied('fleet accounts do not edit customer records; ask head office')
  return tenantDenied('the customer')
}

export function mayArchiveCustomer(by: Principal): DomainError | null {
  return by.role === 'head_office' ? null : roleDenied('only head office archives customers')
}

export function mayListCustomers(by: Principal): DomainError | null {
  return isStaff(by) ? null : roleDenied('only staff list customers')
}

const isOwnFleet = (by: Principal, fleetId: string): boolean =>
  by.tenant.scope === 'fleet' && by.tenant.fleetId === fleetId

export function mayRegisterFleet(by: Principal): DomainError | null {
  return by.role === 'head_office' ? null : roleDenied('only head office registers fleet clients')
}

export function mayViewFleet(by: Principal, fleetId: string): DomainError | null {
  if (by.role === 'head_office' || isOwnFleet(by, fleetId)) return null
  return by.tenant.scope === 'fleet' ? tenantDenied('the fleet') : roleDenied('only head office and the fleet’s people')
}

/** Details, branches and managers: the company account and head office. */
export function mayRunFleet(by: Principal, fleetId: string): DomainError | null {
  if (by.role === 'head_office') return null
  if (!isOwnFleet(by, fleetId)) return mayViewFleet(by, fleetId) ?? tenantDenied('the fleet')
  return by.role === 'fleet_client' ? null : roleDenied('branches, managers and details are the company account’s')
}

/** Vehicles and drivers: the fleet's people and head office. */
export function mayManageVehicles(by: Principal, fleetId: string): DomainError | null {
  return mayViewFleet(by, fleetId)
}
