// Benchmark of reports on the embedded stores (SQLite event store + SQLite read models, in a temp dir):
//   1. writes a year of booking history for 200 points, 1,000,000 events (batched, concurrent
//      appends; not timed: it is the setup),
//   2. rebuilds a declarative report over the whole log through the projection engine, in a fresh
//      process, sampling its RSS (flat memory means the samples stay level),
//   3. queries that report for the whole year and all 200 points, by month, the way the API does.
// The report is the built-in `bookings` definition (remembered point and zone per booking stream,
// per point and local day: six counts, a sum, a distinct count, average/min/max lead time).
// Prints readable lines and, as the LAST line, one JSON object with customRebuildEventsPerSec,
// customRebuildPeakRssMB and yearReportMs.
// Run: npm run bench:reports   (BENCH_EVENTS=200000 for a quicker run; --write <dir> then --rebuild <dir>
// to profile the rebuild alone)
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { isRight } from 'fp-ts/lib/Either.js'
import type { NewEvent } from '../../application/ports/eventStore.js'
import type { ReportQuery } from '../../application/reports/reportQuery.js'
import { planQuery } from '../../application/reports/reportTable.js'
import type { EntityId } from '../../domain/access/fields.js'
import type { Principal } from '../../domain/access/principal.js'
import { eventCatalogue } from '../../infrastructure/composition.js'
import { SqliteDocumentStore } from '../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { bookingsReport } from '../../projections/reports/builtIn/builtInReports.js'
import { reportPlatform } from '../../projections/reports/reportPlatform.js'
import { REPORT_REBUILD_PAGE_SIZE } from '../../projections/reports/reportRuntime.js'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000)
const POINTS = 200
const DAYS = 365
const YEAR_START = Date.UTC(2025, 0, 1)
const DAY_MS = 86_400_000
const ZONES = ['Europe/Warsaw', 'Europe/Warsaw', 'Europe/Warsaw', 'Europe/Bucharest', 'Europe/Vilnius']

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

/** Deterministic pseudo-random numbers, so every run writes the same history. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function metadata(occurredAt: number, actor: { id: string; role: 'customer' | 'service_point_employee' }) {
  return {
    eventId: randomUUID(),
    correlationId: randomUUID(),
    causationId: null,
    actor,
    occurredAt: new Date(occurredAt).toISOString(),
    schemaVersion: 1,
  }
}

type Outcome = 'completed' | 'cancelled' | 'no_show'

interface Visit {
  readonly bookingId: string
  readonly start: number
  readonly outcome: Outcome
}

/**
 * A year of bookings in time order: each day, the bookings made that day (requested and confirmed,
 * one append per booking) and the outcomes of the visits due that day (checked in and completed,
 * cancelled, or missed): later events of a booking come days after its request, as in life.
 */
