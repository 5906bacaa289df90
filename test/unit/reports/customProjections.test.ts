// Custom TypeScript projections: found in their folder when the application starts, refused with a
// reason when they do not keep the contract, and — when one throws — stopped alone, naming the event
// it failed on, with its read model left exactly as of its last committed batch.
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Document } from '../../../application/ports/documentStore.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { loadCustomProjections } from '../../../projections/reports/customProjections.js'
import { ReportRuntime } from '../../../projections/reports/reportRuntime.js'
import { must, NetworkLog } from '../projections/serviceNetwork/support/networkLog.js'
import { waitUntil } from '../projections/support/waitUntil.js'
import { language } from './support/language.js'

/** Counts events per booking stream; throws on a cancellation (the "bug" under test). */
const FRAGILE = `
export const projection = {
  name: 'fragile',
  version: 1,
  types: ['BookingRequested', 'BookingConfirmed', 'BookingCancelled'],
  collections: ['perBooking'],
  async apply(event, view) {
    if (event.type === 'BookingCancelled') throw new Error('cannot handle cancellations yet')
    await view.collection('perBooking').updateOne({ _id: event.streamId }, { $inc: { events: 1 } }, { upsert: true })
  },
}
`

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'custom-projections-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('custom projections', () => {
  it('loads every module of the folder that exports a valid projection, and says why others are left out', async () => {
    await writeFile(path.join(dir, 'a_good.ts'), FRAGILE.replace("'fragile'", "'goodOne'"))
    await writeFile(path.join(dir, 'b_default.mjs'), `export default ${FRAGILE.split('export const projection = ')[1]}`)
    await writeFile(path.join(dir, 'c_nothing.ts'), 'export const x = 1\n')
    await writeFile(path.join(dir, 'd_reserved.ts'), FRAGILE.replace("'fragile'", "'report-mine'"))
    await writeFile(path.join(dir, 'e_clash.ts'), FRAGILE.replace("'fragile'", "'calendar'"))
    await writeFile(path.join(dir, 'f_throws.ts'), "throw new Error('broken at import')\n")
    await writeFile(path.join(dir, 'g_badname.ts'), FRAGILE.replace("'fragile'", "'bad.name'"))
    await writeFile(path.join(dir, '_helper.ts'), "throw new Error('never loaded')\n")
    await writeFile(path.join(dir, 'h.test.ts'), "throw new Error('never loaded')\n")
    await writeFile(path.join(dir, 'README.md'), '# not a module\n')
    const loaded = await loadCustomProjections(dir, ['calendar'])
    assert.deepEqual(
      loaded.projections.map((p) => p.name),
      ['goodOne', 'fragile'],
    )
    const why = Object.fromEntries(loaded.invalid.map((i) => [i.file, i.error]))
    assert.deepEqual(Object.keys(why), ['c_nothing.ts', 'd_reserved.ts', 'e_clash.ts', 'f_throws.ts', 'g_badname.ts'])
    assert.match(why['c_nothing.ts'] ?? '', /export a Projection/)
    assert.match(why['d_reserved.ts'] ?? '', /reserved for reports/)
    assert.match(why['e_clash.ts'] ?? '', /exists already/)
    assert.match(why['f_throws.ts'] ?? '', /broken at import/)
    assert.match(why['g_badname.ts'] ?? '', /must match/)
  })

  it('the application’s own custom folder holds the servicesBooked example', async () => {
    const loaded = await loadCustomProjections()
    assert.deepEqual(loaded.invalid, [])
    assert.ok(loaded.projections.some((p) => p.name === 'servicesBooked'))
  })

  it('a failing custom projection stops itself, names the event, and keeps its read model as it was', async () => {
    await writeFile(path.join(dir, 'fragile.ts'), FRAGILE)
    const custom = await loadCustomProjections(dir)
    const log = new NetworkLog()
    await log.openPoint({ pointId: 'p1', name: 'P1', city: 'Kraków', lat: 50, lon: 20 }, '2026-03-02', 2)
    must(await log.book({ bookingId: 'b1', pointId: 'p1', date: '2026-03-02', time: '09:00' }))
    must(await log.book({ bookingId: 'b2', pointId: 'p1', date: '2026-03-02', time: '10:00' }))
    const documents = new MemoryDocumentStore()
    const runtime = new ReportRuntime({
      events: log.events,
      documents,
      language,
      custom,
      tuning: { idleFlushMs: 1, retireDelayMs: 0, leaseRetryMs: 20 },
      pollEveryMs: 50,
    })
    runtime.start()
    try {
      const runner = runtime.runner('fragile')
      assert.ok(runner)
      await runner.waitForCheckpoint(await log.events.headPosition())
      const readModels = new ReadModels(documents)
      const read = async () => (await (await readModels.collection('fragile', 'perBooking')).find({})) as Document[]
      const before = await read()
      assert.deepEqual(
        before.map((d) => [d._id, d.events]),
        [
          ['booking-b1', 2],
          ['booking-b2', 2],
        ],
      )

      must(await log.cancel('b1'))
      await waitUntil(async () => (await runner.status()).state === 'failed')
      const cancelled = (await log.all()).find((e) => e.type === 'BookingCancelled')
      assert.ok(cancelled)
      const status = await runtime.status('fragile')
      assert.equal(status?.state, 'failed')
      assert.equal(status?.kind, 'custom')
      const failedOn = status?.lastError?.event as { position: number; type: string; streamId: string; error: string }
      assert.deepEqual(
        [failedOn.position, failedOn.type, failedOn.streamId],
        [cancelled.position, 'BookingCancelled', 'booking-b1'],
      )
      assert.match(failedOn.error, /cannot handle cancellations yet/)
      assert.ok((status?.checkpoint ?? 0) < cancelled.position)
      // Nothing of the failing batch was written; the rest of the application is unaffected.
      assert.deepEqual(await read(), before)
      const catalog = runtime.runner('reportCatalog')
      assert.notEqual((await catalog?.status())?.state, 'failed')

      // A rebuild hits the same event: it fails too, and readers stay on the build they had.
      const activeBefore = (await readModels.active('fragile'))?.buildId
      await runtime.rebuild('fragile')
      await waitUntil(async () =>
        /cannot handle cancellations/.test((await runtime.status('fragile'))?.lastError?.message ?? ''),
      )
      assert.equal((await readModels.active('fragile'))?.buildId, activeBefore)
      assert.deepEqual(await read(), before)
    } finally {
      await runtime.stop()
    }
  })
})
