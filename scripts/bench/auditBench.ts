// `npm run bench:audit`: the auditor's reads, on the embedded SQLite stores in a temporary folder.
//
//   1. replay + verify: one work order with 1,000 events (a realistic visit padded with technician
//      log entries and labour clocks): read the stream from the file, list every event with who,
//      role, when and hash, verify the hash chain and fold the state (AuditService.inspect);
//   2. as-of: the same order's state as of an instant halfway through its history;
//   3. repair history: an item with 200 completed orders (≈ 6,500 events in the log), projected by
//      the repairHistory projection, read back through the query service with readings joined;
//   4. verify the whole log: every stream's hash chain in one pass over the log (verifyLog, what
//      `npm run audit -- verify` runs).
// Each figure is the median of BENCH_RUNS (default 21) timed calls after 3 untimed ones. The last
// line printed is one JSON object: { replayVerify1000Ms, asOfMs, repairHistoryMs, verifyLogMs, … }.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RepairHistoryQueries } from '../../application/audit/repairHistoryQueries.js'
import { AuditService } from '../../application/audit/streamAudit.js'
import { verifyLog } from '../../application/audit/verifyLog.js'
import { ManualClock } from '../../application/leases/clock.js'
import { ReadModels } from '../../application/readModels/readModels.js'
import type { Principal } from '../../domain/access/principal.js'
import { eventCatalogue } from '../../infrastructure/composition.js'
import { SqliteDocumentStore } from '../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { repairHistoryProjection } from '../../projections/repairHistory/repairHistoryProjection.js'
import { completeOrder, padOrder, Recorder, receiveParts, registerCar } from '../../test/unit/audit/support/workshop.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 21)
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200)
const EVENTS = 1000
const say = (line: string) => console.error(line)
const round = (ms: number) => Math.round(ms * 100) / 100

async function median(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] as number
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'))
  const events = new SqliteEventStore(join(dir, 'events.sqlite'), { synchronous: 'NORMAL' })
  const documents = new SqliteDocumentStore(join(dir, 'readmodels.sqlite'))
  try {
    const catalogue = eventCatalogue()
    const r = new Recorder(events, catalogue)
    const setup = performance.now()
    await receiveParts(r)
    // 1,000 events on one order.
    await registerCar(r, { equipmentId: 'bench-car' })
    await completeOrder(r, { workOrderId: 'bench-order', equipmentId: 'bench-car', mileageKm: 10_000, open: true })
    const audit = new AuditService(events, catalogue)
    let count = 0
    for await (const _ of events.readStream('workorder-bench-order')) count++
    await padOrder(r, 'bench-order', count, EVENTS)
    // 200 orders on one item.
    await registerCar(r, { equipmentId: 'bench-fleet-car', plate: 'WX00001' })
    for (let i = 0; i < ORDERS; i++)
      await completeOrder(r, { workOrderId: `h-${i}`, equipmentId: 'bench-fleet-car', mileageKm: 20_000 + i * 500 })
    await rebuildProjection({
      projection: repairHistoryProjection,
      events,
      documents,
      clock: new ManualClock(),
      retireDelayMs: 0,
    })
    const head = await events.headPosition()
    say(`setup: ${head} events written and projected in ${Math.round(performance.now() - setup)} ms`)

    const inspected = await audit.inspect(null, 'workorder-bench-order')
    if (inspected._tag === 'Left') throw new Error(inspected.left.message)
    const { history, chain } = inspected.right
    if (history.total !== EVENTS || !chain.ok) throw new Error(`expected ${EVENTS} verified events`)
    const mid = history.events[EVENTS / 2]?.occurredAt as string

    const replayVerify1000Ms = await median(async () => {
      const result = await audit.inspect(null, 'workorder-bench-order')
      if (result._tag === 'Left' || !result.right.chain.ok) throw new Error('verification failed')
    })
    const asOfMs = await median(async () => {
      const result = await audit.stateAsOf(null, 'workorder-bench-order', { at: mid })
      if (result._tag === 'Left') throw new Error(result.left.message)
    })
    const queries = new RepairHistoryQueries(new ReadModels(documents))
    const hq = { id: 'bench', role: 'head_office', tenant: { scope: 'network' } } as Principal
    const repairHistoryMs = await median(async () => {
      const result = await queries.equipmentHistory(hq, 'bench-fleet-car')
      if (result._tag === 'Left' || result.right.orders.length !== ORDERS) throw new Error('incomplete history')
    })
    const verifyLogMs = await median(async () => {
      const verdict = await verifyLog(events)
      if (verdict.events !== head || verdict.broken.length > 0) throw new Error('log verification failed')
    })

    say('')
    say(`| what (median of ${RUNS})                                         | target  | measured |`)
    say('| ------------------------------------------------------------- | ------- | -------- |')
    say(
      `| replay + verify + fold an order of ${EVENTS} events               | < 50 ms | ${round(replayVerify1000Ms)} ms |`,
    )
    say(`| state as of an instant (same order, halfway)                   | < 20 ms | ${round(asOfMs)} ms |`)
    say(
      `| repair history of an item with ${ORDERS} orders                     | < 20 ms | ${round(repairHistoryMs)} ms |`,
    )
    say(`| verify the whole log (${head} events, every stream's chain)       |         | ${round(verifyLogMs)} ms |`)
    console.log(
      JSON.stringify({
        replayVerify1000Ms: round(replayVerify1000Ms),
        asOfMs: round(asOfMs),
        repairHistoryMs: round(repairHistoryMs),
        verifyLogMs: round(verifyLogMs),
        events: EVENTS,
        orders: ORDERS,
        logEvents: head,
        runs: RUNS,
      }),
    )
  } finally {
    await events.close()
    await documents.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error))
  process.exitCode = 1
})
