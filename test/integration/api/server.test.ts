// Graceful shutdown against a real listening server on 127.0.0.1.
import assert from 'node:assert/strict'
import express from 'express'
import type { ApiModule } from '../../../api/apiKit.js'
import { closeOnSignals, startServer } from '../../../api/server.js'
import { testApi } from './support/testApi.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('startServer and graceful shutdown', () => {
  it('a slow in-flight request completes while shutdown waits; the stores close after it', async () => {
    const order: string[] = []
    let started!: () => void
    const inFlight = new Promise<void>((resolve) => {
      started = resolve
    })
    const slow: ApiModule = (kit) =>
      kit
        .router('/slow', 'test')
        .get(
          '/',
          { summary: 'takes its time', access: 'public', response: { status: 200, description: 'done' } },
          async (_req, res) => {
            started()
            await sleep(300)
            res.on('finish', () => order.push('response sent'))
            res.json({ finished: true })
          },
        )
    const api = await testApi({ modules: [slow] })
    const handle = await startServer(api.app, 0, async () => {
      order.push('stores closed')
    })

    const response = fetch(`${handle.url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }))
    await inFlight
    const closing = handle.close().then(() => order.push('close resolved'))
    await sleep(20)
    // No new connections once shutdown has begun.
    await assert.rejects(fetch(`${handle.url}/health`))

    assert.deepEqual(await response, { status: 200, body: { finished: true } })
    await closing
    assert.deepEqual(order, ['response sent', 'stores closed', 'close resolved'])
    assert.equal(handle.server.listening, false)
    await handle.close() // idempotent
  })

  it('cuts requests still running when the timeout is up, then closes the stores', async () => {
    const app = express()
    app.get('/forever', () => {
      // never answers
    })
    let storesClosed = false
    const handle = await startServer(
      app,
      0,
      async () => {
        storesClosed = true
      },
      { shutdownTimeoutMs: 100 },
    )
    const hanging = fetch(`${handle.url}/forever`).catch((error: unknown) => error)
    await sleep(50)
    const started = Date.now()
    await handle.close()
    assert.ok(Date.now() - started < 2000)
    assert.ok(storesClosed)
    assert.ok((await hanging) instanceof Error)
  })

  it('idle keep-alive connections do not hold shutdown up', async () => {
    const app = express()
    app.get('/', (_req, res) => {
      res.send('ok')
    })
    const handle = await startServer(app, 0, async () => {}, { shutdownTimeoutMs: 5000 })
    const r = await fetch(handle.url) // undici keeps the connection alive
    assert.equal(await r.text(), 'ok')
    const started = Date.now()
    await handle.close()
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`)
  })

  it('reports a port that is taken', async () => {
    const first = await startServer(express(), 0, async () => {})
    await assert.rejects(
      startServer(express(), first.port, async () => {}),
      /EADDRINUSE/,
    )
    await first.close()
  })

  it('closeOnSignals: the first signal closes gracefully and exits 0, a second exits 1 at once', async () => {
    let release!: () => void
    const closing = new Promise<void>((resolve) => {
      release = resolve
    })
    const exits: number[] = []
    const lines: string[] = []
    const dispose = closeOnSignals(
      { close: () => closing },
      { signals: ['SIGUSR2'], exit: (code) => exits.push(code), log: (l) => lines.push(l) },
    )
    try {
      process.emit('SIGUSR2', 'SIGUSR2')
      assert.deepEqual(exits, [])
      process.emit('SIGUSR2', 'SIGUSR2')
      assert.deepEqual(exits, [1])
      release()
      await sleep(10)
      assert.deepEqual(exits, [1, 0])
      assert.equal(lines.length, 2)
    } finally {
      dispose()
    }
    assert.equal(process.listenerCount('SIGUSR2'), 0)
  })
})
