import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import type { AccountService, NewAccount } from '../../../application/access/accountService.js'
import type { AccountView } from '../../../application/access/accountView.js'
import { BootstrapInputError, bootstrapHeadOfficeFromEnv } from '../../../application/access/bootstrapHeadOffice.js'
import type { Password } from '../../../application/access/password.js'
import type { DisplayName, Email, EntityId } from '../../../domain/access/fields.js'
import type { Principal } from '../../../domain/access/principal.js'
import { ScryptPasswordHasher } from '../../../infrastructure/security/scryptPasswordHasher.js'
import { accessFixture, allEvents, meta } from './support/accessFixture.js'

const email = (s: string) => s as Email
const pw = (s: string) => s as Password
const name = (s: string) => s as DisplayName
const principalOf = (a: AccountView): Principal => ({ id: a.accountId as EntityId, role: a.role, tenant: a.tenant })

async function headOffice(accounts: AccountService): Promise<Principal> {
  const made = await accounts.createHeadOfficeAsOperator(
    { email: email('boss@network.example'), password: pw('boss password 1'), displayName: name('Boss') },
    meta(),
  )
  assert.ok(isRight(made))
  return principalOf(made.right)
}

const employeeOf = (pointId: string, address = 'ewa@example.com'): NewAccount => ({
  email: email(address),
  password: pw('employee password'),
  displayName: name('Ewa'),
  role: 'service_point_employee',
  pointId: pointId as EntityId,
})

describe('AccountService', () => {
  it('head office creates an account: events record who and what, never the password or its hash', async () => {
    const f = accessFixture()
    const boss = await headOffice(f.accounts)
    const created = await f.accounts.createAccount(boss, employeeOf('p1'), meta())
    assert.ok(isRight(created))
    assert.deepEqual(created.right.tenant, { scope: 'point', pointId: 'p1' })
    const events = await allEvents(f.store)
    assert.deepEqual(
      events.map((e) => e.type),
      ['EmailClaimed', 'AccountRegistered', 'HeadOfficeAccountAdded', 'EmailClaimed', 'AccountRegistered'],
    )
    const log = JSON.stringify(events)
    assert.ok(!log.includes('employee password') && !log.includes('$scrypt$'), 'no secret in the log')
    const stored = await f.credentials.get(created.right.accountId)
    assert.ok(stored && (await f.hasher.verify('employee password', stored.passwordHash)))
    assert.equal(events.at(-1)?.metadata.actor.id, boss.id)
  })

  it('a refused registration writes nothing and stores no credentials', async () => {
    const f = accessFixture()
    const manager: Principal = {
      id: 'm1' as EntityId,
      role: 'service_point_manager',
      tenant: { scope: 'point', pointId: 'p1' as EntityId },
    }
    const refused = await f.accounts.createAccount(manager, employeeOf('p2'), meta())
    assert.ok(isLeft(refused))
    assert.equal(refused.left.code, 'NOT_ALLOWED_TO_CREATE_ACCOUNT')
    const misfit = await f.accounts.createAccount(manager, { ...employeeOf('p1'), role: 'fleet_manager' }, meta())
    assert.ok(isLeft(misfit))
    assert.equal(misfit.left.code, 'TENANT_DOES_NOT_FIT_ROLE')
    assert.equal((await allEvents(f.store)).length, 0)
    assert.equal(f.credentials.byAccount.size, 0)
  })

  it('an address is registered once, whatever its case', async () => {
    const f = accessFixture()
    const first = await f.accounts.registerCustomer(
      { email: email('jan@example.com'), password: pw('first password'), displayName: name('Jan') },
      meta(),
    )
    assert.ok(isRight(first))
    const before = (await allEvents(f.store)).length
    const second = await f.accounts.registerCustomer(
      // the codec lower-cases; the service sees what the API decoded
      { email: email('jan@example.com'), password: pw('other password'), displayName: name('Jan 2') },
      meta(),
    )
    assert.ok(isLeft(second))
    assert.equal(second.left.code, 'EMAIL_TAKEN')
    assert.equal((await allEvents(f.store)).length, before)
    assert.equal(f.credentials.byAccount.size, 1)
  })

  it('of many concurrent registrations of one address exactly one wins', async () => {
    const f = accessFixture()
    const attempts = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        f.accounts.registerCustomer(
          { email: email('race@example.com'), password: pw(`password number ${i}`), displayName: name(`R${i}`) },
          meta(),
        ),
      ),
    )
    assert.equal(attempts.filter(isRight).length, 1)
    assert.ok(attempts.filter(isLeft).every((a) => a.left.code === 'EMAIL_TAKEN'))
    const registered = (await allEvents(f.store)).filter((e) => e.type === 'AccountRegistered')
    assert.equal(registered.length, 1)
  })

  it('a retry with the same command id answers with the first outcome and writes nothing more', async () => {
    const f = accessFixture()
    const input = { email: email('retry@example.com'), password: pw('retry password'), displayName: name('Re') }
    const first = await f.accounts.registerCustomer(input, meta({ commandId: 'key-1' }))
    const again = await f.accounts.registerCustomer(input, meta({ commandId: 'key-1' }))
    assert.ok(isRight(first) && isRight(again))
    assert.deepEqual(again.right, first.right)
    assert.equal((await allEvents(f.store)).length, 2)
  })

  it('login: right password gives a token; wrong password, unknown address, deactivated account all fail alike', async () => {
    const f = accessFixture()
    const boss = await headOffice(f.accounts)
    const ewa = await f.accounts.createAccount(boss, employeeOf('p1'), meta())
    assert.ok(isRight(ewa))
    const now = new Date('2026-11-26T08:00:00Z')

    const ok = await f.auth.login('EWA@example.com ', 'employee password', now)
    assert.ok(isRight(ok))
    const principal = await f.auth.authenticate(ok.right.token, now)
    assert.deepEqual(principal, { _tag: 'Right', right: principalOf(ewa.right) })

    assert.deepEqual(await f.auth.login('ewa@example.com', 'wrong password', now), {
      _tag: 'Left',
      left: 'invalid_credentials',
    })
    assert.deepEqual(await f.auth.login('nobody@example.com', 'employee password', now), {
      _tag: 'Left',
      left: 'invalid_credentials',
    })
    assert.deepEqual(await f.auth.login('not an address', 'employee password', now), {
      _tag: 'Left',
      left: 'invalid_credentials',
    })
    assert.ok(isRight(await f.accounts.deactivateAccount(boss, ewa.right.accountId, 'left', meta())))
    assert.deepEqual(await f.auth.login('ewa@example.com', 'employee password', now), {
      _tag: 'Left',
      left: 'invalid_credentials',
    })
  })

  it('login upgrades a hash made with weaker parameters', async () => {
    const f = accessFixture({ logN: 10 })
    const boss = await headOffice(f.accounts)
    const weak = await new ScryptPasswordHasher({ logN: 9, r: 8, p: 1 }).hash('boss password 1')
    await f.credentials.put({ accountId: boss.id, passwordHash: weak, updatedAt: 'then' })
    assert.ok(isRight(await f.auth.login('boss@network.example', 'boss password 1', new Date())))
    assert.match((await f.credentials.get(boss.id))?.passwordHash ?? '', /^\$scrypt\$ln=10,/)
  })

  it('changing one’s own password needs the current one and records the change without the hash', async () => {
    const f = accessFixture()
    const boss = await headOffice(f.accounts)
    const wrong = await f.accounts.changeOwnPassword(boss, 'not it', pw('a new password'), meta())
    assert.ok(isLeft(wrong))
    assert.deepEqual(wrong.left.fields, [{ path: 'currentPassword', message: 'does not match' }])
    assert.ok(isRight(await f.accounts.changeOwnPassword(boss, 'boss password 1', pw('a new password'), meta())))
    assert.ok(isRight(await f.auth.login('boss@network.example', 'a new password', new Date())))
    assert.ok(isLeft(await f.auth.login('boss@network.example', 'boss password 1', new Date())))
    const last = (await allEvents(f.store)).at(-1)
    assert.deepEqual(
      { type: last?.type, data: last?.data },
      { type: 'AccountPasswordChanged', data: { accountId: boss.id } },
    )
  })

  it('a refused password reset stores no new hash', async () => {
    const f = accessFixture()
    const boss = await headOffice(f.accounts)
    const ewa = await f.accounts.createAccount(boss, employeeOf('p1'), meta())
    assert.ok(isRight(ewa))
    const before = await f.credentials.get(ewa.right.accountId)
    const otherManager: Principal = {
      id: 'm2' as EntityId,
      role: 'service_point_manager',
      tenant: { scope: 'point', pointId: 'p2' as EntityId },
    }
    const refused = await f.accounts.resetPassword(otherManager, ewa.right.accountId, pw('hijacked password'), meta())
    assert.ok(isLeft(refused))
    assert.deepEqual(await f.credentials.get(ewa.right.accountId), before)
  })
})

