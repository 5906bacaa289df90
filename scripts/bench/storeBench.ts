// Benchmark of the SQLite event store (synchronous=FULL, WAL) in a temp dir:
//   1. sequential single-event appends (each awaited: one durable commit each),
//   2. single-event appends from 32 concurrent writers on different streams (group commit),
//   3. events in 100-event batches,
//   4. readAll over the whole log,
//   5. a rebuild over the log (>= 200k events) in a fresh process, with its peak RSS.
// Prints readable lines and, as the LAST line, one JSON object with the figures.
// Run: npm run bench:store   (BENCH_SCALE=0.2 for a quick smoke run)
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import {
  canonicalMetadataOrInvalid,
  canonicalOrInvalid,
  GENESIS_HASH,
  hashCanonical,
} from '../../application/eventLog/hashChain.js'
import type { EventStore, NewEvent } from '../../application/ports/eventStore.js'
import { SqliteDocumentStore } from '../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { streamIndexProjection } from '../../projections/streamIndex/streamIndexProjection.js'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const SEQUENTIAL_APPENDS = Math.round(6_000 * SCALE)
const CONCURRENT_WRITERS = 32
const CONCURRENT_APPENDS_PER_WRITER = Math.round(1_000 * SCALE)
const BATCH_SIZE = 100
const BATCHES = Math.round(2_000 * SCALE)

const EVENT_TYPES = ['WorkOrderOpened', 'TyreFitted', 'WheelBalanced', 'TorqueChecked', 'PartUsed', 'WorkOrderClosed']

/** A realistic workshop event (~300 bytes of data). */
export function benchEvent(n: number): NewEvent {
  return {
    type: EVENT_TYPES[n % EVENT_TYPES.length] as string,
    data: {
      workOrderId: `wo-${n >> 4}`,
      servicePointId: 'sp-warszawa-01',
      vehicle: { plate: `WX ${10000 + (n % 90000)}`, vin: 'WVWZZZ1KZAW000001' },
      wheel: ['FL', 'FR', 'RL', 'RR'][n % 4],
      tyre: { brand: 'Dębica', model: 'Presto HP2', size: '205/55 R16 91V', dot: '2724' },
      torqueNm: 110,
      priceMinor: 4500 + (n % 100),
      currency: 'PLN',
    },
    metadata: {
      eventId: randomUUID(),
      correlationId: randomUUID(),
      causationId: null,
      actor: { id: 'employee-17', role: 'service_point_employee' },
      occurredAt: new Date(Date.UTC(2025, 2, 1) + n * 1000).toISOString(),
      schemaVersion: 1,
    },
  }
}

// --- rebuild under test ---------------------------------------------------------------
/** Rebuilds from the store's log and returns how many events it read. */
export type RebuildUnderTest = (store: EventStore, onProgress: (events: number) => void) => Promise<number>

/**
 * The projection engine's blue/green rebuild of the stream index (one document per stream,
 * updated by every event) into a fresh SQLite read-model file: reading, decoding, applying and
 * committing batches with their checkpoint, as `npm run projection:rebuild` does.
 */
