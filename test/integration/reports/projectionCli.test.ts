// `npm run projection -- list | status | rebuild` end to end on the embedded stores of a DATA_DIR.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { spawnTs } from '../projections/support/childProcesses.js'
import { reportNetwork } from './support/reportsFixture.js'

const CLI = 'scripts/projection.ts'

describe('projection CLI', function () {
  this.timeout(60_000)
  let dir: string
  const env = () => ({ DATA_DIR: dir, EVENTSTORE_URL: '', MONGO_URL: '', REDIS_URL: '' })
  const run = async (...args: string[]) => {
    const cli = spawnTs(CLI, env(), args)
    const { code } = await cli.exited
    return { code, out: cli.stdout.join('\n'), err: cli.stderr.join('') }
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projection-cli-'))
    // The small network's log, copied into the embedded store event by event.
    const log = await reportNetwork()
    const events = new SqliteEventStore(join(dir, 'events.sqlite'))
    for (const e of await log.all())
      await events.appendToStream(e.streamId, [{ type: e.type, data: e.data, metadata: e.metadata }], {
        expectedRevision: e.revision === 0 ? 'no_stream' : e.revision - 1,
      })
    await events.close()
  })

  after(() => rmSync(dir, { recursive: true, force: true }))

  it('lists every projection, rebuilds a report with its figures, and shows them in status', async () => {
    const list = await run('list')
    assert.equal(list.code, 0, list.err)
    const names = list.out
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/)[0])
    for (const name of ['calendar', 'reportCatalog', 'report-bookings', 'report-pointChanges', 'servicesBooked'])
      assert.ok(names.includes(name), `${name} in ${names.join(' ')}`)

    const rebuilt = await run('rebuild', 'report-bookings', '--page-size', '7')
    assert.equal(rebuilt.code, 0, rebuilt.err)
    assert.match(rebuilt.out, /switched report-bookings to v\d+ build \w+ at position \d+: \d+ events in .*first build/)

    const status = await run('status', 'report-bookings', '--json')
    assert.equal(status.code, 0, status.err)
    const info = JSON.parse(status.out)
    assert.equal(info.kind, 'report')
    assert.equal(info.lag, 0)
    assert.equal(info.checkpoint, info.headPosition)
    assert.ok(info.activeBuild.buildId)
    assert.equal(info.lastRebuild.events, info.headPosition)
    assert.ok(info.lastRebuild.eventsPerSecond > 0)
  })

  it('prints status for people, and answers bad usage and unknown names with exit code 2', async () => {
    // Independent processes: run side by side (each spends seconds starting tsx).
    const [text, unknown, bad] = await Promise.all([
      run('status', 'report-bookings'),
      run('rebuild', 'noSuch'),
      run('explode'),
    ])
    assert.match(text.out, /last rebuild: .*events at .* events\/s/)
    assert.equal(unknown.code, 2)
    assert.match(unknown.err, /no projection noSuch that can be rebuilt; known: .*report-bookings/)
    assert.equal(bad.code, 2)
  })
})
