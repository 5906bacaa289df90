// Where tests find Redis: REDIS_URL, or the local server CI starts. Tests write under a key
// prefix of their own (per run) and delete only that prefix's keys.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'

export const testRedisUrl = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379'

/** A key prefix no other run uses. */
export function testPrefix(what: string): string {
  return `test-${what}-${process.pid}-${randomUUID().slice(0, 8)}`
}

/** Null when Redis answers PING; otherwise why not (the suite is skipped, saying so). */
export async function redisUnavailable(url = testRedisUrl): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.ping()
    return null
  } catch (error) {
    return `Redis at ${url} not reachable (${error instanceof Error ? error.message : String(error)})`
  } finally {
    client.disconnect()
  }
}

/** Keys under a prefix (to prove a cleanup left nothing behind). */
export async function keysUnder(prefix: string, url = testRedisUrl): Promise<string[]> {
  const client = new Redis(url, { maxRetriesPerRequest: null })
  try {
    const keys: string[] = []
    let cursor = '0'
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
      cursor = next
      keys.push(...batch)
    } while (cursor !== '0')
    return keys
  } finally {
    client.disconnect()
  }
}
