// The composed platform (embedded SQLite stores in a temporary DATA_DIR, projection runners on):
// an order written to the event log is audited, its repair history is projected by the running
// repairHistory projection, and its documents are served, all through the real composition root.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import type { Principal } from '../../../domain/access/principal.js'
import { composePlatform, type Platform } from '../../../infrastructure/composition.js'
import { loadConfig } from '../../../infrastructure/config.js'
import { JoseTokenService } from '../../../infrastructure/security/joseTokenService.js'
import { completeOrder, Recorder, receiveParts, registerCar } from '../../unit/audit/support/workshop.js'

const SECRET = 'platform-wiring-secret-of-at-least-32-characters'

describe('audit, repair history and documents in the composed platform', function () {
  this.timeout(30_000)
  let dataDir: string
  let platform: Platform
  let bearer: string

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'audit-platform-'))
    platform = await composePlatform(
      loadConfig({ DATA_DIR: dataDir, TOKEN_SECRET: SECRET, SQLITE_SYNCHRONOUS: 'NORMAL', LOG_REQUESTS: '0' }),
    )
    const r = new Recorder(platform.stores.eventStore, platform.catalogue)
    await receiveParts(r)
    await registerCar(r, { equipmentId: 'car-1' })
    await completeOrder(r, { workOrderId: 'wo-1', equipmentId: 'car-1', mileageKm: 100_000 })
    const boss = { id: 'hq-1', role: 'head_office', tenant: { scope: 'network' } } as Principal
    bearer = `Bearer ${(await new JoseTokenService({ secret: SECRET, ttlSeconds: 600 }).issue(boss, new Date())).token}`
  })

  after(async () => {
    await platform?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const get = (path: string) => request(platform.app).get(path).set('Authorization', bearer)

  it('verifies the order’s chain and rebuilds its state', async () => {
    const verdict = await get('/audit/streams/workorder-wo-1/verify')
    assert.equal(verdict.status, 200, JSON.stringify(verdict.body))
    assert.equal(verdict.body.ok, true)
    const state = await get('/audit/streams/workorder-wo-1/state?revision=0')
    assert.equal(state.body.state.status, 'intake')
  })

  it('projects the repair history while running', async () => {
    const deadline = Date.now() + 20_000
    for (;;) {
      const res = await get('/repair-history/equipment/car-1')
      if (res.status === 200 && res.body.orders.length === 1) {
        assert.equal(res.body.orders[0].status, 'handed_over')
        return
      }
      if (Date.now() > deadline) assert.fail(`not projected: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })

  it('serves the order’s PDFs and the audit report', async () => {
    for (const path of ['/documents/orders/wo-1/intake-protocol.pdf', '/audit/orders/wo-1/report.pdf']) {
      const res = await get(path)
      assert.equal(res.status, 200, path)
      assert.equal(res.headers['content-type'], 'application/pdf')
    }
  })
})
