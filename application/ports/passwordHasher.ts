// Password hashing port. The adapter (infrastructure/security/scryptPasswordHasher.ts) uses a
// memory-hard function and encodes its parameters into the hash, so they can be raised later
// without invalidating stored hashes: verify reads them back, needsRehash says when to upgrade.
export interface PasswordHasher {
  /** A self-describing hash with its own random salt. */
  hash(password: string): Promise<string>
  /** Constant-time comparison; false (never a throw) for a malformed stored hash. */
  verify(password: string, encoded: string): Promise<boolean>
  /** True when the stored hash was made with weaker parameters than the hasher uses now. */
  needsRehash(encoded: string): boolean
}