describe('bootstrapping head office from the environment', () => {
  const env = { BOOTSTRAP_ADMIN_EMAIL: 'Admin@Network.example', BOOTSTRAP_ADMIN_PASSWORD: 'bootstrap password' }

  it('does nothing when not configured; creates once; then reports that it exists', async () => {
    const f = accessFixture()
    assert.deepEqual(await bootstrapHeadOfficeFromEnv(f.accounts, {}, meta()), { kind: 'not_configured' })
    const created = await bootstrapHeadOfficeFromEnv(f.accounts, env, meta())
    assert.equal(created.kind, 'created')
    assert.ok(created.kind === 'created' && created.account.email === 'admin@network.example')
    assert.deepEqual(await bootstrapHeadOfficeFromEnv(f.accounts, env, meta()), { kind: 'exists' })
    assert.ok(isRight(await f.auth.login('admin@network.example', 'bootstrap password', new Date())))
    const actors = (await allEvents(f.store)).map((e) => e.metadata.actor)
    assert.ok(actors.every((a) => a.id === 'operator' && a.role === 'system'))
  })

  it('several processes starting at once create one account', async () => {
    const f = accessFixture()
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => bootstrapHeadOfficeFromEnv(f.accounts, env, meta())),
    )
    assert.equal(outcomes.filter((o) => o.kind === 'created').length, 1)
    assert.equal((await allEvents(f.store)).filter((e) => e.type === 'AccountRegistered').length, 1)
  })

  it('refuses half or invalid configuration in one line', async () => {
    const f = accessFixture()
    await assert.rejects(
      bootstrapHeadOfficeFromEnv(f.accounts, { BOOTSTRAP_ADMIN_EMAIL: 'a@b.example' }, meta()),
      BootstrapInputError,
    )
    await assert.rejects(
      bootstrapHeadOfficeFromEnv(
        f.accounts,
        { BOOTSTRAP_ADMIN_EMAIL: 'nope', BOOTSTRAP_ADMIN_PASSWORD: 'short' },
        meta(),
      ),
      (e: Error) =>
        e instanceof BootstrapInputError &&
        e.message === 'email must be an e-mail address; password must be at least 10 characters',
    )
  })
})
