// Password policy: length only (NIST SP 800-63B): at least 10 characters, and at most 256 so
// that hashing stays bounded. Composition rules make passwords worse, not better.
import * as t from 'io-ts'

interface PasswordBrand {
  readonly Password: unique symbol
}
export type Password = t.Branded<string, PasswordBrand>

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 256

export const Password = new t.Type<Password, string, unknown>(
  'Password',
  (u): u is Password => typeof u === 'string' && u.length >= PASSWORD_MIN_LENGTH && u.length <= PASSWORD_MAX_LENGTH,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'must be a string')
    // Count characters, not UTF-16 units: a Cyrillic or emoji password is as long as it looks.
    const length = [...u].length
    if (length < PASSWORD_MIN_LENGTH) return t.failure(u, c, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
    if (u.length > PASSWORD_MAX_LENGTH) return t.failure(u, c, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
    return t.success(u as Password)
  },
  (p) => p,
)
