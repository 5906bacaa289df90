import assert from 'node:assert/strict'
import type { Response } from 'supertest'
import request from 'supertest'
import type { ApiModule } from '../../../api/apiKit.js'
import { WrongExpectedRevision } from '../../../application/ports/eventStore.js'
import { type TestApi, testApi } from './support/testApi.js'

// Routes that fail in ways no real route should, to see how the app answers.
const failing: ApiModule = (kit) =>
  kit
    .router('/failing', 'test')
    .get('/boom', { summary: 'throws', access: 'public', response: { status: 200, description: 'never' } }, () => {
      throw new Error('database password is hunter2 (must not leak)')
    })
    .post(
      '/race',
      { summary: 'loses a race', access: 'public', response: { status: 200, description: 'never' } },
      async () => {
        throw new WrongExpectedRevision('workorder-1', 3, 4)
      },
    )
    .post(
      '/outage',
      { summary: 'the event store is down', access: 'public', response: { status: 200, description: 'never' } },
      async () => {
        // What EventStoreUnavailable / DocumentStoreUnavailable look like to the API.
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2113'), { retryable: true })
      },
    )

function assertProblem(res: Response, status: number, code: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body))
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
  assert.equal(res.body.status, status)
  assert.equal(res.body.code, code)
  assert.equal(res.body.type, `urn:tyre-network:problem:${code.toLowerCase().replace(/_/g, '-')}`)
  assert.equal(typeof res.body.title, 'string')
  assert.equal(typeof res.body.detail, 'string')
  assert.equal(res.body.instance, res.headers['x-request-id'])
}

describe('API errors as problem+json', () => {
  let api: TestApi
  before(async () => {
    api = await testApi({ modules: [failing] })
  })

  it('an unknown route is a 404 problem', async () => {
    const res = await request(api.app).get('/no/such/thing')
    assertProblem(res, 404, 'ROUTE_NOT_FOUND')
  })

  it('keeps a sane X-Request-Id, replaces anything else, and answers with it', async () => {
    const kept = await request(api.app).get('/health').set('X-Request-Id', 'client-42.retry:1')
    assert.equal(kept.headers['x-request-id'], 'client-42.retry:1')
    const replaced = await request(api.app).get('/nope').set('X-Request-Id', '<script>alert(1)</script>')
    assert.match(replaced.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/)
    assert.equal(replaced.body.instance, replaced.headers['x-request-id'])
  })

  it('a body that is not JSON is a 400 problem', async () => {
    const res = await request(api.app).post('/auth/register').set('Content-Type', 'application/json').send('{"email": ')
    assertProblem(res, 400, 'MALFORMED_JSON')
  })

  it('a body over the limit (1 MB) is a 413 problem', async () => {
    const res = await request(api.app)
      .post('/auth/register')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ displayName: 'x'.repeat(1024 * 1024 + 10) }))
    assertProblem(res, 413, 'BODY_TOO_LARGE')
  })

  it('a body that is not JSON by type is a 415 problem', async () => {
    const res = await request(api.app).post('/auth/register').set('Content-Type', 'text/plain').send('email=x')
    assertProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('invalid input lists every failing field', async () => {
    const res = await request(api.app)
      .post('/auth/register')
      .send({ email: 'not-an-address', password: 'short', displayName: '   ', unexpected: true })
    assertProblem(res, 400, 'VALIDATION_FAILED')
    assert.deepEqual(res.body.errors, [
      { path: 'email', message: 'must be an e-mail address' },
      { path: 'password', message: 'must be at least 10 characters' },
      { path: 'displayName', message: 'must not be empty' },
    ])
    const empty = await request(api.app).post('/auth/register')
    assertProblem(empty, 400, 'VALIDATION_FAILED')
    assert.deepEqual(
      empty.body.errors.map((e: { path: string }) => e.path),
      ['email', 'password', 'displayName'],
    )
    assert.ok(empty.body.errors.every((e: { message: string }) => e.message === 'is required'))
  })

  it('nested and enumerated fields get dotted paths and the allowed values', async () => {
    const res = await request(api.app)
      .post('/accounts')
      .set('Authorization', api.bearer('head_office'))
      .send({ email: 'a@b.example', password: 'long enough pw', displayName: 'A', role: 'janitor', pointId: 7 })
    assertProblem(res, 400, 'VALIDATION_FAILED')
    assert.deepEqual(res.body.errors, [
      {
        path: 'role',
        message:
          'must be one of head_office, service_point, service_point_manager, service_point_employee, fleet_client, fleet_manager, customer',
      },
      { path: 'pointId', message: 'must be 1–100 letters, digits or _ . : @ -, starting with a letter or digit' },
    ])
  })

  it('maps domain errors by kind: invalid 422, not_found 404, conflict 409, forbidden 403', async () => {
    const asBoss = (r: request.Test) => r.set('Authorization', api.bearer('head_office'))
    const invalid = await asBoss(request(api.app).post('/accounts')).send({
      email: 'new@b.example',
      password: 'long enough pw',
      displayName: 'A',
      role: 'service_point_employee',
    })
    assertProblem(invalid, 422, 'TENANT_DOES_NOT_FIT_ROLE')
    assert.deepEqual(invalid.body.errors, [
      { path: 'pointId', message: 'required for a service_point_employee account' },
    ])

    assertProblem(await asBoss(request(api.app).get('/accounts/no-such-account')), 404, 'ACCOUNT_NOT_FOUND')

    const taken = await request(api.app)
      .post('/auth/register')
      .send({ email: 'CUSTOMER@network.example', password: 'long enough pw', displayName: 'Twin' })
    assertProblem(taken, 409, 'EMAIL_TAKEN')

    const forbidden = await request(api.app)
      .get(`/accounts/${api.accounts.employee_p2.accountId}`)
      .set('Authorization', api.bearer('manager_p1'))
    assertProblem(forbidden, 403, 'NOT_ALLOWED_TO_VIEW_ACCOUNT')
  })

  it('a WrongExpectedRevision that escapes a route is a 409 problem', async () => {
    assertProblem(await request(api.app).post('/failing/race'), 409, 'CONCURRENT_MODIFICATION')
  })

  it('a retryable store outage is a 503 problem with Retry-After, leaking no address', async () => {
    const res = await request(api.app).post('/failing/outage')
    assertProblem(res, 503, 'STORE_UNAVAILABLE')
    assert.ok(Number(res.headers['retry-after']) > 0)
    assert.ok(!JSON.stringify(res.body).includes('2113'))
  })

  it('anything unexpected is a 500 problem that leaks nothing, logged with the request id', async () => {
    const res = await request(api.app).get('/failing/boom').set('X-Request-Id', 'boom-1')
    assertProblem(res, 500, 'INTERNAL_ERROR')
    assert.ok(!JSON.stringify(res.body).includes('hunter2'))
    assert.ok(!JSON.stringify(res.body).includes('.ts:'))
    const entry = api.logged.find((l) => l.level === 'error' && l.fields.requestId === 'boom-1')
    assert.ok(entry && String(entry.fields.error).includes('hunter2'), 'the log keeps the stack for us')
  })

  it('a rejected request writes nothing', async () => {
    const before = await api.eventCount()
    const rejected = [
      request(api.app).post('/auth/register').send({ email: 'x' }),
      request(api.app).post('/auth/register').set('Content-Type', 'application/json').send('{'),
      request(api.app)
        .post('/auth/register')
        .send({ email: 'customer@network.example', password: 'long enough pw', displayName: 'Twin' }),
      request(api.app).post('/accounts').set('Authorization', api.bearer('manager_p1')).send({
        email: 'z@b.example',
        password: 'long enough pw',
        displayName: 'Z',
        role: 'service_point_employee',
        pointId: 'p2',
      }),
      request(api.app)
        .post('/accounts')
        .set('Authorization', api.bearer('customer'))
        .send({ email: 'y@b.example', password: 'long enough pw', displayName: 'Y', role: 'customer' }),
      request(api.app)
        .post(`/accounts/${api.accounts.head_office.accountId}/deactivate`)
        .set('Authorization', api.bearer('head_office')),
      request(api.app).put('/me/password').set('Authorization', api.bearer('customer')).send({
        currentPassword: 'wrong one',
        newPassword: 'another long password',
      }),
    ]
    for (const r of rejected) assert.ok((await r).status >= 400)
    assert.equal(await api.eventCount(), before)
  })

  it('answers are never cached and never sniffed', async () => {
    const res = await request(api.app).get('/health')
    assert.equal(res.headers['cache-control'], 'no-store')
    assert.equal(res.headers['x-content-type-options'], 'nosniff')
    assert.equal(res.headers['x-powered-by'], undefined)
  })
})

