// Accounts and authentication: /auth (register, login), /accounts (head office and point
// managers), /me (every logged-in account).
import type { AccountService } from '../../application/access/accountService.js'
import type { AuthService } from '../../application/access/authService.js'
import type { ApiKit } from '../apiKit.js'
import { PAGING_HELP, pageSchema, pagingOf } from '../customers/queryFields.js'
import { orProblem, ProblemError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  AccountListQueryCodec,
  AccountViewBody,
  ChangeOwnPasswordBody,
  CreateAccountBody,
  DeactivateBody,
  LoginBody,
  LoginResponseBody,
  RegisterBody,
  ResetPasswordBody,
} from './accessBodies.js'

/** The use cases these routes call (a Pick, so tests may hand in stand-ins). */
export type AccountUseCases = Pick<
  AccountService,
  | 'createAccount'
  | 'registerCustomer'
  | 'getAccount'
  | 'deactivateAccount'
  | 'reactivateAccount'
  | 'changeOwnPassword'
  | 'resetPassword'
> &
  Partial<Pick<AccountService, 'listAccounts'>>
export type AuthUseCases = Pick<AuthService, 'login' | 'authenticate'>

const ACCOUNT_PROBLEMS = { 404: 'no such account', 422: 'the request breaks a rule (errors lists the fields)' }

export function authRoutes(kit: ApiKit, accounts: AccountUseCases, auth: AuthUseCases): ApiRouter {
  return kit
    .router('/auth', 'auth')
    .post(
      '/register',
      {
        summary: 'Register yourself as a customer',
        access: 'public',
        body: RegisterBody,
        idempotent: true,
        response: { status: 201, description: 'the new account', schema: AccountViewBody },
        problems: { 409: 'an account with this e-mail address exists' },
      },
      async (req, res) => {
        const account = orProblem(await accounts.registerCustomer(req.body, kit.requestMeta(req)))
        res.status(201).location(`/accounts/${account.accountId}`).json(account)
      },
    )
    .post(
      '/login',
      {
        summary: 'Exchange e-mail and password for an access token',
        description: 'Unknown address, wrong password and deactivated account all answer the same 401.',
        access: 'public',
        body: LoginBody,
        response: { status: 200, description: 'an access token', schema: LoginResponseBody },
        problems: { 401: 'wrong e-mail address or password' },
      },
      async (req, res) => {
        const result = await auth.login(req.body.email, req.body.password, kit.now())
        if (result._tag === 'Left')
          throw new ProblemError({
            status: 401,
            code: 'INVALID_CREDENTIALS',
            detail: 'wrong e-mail address or password',
          })
        const { token, expiresIn, expiresAt, account } = result.right
        res.json({ accessToken: token, tokenType: 'Bearer', expiresIn, expiresAt, account })
      },
    )
}

