import assert from 'node:assert/strict'
import type { AccountCommand, RegisteredBy } from '../../../domain/access/commands.js'
import { accountDecider } from '../../../domain/access/decider.js'
import { emailClaimDecider } from '../../../domain/access/emailClaimDecider.js'
import type { AccountEvent } from '../../../domain/access/events.js'
import type { DisplayName, Email, EntityId } from '../../../domain/access/fields.js'
import { headOfficeRosterDecider } from '../../../domain/access/headOfficeRosterDecider.js'
import type { Principal } from '../../../domain/access/principal.js'
import type { AccountRole, Tenant } from '../../../domain/access/tenant.js'
import { scenario } from './support/givenWhenThen.js'

const id = (s: string) => s as EntityId
const headOffice: Principal = { id: id('ho-1'), role: 'head_office', tenant: { scope: 'network' } }
const managerOf = (pointId: string): Principal => ({
  id: id(`mgr-${pointId}`),
  role: 'service_point_manager',
  tenant: { scope: 'point', pointId: id(pointId) },
})
const point = (pointId: string): Tenant => ({ scope: 'point', pointId: id(pointId) })

const register = (role: AccountRole, tenant: Tenant, by: RegisteredBy, accountId = 'acc-1'): AccountCommand => ({
  kind: 'RegisterAccount',
  accountId: id(accountId),
  email: 'anna@example.com' as Email,
  displayName: 'Anna' as DisplayName,
  role,
  tenant,
  by,
})
const registered = (role: AccountRole, tenant: Tenant, accountId = 'acc-1'): AccountEvent => ({
  type: 'AccountRegistered',
  data: {
    accountId: id(accountId),
    email: 'anna@example.com' as Email,
    displayName: 'Anna' as DisplayName,
    role,
    tenant,
  },
})
const byAccount = (principal: Principal): RegisteredBy => ({ kind: 'account', principal })

const account = scenario(accountDecider)

