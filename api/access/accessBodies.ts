// Request and response shapes of the access routes. Request codecs are what the routes decode
// with; response codecs only document (the OpenAPI document is generated from both).
import * as t from 'io-ts'
import { Password } from '../../application/access/password.js'
import { DisplayName, Email, EntityId } from '../../domain/access/fields.js'
import { AccountRole, Tenant } from '../../domain/access/tenant.js'
import { PagingQuery } from '../customers/queryFields.js'
import { describeCodec } from '../openapi/jsonSchema.js'

/** Any string up to max characters: login fields are not judged by shape (no hints for guessers). */
const boundedString = (name: string, max: number) => {
  const codec = new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.length <= max,
    (u, c) =>
      typeof u !== 'string'
        ? t.failure(u, c, 'must be a string')
        : u.length > max
          ? t.failure(u, c, `must be at most ${max} characters`)
          : t.success(u),
    t.identity,
  )
  describeCodec(codec, { type: 'string', maxLength: max })
  return codec
}

const LoginEmail = boundedString('LoginEmail', 320)
const LoginPassword = boundedString('LoginPassword', 1024)
const Reason = boundedString('Reason', 500)

export const CreateAccountBody = t.exact(
  t.intersection([
    t.type({ email: Email, password: Password, displayName: DisplayName, role: AccountRole }),
    // The tenant, flat: the one id the role needs (a customer account without customerId gets a new one).
    t.partial({ pointId: EntityId, fleetId: EntityId, customerId: EntityId }),
  ]),
)

export const RegisterBody = t.exact(t.type({ email: Email, password: Password, displayName: DisplayName }))

export const LoginBody = t.exact(t.type({ email: LoginEmail, password: LoginPassword }))

export const DeactivateBody = t.exact(t.partial({ reason: Reason }))

export const ChangeOwnPasswordBody = t.exact(t.type({ currentPassword: LoginPassword, newPassword: Password }))

export const ResetPasswordBody = t.exact(t.type({ newPassword: Password }))

export const AccountViewBody = t.type({
  accountId: t.string,
  email: t.string,
  displayName: t.string,
  role: AccountRole,
  tenant: Tenant,
  status: t.keyof({ active: null, deactivated: null }),
})

export const LoginResponseBody = t.type({
  accessToken: t.string,
  tokenType: t.literal('Bearer'),
  expiresIn: t.number,
  expiresAt: t.string,
  account: AccountViewBody,
})

export const AccountListQueryCodec = t.exact(
  t.partial({
    role: AccountRole,
    pointId: t.string,
    fleetId: t.string,
    status: t.keyof({ active: null, deactivated: null }),
    ...PagingQuery,
  }),
)
