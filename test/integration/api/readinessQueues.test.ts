// GET /ready on the composed platform with the workers (as `npm start`: embedded scheduler, no
// Redis): the job counts cover the notification queue, the due-service reminders' queue and the
// report e-mails' queue, each also shown on its own; a queue that cannot be counted makes the process
// not ready and is named.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { isReady } from '../../../api/health/readiness.js'
import { handleCommand } from '../../../application/commands/handleCommand.js'
import { jobQueueHealth, jobQueuesHealth } from '../../../application/jobs/jobQueueHealth.js'
import type { JobQueue } from '../../../application/ports/jobQueue.js'
import { equipmentDecider, equipmentStream } from '../../../domain/equipment/equipmentDecider.js'
import { composePlatform, type Platform } from '../../../infrastructure/composition.js'
import { loadConfig } from '../../../infrastructure/config.js'
import { carSchema } from '../../unit/domain/equipment/fixtures.js'

const ENV_KEYS = ['REDIS_URL', 'SMTP_URL', 'TWILIO_ACCOUNT_SID', 'PUBLIC_BASE_URL'] as const

interface Counts {
  waiting: number
  delayed: number
  failed: number
}
interface Jobs {
  ok: boolean
  counts: Counts | null
  lag: Record<string, number>
  queues: Record<string, { ok: boolean; counts: Counts | null; lag: Record<string, number> }>
}

async function until<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await probe()
    if (found !== null) return found
    await new Promise((r) => setTimeout(r, 50))
  }
  assert.fail(`never: ${what}`)
}

describe('GET /ready: job counts of every queue the process works', function () {
  this.timeout(60_000)
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
  let dataDir: string
  let platform: Platform | null = null

  before(async () => {
    for (const k of ENV_KEYS) delete process.env[k]
    dataDir = mkdtempSync(join(tmpdir(), 'ready-queues-'))
    platform = await composePlatform(loadConfig({ DATA_DIR: dataDir, LOG_REQUESTS: '0' }), {
      runProjections: true,
      runNotifications: true,
    })
  })
  after(async () => {
    await platform?.close()
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  const jobs = async (): Promise<Jobs> => {
    const res = await request((platform as Platform).app).get('/ready')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body.jobs as Jobs
  }

  it('lists the notifications, due-services and report-emails queues, and sums their counts', async () => {
    const p = platform as Platform
    const before = await jobs()
    assert.deepEqual(Object.keys(before.queues).sort(), ['due-services', 'notifications', 'report-emails'])
    assert.ok(before.ok)
    assert.ok('due-service-reminders' in before.lag, JSON.stringify(before.lag))
    const delayedOf = (j: Jobs, queue: string) => j.queues[queue]?.counts?.delayed ?? -1

    // A car whose inspection is due in 60 days: the due-service policy schedules its reminder
    // (14 days ahead), a delayed job on the due-services queue.
    const now = new Date().toISOString()
    const due = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)
    const context = {
      actor: { id: 'system', role: 'system' as const },
      correlationId: 'ready-1',
      causationId: null,
      now,
    }
    for (const command of [
      {
        kind: 'RegisterEquipment' as const,
        equipmentId: 'ready-car',
        equipmentKind: 'vehicle' as const,
        typeCode: 'passenger_car',
        schema: carSchema,
        make: 'Škoda',
        model: 'Fabia',
        vehicleClass: 'passenger' as const,
        vin: null,
        registration: { plate: 'WA 55555', country: 'PL' },
        serialNumber: null,
        owner: { kind: 'customer' as const, customerId: 'ready-customer' },
        customFields: { fuel: 'petrol' },
        status: 'at_customer' as const,
        pointId: null,
        now,
      },
      {
        kind: 'SetServiceDates' as const,
        equipmentId: 'ready-car',
        nextInspectionOn: due,
        warrantyEndsOn: null,
        insuranceEndsOn: null,
      },
    ]) {
      const done = await handleCommand({
        store: p.stores.eventStore,
        catalogue: p.catalogue,
        decider: equipmentDecider,
        streamId: equipmentStream('ready-car'),
        command: command as never,
        context,
      })
      assert.equal(done._tag, 'Right', JSON.stringify(done))
    }
    const withReminder = await until('the reminder on the due-services queue', async () => {
      const j = await jobs()
      return delayedOf(j, 'due-services') === delayedOf(before, 'due-services') + 1 ? j : null
    })

    // A report e-mail job planned for later: the report-emails queue counts it.
    const reportQueue = p.reportMail?.queue as JobQueue
    await reportQueue.schedule({
      id: 'report-readiness',
      name: 'report.test',
      payload: {},
      runAt: Date.now() + 86_400_000,
    })
    const after = await jobs()
    assert.equal(delayedOf(after, 'report-emails'), delayedOf(withReminder, 'report-emails') + 1)
    assert.equal(delayedOf(after, 'due-services'), delayedOf(withReminder, 'due-services'))
    // The top-level counts are the three queues' sum.
    for (const key of ['waiting', 'delayed', 'failed'] as const) {
      const sum = Object.values(after.queues).reduce((s, q) => s + (q.counts?.[key] ?? Number.NaN), 0)
      assert.equal(after.counts?.[key], sum, key)
    }
    assert.equal(await reportQueue.cancel('report-readiness'), true)
  })

  it('a queue that cannot be counted: not ready, and named', async () => {
    const broken = {
      counts: async () => {
        throw new Error('redis: connection refused')
      },
    } as unknown as JobQueue
    const fine = {
      counts: async () => ({ waiting: 1, delayed: 2, active: 0, failed: 3, completed: 4 }),
    } as unknown as JobQueue
    const healthy = await jobQueuesHealth({ a: jobQueueHealth(fine, []), b: jobQueueHealth(fine, []) })()
    assert.equal(healthy.ok, true)
    assert.deepEqual(healthy.counts, { waiting: 2, delayed: 4, active: 0, failed: 6, completed: 8 })
    const sick = await jobQueuesHealth({ 'due-services': jobQueueHealth(broken, []), b: jobQueueHealth(fine, []) })()
    assert.equal(sick.ok, false)
    assert.equal(sick.counts, null)
    assert.match(sick.detail ?? '', /due-services: redis: connection refused/)
    assert.deepEqual(sick.queues.b?.counts, { waiting: 1, delayed: 2, active: 0, failed: 3, completed: 4 })
    const ok = { ok: true }
    assert.equal(isReady({ eventStore: ok, documentStore: ok, projections: { ...ok, lag: {} }, jobs: sick }), false)
  })
})
