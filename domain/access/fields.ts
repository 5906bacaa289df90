// Field types of the access context. Each codec normalises on decode and says what is wrong in
// words a person can act on: the API returns these messages per failing field.
import * as t from 'io-ts'

interface EmailBrand {
  readonly Email: unique symbol
}
/** An e-mail address, trimmed and lower-cased (uniqueness and login ignore case). */
export type Email = t.Branded<string, EmailBrand>

// Deliberately permissive: one @, no spaces, a dot in the domain. Deliverability is proven by
// mail, not by a regular expression.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const isEmail = (s: string): boolean => s.length <= 254 && EMAIL_SHAPE.test(s)

export const Email = new t.Type<Email, string, unknown>(
  'Email',
  (u): u is Email => typeof u === 'string' && isEmail(u) && u === u.toLowerCase(),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'must be a string')
    const normalised = u.trim().toLowerCase()
    return isEmail(normalised) ? t.success(normalised as Email) : t.failure(u, c, 'must be an e-mail address')
  },
  (e) => e,
)

interface DisplayNameBrand {
  readonly DisplayName: unique symbol
}
/** A person's or company's name as shown to staff: 1–120 characters after trimming. */
export type DisplayName = t.Branded<string, DisplayNameBrand>

export const DisplayName = new t.Type<DisplayName, string, unknown>(
  'DisplayName',
  (u): u is DisplayName => typeof u === 'string' && u.length >= 1 && u.length <= 120 && u === u.trim(),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'must be a string')
    const trimmed = u.trim()
    if (trimmed.length === 0) return t.failure(u, c, 'must not be empty')
    if (trimmed.length > 120) return t.failure(u, c, 'must be at most 120 characters')
    return t.success(trimmed as DisplayName)
  },
  (n) => n,
)

interface EntityIdBrand {
  readonly EntityId: unique symbol
}
/**
 * An id of an account, service point, fleet or customer. Ids end up in stream names
 * (`account-<id>`), so they use the stream-id alphabet (the same rule as validId in
 * domain/shared/validation.ts, so every service point id fits).
 */
export type EntityId = t.Branded<string, EntityIdBrand>

const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/

export const EntityId = new t.Type<EntityId, string, unknown>(
  'EntityId',
  (u): u is EntityId => typeof u === 'string' && ENTITY_ID.test(u),
  (u, c) =>
    typeof u === 'string' && ENTITY_ID.test(u)
      ? t.success(u as EntityId)
      : t.failure(u, c, 'must be 1–100 letters, digits or _ . : @ -, starting with a letter or digit'),
  (id) => id,
)
