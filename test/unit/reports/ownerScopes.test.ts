// The definition language's owner keys (scope: pointId, fleetId, customerId) and the fields of the
// business and repair contexts' events: a definition over tickets scoped to fleets and customers is
// checked into its shape, and every mistake in its scope or paths is refused with its line.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { planQuery } from '../../../application/reports/reportTable.js'
import type { Principal } from '../../../domain/access/principal.js'
import { checkDefinitionSource } from '../../../projections/reports/definition/checkDefinition.js'
import { language } from './support/language.js'

const TICKETS = `# tickets per fleet, customer and month
name: ticketsByOwner
events: [TicketOpened]
groupBy:
  - { name: fleetId, path: data.requester.fleetId }
  - { name: customerId, path: data.requester.customerId }
  - { name: pointId, path: data.pointId }
  - { bucket: month, timeZone: Europe/Warsaw }
measures:
  - { name: tickets, op: count }
scope:
  pointId: pointId
  fleetId: fleetId
  customerId: customerId
`

const who = (role: string, tenant: Record<string, string>) => ({ id: 'a', role, tenant }) as unknown as Principal

describe('report definitions: owner keys in scope', () => {
  it('a definition scoped to points, fleets and customers shows each reader his own rows only', () => {
    const checked = checkDefinitionSource('yaml', TICKETS, language.events)
    assert.ok(isRight(checked), JSON.stringify(checked))
    const shape = language.compile(checked.right.definition, 1).shape
    assert.equal(shape.scopeFleetKey, 'fleetId')
    assert.equal(shape.scopeCustomerKey, 'customerId')
    const plan = (viewer: Principal, filters = {}) => planQuery(shape, { filters }, viewer)
    const fleet = plan(who('fleet_manager', { scope: 'fleet', fleetId: 'f1' }))
    assert.ok(isRight(fleet) && fleet.right.filter['k.fleetId'] === 'f1', JSON.stringify(fleet))
    const customer = plan(who('customer', { scope: 'customer', customerId: 'c7' }))
    assert.ok(isRight(customer) && customer.right.filter['k.customerId'] === 'c7')
    const other = plan(who('customer', { scope: 'customer', customerId: 'c7' }), { customerId: ['c8'] })
    assert.ok(isLeft(other) && other.left.code === 'TENANT_ACCESS_DENIED')
    const employee = plan(who('service_point_employee', { scope: 'point', pointId: 'p1' }))
    assert.ok(isLeft(employee) && employee.left.code === 'ROLE_NOT_ALLOWED')
  })

  it('a scope naming no key, a time bucket, an unknown owner kind or nothing is refused with its line', () => {
    const refused = (text: string) => {
      const checked = checkDefinitionSource('yaml', text, language.events)
      assert.ok(isLeft(checked), 'refused')
      return checked.left.map((p) => `${p.line}: ${p.message}`)
    }
    const base = TICKETS.slice(0, TICKETS.indexOf('scope:'))
    assert.deepEqual(refused(`${base}scope:\n  fleetId: branch\n`), [
      '12: names no group key; the keys are fleetId, customerId, pointId, month',
    ])
    assert.match(refused(`${base}scope:\n  customerId: month\n`).join(), /^12: month is a time bucket/)
    assert.match(refused(`${base}scope:\n  branchId: pointId\n`).join(), /^12: unknown key "branchId"/)
    assert.match(refused(`${base}scope: {}\n`).join(), /^11: name at least one of pointId, fleetId, customerId/)
  })

  it('fields of tickets, work orders and stock are checked against their codecs', () => {
    const text = TICKETS.replace('data.requester.fleetId', 'data.requester.fleet')
    const checked = checkDefinitionSource('yaml', text, language.events)
    assert.ok(isLeft(checked))
    const problem = checked.left.find((p) => p.path === 'groupBy.0.path')
    assert.ok(problem, JSON.stringify(checked.left))
    assert.equal(problem.line, 5)
    assert.match(problem.message, /fleetId/)
  })
})
