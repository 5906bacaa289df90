import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { tenantForRole } from '../../../application/access/tenantInput.js'
import type { EntityId } from '../../../domain/access/fields.js'
import { mayManage, mayView } from '../../../domain/access/permissions.js'
import { Principal } from '../../../domain/access/principal.js'
import { type Tenant, tenantCanAccess } from '../../../domain/access/tenant.js'

const id = (s: string) => s as EntityId
const network: Tenant = { scope: 'network' }
const p1: Tenant = { scope: 'point', pointId: id('p1') }
const f1: Tenant = { scope: 'fleet', fleetId: id('f1') }
const c1: Tenant = { scope: 'customer', customerId: id('c1') }

describe('tenant scope', () => {
  it('head office reaches everything, even what belongs to nobody in particular', () => {
    assert.ok(tenantCanAccess(network, {}))
    assert.ok(tenantCanAccess(network, { pointId: 'p9', fleetId: 'f9', customerId: 'c9' }))
  })

  it('a point reaches its own point only', () => {
    assert.ok(tenantCanAccess(p1, { pointId: 'p1' }))
    assert.ok(tenantCanAccess(p1, { pointId: 'p1', customerId: 'c7' }))
    assert.ok(!tenantCanAccess(p1, { pointId: 'p2' }))
    assert.ok(!tenantCanAccess(p1, { customerId: 'c1' }))
    assert.ok(!tenantCanAccess(p1, {}))
  })

  it('a fleet reaches its own fleet only; a customer his own data only', () => {
    assert.ok(tenantCanAccess(f1, { fleetId: 'f1', pointId: 'p3' }))
    assert.ok(!tenantCanAccess(f1, { fleetId: 'f2' }))
    assert.ok(tenantCanAccess(c1, { customerId: 'c1', pointId: 'p3' }))
    assert.ok(!tenantCanAccess(c1, { customerId: 'c2' }))
    assert.ok(!tenantCanAccess(c1, { pointId: 'p1' }))
  })

  it('a point manager sees and manages only his point’s accounts, and manages only employees', () => {
    const manager: Principal = { id: id('m1'), role: 'service_point_manager', tenant: p1 }
    const employee = { accountId: 'e1', role: 'service_point_employee' as const, tenant: p1 }
    const otherPoint = { ...employee, tenant: { scope: 'point' as const, pointId: id('p2') } }
    const tablet = { accountId: 't1', role: 'service_point' as const, tenant: p1 }
    assert.ok(mayView(manager, employee) && mayManage(manager, employee))
    assert.ok(!mayView(manager, otherPoint) && !mayManage(manager, otherPoint))
    assert.ok(mayView(manager, tablet) && !mayManage(manager, tablet))
  })

  it('a principal whose tenant does not fit its role does not decode', () => {
    assert.ok(isRight(Principal.decode({ id: 'a', role: 'customer', tenant: { scope: 'customer', customerId: 'c1' } })))
    assert.ok(isLeft(Principal.decode({ id: 'a', role: 'customer', tenant: { scope: 'network' } })))
    assert.ok(isLeft(Principal.decode({ id: 'a', role: 'system', tenant: { scope: 'network' } })))
  })

  it('flat tenant ids: every misplaced and missing field named at once', () => {
    const made = tenantForRole('service_point_employee', { fleetId: id('f1'), customerId: id('c1') }, () => id('new'))
    assert.ok(isLeft(made))
    assert.deepEqual(
      made.left.fields?.map((f) => f.path),
      ['fleetId', 'customerId', 'pointId'],
    )
    assert.deepEqual(
      tenantForRole('customer', {}, () => id('new')),
      { _tag: 'Right', right: { scope: 'customer', customerId: 'new' } },
    )
    assert.deepEqual(
      tenantForRole('head_office', {}, () => id('new')),
      { _tag: 'Right', right: { scope: 'network' } },
    )
  })
})