async function writeHistory(store: SqliteEventStore): Promise<number> {
  const rnd = random(42)
  // Requested + confirmed, then completed (check-in + completion), cancelled or missed: ~3.6 events.
  const bookings = Math.ceil(EVENTS / 3.6)
  const perDay = bookings / DAYS
  const due = new Map<number, Visit[]>()
  let written = 0
  let made = 0
  const started = performance.now()
  for (let day = 0; day < DAYS + 15 && written < EVENTS; day++) {
    const appends: Array<Promise<unknown>> = []
    const todayMade = Math.round(perDay * (day + 1)) - Math.round(perDay * day)
    for (let i = 0; i < todayMade && day < DAYS && written < EVENTS; i++, made++) {
      const point = made % POINTS
      const bookingId = `bk-${made}`
      const requestedAt = YEAR_START + day * DAY_MS + 6 * 3_600_000 + Math.floor(rnd() * 12 * 3_600_000)
      const visitDay = day + 1 + Math.floor(rnd() * 14)
      const start = YEAR_START + visitDay * DAY_MS + (7 + Math.floor(rnd() * 9)) * 3_600_000
      const minutes = [30, 45, 60, 90][Math.floor(rnd() * 4)] as number
      const customer = { id: `customer-${Math.floor(rnd() * 50_000)}`, role: 'customer' as const }
      const r = rnd()
      const outcome: Outcome = r < 0.7 ? 'completed' : r < 0.85 ? 'cancelled' : 'no_show'
      const list = due.get(visitDay) ?? []
      list.push({ bookingId, start, outcome })
      due.set(visitDay, list)
      const request: NewEvent = {
        type: 'BookingRequested',
        data: {
          bookingId,
          pointId: `point-${String(point).padStart(3, '0')}`,
          timeZone: ZONES[point % ZONES.length] as string,
          bookedBy: { actor: customer, channel: 'customer_online' },
          customer: {
            customerId: customer.id,
            fleetId: null,
            name: 'Jan Kowalski',
            phone: '+48600100200',
            email: null,
          },
          vehicle: {
            plate: `WX${10000 + Math.floor(rnd() * 80_000)}`,
            plateCountry: 'PL',
            vehicleClass: 'passenger',
            wheels: 4,
            rimInches: 17,
          },
          services: [{ code: 'TYRE-CHANGE', minutes }],
          goods: [],
          durationMinutes: minutes,
          slot: {
            bayId: 'bay-1',
            staffId: 'anna',
            start: new Date(start).toISOString(),
            end: new Date(start + minutes * 60_000).toISOString(),
          },
          note: null,
        },
        metadata: metadata(requestedAt, customer),
      }
      const confirm: NewEvent = {
        type: 'BookingConfirmed',
        data: { bookingId },
        metadata: metadata(requestedAt + 60_000, customer),
      }
      appends.push(store.appendToStream(`booking-${bookingId}`, [request, confirm], { expectedRevision: 'no_stream' }))
      written += 2
    }
    for (const visit of due.get(day) ?? []) {
      if (written >= EVENTS) break
      const staff = { id: 'employee-1', role: 'service_point_employee' as const }
      const { bookingId, start } = visit
      const events: NewEvent[] =
        visit.outcome === 'completed'
          ? [
              {
                type: 'BookingCheckedIn',
                data: { bookingId, at: new Date(start).toISOString() },
                metadata: metadata(start, staff),
              },
              {
                type: 'BookingCompleted',
                data: { bookingId, at: new Date(start + 3_600_000).toISOString() },
                metadata: metadata(start + 3_600_000, staff),
              },
            ]
          : visit.outcome === 'cancelled'
            ? [
                {
                  type: 'BookingCancelled',
                  data: { bookingId, reason: 'changed plans', cancelledAt: new Date(start - DAY_MS).toISOString() },
                  metadata: metadata(start - DAY_MS, staff),
                },
              ]
            : [
                {
                  type: 'BookingMarkedNoShow',
                  data: { bookingId, at: new Date(start).toISOString() },
                  metadata: metadata(start + 900_000, staff),
                },
              ]
      const take = events.slice(0, EVENTS - written)
      appends.push(store.appendToStream(`booking-${bookingId}`, take, { expectedRevision: 1 }))
      written += take.length
    }
    due.delete(day)
    await Promise.all(appends)
    if (day % 60 === 59)
      console.log(
        `  … day ${day + 1}: ${fmt(written)} events written (${fmt(written / ((performance.now() - started) / 1000))}/s)`,
      )
  }
  return written
}

interface RebuildFigures {
  readonly events: number
  readonly seconds: number
  readonly eventsPerSec: number
  readonly peakRssMB: number
  readonly rssBeforeMB: number
  /** RSS after each tenth of the events: flat memory means these stay level. */
  readonly rssAlongMB: number[]
  /** V8 heap in use at the same moments (RSS also holds SQLite's page caches and freed-but-kept memory). */
  readonly heapAlongMB: number[]
  /** CPU time of the rebuild process (user + system): on a shared machine, events per CPU second tell more. */
  readonly cpuSeconds: number
  readonly rows: number
}

/** Runs in a fresh process (see main) so its peak RSS is the rebuild's alone. */
async function rebuildInThisProcess(dir: string): Promise<RebuildFigures> {
  const events = new SqliteEventStore(path.join(dir, 'events.sqlite'))
  const documents = new SqliteDocumentStore(path.join(dir, 'readmodels.sqlite'))
  const { language } = await reportPlatform({ events, documents, catalogue: eventCatalogue(), customDir: null })
  const { projection } = language.compile(bookingsReport, bookingsReport.version ?? 1, true)
  const rssBeforeMB = mb(process.memoryUsage().rss)
  const along: number[] = []
  const heapAlong: number[] = []
  let nextMark = 0.1
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  // As the report runtime and `npm run projection -- rebuild` do it.
  const result = await rebuildProjection({
    projection,
    events,
    documents,
    retireDelayMs: 0,
    pageSize: REPORT_REBUILD_PAGE_SIZE,
    onProgress: (p) => {
      if (p.head > 0 && p.position / p.head >= nextMark - 1e-9 && p.phase === 'replaying') {
        const usage = process.memoryUsage()
        along.push(mb(usage.rss))
        heapAlong.push(mb(usage.heapUsed))
        nextMark += 0.1
      }
    },
  })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  // Before counting rows and closing (close runs SQLite's optimize over the new tables).
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024)
  const rows = await (await documents.collection('projection_registry').findOne({ _id: projection.name }))?.collections
  const rowCount = rows ? await documents.collection((rows as Record<string, string>).rows as string).count() : 0
  await documents.close()
  await events.close()
  return {
    events: result.events,
    seconds,
    eventsPerSec: Math.round(result.events / seconds),
    peakRssMB,
    rssBeforeMB,
    rssAlongMB: along,
    heapAlongMB: heapAlong,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows: rowCount,
  }
}

