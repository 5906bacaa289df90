// `npm run projection:rebuild -- <name>` end to end on the embedded stores in a DATA_DIR.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { SqliteDocumentStore } from '../../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { appendSteps, simpleHistory } from '../../unit/projections/support/testEvents.js'
import { spawnTs } from './support/childProcesses.js'

const CLI = 'scripts/projectionRebuild.ts'

describe('projection:rebuild CLI', function () {
  this.timeout(60_000)
  let dir: string
  // Embedded stores only, whatever the surrounding environment configures.
  const env = () => ({ DATA_DIR: dir, EVENTSTORE_URL: '', MONGO_URL: '', REDIS_URL: '' })

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rebuild-cli-'))
  })

  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('answers an unknown name with one line listing the known projections, exit code 2', async () => {
    const cli = spawnTs(CLI, env(), ['noSuchProjection'])
    const { code } = await cli.exited
    const stderr = cli.stderr.join('')
    assert.equal(code, 2)
    const lines = stderr.trim().split('\n')
    assert.equal(lines.length, 1)
    assert.match(lines[0] ?? '', /unknown projection "noSuchProjection".*streamIndex/)
  })

  it('rebuilds a projection from the log, switches readers to it, and drops the previous build on the next run', async () => {
    const events = new SqliteEventStore(join(dir, 'events.sqlite'))
    await appendSteps(events, simpleHistory(120))
    await events.close()

    const first = spawnTs(CLI, env(), ['streamIndex', '--page-size', '50'])
    assert.equal((await first.exited).code, 0, first.stderr.join(''))
    const switched = first.stdout.find((l) => l.startsWith('switched '))
    assert.match(
      switched ?? '',
      /^switched streamIndex to v1 build \w+ at position 120: 120 events in .* events\/s\); first build/,
    )

    const second = spawnTs(CLI, env(), ['streamIndex'])
    assert.equal((await second.exited).code, 0)
    const buildId = /build (\w+) /.exec(switched ?? '')?.[1]
    assert.match(second.stdout.join('\n'), new RegExp(`build ${buildId} \\(v1\\) dropped`))

    const documents = new SqliteDocumentStore(join(dir, 'readmodels.sqlite'))
    try {
      const streams = await new ReadModels(documents).collection('streamIndex', 'streams')
      assert.deepEqual(
        (await streams.find({}, { sort: { _id: 1 } })).map((s) => [s._id, s.eventCount]),
        [
          ['shop-0', 40],
          ['shop-1', 40],
          ['shop-2', 40],
        ],
      )
      assert.ok(!(await documents.listCollections()).some((c) => c.endsWith(buildId ?? '?')))
    } finally {
      await documents.close()
    }
  })
})
