// Replay correctness of every built-in report over a history of the whole platform: the demo seed
// (through the services) and generated work orders, billing, tickets, stock, fleets, tyres and
// visits (support/platformReportHistory.ts). Built live (runners following the log while it is
// written, in random batch sizes) and rebuilt from the log (in random page sizes), each report's read
// model — every collection, rows and the facts it keeps — is the same byte for byte.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { ManualClock } from '../../application/leases/clock.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'
import { MemoryDocumentStore } from '../../infrastructure/documents/memory/memoryDocumentStore.js'
import { SqliteDocumentStore } from '../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { MemoryEventStore } from '../../infrastructure/event-store/memory/memoryEventStore.js'
import type { Projection } from '../../projections/projection.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { builtInReportDefinitions } from '../../projections/reports/builtIn/builtInReports.js'
import { loadCustomProjections } from '../../projections/reports/customProjections.js'
import { projectLiveWhileWriting } from '../unit/projections/support/projectLiveWhileWriting.js'
import { dumpReadModel } from '../unit/projections/support/readModelDump.js'
import { language } from '../unit/reports/support/language.js'
import {
  copyBase,
  ReportHistoryWriter,
  type SeededBase,
  type Step,
  seededBase,
  stepArbitrary,
} from './support/platformReportHistory.js'

const CUSTOM_REPORTS = [
  'utilisation',
  'revenue',
  'slaCompliance',
  'technicianHours',
  'partsUsed',
  'fleetCosts',
  'vehicleDues',
  'tyreState',
  'vehicleVisits',
]

async function builtInProjections(): Promise<Projection[]> {
  const custom = await loadCustomProjections()
  assert.deepEqual(custom.invalid, [])
  const reports = new Set((custom.reports ?? []).map((r) => r.projection))
  for (const name of CUSTOM_REPORTS) assert.ok(reports.has(name), `custom report ${name} is loaded`)
  return [
    ...builtInReportDefinitions.map((d) => language.compile(d, d.version ?? 1, true).projection),
    ...custom.projections,
  ]
}

type Chunk = ReadonlyArray<Step | { kind: 'base' }>

async function liveAndRebuilt(
  base: SeededBase,
  projections: readonly Projection[],
  chunks: readonly Chunk[],
  documents: DocumentStore,
  batchSize: number,
  pageSize: number,
): Promise<{ live: string; rebuilt: string; rows: Record<string, number> }> {
  const events = new MemoryEventStore()
  const writer = new ReportHistoryWriter(events, base)
  const clock = new ManualClock()
  await projectLiveWhileWriting({
    projections,
    events,
    documents,
    clock,
    batchSize,
    chunks,
    perform: (step) => (step.kind === 'base' ? copyBase(base, events) : writer.perform(step)),
  })
  const dump = async () => JSON.stringify(await Promise.all(projections.map((p) => dumpReadModel(documents, p))))
  const live = await dump()
  for (const projection of projections)
    await rebuildProjection({ projection, events, documents, clock, pageSize, retireDelayMs: 0 })
  const rebuilt = await dump()
  const dumps = JSON.parse(live) as Array<Record<string, unknown[]>>
  const rows: Record<string, number> = {}
  for (const [i, p] of projections.entries()) rows[p.name] = (dumps[i]?.rows ?? dumps[i]?.services ?? []).length
  return { live, rebuilt, rows }
}

/**
 * Bookings the random steps never touch (their ids are 0–7), each ended one way: however the
 * generated steps fall, the booking-outcome reports (cancellations, no-shows, completions) have
 * rows to compare, so the "every report had rows" check below does not depend on luck.
 */
const OUTCOMES: Step[] = [
  { kind: 'book', id: 8, point: 0, day: 1, slot: 2, who: 0 },
  { kind: 'cancel', id: 8 },
  { kind: 'book', id: 9, point: 1, day: 2, slot: 3, who: 1 },
  { kind: 'noShow', id: 9 },
  { kind: 'book', id: 10, point: 0, day: 3, slot: 4, who: 2 },
  { kind: 'complete', id: 10 },
]

const chunksOf = (steps: fc.Arbitrary<Step[]>) =>
  fc.array(steps, { minLength: 2, maxLength: 5 }).map((chunks): Chunk[] => [[{ kind: 'base' }], ...chunks, OUTCOMES])

describe('property: every built-in report over a platform history rebuilds byte for byte as built live', function () {
  this.timeout(240_000)
  let base: SeededBase
  let projections: Projection[]

  before(async () => {
    base = await seededBase()
    projections = await builtInProjections()
  })

  it('bookings, work orders, billing, tickets, stock, fleets and tyres, on the memory store', async () => {
    const seen: Record<string, number> = {}
    await fc.assert(
      fc.asyncProperty(
        chunksOf(fc.array(stepArbitrary, { minLength: 20, maxLength: 60 })),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 7, max: 400 }),
        async (chunks, batchSize, pageSize) => {
          const outcome = await liveAndRebuilt(
            base,
            projections,
            chunks,
            new MemoryDocumentStore(),
            batchSize,
            pageSize,
          )
          assert.equal(outcome.rebuilt, outcome.live)
          for (const [name, n] of Object.entries(outcome.rows)) seen[name] = (seen[name] ?? 0) + n
        },
      ),
      { numRuns: 6 },
    )
    // Every report must have had rows to compare, or the property proves little for it.
    for (const p of projections) assert.ok((seen[p.name] ?? 0) > 0, `${p.name} had rows: ${JSON.stringify(seen)}`)
  })

  it('the same on the SQLite document store (floats, key order and all)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reports-replay-platform-'))
    const documents = new SqliteDocumentStore(join(dir, 'readmodels.sqlite'))
    try {
      const sample = fc.sample(chunksOf(fc.array(stepArbitrary, { minLength: 60, maxLength: 60 })), {
        numRuns: 1,
        seed: 8,
      })[0] as Chunk[]
      const outcome = await liveAndRebuilt(base, projections, sample, documents, 13, 101)
      assert.equal(outcome.rebuilt, outcome.live)
      const withRows = Object.values(outcome.rows).filter((n) => n > 0).length
      assert.ok(withRows >= 10, JSON.stringify(outcome.rows))
    } finally {
      await documents.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