async function rebuildInChild(dir: string): Promise<RebuildFigures> {
  const self = fileURLToPath(import.meta.url)
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--rebuild', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (chunk) => {
    out += String(chunk)
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (code !== 0) throw new Error(`rebuild process exited with ${code}`)
  return JSON.parse(out.trim().split('\n').at(-1) as string) as RebuildFigures
}

/** The year by month for every point, through the report use case the API calls. */
async function yearReport(dir: string): Promise<{ ms: number[]; rows: number; read: string }> {
  const events = new SqliteEventStore(path.join(dir, 'events.sqlite'))
  const documents = new SqliteDocumentStore(path.join(dir, 'readmodels.sqlite'))
  try {
    const { service, language } = await reportPlatform({
      events,
      documents,
      catalogue: eventCatalogue(),
      customDir: null,
    })
    const hq: Principal = { id: 'hq' as EntityId, role: 'head_office', tenant: { scope: 'network' } }
    const query: ReportQuery = { period: 'month', from: '2025-01-01', to: '2025-12-31' }
    const plan = planQuery(language.compile(bookingsReport, 1, true).shape, query, hq)
    const read = isRight(plan) ? plan.right.collection : '?'
    const ms: number[] = []
    let rows = 0
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      const table = await service.table(hq, 'bookings', query, { limit: 10_000, offset: 0 })
      ms.push(performance.now() - started)
      if (!isRight(table)) throw new Error(JSON.stringify(table.left))
      rows = table.right.total
    }
    return { ms, rows, read }
  } finally {
    await documents.close()
    await events.close()
  }
}

async function main(): Promise<void> {
  const [flag, dirArg] = process.argv.slice(2)
  if (flag === '--rebuild' && dirArg) {
    process.stdout.write(`${JSON.stringify(await rebuildInThisProcess(dirArg))}\n`)
    return
  }
  // For profiling: write the history into a directory and keep it (then run --rebuild on it).
  if (flag === '--write' && dirArg) {
    const store = new SqliteEventStore(path.join(dirArg, 'events.sqlite'), { synchronous: 'NORMAL' })
    console.log(`${fmt(await writeHistory(store))} events written to ${dirArg}`)
    await store.close()
    return
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reports-bench-'))
  try {
    const cpu = os.cpus()[0]?.model ?? 'unknown cpu'
    console.log(
      `machine: ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 1024 / 1024)} MB RAM, node ${process.version}`,
    )
    console.log(`stores: SQLite event store and SQLite read models in ${dir}`)
    // The history is setup, not what is measured: written without a per-commit fsync.
    const store = new SqliteEventStore(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL' })
    const writing = performance.now()
    const written = await writeHistory(store)
    await store.close()
    console.log(
      `history: ${fmt(written)} events (${POINTS} points, ${DAYS} days) written in ${((performance.now() - writing) / 1000).toFixed(0)} s`,
    )
    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')
    console.log(`load average before the rebuild: ${load()} (other work on the machine slows every figure)`)
    const rebuild = await rebuildInChild(dir)
    console.log(
      `rebuild of report-bookings (declarative, through the engine, own process, pages of ${fmt(REPORT_REBUILD_PAGE_SIZE)}): ` +
        `${fmt(rebuild.eventsPerSec)} events/s, ${fmt(rebuild.events)} events in ${rebuild.seconds.toFixed(1)} s → ` +
        `${fmt(rebuild.rows)} daily rows; ${fmt(rebuild.events / rebuild.cpuSeconds)} events per CPU second ` +
        `(${rebuild.cpuSeconds.toFixed(1)} s of CPU); load average after: ${load()}`,
    )
    console.log(
      `rebuild memory: peak RSS ${rebuild.peakRssMB} MB; ${rebuild.rssBeforeMB} MB before, then at each tenth of the log ` +
        `${rebuild.rssAlongMB.join(' → ')} MB (V8 heap in use ${rebuild.heapAlongMB.join(' → ')} MB)`,
    )
    const query = await yearReport(dir)
    const sorted = [...query.ms].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)] as number
    console.log(
      `year report (all ${POINTS} points by month, ${fmt(query.rows)} rows, read from ${query.read}): ` +
        `first ${(query.ms[0] as number).toFixed(1)} ms, then ${query.ms
          .slice(1)
          .map((m) => m.toFixed(1))
          .join(', ')} ms; median ${median.toFixed(1)} ms`,
    )
    console.log(
      JSON.stringify({
        customRebuildEventsPerSec: rebuild.eventsPerSec,
        customRebuildPeakRssMB: rebuild.peakRssMB,
        yearReportMs: Math.round(median * 10) / 10,
      }),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
