// JSON Schema of the hand-written field codecs (their rules live in code, not in structure).
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, Password } from '../../application/access/password.js'
import { DisplayName, Email, EntityId } from '../../domain/access/fields.js'
import { Principal } from '../../domain/access/principal.js'
import { AccountRole, Tenant } from '../../domain/access/tenant.js'
import { describeCodec, jsonSchemaOf } from './jsonSchema.js'

describeCodec(Email, { type: 'string', format: 'email', maxLength: 254, description: 'compared case-insensitively' })
describeCodec(DisplayName, { type: 'string', minLength: 1, maxLength: 120 })
describeCodec(EntityId, { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$' })
describeCodec(Password, {
  type: 'string',
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  format: 'password',
})
describeCodec(Principal, {
  type: 'object',
  properties: { id: jsonSchemaOf(EntityId), role: jsonSchemaOf(AccountRole), tenant: jsonSchemaOf(Tenant) },
  required: ['id', 'role', 'tenant'],
})
