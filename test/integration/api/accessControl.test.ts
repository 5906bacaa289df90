// Each role against each account route, cross-tenant refusals, and bad tokens.
import assert from 'node:assert/strict'
import request from 'supertest'
import { JoseTokenService } from '../../../infrastructure/security/joseTokenService.js'
import { type Cast, emailOf, PASSWORD, type TestApi, testApi } from './support/testApi.js'

const EVERYONE: readonly Cast[] = [
  'head_office',
  'point_p1',
  'manager_p1',
  'employee_p1',
  'manager_p2',
  'employee_p2',
  'fleet_f1',
  'fleet_manager_f1',
  'customer',
]

/** Expected status per caller; whoever is not listed gets 403. */
const expect = (allowed: Partial<Record<Cast, number>>): Record<Cast, number> =>
  Object.fromEntries(EVERYONE.map((who) => [who, allowed[who] ?? 403])) as Record<Cast, number>

let counter = 0
const newEmployeeOf = (pointId: string) => ({
  email: `hire-${++counter}@network.example`,
  password: 'long enough pw',
  displayName: 'New hire',
  role: 'service_point_employee',
  pointId,
})

describe('account routes: every role', () => {
  let api: TestApi
  before(async () => {
    api = await testApi()
  })

  it('POST /accounts: head office, and the manager of the same point, create an employee of point p1', async () => {
    const wanted = expect({ head_office: 201, manager_p1: 201 })
    for (const who of EVERYONE) {
      const res = await request(api.app)
        .post('/accounts')
        .set('Authorization', api.bearer(who))
        .send(newEmployeeOf('p1'))
      assert.equal(res.status, wanted[who], `${who}: ${JSON.stringify(res.body)}`)
      if (res.status === 201) assert.equal(res.headers.location, `/accounts/${res.body.accountId}`)
    }
    const anonymous = await request(api.app).post('/accounts').send(newEmployeeOf('p1'))
    assert.equal(anonymous.status, 401)
  })

  it('POST /accounts: only head office creates managers, fleet people and customers', async () => {
    const bodies = [
      { role: 'service_point_manager', pointId: 'p1' },
      { role: 'fleet_manager', fleetId: 'f1' },
      { role: 'customer' },
      { role: 'head_office' },
    ]
    for (const extra of bodies)
      for (const who of ['head_office', 'manager_p1', 'fleet_f1', 'fleet_manager_f1'] as const) {
        const res = await request(api.app)
          .post('/accounts')
          .set('Authorization', api.bearer(who))
          .send({ email: `x${++counter}@network.example`, password: 'long enough pw', displayName: 'X', ...extra })
        assert.equal(res.status, who === 'head_office' ? 201 : 403, `${who} creating ${extra.role}`)
      }
  })

  it('GET /accounts/:id of a p1 employee: himself, head office and his manager', async () => {
    const wanted = expect({ head_office: 200, manager_p1: 200, employee_p1: 200 })
    for (const who of EVERYONE) {
      const res = await request(api.app)
        .get(`/accounts/${api.accounts.employee_p1.accountId}`)
        .set('Authorization', api.bearer(who))
      assert.equal(res.status, wanted[who], who)
      if (res.status === 200) assert.equal(res.body.email, emailOf('employee_p1'))
    }
  })

  it('GET /accounts/:id of a customer or a fleet account: the owner and head office only', async () => {
    for (const owner of ['customer', 'fleet_f1', 'fleet_manager_f1'] as const) {
      const wanted = expect({ head_office: 200, [owner]: 200 })
      for (const who of EVERYONE) {
        const res = await request(api.app)
          .get(`/accounts/${api.accounts[owner].accountId}`)
          .set('Authorization', api.bearer(who))
        assert.equal(res.status, wanted[who], `${who} reading ${owner}`)
      }
    }
  })

  for (const action of ['deactivate', 'reactivate'] as const)
    it(`POST /accounts/:id/${action} of a p1 employee: head office and the p1 manager`, async () => {
      const wanted = expect({ head_office: 200, manager_p1: 200 })
      for (const who of EVERYONE) {
        const res = await request(api.app)
          .post(`/accounts/${api.accounts.employee_p1.accountId}/${action}`)
          .set('Authorization', api.bearer(who))
          .send({})
        assert.equal(res.status, wanted[who], `${who}: ${JSON.stringify(res.body)}`)
        if (res.status === 200) assert.equal(res.body.status, action === 'deactivate' ? 'deactivated' : 'active')
      }
    })

  it('a manager cannot deactivate another manager of his point, nor the point’s own account', async () => {
    for (const target of ['point_p1', 'manager_p2'] as const) {
      const res = await request(api.app)
        .post(`/accounts/${api.accounts[target].accountId}/deactivate`)
        .set('Authorization', api.bearer('manager_p1'))
      assert.equal(res.status, 403, target)
    }
  })

  it('PUT /accounts/:id/password of a p2 employee: head office and the p2 manager', async () => {
    const wanted = expect({ head_office: 204, manager_p2: 204 })
    for (const who of EVERYONE) {
      const res = await request(api.app)
        .put(`/accounts/${api.accounts.employee_p2.accountId}/password`)
        .set('Authorization', api.bearer(who))
        .send({ newPassword: `reset by ${who}!` })
      assert.equal(res.status, wanted[who], who)
    }
    const login = await request(api.app)
      .post('/auth/login')
      .send({ email: emailOf('employee_p2'), password: 'reset by manager_p2!' })
    assert.equal(login.status, 200)
  })

  it('GET /me: everyone sees his own account', async () => {
    for (const who of EVERYONE) {
      const res = await request(api.app).get('/me').set('Authorization', api.bearer(who))
      assert.equal(res.status, 200, who)
      assert.equal(res.body.accountId, api.accounts[who].accountId)
      assert.deepEqual(res.body.tenant, api.accounts[who].tenant)
    }
  })
})

