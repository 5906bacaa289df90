// The read models and their queries on the embedded SQLite document store (what `npm start` uses):
// built from the same log, every read route answers exactly as on the memory store, so the
// filters (prefix ranges, array membership, $or, $ne) and sorts mean the same on both.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { calendarModule } from '../../../api/calendar/calendarRoutes.js'
import { readQueries } from '../../../application/queries/readQueries.js'
import { SqliteDocumentStore } from '../../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { project } from '../../unit/projections/serviceNetwork/support/project.js'
import { type Cast, testApi } from '../api/support/testApi.js'
import { MONDAY, network, READ_PROJECTIONS } from './support/network.js'

const READS: ReadonlyArray<[string, Cast | null]> = [
  ['/points', null],
  ['/points?q=wroc', null],
  ['/points?features=run_flat,tpms&rimInches=20', null],
  ['/points?city=LODZ', null],
  ['/points/p2', null],
  ['/network/points', 'head_office'],
  ['/network/points?activeOnly=true&limit=1&offset=1', 'head_office'],
  ['/catalogue/services?includeRetired=true', null],
  ['/catalogue/goods?kind=valve', null],
  [`/points/p1/calendar/days/${MONDAY}`, 'manager_p1'],
  [`/points/p1/calendar/days/${MONDAY}?includeCancelled=true`, 'manager_p1'],
  ['/points/p1/calendar/weeks/2026-W10', 'head_office'],
  [`/points/p1/bays/bay-1/calendar/days/${MONDAY}`, 'employee_p1'],
  ['/me/bookings?limit=2&offset=1', 'customer'],
  ['/fleets/f1/bookings', 'fleet_manager_f1'],
  [`/points/p1/utilisation?from=${MONDAY}&to=2026-03-15`, 'head_office'],
]

describe('read models on SQLite', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-models-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('answer every read route exactly as on the memory store', async () => {
    const log = await network()
    const sqlite = new SqliteDocumentStore(join(dir, 'readmodels.sqlite'))
    try {
      const onMemory = await project(log.events, READ_PROJECTIONS)
      const onSqlite = await project(log.events, READ_PROJECTIONS, sqlite)
      const memoryApi = await testApi({ modules: [calendarModule(readQueries(onMemory.readModels))] })
      const sqliteApi = await testApi({ modules: [calendarModule(readQueries(onSqlite.readModels))] })
      for (const [path, who] of READS) {
        const ask = (api: typeof memoryApi) => {
          const r = request(api.app).get(path)
          return who ? r.set('Authorization', api.bearer(who)) : r
        }
        const [m, s] = await Promise.all([ask(memoryApi), ask(sqliteApi)])
        assert.equal(m.status, 200, `${path}: ${JSON.stringify(m.body)}`)
        assert.equal(s.status, 200, `${path}: ${JSON.stringify(s.body)}`)
        assert.deepEqual(s.body, m.body, path)
      }
    } finally {
      await sqlite.close()
    }
  })
})
