// Codes that open an order without a login: the tracking code (status page) given at intake, and
// the estimate code sent with the approval link. They are bearer secrets, so only their SHA-256
// enters the log (the domain checks hashes), and they are long enough that the log's hashes are no
// use to someone who reads it: 16 characters of Crockford's base32 are 80 random bits, far beyond
// what an offline search of SHA-256 reaches, while online guessing is cut off by accessLock.ts.
// Crockford's alphabet leaves out I, L, O and U, and reading a code back maps the look-alikes
// (O→0, I/L→1), so a code read over the phone or typed from a printout still works.
import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const LENGTH = 16

/** A fresh code, shown in groups of four: `7K3M-Q9XD-2HTW-B4PN`. */
export function newAccessCode(random: (max: number) => number = randomInt): string {
  let code = ''
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[random(ALPHABET.length)]
  return (code.match(/.{4}/g) as string[]).join('-')
}

/**
 * The code for a request that may be retried: derived from the request's idempotency key with a
 * server secret, so the retry shows the same code the order's hash was made from, while nobody
 * without the secret can compute it from the key.
 */
export function derivedAccessCode(secret: string, name: string): string {
  const bytes = createHmac('sha256', secret).update(name).digest()
  let i = 0
  return newAccessCode(() => (bytes[i++] as number) % ALPHABET.length)
}

/** The code as typed, in canonical form: upper case, no separators, look-alikes mapped. */
export function normaliseAccessCode(presented: string): string {
  return presented.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

/** SHA-256 hex of the canonical code: what the domain and the read models keep. */
export function accessCodeHash(code: string): string {
  return createHash('sha256').update(normaliseAccessCode(code)).digest('hex')
}

/** Compares a presented code with a stored hash in constant time. */
export function codeMatches(presented: string, storedHash: string | null): boolean {
  if (storedHash === null) return false
  const a = Buffer.from(accessCodeHash(presented), 'hex')
  const b = Buffer.from(storedHash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}