describe('authentication', () => {
  let api: TestApi
  beforeEach(async () => {
    api = await testApi()
  })

  it('register, log in, use the token', async () => {
    const registered = await request(api.app)
      .post('/auth/register')
      .send({ email: 'Marta@Example.com', password: 'marta’s password', displayName: 'Marta' })
    assert.equal(registered.status, 201)
    assert.equal(registered.body.role, 'customer')
    assert.equal(registered.body.email, 'marta@example.com')
    assert.equal(registered.body.tenant.scope, 'customer')

    const login = await request(api.app)
      .post('/auth/login')
      .send({ email: 'marta@example.com', password: 'marta’s password' })
    assert.equal(login.status, 200)
    assert.equal(login.body.tokenType, 'Bearer')
    assert.equal(login.body.expiresIn, 3600)
    const me = await request(api.app).get('/me').set('Authorization', `Bearer ${login.body.accessToken}`)
    assert.equal(me.status, 200)
    assert.equal(me.body.accountId, registered.body.accountId)
  })

  it('self-registration cannot choose a role or tenant', async () => {
    const res = await request(api.app).post('/auth/register').send({
      email: 'sneaky@example.com',
      password: 'long enough pw',
      displayName: 'Sneaky',
      role: 'head_office',
      customerId: 'c1',
    })
    assert.equal(res.status, 201)
    assert.equal(res.body.role, 'customer')
    assert.notEqual(res.body.tenant.customerId, 'c1')
  })

  it('wrong password and unknown address give the same 401', async () => {
    const wrong = await request(api.app)
      .post('/auth/login')
      .send({ email: emailOf('customer'), password: 'not the password' })
    const unknown = await request(api.app).post('/auth/login').send({ email: 'ghost@example.com', password: PASSWORD })
    for (const res of [wrong, unknown]) {
      assert.equal(res.status, 401)
      assert.equal(res.body.code, 'INVALID_CREDENTIALS')
    }
    assert.deepEqual({ ...wrong.body, instance: null }, { ...unknown.body, instance: null })
  })

  it('an unknown address costs a password check too', async () => {
    let checks = 0
    const verify = api.hasher.verify.bind(api.hasher)
    api.hasher.verify = async (password, encoded) => {
      checks++
      assert.match(encoded, /^\$scrypt\$ln=10,r=8,p=1\$/, 'checked against a hash of the same cost')
      return verify(password, encoded)
    }
    await request(api.app).post('/auth/login').send({ email: 'ghost@example.com', password: PASSWORD })
    assert.equal(checks, 1)
    await request(api.app).post('/auth/login').send({ email: 'not even an address', password: PASSWORD })
    assert.equal(checks, 2)
    await request(api.app)
      .post('/auth/login')
      .send({ email: emailOf('customer'), password: 'wrong password' })
    assert.equal(checks, 3)
  })

  it('a deactivated account cannot log in', async () => {
    await request(api.app)
      .post(`/accounts/${api.accounts.customer.accountId}/deactivate`)
      .set('Authorization', api.bearer('head_office'))
      .send({ reason: 'asked to be forgotten' })
    const res = await request(api.app)
      .post('/auth/login')
      .send({ email: emailOf('customer'), password: PASSWORD })
    assert.equal(res.status, 401)
    assert.equal(res.body.code, 'INVALID_CREDENTIALS')
  })

  it('no token, an expired token, a forged token, a malformed header: 401 with a Bearer challenge', async () => {
    const none = await request(api.app).get('/me')
    assert.equal(none.status, 401)
    assert.equal(none.body.code, 'AUTHENTICATION_REQUIRED')
    assert.equal(none.headers['www-authenticate'], 'Bearer')

    const forger = new JoseTokenService({ secret: 'someone else’s secret, long enough to sign' })
    const forged = (await forger.issue(api.principal('customer'), new Date('2026-11-26T08:00:00Z'))).token
    const res = await request(api.app).get('/me').set('Authorization', `Bearer ${forged}`)
    assert.equal(res.status, 401)
    assert.equal(res.body.code, 'TOKEN_INVALID')
    assert.match(res.headers['www-authenticate'] ?? '', /invalid_token/)

    const basic = await request(api.app).get('/me').set('Authorization', 'Basic dXNlcjpwYXNz')
    assert.equal(basic.body.code, 'TOKEN_INVALID')

    api.advanceClock(3601)
    const expired = await request(api.app).get('/me').set('Authorization', api.bearer('customer'))
    assert.equal(expired.status, 401)
    assert.equal(expired.body.code, 'TOKEN_EXPIRED')
  })

  it('a customer’s token edited to say head office is refused', async () => {
    const [header, payload, signature] = api.tokens.customer.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const promoted = Buffer.from(
      JSON.stringify({ ...claims, role: 'head_office', tenant: { scope: 'network' } }),
    ).toString('base64url')
    const res = await request(api.app)
      .post('/accounts')
      .set('Authorization', `Bearer ${header}.${promoted}.${signature}`)
      .send(newEmployeeOf('p1'))
    assert.equal(res.status, 401)
  })
})
