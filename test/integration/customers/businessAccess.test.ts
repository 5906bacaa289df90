// Role and tenant rules on every business route. The route list comes from /openapi.json (the
// routes' own declarations), so a route added later is checked too:
// - no token → 401; every account role not among the route's roles → 403 ROLE_NOT_ALLOWED, and
//   nothing is written;
// - routes naming a fleet or a customer in the path refuse another tenant's with 403
//   TENANT_ACCESS_DENIED (a fleet manager sees only his fleet, a customer only himself).
import assert from 'node:assert/strict'
import request from 'supertest'
import type { Cast } from '../api/support/testApi.js'
import { type BusinessFixture, businessFixture } from './support/businessFixture.js'

const TAGS = new Set(['customers', 'fleets', 'fleet dashboards', 'contracts', 'helpdesk', 'billing'])
const CAST: Record<string, Cast> = {
  head_office: 'head_office',
  service_point: 'point_p1',
  service_point_manager: 'manager_p1',
  service_point_employee: 'employee_p1',
  fleet_client: 'fleet_f1',
  fleet_manager: 'fleet_manager_f1',
  customer: 'customer',
}

interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'delete'
  readonly path: string
  readonly roles: ReadonlyArray<string> | null
}

describe('business routes: roles and tenants', () => {
  let f: BusinessFixture
  let operations: Operation[]
  before(async () => {
    f = await businessFixture()
    const doc = (await request(f.app).get('/openapi.json')).body as {
      paths: Record<string, Record<string, { tags: string[]; description?: string }>>
    }
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags.some((t) => TAGS.has(t)))
        .map(([method, op]) => {
          const roles = /Roles: ([a-z_, ]+)\./.exec(op.description ?? '')?.[1]?.split(', ') ?? null
          return {
            method: method as Operation['method'],
            path: path
              .replace(/\{fleetId\}/g, 'f1')
              .replace(/\{customerId\}/g, 'c1')
              .replace(/\{(\w+)\}/g, 'x-$1'),
            roles,
          }
        }),
    )
  })
  after(() => f.close())

  it('the business side has routes for every context', () => {
    assert.ok(operations.length >= 60, `${operations.length} routes`)
    for (const prefix of ['/customers', '/fleets', '/fleet-dashboard', '/contracts', '/tickets', '/billing'])
      assert.ok(
        operations.some((o) => o.path.startsWith(prefix)),
        prefix,
      )
  })

  it('every route refuses a request without a token (401)', async () => {
    for (const op of operations) {
      const res = await request(f.app)[op.method](op.path).send({})
      assert.equal(res.status, 401, `${op.method} ${op.path}`)
    }
  })

  it('every route refuses every role it does not name (403 ROLE_NOT_ALLOWED), writing nothing', async () => {
    const before = await f.eventCount()
    let checked = 0
    for (const op of operations) {
      if (op.roles === null) continue
      for (const [role, who] of Object.entries(CAST)) {
        if (op.roles.includes(role)) continue
        const res = await request(f.app)[op.method](op.path).set('Authorization', f.bearer(who)).send({})
        assert.equal(res.status, 403, `${who} ${op.method} ${op.path}: ${JSON.stringify(res.body)}`)
        assert.equal(res.body.code, 'ROLE_NOT_ALLOWED', `${who} ${op.method} ${op.path}`)
        checked++
      }
    }
    assert.ok(checked > 100, `${checked} refusals checked`)
    assert.equal(await f.eventCount(), before)
  })

  it('a fleet’s people reach only their fleet: every /fleets/{fleetId} route refuses another fleet', async () => {
    const before = await f.eventCount()
    const fleetRoutes = operations.filter((o) => o.path.startsWith('/fleets/f1'))
    assert.ok(fleetRoutes.length >= 18, `${fleetRoutes.length} fleet routes`)
    for (const op of fleetRoutes)
      for (const who of ['fleet_f1', 'fleet_manager_f1'] as const) {
        if (op.roles && !op.roles.includes(who === 'fleet_f1' ? 'fleet_client' : 'fleet_manager')) continue
        const res = await request(f.app)
          [op.method](op.path.replace('/fleets/f1', '/fleets/f2'))
          .set('Authorization', f.bearer(who))
          .send({})
        assert.equal(res.status, 403, `${who} ${op.method} ${op.path}`)
        assert.equal(res.body.code, 'TENANT_ACCESS_DENIED', `${who} ${op.method} ${op.path}`)
      }
    assert.equal(await f.eventCount(), before)
  })

  it('a customer reaches only himself: every /customers/{customerId} route refuses another customer', async () => {
    const customerRoutes = operations.filter(
      (o) => o.path.startsWith('/customers/c1') && (o.roles === null || o.roles.includes('customer')),
    )
    assert.ok(customerRoutes.length >= 7)
    for (const op of customerRoutes) {
      const res = await request(f.app)
        [op.method](op.path.replace('/customers/c1', '/customers/acme'))
        .set('Authorization', f.bearer('customer'))
        .send({})
      assert.equal(res.status, 403, `${op.method} ${op.path}`)
      assert.equal(res.body.code, 'TENANT_ACCESS_DENIED')
    }
  })

  it('fleet accounts read their company’s customer record but do not edit it; nor anyone else’s', async () => {
    assert.equal((await f.call('fleet_manager_f1').get('/customers/acme')).status, 200)
    const edit = await f.call('fleet_f1').put('/customers/acme/contacts', { contacts: { email: 'x@acme.example' } })
    assert.equal(edit.status, 403)
    assert.equal((await f.call('fleet_f1').get('/customers/c1')).status, 403)
  })
})
