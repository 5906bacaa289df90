// Logging in and recognising tokens.
//
// A failed login says nothing about why (unknown address, wrong password, deactivated account
// all answer alike), and takes as long either way: when there is no stored hash to check
// against, the password is checked against a dummy hash made with the same parameters.
import { randomBytes } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { Email } from '../../domain/access/fields.js'
import type { Principal } from '../../domain/access/principal.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { CredentialStore } from '../ports/credentialStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { PasswordHasher } from '../ports/passwordHasher.js'
import type { IssuedToken, TokenRejection, TokenService } from '../ports/tokenService.js'
import { loadAccountByEmail } from './accountStore.js'
import type { AccountView } from './accountView.js'
import { accountView } from './accountView.js'

export interface AuthServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly hasher: PasswordHasher
  readonly credentials: CredentialStore
  readonly tokens: TokenService
}

export interface LoginSuccess extends IssuedToken {
  readonly account: AccountView
}

export type LoginFailure = 'invalid_credentials'

export class AuthService {
  private dummyHash: Promise<string> | null = null

  constructor(private readonly deps: AuthServiceDeps) {}

  /** Makes the dummy hash now, so the first failed login is not slower than the others. */
  async warmUp(): Promise<void> {
    await this.dummy()
  }

  async login(email: string, password: string, now: Date): Promise<Either<LoginFailure, LoginSuccess>> {
    const { hasher, credentials, tokens } = this.deps
    const address = Email.decode(email)
    const account = isLeft(address) ? null : await loadAccountByEmail(this.deps, address.right)
    const stored = account?.status === 'active' ? await credentials.get(account.accountId) : null
    const hash = stored?.passwordHash ?? (await this.dummy())
    const matches = await hasher.verify(password, hash)
    if (!matches || !stored || !account || account.status !== 'active') return left('invalid_credentials')
    if (hasher.needsRehash(stored.passwordHash))
      await credentials.put({
        accountId: account.accountId,
        passwordHash: await hasher.hash(password),
        updatedAt: now.toISOString(),
      })
    const issued = await tokens.issue({ id: account.accountId, role: account.role, tenant: account.tenant }, now)
    return right({ ...issued, account: accountView(account) })
  }

  /** The principal a bearer token names, or why it is refused. */
  authenticate(token: string, now: Date): Promise<Either<TokenRejection, Principal>> {
    return this.deps.tokens.verify(token, now)
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(randomBytes(24).toString('base64url'))
    return this.dummyHash
  }
}
