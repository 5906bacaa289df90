import assert from 'node:assert/strict'
import request from 'supertest'
import { type ReadinessCheck, readinessFromPorts } from '../../../api/health/readiness.js'
import type { DocumentStore } from '../../../application/ports/documentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { testApi } from './support/testApi.js'

describe('health and readiness', () => {
  it('GET /health: alive, no dependencies asked', async () => {
    const api = await testApi({
      readiness: async () => {
        throw new Error('must not be called')
      },
    })
    const res = await request(api.app).get('/health')
    assert.equal(res.status, 200)
    assert.deepEqual(res.body, { status: 'ok' })
  })

  it('GET /ready: 200 with the report when everything is usable', async () => {
    const check: ReadinessCheck = async () => ({
      eventStore: { ok: true, detail: 'head position 12' },
      documentStore: { ok: true },
      projections: { ok: true, lag: { calendar: 0, repairHistory: 3 } },
    })
    const res = await request((await testApi({ readiness: check })).app).get('/ready')
    assert.equal(res.status, 200)
    assert.deepEqual(res.body, {
      status: 'ready',
      eventStore: { ok: true, detail: 'head position 12' },
      documentStore: { ok: true },
      projections: { ok: true, lag: { calendar: 0, repairHistory: 3 } },
    })
  })

  it('GET /ready: 503 when a component is not, when the check throws, or when it hangs', async () => {
    const lagging: ReadinessCheck = async () => ({
      eventStore: { ok: true },
      documentStore: { ok: true },
      projections: { ok: false, lag: { calendar: 50_000 }, detail: 'behind' },
    })
    const throwing: ReadinessCheck = async () => {
      throw new Error('SQLITE_BUSY')
    }
    const hanging: ReadinessCheck = () => new Promise(() => {})
    for (const readiness of [lagging, throwing, hanging]) {
      const api = await testApi({ readiness, config: { readinessTimeoutMs: 50 } })
      const res = await request(api.app).get('/ready')
      assert.equal(res.status, 503)
      assert.equal(res.body.status, 'not_ready')
    }
  })

  it('readinessFromPorts asks the stores and judges projection lag', async () => {
    const eventStore = new MemoryEventStore()
    let pingFails = false
    const documentStore = {
      ping: async () => {
        if (pingFails) throw new Error('mongo down')
      },
    } as unknown as DocumentStore
    let lag = { calendar: 5 }
    const check = readinessFromPorts({ eventStore, documentStore, projectionLag: async () => lag, maxLag: 100 })
    const ok = await check()
    assert.ok(ok.eventStore.ok && ok.documentStore.ok && ok.projections.ok)
    assert.deepEqual(ok.projections.lag, { calendar: 5 })
    pingFails = true
    lag = { calendar: 500 }
    const bad = await check()
    assert.deepEqual(bad.documentStore, { ok: false, detail: 'mongo down' })
    assert.equal(bad.projections.ok, false)
    assert.match(bad.projections.detail ?? '', /calendar/)
  })

  it('with logRequests, one line per request with its id, status and actor', async () => {
    const api = await testApi({ config: { logRequests: true } })
    await request(api.app).get('/me').set('Authorization', api.bearer('customer')).set('X-Request-Id', 'log-1')
    const line = api.logged.find((l) => l.message === 'request' && l.fields.requestId === 'log-1')
    assert.ok(line)
    assert.equal(line.fields.status, 200)
    assert.equal(line.fields.path, '/me')
    assert.equal(line.fields.actor, api.accounts.customer.accountId)
  })
})
