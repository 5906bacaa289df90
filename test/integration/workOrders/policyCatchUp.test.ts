// The leased catch-up of the repair policies (application/workOrders/policyCatchUp.ts), on the
// embedded SQLite stores as `npm start` composes them. A process records an estimate approval and
// is killed (SIGKILL) between the order's append and the parts reservation the approval asks for;
// after a restart the catch-up started by composition reserves the parts exactly once, and a
// second runner replaying the whole log from scratch appends nothing more.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { storedCheckpoint } from '../../../application/jobs/subscriberCheckpoint.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { POLICY_CATCH_UP_NAME, policyCatchUp } from '../../../application/workOrders/policyCatchUp.js'
import { equipmentStream } from '../../../domain/equipment/equipmentDecider.js'
import { stockStream } from '../../../domain/stock/stockDecider.js'
import { workOrderStream } from '../../../domain/work-order/workOrderDecider.js'
import { composePlatform, type Platform } from '../../../infrastructure/composition.js'
import { loadConfig } from '../../../infrastructure/config.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { mechanic, Recorder, receiveParts, receptionist, registerCar, sha } from '../../unit/audit/support/workshop.js'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const crashScript = fileURLToPath(new URL('./support/policyCrashProcess.ts', import.meta.url))
const PLN = (amountMinor: number) => ({ amountMinor, currency: 'PLN' })
const ORDER = 'wo-crash-1'

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = []
  for await (const e of events) out.push(e)
  return out
}

function runCrashingProcess(dataDir: string): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', crashScript, dataDir, ORDER], { cwd: repoRoot })
    let out = ''
    child.stdout.on('data', (c) => {
      out += String(c)
    })
    child.stderr.on('data', (c) => {
      out += String(c)
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve({ code, signal, out }))
  })
}