describe('request ids and idempotency keys reach the events', () => {
  it('the request id is the events’ correlation id', async () => {
    const api = await testApi()
    const res = await request(api.app)
      .post('/auth/register')
      .set('X-Request-Id', 'signup-7')
      .send({ email: 'new@customer.example', password: 'long enough pw', displayName: 'New' })
    assert.equal(res.status, 201)
    const mine = (await api.events()).filter((e) => e.metadata.correlationId === 'signup-7')
    assert.deepEqual(
      mine.map((e) => e.type),
      ['EmailClaimed', 'AccountRegistered'],
    )
  })

  it('a retried POST with the same Idempotency-Key creates one account and answers alike', async () => {
    const api = await testApi()
    const send = () =>
      request(api.app)
        .post('/accounts')
        .set('Authorization', api.bearer('manager_p1'))
        .set('Idempotency-Key', 'create-ewa-1')
        .send({
          email: 'ewa@p1.example',
          password: 'long enough pw',
          displayName: 'Ewa',
          role: 'service_point_employee',
          pointId: 'p1',
        })
    const first = await send()
    const before = await api.eventCount()
    const retry = await send()
    assert.equal(first.status, 201)
    assert.equal(retry.status, 201)
    assert.deepEqual(retry.body, first.body)
    assert.equal(await api.eventCount(), before)
  })

  it('the same key from another caller is another command', async () => {
    const api = await testApi()
    const register = (address: string) =>
      request(api.app)
        .post('/accounts')
        .set('Authorization', api.bearer('head_office'))
        .set('Idempotency-Key', 'k1')
        .send({ email: address, password: 'long enough pw', displayName: 'X', role: 'customer' })
    const a = await register('a@x.example')
    const b = await request(api.app)
      .post('/accounts')
      .set('Authorization', api.bearer('manager_p1'))
      .set('Idempotency-Key', 'k1')
      .send({
        email: 'b@x.example',
        password: 'long enough pw',
        displayName: 'Y',
        role: 'service_point_employee',
        pointId: 'p1',
      })
    assert.equal(a.status, 201)
    assert.equal(b.status, 201)
    assert.notEqual(a.body.accountId, b.body.accountId)
  })

  it('an Idempotency-Key that is not an id is a 400 problem', async () => {
    const api = await testApi()
    const res = await request(api.app)
      .post('/auth/register')
      .set('Idempotency-Key', 'spaces are not ok')
      .send({ email: 'new@customer.example', password: 'long enough pw', displayName: 'New' })
    assertProblem(res, 400, 'INVALID_IDEMPOTENCY_KEY')
  })
})