export const engineRebuild: RebuildUnderTest = async (store, onProgress) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-readmodels-'))
  const documents = new SqliteDocumentStore(path.join(dir, 'readmodels.sqlite'))
  try {
    const result = await rebuildProjection({
      projection: streamIndexProjection,
      events: store,
      documents,
      onProgress: (p) => onProgress(p.events),
    })
    return result.events
  } finally {
    await documents.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export const rebuildUnderTest: RebuildUnderTest = engineRebuild

export interface RebuildFigures {
  readonly events: number
  readonly seconds: number
  readonly eventsPerSec: number
  /** Kernel's peak resident set of the rebuild process (includes Node + tsx, ~100 MB before any event). */
  readonly peakRssMB: number
  readonly rssBeforeMB: number
  /** RSS after 25%, 50%, 75% and 100% of the events: flat memory means these stay level. */
  readonly rssAlongMB: number[]
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

/** Runs in a fresh process (see main) so its peak RSS is the rebuild's alone. */
async function rebuildInThisProcess(file: string, expected: number): Promise<RebuildFigures> {
  const store = new SqliteEventStore(file)
  const rssBeforeMB = mb(process.memoryUsage().rss)
  const marks = [0.25, 0.5, 0.75].map((f) => Math.floor((expected / 10_000) * f) * 10_000)
  const rssAlongMB: number[] = []
  const started = performance.now()
  const events = await rebuildUnderTest(store, (n) => {
    if (marks.includes(n)) rssAlongMB.push(mb(process.memoryUsage().rss))
  })
  const seconds = (performance.now() - started) / 1000
  rssAlongMB.push(mb(process.memoryUsage().rss))
  await store.close()
  return {
    events,
    seconds,
    eventsPerSec: Math.round(events / seconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMB,
    rssAlongMB,
  }
}

async function measureRebuildInChild(file: string, expected: number): Promise<RebuildFigures> {
  const self = fileURLToPath(import.meta.url)
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--rebuild', file, String(expected)], {
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

/** fdatasync calls per second on the temp dir's disk: the ceiling for sequential durable commits. */
function diskFsyncRate(dir: string): number {
  const file = path.join(dir, 'fsync-probe')
  const fd = openSync(file, 'w')
  const block = Buffer.alloc(4096, 1)
  const n = 1_000
  const started = performance.now()
  for (let i = 0; i < n; i++) {
    writeSync(fd, block)
    fdatasyncSync(fd)
  }
  closeSync(fd)
  return Math.round(n / ((performance.now() - started) / 1000))
}

async function sequentialAppends(store: EventStore): Promise<number> {
  const streams = 50
  const revisions: Array<number | 'no_stream'> = Array.from({ length: streams }, () => 'no_stream')
  const started = performance.now()
  for (let i = 0; i < SEQUENTIAL_APPENDS; i++) {
    const s = i % streams
    const r = await store.appendToStream(`workorder-seq-${s}`, [benchEvent(i)], {
      expectedRevision: revisions[s] as number | 'no_stream',
    })
    revisions[s] = r.nextExpectedRevision
  }
  return SEQUENTIAL_APPENDS / ((performance.now() - started) / 1000)
}

async function concurrentAppends(store: EventStore): Promise<number> {
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENT_WRITERS }, async (_, w) => {
      let expectedRevision: number | 'no_stream' = 'no_stream'
      for (let i = 0; i < CONCURRENT_APPENDS_PER_WRITER; i++) {
        const r = await store.appendToStream(`workorder-conc-${w}`, [benchEvent(i)], { expectedRevision })
        expectedRevision = r.nextExpectedRevision
      }
    }),
  )
  return (CONCURRENT_WRITERS * CONCURRENT_APPENDS_PER_WRITER) / ((performance.now() - started) / 1000)
}

async function batchAppends(store: EventStore): Promise<number> {
  const streams = 500
  const revisions: Array<number | 'no_stream'> = Array.from({ length: streams }, () => 'no_stream')
  let appendSeconds = 0
  for (let b = 0; b < BATCHES; b++) {
    const s = b % streams
    // Building the events is the caller's cost, not the store's: keep it out of the timing.
    const batch = Array.from({ length: BATCH_SIZE }, (_, i) => benchEvent(b * BATCH_SIZE + i))
    const started = performance.now()
    const r = await store.appendToStream(`workorder-batch-${s}`, batch, {
      expectedRevision: revisions[s] as number | 'no_stream',
    })
    appendSeconds += (performance.now() - started) / 1000
    revisions[s] = r.nextExpectedRevision
  }
  return (BATCHES * BATCH_SIZE) / appendSeconds
}

async function readAllRate(store: EventStore): Promise<{ events: number; perSec: number }> {
  const started = performance.now()
  let events = 0
  for await (const _ of store.readAll()) events++
  return { events, perSec: events / ((performance.now() - started) / 1000) }
}

/**
 * CPU per event of the work every append does before SQLite sees it, to explain the batch
 * figure: the canonical JSON text (RFC 8785) that is both stored and hashed, and the SHA-256 chain.
 */
function perEventCpuMicros(): { canonical: number; hash: number } {
  const events = Array.from({ length: 20_000 }, (_, i) => benchEvent(i))
  const micros = (work: () => void) => {
    work() // warm up
    const started = performance.now()
    work()
    return ((performance.now() - started) * 1000) / events.length
  }
  const texts = events.map((e) => ({
    type: e.type,
    data: canonicalOrInvalid(e.data, e.type),
    metadata: canonicalMetadataOrInvalid(e.metadata, e.type),
  }))
  const canonical = micros(() => {
    for (const e of events) {
      canonicalOrInvalid(e.data, e.type)
      canonicalMetadataOrInvalid(e.metadata, e.type)
    }
  })
  const hash = micros(() => {
    let prev = GENESIS_HASH
    texts.forEach((t, i) => {
      prev = hashCanonical(prev, 'workorder-1', i, t.type, t.data, t.metadata)
    })
  })
  return { canonical: Math.round(canonical * 10) / 10, hash: Math.round(hash * 10) / 10 }
}

async function main(): Promise<void> {
  const [flag, file, expected] = process.argv.slice(2)
  if (flag === '--rebuild' && file) {
    process.stdout.write(`${JSON.stringify(await rebuildInThisProcess(file, Number(expected)))}\n`)
    return
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'store-bench-'))
  const file0 = path.join(dir, 'events.db')
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  try {
    const fsyncs = diskFsyncRate(dir)
    const cpu = os.cpus()[0]?.model ?? 'unknown cpu'
    console.log(
      `machine: ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 1024 / 1024)} MB RAM, node ${process.version}`,
    )
    console.log(`store: SQLite WAL, synchronous=FULL, file ${file0}`)
    console.log(`disk: ${fmt(fsyncs)} fdatasync/s (4 KB write + fdatasync) in ${dir}`)

    const store = new SqliteEventStore(file0, { synchronous: 'FULL' })
    const single = await sequentialAppends(store)
    console.log(
      `sequential single-event appends: ${fmt(single)} appends/s (${fmt(SEQUENTIAL_APPENDS)} appends, each awaited)`,
    )
    const beforeConcurrent = store.writeStats()
    const concurrent = await concurrentAppends(store)
    const afterConcurrent = store.writeStats()
    const meanGroup =
      (afterConcurrent.appends - beforeConcurrent.appends) / (afterConcurrent.commits - beforeConcurrent.commits)
    console.log(
      `concurrent single-event appends: ${fmt(concurrent)} appends/s (${CONCURRENT_WRITERS} writers × ${fmt(CONCURRENT_APPENDS_PER_WRITER)}, own streams; ${meanGroup.toFixed(1)} appends per commit)`,
    )
    const batched = await batchAppends(store)
    console.log(`batched appends: ${fmt(batched)} events/s (${fmt(BATCHES)} batches of ${BATCH_SIZE})`)
    const read = await readAllRate(store)
    console.log(`readAll: ${fmt(read.perSec)} events/s (${fmt(read.events)} events)`)
    await store.close()

    const cpu0 = perEventCpuMicros()
    console.log(
      `CPU per event before SQLite: canonical JSON ${cpu0.canonical} µs, SHA-256 chain ${cpu0.hash} µs (single-threaded: these bound batched appends)`,
    )
    const rebuild = await measureRebuildInChild(file0, read.events)
    console.log(
      `projection rebuild (stream index through the engine into a fresh SQLite read-model file, own process): ${fmt(rebuild.eventsPerSec)} events/s over ${fmt(rebuild.events)} events, ` +
        `peak RSS ${rebuild.peakRssMB} MB (RSS ${rebuild.rssBeforeMB} MB before, ${rebuild.rssAlongMB.join(' → ')} MB along the way)`,
    )
    console.log(
      JSON.stringify({
        singleAppendsPerSec: Math.round(single),
        concurrentAppendsPerSec: Math.round(concurrent),
        batchEventsPerSec: Math.round(batched),
        readAllEventsPerSec: Math.round(read.perSec),
        rebuildEventsPerSec: rebuild.eventsPerSec,
        rebuildPeakRssMB: rebuild.peakRssMB,
      }),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

// Run only as a script, so the setup above can be imported (e.g. by a projection-engine bench).
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main()
