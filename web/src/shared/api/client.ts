// One small fetch wrapper for every call: JSON in and out, the bearer token, an Idempotency-Key on
// commands (a retried click completes the same booking instead of making a second), and every
// non-2xx answer thrown as an ApiError.
import { ApiError, networkProblem, problemOf } from './problem.js'

export type Query = Readonly<Record<string, string | number | boolean | undefined | null>>

export interface RequestOptions {
  readonly query?: Query
  readonly body?: unknown
  /** For commands: the same key on a retry makes the API answer with the first outcome. */
  readonly idempotencyKey?: string
  /** Further request headers (e.g. X-Access-Code on the tracking pages). */
  readonly headers?: Readonly<Record<string, string>>
}

export interface ApiClientOptions {
  /** The current access token, if any. */
  readonly token: () => string | null
  /** Called when the API says the token is missing, invalid or expired. */
  readonly onUnauthorized?: (error: ApiError) => void
}

/**
 * A random key for Idempotency-Key. crypto.randomUUID exists only in secure contexts (https,
 * localhost); a phone on the workshop's LAN opens plain http, where getRandomValues still works.
 */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function queryString(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  const s = params.toString()
  return s ? `?${s}` : ''
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, query ? { query } : {})
  }

  post<T>(path: string, body: unknown, idempotencyKey: string = newKey()): Promise<T> {
    return this.request<T>('POST', path, { body, idempotencyKey })
  }

  /** Raw bytes (a photo from a file input) with their own content type; JSON answer. */
  async upload<T>(path: string, file: Blob, idempotencyKey: string = newKey()): Promise<T> {
    const response = await this.send(path, {
      method: 'POST',
      headers: {
        ...this.headers(),
        'content-type': file.type || 'application/octet-stream',
        'idempotency-key': idempotencyKey,
      },
      body: file,
    })
    return this.answer<T>(response)
  }

  /** A binary answer (a PDF) as a Blob with the file name its Content-Disposition gives; errors as ApiError. */
  async download(path: string, query?: Query): Promise<{ blob: Blob; filename: string | null }> {
    const response = await this.send(`${path}${queryString(query)}`, { method: 'GET', headers: this.headers() })
    if (!response.ok) return this.answer<never>(response)
    const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null
    return { blob: await response.blob(), filename }
  }

  private headers(): Record<string, string> {
    const token = this.options.token()
    return token ? { authorization: `Bearer ${token}` } : {}
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init)
    } catch {
      throw new ApiError(networkProblem())
    }
  }

  private async answer<T>(response: Response): Promise<T> {
    const text = await response.text()
    let body: unknown = null
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      body = null
    }
    if (response.ok) return body as T
    const error = new ApiError(problemOf(response.status, body))
    if (response.status === 401) this.options.onUnauthorized?.(error)
    throw error
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.headers(), ...options.headers }
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey
    const response = await this.send(`${path}${queryString(options.query)}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    })
    return this.answer<T>(response)
  }
}
