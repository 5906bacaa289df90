// A small HTTP client for one running API: JSON in and out, a bearer token per call, and an
// Idempotency-Key on every command. The key is the step's name, the same in both runs, so the ids
// the API derives from it (points, bookings, orders, event ids) come out equal on both stores.
import assert from 'node:assert/strict'

export interface Answer {
  readonly status: number
  readonly body: unknown
}

/** The value at a path of object keys and array indexes in a JSON answer (undefined when absent). */
export function at(value: unknown, ...path: ReadonlyArray<string | number>): unknown {
  let here = value
  for (const step of path) {
    if (here === null || typeof here !== 'object') return undefined
    here = (here as Record<string | number, unknown>)[step]
  }
  return here
}

/** The string at a path; fails the test when it is not one. */
export function text(value: unknown, ...path: ReadonlyArray<string | number>): string {
  const found = at(value, ...path)
  assert.equal(typeof found, 'string', `${path.join('.')} in ${JSON.stringify(value)}`)
  return found as string
}

export interface CallOptions {
  readonly token?: string | null
  readonly body?: unknown
  /** The Idempotency-Key (command() sends `e2e-<step>`). */
  readonly key?: string
  readonly headers?: Readonly<Record<string, string>>
}

export class Http {
  constructor(readonly baseUrl: string) {}

  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    if (options.key) headers['idempotency-key'] = options.key
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }

  get(path: string, token?: string | null): Promise<Answer> {
    return this.call('GET', path, { token: token ?? null })
  }

  /** A command that must succeed with `expected`; answers its body. */
  async command(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    step: string,
    token: string | null,
    body?: unknown,
    expected = method === 'POST' ? [200, 201] : [200, 204],
  ): Promise<unknown> {
    const answer = await this.call(method, path, { token, key: `e2e-${step}`, ...(body !== undefined ? { body } : {}) })
    assert.ok(
      expected.includes(answer.status),
      `${step}: ${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`,
    )
    return answer.body
  }

  /** A read that must answer 200. */
  async read(path: string, token?: string | null): Promise<unknown> {
    const answer = await this.get(path, token)
    assert.equal(answer.status, 200, `GET ${path} → ${answer.status} ${JSON.stringify(answer.body)}`)
    return answer.body
  }

  async login(email: string, password: string): Promise<string> {
    const answer = await this.call('POST', '/auth/login', { body: { email, password } })
    assert.equal(answer.status, 200, `login ${email}: ${JSON.stringify(answer.body)}`)
    return text(answer.body, 'accessToken')
  }
}
