// The ExternalStockSource port over HTTP: GET <baseUrl>/points/<pointId>/stock[?skus=a,b] with an
// optional bearer token, answered with JSON
//   { "items": [ { "sku": "BRK-PAD-F", "onHand": 12, "reserved": 2, "available": 10 } ], "asOf": "…" }
// (reserved and available may be left out: 0 and onHand - reserved). Anything else — refused or
// reset connection, no answer within the timeout, a status other than 200, a body that is not that
// JSON — is ExternalStockUnavailable with the reason, so the caller can fall back and say why.
// Configured by EXTERNAL_STOCK_URL, EXTERNAL_STOCK_TOKEN, EXTERNAL_STOCK_TIMEOUT_MS (config.ts).
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  type ExternalStockAnswer,
  type ExternalStockSource,
  ExternalStockUnavailable,
} from '../../application/ports/externalStock.js'

const Count = t.refinement(t.number, (n) => Number.isFinite(n) && n >= 0, 'a non-negative number')

const Body = t.intersection([
  t.type({
    items: t.array(
      t.intersection([t.type({ sku: t.string, onHand: Count }), t.partial({ reserved: Count, available: Count })]),
    ),
  }),
  t.partial({ asOf: t.union([t.string, t.null]) }),
])

export interface HttpExternalStockOptions {
  readonly baseUrl: string
  readonly token?: string | null
  /** Default 2,000 ms: a stock query must not hang the desk. */
  readonly timeoutMs?: number
}

export class HttpExternalStock implements ExternalStockSource {
  readonly system: string
  private readonly baseUrl: string

  constructor(private readonly options: HttpExternalStockOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.system = new URL(this.baseUrl).host
  }

  async levels(pointId: string, skus?: ReadonlyArray<string>): Promise<ExternalStockAnswer> {
    const url = new URL(`${this.baseUrl}/points/${encodeURIComponent(pointId)}/stock`)
    if (skus && skus.length > 0) url.searchParams.set('skus', skus.join(','))
    const unavailable = (reason: string) => new ExternalStockUnavailable(this.system, reason)
    let response: Response
    try {
      response = await fetch(url, {
        headers: {
          accept: 'application/json',
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 2_000),
      })
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } }
      if (e.name === 'TimeoutError') throw unavailable(`no answer within ${this.options.timeoutMs ?? 2_000} ms`)
      throw unavailable(e.cause?.code ?? e.message)
    }
    let text: string
    try {
      text = await response.text()
    } catch (error) {
      throw unavailable(`the answer broke off (${(error as Error).message})`)
    }
    if (response.status !== 200) throw unavailable(`HTTP ${response.status}`)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw unavailable('the answer is not JSON')
    }
    const decoded = Body.decode(json)
    if (isLeft(decoded)) throw unavailable('the answer is not a list of { sku, onHand, reserved?, available? }')
    const wanted = skus && skus.length > 0 ? new Set(skus) : null
    return {
      asOf: decoded.right.asOf ?? null,
      levels: decoded.right.items
        .filter((i) => wanted === null || wanted.has(i.sku))
        .map((i) => {
          const reserved = i.reserved ?? 0
          return { sku: i.sku, onHand: i.onHand, reserved, available: i.available ?? Math.max(0, i.onHand - reserved) }
        })
        .sort((a, b) => a.sku.localeCompare(b.sku)),
    }
  }
}
