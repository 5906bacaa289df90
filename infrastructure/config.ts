// Configuration from the environment. With nothing set, everything runs embedded in DATA_DIR:
// SQLite event store and read models, the embedded job scheduler, a generated token secret.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export interface Config {
  readonly dataDir: string
  readonly port: number
  readonly host: string
  /** esdb://… — when set, events go to EventStoreDB instead of SQLite. */
  readonly eventStoreUrl: string | null
  /** mongodb://… — when set, read models go to MongoDB instead of SQLite. */
  readonly mongoUrl: string | null
  readonly mongoDatabase: string
  /** redis://… — when set, jobs go to BullMQ instead of the embedded scheduler. */
  readonly redisUrl: string | null
  /** Secret for signing access tokens. Generated once into DATA_DIR when not given. */
  readonly tokenSecret: string
  /** SQLite synchronous mode for the event store: FULL (fsync per commit, the default) or NORMAL. */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL'
  readonly logRequests: boolean
  /**
   * An external warehouse/accounting system that answers stock queries (EXTERNAL_STOCK_URL, http or
   * https; EXTERNAL_STOCK_TOKEN sent as a bearer token; EXTERNAL_STOCK_TIMEOUT_MS, default 2000).
   * Absent or null: stock queries answer from the points' own stock.
   */
  readonly externalStock?: { readonly url: string; readonly token: string | null; readonly timeoutMs: number } | null
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

type Env = Readonly<Record<string, string | undefined>>

function urlOrNull(env: Env, name: string, schemes: readonly string[]): string | null {
  const raw = env[name]?.trim()
  if (!raw) return null
  let scheme: string
  try {
    scheme = new URL(raw).protocol.replace(/:$/, '')
  } catch {
    throw new ConfigError(`${name} is not a URL: ${raw}`)
  }
  if (!schemes.includes(scheme)) throw new ConfigError(`${name} must start with ${schemes.join(':// or ')}://`)
  return raw
}

function port(env: Env): number {
  const raw = env.PORT ?? '3000'
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`PORT must be 0..65535, got ${raw}`)
  return n
}

/** Reads the token secret from the environment, or from DATA_DIR/token-secret, creating it once. */
function tokenSecret(env: Env, dataDir: string): string {
  const given = env.TOKEN_SECRET?.trim()
  if (given) {
    if (given.length < 32) throw new ConfigError('TOKEN_SECRET must be at least 32 characters')
    return given
  }
  const file = join(dataDir, 'token-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  return secret
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env.DATA_DIR?.trim() || 'data')
  mkdirSync(dataDir, { recursive: true })
  const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase()
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
    throw new ConfigError(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, got ${synchronous}`)
  return {
    dataDir,
    port: port(env),
    host: env.HOST?.trim() || '127.0.0.1',
    eventStoreUrl: urlOrNull(env, 'EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover']),
    mongoUrl: urlOrNull(env, 'MONGO_URL', ['mongodb', 'mongodb+srv']),
    mongoDatabase: env.MONGO_DB?.trim() || 'tyre_network',
    redisUrl: urlOrNull(env, 'REDIS_URL', ['redis', 'rediss']),
    tokenSecret: tokenSecret(env, dataDir),
    sqliteSynchronous: synchronous,
    logRequests: env.LOG_REQUESTS !== '0',
    externalStock: externalStock(env),
  }
}

function externalStock(env: Env): Config['externalStock'] {
  const url = urlOrNull(env, 'EXTERNAL_STOCK_URL', ['http', 'https'])
  if (!url) return null
  const raw = env.EXTERNAL_STOCK_TIMEOUT_MS?.trim() || '2000'
  const timeoutMs = Number(raw)
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000)
    throw new ConfigError(`EXTERNAL_STOCK_TIMEOUT_MS must be 1..60000, got ${raw}`)
  return { url, token: env.EXTERNAL_STOCK_TOKEN?.trim() || null, timeoutMs }
}
