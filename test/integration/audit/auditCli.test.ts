// `npm run audit`: a work order's history, its state as of a moment and the chain's verdict, read
// from a DATA_DIR's SQLite event store; then one stored event is edited with raw SQL, and the CLI
// names it as the first altered event and exits 1. Bad input is one line on stderr and exit 2.
// Most cases run the CLI's function in-process on the same file; the script itself is spawned for
// the exit codes (0, 1, 2) as a shell sees them.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { runAuditCli } from '../../../application/audit/auditCli.js'
import { embeddedFiles } from '../../../infrastructure/composition.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import {
  completeOrder,
  Recorder,
  receiveParts,
  registerCar,
  workshopCatalogue,
} from '../../unit/audit/support/workshop.js'

const exec = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

describe('audit CLI (npm run audit)', function () {
  this.timeout(60_000)
  let dir: string
  const catalogue = workshopCatalogue()

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'audit-cli-'))
    const store = new SqliteEventStore(embeddedFiles(dir).events)
    const r = new Recorder(store, catalogue)
    await registerCar(r, { equipmentId: 'eq-1' })
    await receiveParts(r)
    await completeOrder(r, { workOrderId: 'wo-1', equipmentId: 'eq-1', mileageKm: 120_000 })
    await store.close()
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  /** The CLI's function in-process, on the DATA_DIR's event file. */
  async function audit(...args: string[]): Promise<Outcome> {
    const store = new SqliteEventStore(embeddedFiles(dir).events)
    const out: string[] = []
    const err: string[] = []
    try {
      const code = await runAuditCli(args, { store, catalogue }, { out: (l) => out.push(l), err: (l) => err.push(l) })
      return { code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') }
    } finally {
      await store.close()
    }
  }

  /** The script as a shell runs it. */
  async function spawnAudit(...args: string[]): Promise<Outcome> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir }
    delete env.EVENTSTORE_URL
    try {
      const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'scripts/audit.ts', ...args], {
        cwd: root,
        env,
      })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string }
      return { code: e.code, stdout: e.stdout, stderr: e.stderr }
    }
  }

  const lineOf = (stdout: string, type: string) => stdout.split('\n').find((l) => l.includes(`  ${type}  `)) ?? ''
  const revisionOf = (stdout: string, type: string) => Number(/^#(\d+)/.exec(lineOf(stdout, type))?.[1])

  it('prints the history with who, role and when, the state now, and a verified chain', async () => {
    const out = await spawnAudit('wo-1', '--verify')
    assert.equal(out.code, 0, out.stderr)
    assert.match(out.stdout, /^== history of workorder-wo-1 \(\d+ events, head revision \d+\) ==$/m)
    assert.match(
      lineOf(out.stdout, 'WorkOrderOpened'),
      /^#0 {2}pos \d+ {2}2026-03-02T\S+Z {2}emp-ola \(service_point_employee\)/,
    )
    assert.match(lineOf(out.stdout, 'EstimateLinesDecided'), /access-code \(customer\)/)
    assert.match(out.stdout, /Zażółć Gęślą-Jaźń/, 'data printed as stored, diacritics intact')
    assert.match(out.stdout, /== state as of now \(\d+ of \d+ events; last event #\d+ at \S+\) ==/)
    assert.match(out.stdout, /"status": "handed_over"/)
    assert.match(out.stdout, /^OK: \d+ events verified; head hash [0-9a-f]{64}$/m)
  })

  it('rebuilds the state as of a revision or an instant, and reads other streams by id', async () => {
    const full = await audit('wo-1')
    const sent = revisionOf(full.stdout, 'EstimateSent')
    const byRevision = await audit('wo-1', '--revision', String(sent))
    assert.equal(byRevision.code, 0, byRevision.stderr)
    assert.match(byRevision.stdout, new RegExp(`== state as of revision ${sent} \\(${sent + 1} of`))
    assert.match(byRevision.stdout, /"status": "estimate"/)
    assert.doesNotMatch(byRevision.stdout, /== hash chain ==/, 'no verdict without --verify')
    const opened = /#0 {2}pos \d+ {2}(\S+)/.exec(full.stdout)?.[1] as string
    const byTime = JSON.parse((await audit('wo-1', '--as-of', opened, '--json')).stdout)
    // Opened and signed at the desk: one decision, two events at the same instant.
    assert.deepEqual(
      byTime.history.events.filter((e: { occurredAt: string }) => e.occurredAt === opened).length,
      byTime.state.eventsApplied,
    )
    assert.equal(byTime.state.state.status, 'intake')
    assert.equal(byTime.state.state.signature.signerName, 'Zażółć Gęślą-Jaźń')
    const equipment = await audit('equipment-eq-1', '--verify')
    assert.equal(equipment.code, 0, equipment.stderr)
    assert.match(equipment.stdout, /EquipmentRegistered/)
  })

  it('bad input: one line on stderr and exit 2', async () => {
    for (const args of [
      [],
      ['wo-1', 'wo-2'],
      ['wo-1', '--revision', 'x'],
      ['wo-1', '--as-of', '2026-03-02'],
      ['wo-1', '--as-of', '2026-03-02T10:00:00Z', '--revision', '1'],
      ['wo-1', '--colour'],
      ['wo-1', '--revision', '9999'],
      ['no-such-order'],
    ]) {
      const out = await audit(...args)
      assert.equal(out.code, 2, `${args.join(' ')}: ${out.stdout}${out.stderr}`)
      assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr)
      assert.equal(out.stdout, '')
    }
    const spawned = await spawnAudit('wo-1', '--revision', 'x')
    assert.equal(spawned.code, 2)
    assert.equal(spawned.stderr.trim(), '--revision must be a whole number: x')
  })

  it('names the first altered event after a stored event is edited with raw SQL, and exits 1', async () => {
    const before = await audit('wo-1')
    const decided = revisionOf(before.stdout, 'EstimateLinesDecided')
    assert.ok(decided > 0)
    // The customer declined line L3; somebody with database access makes it "approved".
    const db = new Database(embeddedFiles(dir).events)
    const changed = db
      .prepare(
        `UPDATE events SET data = replace(data, '"declined"', '"approved"') WHERE stream_id = ? AND revision = ?`,
      )
      .run('workorder-wo-1', decided)
    db.close()
    assert.equal(changed.changes, 1)

    const out = await spawnAudit('wo-1', '--verify')
    assert.equal(out.code, 1, out.stderr)
    const verdict = out.stdout.split('\n').find((l) => l.startsWith('BROKEN')) ?? ''
    assert.match(
      verdict,
      new RegExp(
        `^BROKEN at revision ${decided} \\(position \\d+, EstimateLinesDecided, event [0-9a-f-]{36}, recorded \\S+\\): hash does not match the content; ${decided} events before it verify`,
      ),
    )
    const json = JSON.parse((await audit('wo-1', '--verify', '--json')).stdout)
    assert.equal(json.chain.ok, false)
    assert.equal(json.chain.brokenAt.revision, decided)
  })
})
