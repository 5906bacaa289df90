// Principals for service-level tests (ids are branded EntityIds; these are known to be valid).
import type { Principal } from '../../../../domain/access/principal.js'

const p = (value: { id: string; role: Principal['role']; tenant: unknown }): Principal => value as Principal

export const hq = p({ id: 'hq', role: 'head_office', tenant: { scope: 'network' } })
export const managerP1 = p({ id: 'm1', role: 'service_point_manager', tenant: { scope: 'point', pointId: 'p1' } })
export const managerP2 = p({ id: 'm2', role: 'service_point_manager', tenant: { scope: 'point', pointId: 'p2' } })
export const employeeP1 = p({ id: 'e1', role: 'service_point_employee', tenant: { scope: 'point', pointId: 'p1' } })
export const employeeP2 = p({ id: 'e2', role: 'service_point_employee', tenant: { scope: 'point', pointId: 'p2' } })
export const customerC1 = p({ id: 'c', role: 'customer', tenant: { scope: 'customer', customerId: 'c1' } })
export const customerC2 = p({ id: 'c2', role: 'customer', tenant: { scope: 'customer', customerId: 'c2' } })
export const fleetManagerF1 = p({ id: 'fm', role: 'fleet_manager', tenant: { scope: 'fleet', fleetId: 'f1' } })
export const fleetManagerF2 = p({ id: 'fm2', role: 'fleet_manager', tenant: { scope: 'fleet', fleetId: 'f2' } })