describe('account decider', () => {
  describe('registration', () => {
    it('head office registers an account of any role', () => {
      account
        .given([])
        .when(register('fleet_manager', { scope: 'fleet', fleetId: id('f-1') }, byAccount(headOffice)))
        .then([registered('fleet_manager', { scope: 'fleet', fleetId: id('f-1') })])
    })

    it('a point manager registers an employee of his own point', () => {
      account
        .given([])
        .when(register('service_point_employee', point('p-1'), byAccount(managerOf('p-1'))))
        .then([registered('service_point_employee', point('p-1'))])
    })

    it('a point manager may not register an employee of another point', () => {
      account
        .given([])
        .when(register('service_point_employee', point('p-2'), byAccount(managerOf('p-1'))))
        .thenRefused('NOT_ALLOWED_TO_CREATE_ACCOUNT', 'forbidden')
    })

    it('a point manager may not register another manager, even for his point', () => {
      account
        .given([])
        .when(register('service_point_manager', point('p-1'), byAccount(managerOf('p-1'))))
        .thenRefused('NOT_ALLOWED_TO_CREATE_ACCOUNT', 'forbidden')
    })

    it('self-registration is for customers only', () => {
      account
        .given([])
        .when(register('customer', { scope: 'customer', customerId: id('c-1') }, { kind: 'self' }))
        .then([registered('customer', { scope: 'customer', customerId: id('c-1') })])
      account
        .given([])
        .when(register('head_office', { scope: 'network' }, { kind: 'self' }))
        .thenRefused('NOT_ALLOWED_TO_CREATE_ACCOUNT')
    })

    it('the operator creates head office and nothing else', () => {
      account
        .given([])
        .when(register('head_office', { scope: 'network' }, { kind: 'operator' }))
        .then([registered('head_office', { scope: 'network' })])
      account
        .given([])
        .when(register('service_point_manager', point('p-1'), { kind: 'operator' }))
        .thenRefused('NOT_ALLOWED_TO_CREATE_ACCOUNT')
    })

    it('refuses a tenant that does not fit the role, naming the field', () => {
      const error = account
        .given([])
        .when(register('service_point_employee', { scope: 'fleet', fleetId: id('f-1') }, byAccount(headOffice)))
        .thenRefused('TENANT_DOES_NOT_FIT_ROLE', 'invalid')
      assert.deepEqual(error.fields, [{ path: 'pointId', message: 'required for a service_point_employee account' }])
    })

    it('refuses to register the same account twice', () => {
      account
        .given([registered('customer', { scope: 'customer', customerId: id('c-1') })])
        .when(register('customer', { scope: 'customer', customerId: id('c-1') }, { kind: 'self' }))
        .thenRefused('ACCOUNT_ALREADY_EXISTS', 'conflict')
    })
  })

  describe('deactivation and reactivation', () => {
    const employee = registered('service_point_employee', point('p-1'), 'emp-1')

    it('head office deactivates an account, with a reason', () => {
      account
        .given([employee])
        .when({ kind: 'DeactivateAccount', by: headOffice, reason: 'left the company' })
        .then([{ type: 'AccountDeactivated', data: { accountId: id('emp-1'), reason: 'left the company' } }])
    })

    it('the point manager deactivates his employee but not another point’s', () => {
      account
        .given([employee])
        .when({ kind: 'DeactivateAccount', by: managerOf('p-1'), reason: null })
        .then([{ type: 'AccountDeactivated', data: { accountId: id('emp-1'), reason: null } }])
      account
        .given([employee])
        .when({ kind: 'DeactivateAccount', by: managerOf('p-2'), reason: null })
        .thenRefused('NOT_ALLOWED_TO_MANAGE_ACCOUNT', 'forbidden')
    })

    it('deactivating twice changes nothing the second time', () => {
      account
        .given([employee, { type: 'AccountDeactivated', data: { accountId: id('emp-1'), reason: null } }])
        .when({ kind: 'DeactivateAccount', by: headOffice, reason: null })
        .then([])
    })

    it('nobody deactivates himself', () => {
      account
        .given([registered('head_office', { scope: 'network' }, 'ho-1')])
        .when({ kind: 'DeactivateAccount', by: headOffice, reason: null })
        .thenRefused('CANNOT_DEACTIVATE_SELF', 'conflict')
    })

    it('reactivates a deactivated account; an active one stays as it is', () => {
      const deactivated = { type: 'AccountDeactivated' as const, data: { accountId: id('emp-1'), reason: null } }
      account
        .given([employee, deactivated])
        .when({ kind: 'ReactivateAccount', by: headOffice })
        .then([{ type: 'AccountReactivated', data: { accountId: id('emp-1') } }])
      account.given([employee]).when({ kind: 'ReactivateAccount', by: headOffice }).then([])
    })

    it('an unknown account is not found', () => {
      account
        .given([])
        .when({ kind: 'DeactivateAccount', by: headOffice, reason: null })
        .thenRefused('ACCOUNT_NOT_FOUND', 'not_found')
    })
  })

  describe('password changes', () => {
    const customer = registered('customer', { scope: 'customer', customerId: id('c-1') }, 'cust-1')
    const self: Principal = { id: id('cust-1'), role: 'customer', tenant: { scope: 'customer', customerId: id('c-1') } }

    it('the owner changes his password: recorded without any hash', () => {
      account
        .given([customer])
        .when({ kind: 'RecordPasswordChange', by: self })
        .then([{ type: 'AccountPasswordChanged', data: { accountId: id('cust-1') } }])
    })

    it('another customer may not', () => {
      const other: Principal = { ...self, id: id('cust-2'), tenant: { scope: 'customer', customerId: id('c-2') } }
      account
        .given([customer])
        .when({ kind: 'RecordPasswordChange', by: other })
        .thenRefused('NOT_ALLOWED_TO_MANAGE_ACCOUNT')
    })

    it('a deactivated account gets no new password', () => {
      account
        .given([customer, { type: 'AccountDeactivated', data: { accountId: id('cust-1'), reason: null } }])
        .when({ kind: 'RecordPasswordChange', by: headOffice })
        .thenRefused('ACCOUNT_DEACTIVATED', 'conflict')
    })
  })
})

describe('e-mail claim decider', () => {
  const claim = scenario(emailClaimDecider)

  it('the first claim wins', () => {
    claim
      .given([])
      .when({ kind: 'ClaimEmail', accountId: id('a-1') })
      .then([{ type: 'EmailClaimed', data: { accountId: id('a-1') } }])
  })

  it('a claimed address is taken', () => {
    claim
      .given([{ type: 'EmailClaimed', data: { accountId: id('a-1') } }])
      .when({ kind: 'ClaimEmail', accountId: id('a-2') })
      .thenRefused('EMAIL_TAKEN', 'conflict')
  })
})

describe('head-office roster decider', () => {
  const roster = scenario(headOfficeRosterDecider)

  it('adds an account once', () => {
    roster
      .given([])
      .when({ kind: 'AddHeadOfficeAccount', accountId: id('ho-1') })
      .then([{ type: 'HeadOfficeAccountAdded', data: { accountId: id('ho-1') } }])
    roster
      .given([{ type: 'HeadOfficeAccountAdded', data: { accountId: id('ho-1') } }])
      .when({ kind: 'AddHeadOfficeAccount', accountId: id('ho-1') })
      .then([])
  })
})
