// PasswordHasher with Node's built-in scrypt: memory-hard (N·r·128 bytes per hash, 32 MiB at the
// defaults), no native module to build. Hashes are self-describing, PHC-style:
//   $scrypt$ln=15,r=8,p=1$<salt, base64>$<key, base64>
// so the cost can be raised later: old hashes still verify and needsRehash flags them.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'
import type { PasswordHasher } from '../../application/ports/passwordHasher.js'

export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. 15 (N = 32768) is OWASP's floor for scrypt with r = 8. */
  readonly logN: number
  readonly r: number
  readonly p: number
}

export const DEFAULT_SCRYPT_PARAMETERS: ScryptParameters = { logN: 15, r: 8, p: 1 }

const SALT_BYTES = 16
const KEY_BYTES = 32
const ENCODED = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

// Bounds on parameters read back from a stored hash, so a tampered row cannot make a login
// allocate gigabytes or spin for minutes.
const within = (p: ScryptParameters): boolean =>
  p.logN >= 1 && p.logN <= 20 && p.r >= 1 && p.r <= 32 && p.p >= 1 && p.p <= 16

function derive(password: string, salt: Buffer, params: ScryptParameters, keyLength: number): Promise<Buffer> {
  const N = 2 ** params.logN
  const options: ScryptOptions = {
    N,
    r: params.r,
    p: params.p,
    // Node refuses anything above 32 MiB by default, which N = 2^15, r = 8 needs exactly.
    maxmem: 128 * N * params.r * 2 + 1024 * 1024,
  }
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

interface Decoded extends ScryptParameters {
  readonly salt: Buffer
  readonly key: Buffer
}

function decode(encoded: string): Decoded | null {
  const m = ENCODED.exec(encoded)
  if (!m) return null
  const params = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
  if (!within(params)) return null
  const salt = Buffer.from(m[4] as string, 'base64')
  const key = Buffer.from(m[5] as string, 'base64')
  if (salt.length < 8 || key.length < 16) return null
  return { ...params, salt, key }
}

export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly params: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS) {
    if (!within(params)) throw new Error(`scrypt parameters out of range: ${JSON.stringify(params)}`)
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES)
    const key = await derive(password, salt, this.params, KEY_BYTES)
    const { logN, r, p } = this.params
    return `$scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64').replace(/=+$/, '')}$${key.toString('base64').replace(/=+$/, '')}`
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const stored = decode(encoded)
    if (!stored) return false
    const key = await derive(password, stored.salt, stored, stored.key.length)
    return timingSafeEqual(key, stored.key)
  }

  needsRehash(encoded: string): boolean {
    const stored = decode(encoded)
    if (!stored) return true
    return stored.logN < this.params.logN || stored.r < this.params.r || stored.p < this.params.p
  }
}
