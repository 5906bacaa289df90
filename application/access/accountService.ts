// Account use cases: registration (by head office, by a point manager, by a customer himself,
// by the operator), reading, deactivation and passwords.
//
// Registration touches three places that no single transaction spans, so it is ordered to make
// a refused request write nothing and a retried one finish the job:
//   1. decide on an empty account stream (role, tenant, permission) and check the password;
//   2. claim the address: `email-<sha256>` appended with no_stream (the race's only winner);
//   3. store the password hash in the credential store (never in the log);
//   4. append AccountRegistered; for head office also add it to the roster.
// With an Idempotency-Key a retry after a crash between steps re-finds its own claim (event ids
// derive from the key) and completes steps 3–4 for the same account id.
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { RegisteredBy } from '../../domain/access/commands.js'
import { type Account, type AccountState, accountDecider, accountNotFound } from '../../domain/access/decider.js'
import { emailClaimDecider } from '../../domain/access/emailClaimDecider.js'
import type { AccountEvent } from '../../domain/access/events.js'
import type { DisplayName, Email, EntityId } from '../../domain/access/fields.js'
import { headOfficeRosterDecider } from '../../domain/access/headOfficeRosterDecider.js'
import { mayView } from '../../domain/access/permissions.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import type { AccountRole } from '../../domain/access/tenant.js'
import type { Actor } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { CommandContext } from '../commands/commandContext.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { CredentialStore } from '../ports/credentialStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { PasswordHasher } from '../ports/passwordHasher.js'
import { accountStream, emailStream, HEAD_OFFICE_ROSTER_STREAM } from './accessStreams.js'
import type { AccountDirectory, AccountListQuery, AccountPage } from './accountDirectory.js'
import { loadAccount } from './accountStore.js'
import { type AccountView, accountView } from './accountView.js'
import type { Password } from './password.js'
import { type TenantIds, tenantForRole } from './tenantInput.js'

/** Everything of a command context except the actor, which the use case knows best. */
export type RequestMeta = Omit<CommandContext, 'actor'>

export interface AccessServiceDeps {
  readonly store: EventStore
  /** Must contain accessEventDefinitions. */
  readonly catalogue: EventCatalogue
  readonly hasher: PasswordHasher
  readonly credentials: CredentialStore
  /** New account and customer ids; random UUIDs unless a test wants them predictable. */
  readonly newId?: () => string
  /** The accounts read model, for lists (absent: listAccounts answers that the list is not kept). */
  readonly directory?: AccountDirectory
}

export interface NewAccount extends TenantIds {
  readonly email: Email
  readonly password: Password
  readonly displayName: DisplayName
  readonly role: AccountRole
}

export interface SelfRegistration {
  readonly email: Email
  readonly password: Password
  readonly displayName: DisplayName
}

/** The operator's CLI and the start-up bootstrap act as this (there is no account yet). */
export const OPERATOR_ACTOR: Actor = { id: 'operator', role: 'system' }

export class AccountService {
  private readonly newId: () => EntityId

  constructor(private readonly deps: AccessServiceDeps) {
    const newId = deps.newId ?? randomUUID
    this.newId = () => newId() as EntityId
  }