export function accountRoutes(kit: ApiKit, accounts: AccountUseCases): ApiRouter {
  return kit
    .router('/accounts', 'accounts')
    .post(
      '/',
      {
        summary: 'Create an account',
        description:
          'Head office creates accounts of any role; a service-point manager creates employee accounts for his own point.',
        access: ['head_office', 'service_point_manager'],
        body: CreateAccountBody,
        idempotent: true,
        response: { status: 201, description: 'the new account', schema: AccountViewBody },
        problems: { 409: 'an account with this e-mail address exists', 422: ACCOUNT_PROBLEMS[422] },
      },
      async (req, res) => {
        const account = orProblem(await accounts.createAccount(principalOf(req), req.body, kit.requestMeta(req)))
        res.status(201).location(`/accounts/${account.accountId}`).json(account)
      },
    )
    .get(
      '/',
      {
        summary: 'List accounts (the users page)',
        query: AccountListQueryCodec,
        description:
          `Query: role, pointId, fleetId, status (active|deactivated), ${PAGING_HELP}. By e-mail address. Head office: every ` +
          'account; a service-point manager: his point’s accounts (another point: 403). From the `accounts` read model.',
        access: ['head_office', 'service_point_manager'],
        response: {
          status: 200,
          description: 'a page of accounts',
          schema: pageSchema('accountId, email, displayName, role, tenant, status, registeredAt'),
        },
        problems: { 403: 'another point’s accounts', 503: 'the read model is being built' },
      },
      async (req, res, q) => {
        if (!accounts.listAccounts)
          throw new ProblemError({ status: 404, code: 'ACCOUNT_LIST_NOT_KEPT', detail: 'no list of accounts is kept' })
        const { limit: _l, offset: _o, ...filter } = q
        res.json(orProblem(await accounts.listAccounts(principalOf(req), filter, pagingOf(q))))
      },
    )
    .get(
      '/:accountId',
      {
        summary: 'One account',
        description: 'Your own; head office: any; a service-point manager: his point’s accounts.',
        access: 'authenticated',
        response: { status: 200, description: 'the account', schema: AccountViewBody },
        problems: { 403: 'not yours to see', 404: ACCOUNT_PROBLEMS[404] },
      },
      async (req, res) => {
        res.json(orProblem(await accounts.getAccount(principalOf(req), req.params.accountId)))
      },
    )
    .post(
      '/:accountId/deactivate',
      {
        summary: 'Deactivate an account (it can no longer log in)',
        description: 'Head office: any account but its own; a service-point manager: his point’s employees.',
        access: ['head_office', 'service_point_manager'],
        body: DeactivateBody,
        idempotent: true,
        response: { status: 200, description: 'the account, deactivated', schema: AccountViewBody },
        problems: { ...ACCOUNT_PROBLEMS, 409: 'you cannot deactivate yourself' },
      },
      async (req, res) => {
        const account = orProblem(
          await accounts.deactivateAccount(
            principalOf(req),
            req.params.accountId,
            req.body.reason ?? null,
            kit.requestMeta(req),
          ),
        )
        res.json(account)
      },
    )
    .post(
      '/:accountId/reactivate',
      {
        summary: 'Reactivate an account',
        access: ['head_office', 'service_point_manager'],
        idempotent: true,
        response: { status: 200, description: 'the account, active', schema: AccountViewBody },
        problems: { 404: ACCOUNT_PROBLEMS[404] },
      },
      async (req, res) => {
        res.json(
          orProblem(await accounts.reactivateAccount(principalOf(req), req.params.accountId, kit.requestMeta(req))),
        )
      },
    )
    .put(
      '/:accountId/password',
      {
        summary: 'Set a new password for an account (reset)',
        access: ['head_office', 'service_point_manager'],
        body: ResetPasswordBody,
        idempotent: true,
        response: { status: 204, description: 'the password is set' },
        problems: { ...ACCOUNT_PROBLEMS, 409: 'the account is deactivated' },
      },
      async (req, res) => {
        orProblem(
          await accounts.resetPassword(
            principalOf(req),
            req.params.accountId,
            req.body.newPassword,
            kit.requestMeta(req),
          ),
        )
        res.status(204).end()
      },
    )
}

export function meRoutes(kit: ApiKit, accounts: AccountUseCases): ApiRouter {
  return kit
    .router('/me', 'accounts')
    .get(
      '/',
      {
        summary: 'Your own account',
        access: 'authenticated',
        response: { status: 200, description: 'your account', schema: AccountViewBody },
        problems: { 404: 'the account of this token no longer exists' },
      },
      async (req, res) => {
        const me = principalOf(req)
        res.json(orProblem(await accounts.getAccount(me, me.id)))
      },
    )
    .put(
      '/password',
      {
        summary: 'Change your password',
        access: 'authenticated',
        body: ChangeOwnPasswordBody,
        idempotent: true,
        response: { status: 204, description: 'the password is changed' },
        problems: { 409: 'the account is deactivated', 422: 'the current password is wrong' },
      },
      async (req, res) => {
        orProblem(
          await accounts.changeOwnPassword(
            principalOf(req),
            req.body.currentPassword,
            req.body.newPassword,
            kit.requestMeta(req),
          ),
        )
        res.status(204).end()
      },
    )
}
