// Stock queries answered by an external warehouse/accounting system (application/ports/externalStock.ts)
// through the HTTP adapter (infrastructure/stock/httpExternalStock.ts), against a local stand-in
// HTTP server on 127.0.0.1: the point's stock over the API comes from the external system while it
// answers, and from the point's own stock, flagged with the reason, when it is down, slow, answers
// an error or nonsense.
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ExternalStockUnavailable } from '../../../application/ports/externalStock.js'
import { loadConfig } from '../../../infrastructure/config.js'
import { HttpExternalStock } from '../../../infrastructure/stock/httpExternalStock.js'
import { type RepairFixture, repairFixture } from '../workOrders/support/repairFixture.js'

type Behaviour = 'answer' | 'error' | 'garbage' | 'slow'

/** The warehouse system's stand-in: levels for p1, and what it saw of each request. */
function warehouse(): {
  server: Server
  seen: Array<{ url: string; auth: string | undefined }>
  behave: (b: Behaviour) => void
} {
  let behaviour: Behaviour = 'answer'
  const seen: Array<{ url: string; auth: string | undefined }> = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization })
    if (behaviour === 'slow') return void setTimeout(() => res.end('{"items":[]}'), 1_000)
    if (behaviour === 'error') {
      res.writeHead(502, { 'content-type': 'text/plain' })
      return void res.end('upstream database down')
    }
    if (behaviour === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ items: [{ sku: 'VALVE', onHand: 'many' }] }))
    }
    if (req.url?.startsWith('/erp/points/p1/stock')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(
        JSON.stringify({
          asOf: '2026-11-26T07:55:00Z',
          items: [
            { sku: 'VALVE', onHand: 140, reserved: 12, available: 128 },
            { sku: 'TYRE-205', onHand: 36 },
          ],
        }),
      )
    }
    res.writeHead(404)
    res.end()
  })
  return { server, seen, behave: (b) => (behaviour = b) }
}

describe('stock queries answered by an external warehouse system (HTTP port)', function () {
  this.timeout(30_000)
  const stand = warehouse()
  let fx: RepairFixture
  let base: string

  before(async () => {
    await new Promise<void>((resolve) => stand.server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(stand.server.address() as AddressInfo).port}/erp`
    fx = await repairFixture({
      externalStock: new HttpExternalStock({ baseUrl: base, token: 'erp-token', timeoutMs: 300 }),
    })
  })

  after(async () => {
    stand.server.closeAllConnections()
    await new Promise((resolve) => stand.server.close(resolve))
  })

  const stock = async () => {
    const res = await fx.send('employee_p1', 'get', '/points/p1/stock')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body
  }

  it('answers from the external system while it answers, with the token, keeping the point’s minimum levels', async () => {
    stand.behave('answer')
    const res = await fx.send('manager_p1', 'put', '/points/p1/stock/minimums/VALVE', { minimum: 30 })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    const body = await stock()
    assert.equal(body.source, 'external')
    assert.deepEqual(body.external, { system: new URL(base).host, answered: true, asOf: '2026-11-26T07:55:00Z' })
    assert.deepEqual(body.items, [
      { sku: 'TYRE-205', onHand: 36, reserved: 0, available: 36, minimum: 0 },
      { sku: 'VALVE', onHand: 140, reserved: 12, available: 128, minimum: 30 },
    ])
    assert.deepEqual(stand.seen.at(-1), { url: '/erp/points/p1/stock', auth: 'Bearer erp-token' })
  })

  for (const [behaviour, reason] of [
    ['error', /^HTTP 502$/],
    ['garbage', /not a list/],
    ['slow', /no answer within 300 ms/],
  ] as const)
    it(`falls back to the point’s own stock, flagged, when the system ${behaviour === 'error' ? 'answers an error' : behaviour === 'garbage' ? 'answers nonsense' : 'is too slow'}`, async () => {
      stand.behave(behaviour)
      const body = await stock()
      assert.equal(body.source, 'own')
      assert.equal(body.external.answered, false)
      assert.match(body.external.reason, reason)
      // The point's own figures (the fixture received 20 valves and 4 tyres).
      const own = Object.fromEntries(body.items.map((i: { sku: string; onHand: number }) => [i.sku, i.onHand]))
      assert.equal(own.VALVE, 20)
      assert.equal(own['TYRE-205'], 4)
    })

  it('falls back when the system is down (connection refused)', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const down = new HttpExternalStock({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 })
    await assert.rejects(down.levels('p1'), (error: unknown) => {
      assert.ok(error instanceof ExternalStockUnavailable)
      assert.match(error.reason, /ECONNREFUSED/)
      return true
    })
    const fxDown = await repairFixture({ externalStock: down })
    const res = await fxDown.send('employee_p1', 'get', '/points/p1/stock')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.source, 'own')
    assert.deepEqual(
      { ...res.body.external, reason: undefined },
      {
        system: `127.0.0.1:${port}`,
        answered: false,
        reason: undefined,
      },
    )
  })

  it('asks only for the skus wanted, and the configuration reads EXTERNAL_STOCK_*', async () => {
    stand.behave('answer')
    const answer = await new HttpExternalStock({ baseUrl: `${base}/` }).levels('p1', ['VALVE'])
    assert.deepEqual(
      answer.levels.map((l) => l.sku),
      ['VALVE'],
    )
    assert.equal(stand.seen.at(-1)?.url, '/erp/points/p1/stock?skus=VALVE')
    const config = loadConfig({
      DATA_DIR: '/tmp',
      TOKEN_SECRET: 'x'.repeat(32),
      EXTERNAL_STOCK_URL: base,
      EXTERNAL_STOCK_TOKEN: 't',
      EXTERNAL_STOCK_TIMEOUT_MS: '1500',
    })
    assert.deepEqual(config.externalStock, { url: base, token: 't', timeoutMs: 1500 })
    assert.equal(loadConfig({ DATA_DIR: '/tmp', TOKEN_SECRET: 'x'.repeat(32) }).externalStock, null)
    assert.throws(
      () => loadConfig({ DATA_DIR: '/tmp', TOKEN_SECRET: 'x'.repeat(32), EXTERNAL_STOCK_URL: 'ftp://erp' }),
      /EXTERNAL_STOCK_URL must start with http/,
    )
  })
})
