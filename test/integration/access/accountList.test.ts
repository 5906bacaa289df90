// GET /accounts in the composed platform (embedded stores, projection runners on): the `accounts`
// read model lists what the account streams say, by e-mail; head office filters by role, point or
// fleet and state; a point manager sees his point's accounts only; others are refused.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import type { Password } from '../../../application/access/password.js'
import type { DisplayName, Email } from '../../../domain/access/fields.js'
import { composePlatform, type Platform } from '../../../infrastructure/composition.js'
import { loadConfig } from '../../../infrastructure/config.js'

const PASSWORD = 'haslo-testowe-123'

describe('the list of accounts (GET /accounts)', function () {
  this.timeout(60_000)
  let dataDir: string
  let platform: Platform
  const tokens: Record<string, string> = {}

  const login = async (email: string) => {
    const res = await request(platform.app).post('/auth/login').send({ email, password: PASSWORD })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return `Bearer ${res.body.accessToken}`
  }
  const get = (who: string, path: string) =>
    request(platform.app)
      .get(path)
      .set('Authorization', tokens[who] ?? '')

  /** The read model follows the commands by a moment. */
  async function listed(who: string, path: string, total: number) {
    for (let i = 0; i < 200; i++) {
      const res = await get(who, path)
      if (res.status === 200 && res.body.total === total) return res.body
      await new Promise((r) => setTimeout(r, 50))
    }
    assert.fail(`${path} never listed ${total}: ${JSON.stringify((await get(who, path)).body).slice(0, 300)}`)
  }

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'account-list-'))
    platform = await composePlatform(
      loadConfig({ DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL', LOG_REQUESTS: '0', SEED_DEMO: '0' }),
      { runProjections: true },
    )
    const created = await platform.access.accounts.createHeadOfficeAsOperator(
      { email: 'centrala@test.pl' as Email, password: PASSWORD as Password, displayName: 'Centrala' as DisplayName },
      { correlationId: 'c1', causationId: null, now: new Date().toISOString() },
    )
    assert.equal(created._tag, 'Right')
    tokens.hq = await login('centrala@test.pl')
    const accounts = [
      { email: 'kierownik@p1.pl', displayName: 'Kierownik P1', role: 'service_point_manager', pointId: 'p1' },
      { email: 'adam@p1.pl', displayName: 'Adam P1', role: 'service_point_employee', pointId: 'p1' },
      { email: 'bogdan@p2.pl', displayName: 'Bogdan P2', role: 'service_point_employee', pointId: 'p2' },
      { email: 'flota@alfa.pl', displayName: 'Flota Alfa', role: 'fleet_manager', fleetId: 'fleet-alfa' },
    ]
    for (const a of accounts) {
      const res: request.Response = await request(platform.app)
        .post('/accounts')
        .set('Authorization', tokens.hq as string)
        .send({ ...a, password: PASSWORD })
      assert.equal(res.status, 201, JSON.stringify(res.body))
    }
    tokens.manager = await login('kierownik@p1.pl')
    tokens.employee = await login('adam@p1.pl')
  })

  after(async () => {
    await platform?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('head office lists every account by e-mail, and filters by role, point, fleet and state', async () => {
    const all = await listed('hq', '/accounts', 5)
    assert.deepEqual(
      all.items.map((a: { email: string }) => a.email),
      ['adam@p1.pl', 'bogdan@p2.pl', 'centrala@test.pl', 'flota@alfa.pl', 'kierownik@p1.pl'],
    )
    const adam = all.items[0]
    assert.deepEqual(
      { role: adam.role, tenant: adam.tenant, status: adam.status, name: adam.displayName },
      { role: 'service_point_employee', tenant: { scope: 'point', pointId: 'p1' }, status: 'active', name: 'Adam P1' },
    )
    assert.equal(adam.password, undefined)
    const employees = (await get('hq', '/accounts?role=service_point_employee')).body
    assert.deepEqual(
      employees.items.map((a: { email: string }) => a.email),
      ['adam@p1.pl', 'bogdan@p2.pl'],
    )
    assert.equal((await get('hq', '/accounts?pointId=p1')).body.total, 2)
    assert.equal((await get('hq', '/accounts?fleetId=fleet-alfa')).body.items[0].email, 'flota@alfa.pl')
    const paged = (await get('hq', '/accounts?limit=2&offset=2')).body
    assert.deepEqual(
      paged.items.map((a: { email: string }) => a.email),
      ['centrala@test.pl', 'flota@alfa.pl'],
    )

    // A deactivated account is listed as such.
    const bogdan = employees.items[1].accountId
    const off = await request(platform.app)
      .post(`/accounts/${bogdan}/deactivate`)
      .set('Authorization', tokens.hq as string)
      .send({ reason: 'left' })
    assert.equal(off.status, 200, JSON.stringify(off.body))
    const deactivated = await listed('hq', '/accounts?status=deactivated', 1)
    assert.equal(deactivated.items[0].email, 'bogdan@p2.pl')
  })

  it('a point manager lists his point’s accounts only; others and bad queries are refused', async () => {
    await listed('hq', '/accounts', 5)
    const own = (await get('manager', '/accounts')).body
    assert.deepEqual(
      own.items.map((a: { email: string }) => a.email),
      ['adam@p1.pl', 'kierownik@p1.pl'],
    )
    const other = await get('manager', '/accounts?pointId=p2')
    assert.equal(other.status, 403)
    assert.equal(other.body.code, 'ROLE_NOT_ALLOWED')
    const employee = await get('employee', '/accounts')
    assert.equal(employee.status, 403)
    const bad = await get('hq', '/accounts?role=wizard&limit=0')
    assert.equal(bad.status, 400)
    assert.equal(bad.body.code, 'VALIDATION_FAILED')
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['limit', 'role'])
  })
})