  /** GET /accounts: head office, any accounts; a point manager, his point's. */
  async listAccounts(
    by: Principal,
    query: AccountListQuery,
    paging: { readonly limit: number; readonly offset: number },
  ): Promise<Either<DomainError, AccountPage>> {
    if (!this.deps.directory)
      return left(domainError('not_found', 'ACCOUNT_LIST_NOT_KEPT', 'this installation keeps no list of accounts'))
    const page = await this.deps.directory.list(by, query, paging)
    return page
      ? right(page)
      : left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'head office lists accounts; a point manager his point’s'))
  }

  /** POST /accounts: head office (any role) or a point manager (employees of his point). */
  async createAccount(by: Principal, input: NewAccount, meta: RequestMeta): Promise<Either<DomainError, AccountView>> {
    const tenant = tenantForRole(input.role, input, this.newId)
    if (isLeft(tenant)) return tenant
    return this.register(input, tenant.right, { kind: 'account', principal: by }, meta, () => actorOf(by))
  }

  /** POST /auth/register: a customer opens his own account, with a new customer id. */
  async registerCustomer(input: SelfRegistration, meta: RequestMeta): Promise<Either<DomainError, AccountView>> {
    const tenant = { scope: 'customer' as const, customerId: this.newId() }
    // The new account registers itself: it is the actor of its own registration.
    return this.register({ ...input, role: 'customer' }, tenant, { kind: 'self' }, meta, (accountId) => ({
      id: accountId,
      role: 'customer',
    }))
  }

  /** The operator's way in: the first head-office account (CLI or bootstrap from the environment). */
  async createHeadOfficeAsOperator(
    input: SelfRegistration,
    meta: RequestMeta,
  ): Promise<Either<DomainError, AccountView>> {
    return this.register(
      { ...input, role: 'head_office' },
      { scope: 'network' },
      { kind: 'operator' },
      meta,
      () => OPERATOR_ACTOR,
    )
  }

  async headOfficeExists(): Promise<boolean> {
    for await (const _ of this.deps.store.readStream(HEAD_OFFICE_ROSTER_STREAM, { maxCount: 1 })) return true
    return false
  }

  async getAccount(by: Principal, accountId: string): Promise<Either<DomainError, AccountView>> {
    const state = await loadAccount(this.deps, accountId)
    if (state.status === 'none') return left(accountNotFound())
    if (!mayView(by, state))
      return left(domainError('forbidden', 'NOT_ALLOWED_TO_VIEW_ACCOUNT', 'you may not see this account'))
    return right(accountView(state))
  }

  async deactivateAccount(
    by: Principal,
    accountId: string,
    reason: string | null,
    meta: RequestMeta,
  ): Promise<Either<DomainError, AccountView>> {
    return this.changeAccount(by, accountId, { kind: 'DeactivateAccount', by, reason }, meta)
  }

  async reactivateAccount(
    by: Principal,
    accountId: string,
    meta: RequestMeta,
  ): Promise<Either<DomainError, AccountView>> {
    return this.changeAccount(by, accountId, { kind: 'ReactivateAccount', by }, meta)
  }

  /** The owner changes his password, proving he knows the current one. */
  async changeOwnPassword(
    by: Principal,
    currentPassword: string,
    newPassword: Password,
    meta: RequestMeta,
  ): Promise<Either<DomainError, AccountView>> {
    const stored = await this.deps.credentials.get(by.id)
    if (!stored || !(await this.deps.hasher.verify(currentPassword, stored.passwordHash)))
      return left(
        domainError('invalid', 'CURRENT_PASSWORD_WRONG', 'the current password is not right', [
          { path: 'currentPassword', message: 'does not match' },
        ]),
      )
    return this.setPassword(by, by.id, newPassword, meta)
  }

  /** Head office (anyone) or a point manager (his employees) sets a new password for an account. */
  async resetPassword(
    by: Principal,
    accountId: string,
    newPassword: Password,
    meta: RequestMeta,
  ): Promise<Either<DomainError, AccountView>> {
    return this.setPassword(by, accountId, newPassword, meta)
  }

  private async setPassword(
    by: Principal,
    accountId: string,
    password: Password,
    meta: RequestMeta,
  ): Promise<Either<DomainError, AccountView>> {
    // Decide first (exists, active, allowed), so a refused reset stores no hash.
    const state = await loadAccount(this.deps, accountId)
    const decided = accountDecider.decide({ kind: 'RecordPasswordChange', by }, state)
    if (isLeft(decided)) return decided
    const passwordHash = await this.deps.hasher.hash(password)
    await this.deps.credentials.put({ accountId, passwordHash, updatedAt: meta.now })
    return this.changeAccount(by, accountId, { kind: 'RecordPasswordChange', by }, meta)
  }

  private async changeAccount(
    by: Principal,
    accountId: string,
    command: Parameters<typeof accountDecider.decide>[0],
    meta: RequestMeta,
  ): Promise<Either<DomainError, AccountView>> {
    const current = await loadAccount(this.deps, accountId)
    if (current.status === 'none') return left(accountNotFound())
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: accountDecider,
      streamId: accountStream(current.accountId),
      command,
      context: { ...meta, actor: actorOf(by) },
    })
    if (isLeft(outcome)) return outcome
    const after = await loadAccount(this.deps, current.accountId)
    return after.status === 'none' ? left(accountNotFound()) : right(accountView(after))
  }

  private async register(
    input: { email: Email; password: Password; displayName: DisplayName; role: AccountRole },
    tenant: Account['tenant'],
    by: RegisteredBy,
    meta: RequestMeta,
    actorFor: (accountId: EntityId) => Actor,
  ): Promise<Either<DomainError, AccountView>> {
    const { store, catalogue, hasher, credentials } = this.deps
    const proposedId = this.newId()
    const command = {
      kind: 'RegisterAccount' as const,
      accountId: proposedId,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      tenant,
      by,
    }
    // 1. The whole decision before any write.
    const decided = accountDecider.decide(command, accountDecider.initialState)
    if (isLeft(decided)) return decided
    const passwordHash = await hasher.hash(input.password)

    // 2. Claim the address; of concurrent registrations exactly one gets past this line.
    const claim = await handleCommand({
      store,
      catalogue,
      decider: emailClaimDecider,
      streamId: emailStream(input.email),
      command: { kind: 'ClaimEmail', accountId: proposedId },
      context: { ...meta, actor: actorFor(proposedId) },
    })
    if (isLeft(claim)) return claim
    // On an idempotent retry the claim is the original one, naming the original account id.
    const accountId = claim.right.events[0]?.data.accountId ?? proposedId
    const retried = accountId !== proposedId
    const context = { ...meta, actor: actorFor(accountId) }

    // 3. The password hash, beside the log. A retry keeps the hash the first attempt stored.
    if (!retried || (await credentials.get(accountId)) === null)
      await credentials.put({ accountId, passwordHash, updatedAt: meta.now })

    // 4. The account itself, and the roster for head office.
    const registered = await handleCommand({
      store,
      catalogue,
      decider: accountDecider,
      streamId: accountStream(accountId),
      command: { ...command, accountId },
      context,
    })
    if (isLeft(registered)) return registered
    const account = registered.right.events.reduce<AccountState>(
      (s, e: AccountEvent) => accountDecider.evolve(s, e),
      accountDecider.initialState,
    )
    if (account.status === 'none') throw new Error(`registration of ${accountId} appended no AccountRegistered`)
    if (account.role === 'head_office') {
      const rostered = await handleCommand({
        store,
        catalogue,
        decider: headOfficeRosterDecider,
        streamId: HEAD_OFFICE_ROSTER_STREAM,
        command: { kind: 'AddHeadOfficeAccount', accountId },
        context,
        // Every head-office registration appends here; a few more retries than usual cost nothing.
        maxRetries: 10,
      })
      if (isLeft(rostered)) return rostered
    }
    return right(accountView(account))
  }
}
