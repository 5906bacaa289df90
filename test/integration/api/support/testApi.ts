// The API on memory adapters, with a movable clock and one account of every role:
//   head office; point p1: its own account, a manager, an employee; point p2: a manager and an
//   employee; fleet f1: the company account and a manager; a customer.
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import type { ApiModule } from '../../../../api/apiKit.js'
import { type ApiConfig, type AppDeps, createApp } from '../../../../api/app.js'
import type { ApiLogger } from '../../../../api/errorHandling.js'
import type { ReadinessCheck } from '../../../../api/health/readiness.js'
import type { NewAccount } from '../../../../application/access/accountService.js'
import type { AccountView } from '../../../../application/access/accountView.js'
import type { Password } from '../../../../application/access/password.js'
import type { DisplayName, Email, EntityId } from '../../../../domain/access/fields.js'
import type { Principal } from '../../../../domain/access/principal.js'
import { type AccessFixture, accessFixture, allEvents, meta } from '../../../unit/access/support/accessFixture.js'

export const PASSWORD = 'a long enough password'

export const allReady: ReadinessCheck = async () => ({
  eventStore: { ok: true },
  documentStore: { ok: true },
  projections: { ok: true, lag: {} },
})

export interface TestApiOptions {
  readonly readiness?: ReadinessCheck
  readonly modules?: readonly ApiModule[]
  readonly config?: Partial<ApiConfig>
  readonly fixture?: AccessFixture
  /** createApp's admission check after authentication (e.g. dismissed fleet managers). */
  readonly admit?: AppDeps['admit']
}

export type Cast =
  | 'head_office'
  | 'point_p1'
  | 'manager_p1'
  | 'employee_p1'
  | 'manager_p2'
  | 'employee_p2'
  | 'fleet_f1'
  | 'fleet_manager_f1'
  | 'customer'

const id = (s: string) => s as EntityId

const CAST: Readonly<Record<Exclude<Cast, 'head_office'>, Omit<NewAccount, 'email' | 'password' | 'displayName'>>> = {
  point_p1: { role: 'service_point', pointId: id('p1') },
  manager_p1: { role: 'service_point_manager', pointId: id('p1') },
  employee_p1: { role: 'service_point_employee', pointId: id('p1') },
  manager_p2: { role: 'service_point_manager', pointId: id('p2') },
  employee_p2: { role: 'service_point_employee', pointId: id('p2') },
  fleet_f1: { role: 'fleet_client', fleetId: id('f1') },
  fleet_manager_f1: { role: 'fleet_manager', fleetId: id('f1') },
  customer: { role: 'customer', customerId: id('c1') },
}

export const emailOf = (who: string) => `${who.replace(/_/g, '.')}@network.example`

export async function testApi(options: TestApiOptions = {}) {
  const f = options.fixture ?? accessFixture({ logN: 10 })
  let now = new Date('2026-11-26T08:00:00.000Z')
  const logged: Array<{ level: 'info' | 'error'; message: string; fields: Readonly<Record<string, unknown>> }> = []
  const logger: ApiLogger = {
    info: (message, fields) => logged.push({ level: 'info', message, fields }),
    error: (message, fields) => logged.push({ level: 'error', message, fields }),
  }
  const app = createApp({
    accounts: f.accounts,
    auth: f.auth,
    readiness: options.readiness ?? allReady,
    clock: () => now,
    logger,
    ...(options.modules ? { modules: options.modules } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.admit ? { admit: options.admit } : {}),
  })

  const headOffice = await f.accounts.createHeadOfficeAsOperator(
    { email: emailOf('head_office') as Email, password: PASSWORD as Password, displayName: 'HQ' as DisplayName },
    meta(),
  )
  assert.ok(isRight(headOffice))
  const boss: Principal = { id: id(headOffice.right.accountId), role: 'head_office', tenant: { scope: 'network' } }
  const accounts = { head_office: headOffice.right } as Record<Cast, AccountView>
  for (const [who, shape] of Object.entries(CAST) as Array<[Exclude<Cast, 'head_office'>, (typeof CAST)['customer']]>) {
    const made = await f.accounts.createAccount(
      boss,
      { ...shape, email: emailOf(who) as Email, password: PASSWORD as Password, displayName: who as DisplayName },
      meta(),
    )
    assert.ok(isRight(made), JSON.stringify(made))
    accounts[who] = made.right
  }
  const principal = (who: Cast): Principal => ({
    id: id(accounts[who].accountId),
    role: accounts[who].role,
    tenant: accounts[who].tenant,
  })
  const tokens = {} as Record<Cast, string>
  for (const who of Object.keys(accounts) as Cast[]) tokens[who] = (await f.tokens.issue(principal(who), now)).token

  return {
    ...f,
    app,
    accounts,
    tokens,
    principal,
    logged,
    bearer: (who: Cast) => `Bearer ${tokens[who]}`,
    advanceClock: (seconds: number) => {
      now = new Date(now.getTime() + seconds * 1000)
    },
    eventCount: async () => (await allEvents(f.store)).length,
    events: () => allEvents(f.store),
  }
}

export type TestApi = Awaited<ReturnType<typeof testApi>>
