// The network's first administrator. Two ways in, both the operator's (whoever runs the server):
// scripts/createHeadOffice.ts, and at start-up from BOOTSTRAP_ADMIN_EMAIL/BOOTSTRAP_ADMIN_PASSWORD
// when no head-office account exists yet (so a fresh container needs no interactive step).
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import { EMAIL_TAKEN } from '../../domain/access/emailClaimDecider.js'
import { DisplayName, Email } from '../../domain/access/fields.js'
import type { AccountService, RequestMeta } from './accountService.js'
import type { AccountView } from './accountView.js'
import { Password } from './password.js'

export const HeadOfficeInput = t.type({ email: Email, password: Password, displayName: DisplayName })
export type HeadOfficeInput = t.TypeOf<typeof HeadOfficeInput>

export class BootstrapInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BootstrapInputError'
  }
}

/** Decodes operator input, or throws a one-line BootstrapInputError naming every bad field. */
export function parseHeadOfficeInput(raw: {
  email?: string
  password?: string
  displayName?: string
}): HeadOfficeInput {
  const decoded = HeadOfficeInput.decode({ ...raw, displayName: raw.displayName ?? 'Head office' })
  if (isLeft(decoded)) {
    const problems = decoded.left.map((e) => {
      const field = e.context
        .map((c) => c.key)
        .filter(Boolean)
        .join('.')
      return `${field} ${e.message ?? 'is invalid'}`
    })
    throw new BootstrapInputError(problems.length > 0 ? problems.join('; ') : PathReporter.report(decoded).join('; '))
  }
  return decoded.right
}

export type BootstrapOutcome =
  | { readonly kind: 'not_configured' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'created'; readonly account: AccountView }
  /** The address belongs to an account that is not head office: nothing was created. */
  | { readonly kind: 'email_taken' }

type Env = Readonly<Record<string, string | undefined>>

/**
 * Creates a head-office account from the environment when none exists. Safe to call on every
 * start and from several processes at once (the e-mail claim lets only one of them create it).
 * Throws BootstrapInputError when the variables are set but invalid: a misconfiguration should
 * stop the start, not be skipped.
 */
export async function bootstrapHeadOfficeFromEnv(
  accounts: AccountService,
  env: Env,
  meta: RequestMeta,
): Promise<BootstrapOutcome> {
  const email = env.BOOTSTRAP_ADMIN_EMAIL?.trim()
  const password = env.BOOTSTRAP_ADMIN_PASSWORD
  if (!email && !password) return { kind: 'not_configured' }
  if (!email || !password)
    throw new BootstrapInputError('set both BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, or neither')
  const input = parseHeadOfficeInput({ email, password, displayName: env.BOOTSTRAP_ADMIN_NAME?.trim() || undefined })
  if (await accounts.headOfficeExists()) return { kind: 'exists' }
  const created = await accounts.createHeadOfficeAsOperator(input, meta)
  if (isLeft(created)) {
    if (created.left.code !== EMAIL_TAKEN) throw new Error(`bootstrap failed: ${created.left.message}`)
    // Another process bootstrapping at the same moment won the claim, or the address is someone else's.
    return (await accounts.headOfficeExists()) ? { kind: 'exists' } : { kind: 'email_taken' }
  }
  return { kind: 'created', account: created.right }
}