describe('repair policies: leased catch-up after a crash between two appends (SQLite)', function () {
  this.timeout(120_000)
  let dataDir: string
  const config = () =>
    loadConfig({ DATA_DIR: dataDir, TOKEN_SECRET: 'policy-crash-secret-of-at-least-32-characters', LOG_REQUESTS: '0' })
  let platform: Platform | undefined

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'policy-catch-up-'))
    // The installation ran before, with its background runners: the catch-up's first start saved
    // its place at the (empty) log's head. Its grace is long here, so it replays nothing yet.
    const setup = await composePlatform(config(), { policyCatchUpGraceMs: 600_000 })
    try {
      for (let i = 0; (await storedCheckpoint(setup.stores.documentStore, POLICY_CATCH_UP_NAME)) === null; i++) {
        assert.ok(i < 400, 'the catch-up saved no checkpoint')
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      // The history before the crash: parts on the shelf, a car, an order whose estimate (a part
      // line of two brake-pad sets) was sent to the customer.

      const r = new Recorder(setup.stores.eventStore, setup.catalogue)
      await receiveParts(r)
      await registerCar(r, { equipmentId: 'car-crash' })
      const by = (actor: typeof receptionist) => ({ workOrderId: ORDER, actor, now: r.tick(5) })
      await r.workOrder({
        kind: 'OpenWorkOrder',
        ...by(receptionist),
        pointId: 'p1',
        equipment: {
          equipmentId: 'car-crash',
          kind: 'vehicle',
          typeCode: 'passenger_car',
          status: 'at_customer',
          label: 'DW1CR45',
          lastMileageKm: null,
        },
        customer: { customerId: 'c1', fleetId: null, name: 'Jan Kowalski', phone: '+48600100200', email: null },
        intake: {
          conditionNotes: 'bez uwag',
          accessories: [],
          mileageKm: null,
          odometerReplaced: false,
          customerDescription: 'Piszczą hamulce',
          photos: [],
          signature: null,
        },
        promisedAt: '2026-12-31T16:00:00.000Z',
        reworkOf: null,
        bookingId: null,
        trackingCodeHash: sha('b'),
      })
      await r.workOrder({ kind: 'StartDiagnosis', ...by(mechanic) })
      const line = { photos: [], problemId: null, recommendationId: null, vatRatePercent: 23 }
      await r.workOrder({
        kind: 'AddEstimateLine',
        ...by(mechanic),
        line: {
          ...line,
          lineId: 'L1',
          kind: 'labour',
          description: 'Wymiana klocków',
          minutes: 45,
          hourlyRate: PLN(16_000),
        },
      })
      await r.workOrder({
        kind: 'AddEstimateLine',
        ...by(mechanic),
        line: {
          ...line,
          lineId: 'L2',
          kind: 'part',
          description: 'Klocki hamulcowe przód',
          sku: 'BRK-PAD-F',
          quantity: 2,
          unitPrice: PLN(18_999),
        },
      })
      await r.workOrder({
        kind: 'SendEstimate',
        ...by(receptionist),
        accessCodeHash: sha('c'),
        accessCodeExpiresAt: '2027-01-31T10:00:00.000Z',
        sentTo: { channel: 'sms', address: '+48600100200' },
      })
    } finally {
      await setup.close()
    }
  })

  after(async () => {
    await platform?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const reservationsOf = (events: ReadonlyArray<RecordedEvent>) =>
    events.filter((e) => e.type === 'StockReserved' && (e.data as { workOrderId?: string }).workOrderId === ORDER)

  it('a process killed after appending the approval left the parts unreserved', async () => {
    const crashed = await runCrashingProcess(dataDir)
    assert.equal(crashed.signal, 'SIGKILL', crashed.out)
    assert.match(crashed.out, /appended; dying before the reactions/)
    const inspect = await composePlatform(config(), { deferBackground: true })
    try {
      const order = await collect(inspect.stores.eventStore.readStream(workOrderStream(ORDER)))
      assert.equal(order.at(-1)?.type, 'EstimateDecided', 'the approval itself was acknowledged and is durable')
      assert.deepEqual(reservationsOf(await collect(inspect.stores.eventStore.readStream(stockStream('p1')))), [])
    } finally {
      await inspect.close()
    }
  })

  it('after a restart the catch-up started by composition reserves the parts exactly once', async () => {
    platform = await composePlatform(config(), { policyCatchUpGraceMs: 0 })
    const events = platform.stores.eventStore
    // Its own appends move the head on: wait until it has caught up with itself.
    for (let head = -1; head !== (await events.headPosition()); ) {
      head = await events.headPosition()
      await platform.repairPolicyCatchUp.waitForCheckpoint(head)
    }
    const decided = (await collect(events.readStream(workOrderStream(ORDER)))).at(-1) as RecordedEvent
    const reserved = reservationsOf(await collect(events.readStream(stockStream('p1'))))
    assert.equal(reserved.length, 1, JSON.stringify(reserved.map((e) => e.data)))
    const [reservation] = reserved as [RecordedEvent]
    assert.deepEqual((reservation.data as { lines: unknown }).lines, [{ sku: 'BRK-PAD-F', quantity: 2 }])
    assert.equal(reservation.metadata.causationId, decided.metadata.eventId, 'caused by the approval')
    assert.equal(reservation.metadata.actor.role, 'system')
    // The opening's reaction, never run by the setup, is done too: the car is in service, once.
    const car = await collect(events.readStream(equipmentStream('car-crash')))
    assert.deepEqual(
      car.filter((e) => e.type === 'EquipmentStatusChanged').map((e) => (e.data as { to: string }).to),
      ['in_service'],
    )
    const status = await platform.repairPolicyCatchUp.status()
    assert.equal(status.lag, 0)
  })

  it('a second runner replaying the whole log from position 0 appends nothing', async () => {
    assert.ok(platform)
    const events = platform.stores.eventStore
    const before = await events.headPosition()
    const replayed: string[] = []
    const logged: string[] = []
    const again = policyCatchUp({
      events,
      // A fresh checkpoint store, told to start from the beginning of the log.
      documents: new MemoryDocumentStore(),
      startAtHead: false,
      catalogue: platform.catalogue,
      policies: platform.repair.policies,
      graceMs: 0,
      log: (line) => logged.push(line),
      onReplayed: (trigger, notes) => {
        for (const n of notes)
          if (n.outcome === 'applied') replayed.push(`${trigger.type}:${n.policy}${n.alreadyDone ? ' (done)' : ''}`)
      },
    })
    again.start()
    try {
      await again.waitForCheckpoint(before)
    } finally {
      await again.stop()
    }
    assert.equal(await events.headPosition(), before, 'nothing appended')
    assert.equal(reservationsOf(await collect(events.readStream(stockStream('p1')))).length, 1)
    // The replays ran and were answered from the log: the car's status change is found under its
    // command id (reported 'applied' with the events it appended the first time); the reservation
    // is already held, so nothing is left to reserve.
    assert.ok(replayed.includes('WorkOrderOpened:equipment-in_service (done)'), replayed.join(', '))
    assert.ok(!replayed.some((r) => r.startsWith('EstimateDecided:')), replayed.join(', '))
    // Everything was found done, so nothing is logged as replayed; what it found is counted.
    assert.ok(
      replayed.every((r) => r.endsWith(' (done)')),
      replayed.join(', '),
    )
    assert.deepEqual(
      logged.filter((line) => line.startsWith('replayed')),
      [],
    )
    const counts = again.replayCounts()
    assert.equal(counts.appended, 0)
    assert.equal(counts.alreadyDone, replayed.length)
    assert.ok(counts.alreadyDone >= 1 && counts.triggers >= 2, JSON.stringify(counts))
  })
})
