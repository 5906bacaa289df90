// Queries over stored report rows: roll-ups add what adds, average sums and counts, compare
// extremes, and union distinct values (not add their counts); filters, ranges, sorting, paging and
// the viewer's scope.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import type { Collection } from '../../../application/ports/documentStore.js'
import type { ReportQuery } from '../../../application/reports/reportQuery.js'
import {
  type DistinctValueDoc,
  distinctIdOf,
  distinctRowRef,
  type ReportRowDoc,
  rowIdOf,
} from '../../../application/reports/reportRows.js'
import type { ReportShape } from '../../../application/reports/reportShape.js'
import { planQuery, runQuery } from '../../../application/reports/reportTable.js'
import type { EntityId } from '../../../domain/access/fields.js'
import type { Principal } from '../../../domain/access/principal.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'

const shape: ReportShape = {
  report: 'visits',
  projection: 'report-visits',
  version: 1,
  title: 'Visits',
  description: '',
  builtIn: false,
  keys: [
    { name: 'pointId', bucket: null },
    { name: 'day', bucket: 'day' },
  ],
  measures: [
    { name: 'n', op: 'count' },
    { name: 'lead', op: 'avg' },
    { name: 'shortest', op: 'min' },
    { name: 'plates', op: 'distinct' },
  ],
  scopePointKey: 'pointId',
}

const HQ: Principal = { id: 'hq' as EntityId, role: 'head_office', tenant: { scope: 'network' } }
const MANAGER: Principal = {
  id: 'm1' as EntityId,
  role: 'service_point_manager',
  tenant: { scope: 'point', pointId: 'p1' as EntityId },
}

async function store() {
  const documents = new MemoryDocumentStore()
  const rows = documents.collection<ReportRowDoc>('rows')
  const distinct = documents.collection<DistinctValueDoc>('distinct')
  // plates as documents (the other storage is covered by the API and replay tests)
  const put = async (pointId: string, day: string, n: number, lead: number[], plates: string[]) => {
    const id = rowIdOf([pointId, day])
    await rows.insertOne({
      _id: id,
      k: { pointId, day },
      m: {
        n,
        lead: { sum: lead.reduce((a, b) => a + b, 0), count: lead.length },
        shortest: lead.length ? Math.min(...lead) : null,
        plates: plates.length,
      },
    })
    const ref = distinctRowRef('rows', id)
    for (const v of plates) await distinct.insertOne({ _id: distinctIdOf(ref, 'plates', v), row: ref, m: 'plates', v })
  }
  await put('p1', '2026-03-30', 2, [10, 20], ['A', 'B']) // Monday, W14
  await put('p1', '2026-03-31', 1, [3], ['A'])
  await put('p1', '2026-04-01', 1, [], ['C'])
  await put('p2', '2026-03-30', 4, [1, 1, 1, 1], ['A', 'D'])
  return { rows, distinct }
}

async function run(query: ReportQuery, viewer: Principal = HQ, paging = { limit: 100, offset: 0 }) {
  const { rows, distinct } = await store()
  const plan = planQuery(shape, query, viewer)
  if (isLeft(plan)) return plan
  return runQuery(
    shape,
    plan.right,
    query,
    {
      rows: async () => rows as Collection<ReportRowDoc>,
      distinct: async () => distinct as Collection<DistinctValueDoc>,
    },
    paging,
  )
}

async function rowsOf(query: ReportQuery, viewer: Principal = HQ) {
  const table = await run(query, viewer)
  assert.ok(isRight(table), JSON.stringify(table))
  return table.right.rows
}

describe('report queries', () => {
  it('rolls days up into weeks and months: counts add, averages weigh, minima compare, distinct values union', async () => {
    assert.deepEqual(await rowsOf({ period: 'month', filters: { pointId: ['p1'] } }), [
      { pointId: 'p1', month: '2026-03', n: 3, lead: 11, shortest: 3, plates: 2 },
      { pointId: 'p1', month: '2026-04', n: 1, lead: null, shortest: null, plates: 1 },
    ])
    assert.deepEqual(await rowsOf({ period: 'week', groupBy: ['day'], columns: ['plates', 'n'] }), [
      { week: '2026-W14', plates: 4, n: 8 },
    ])
    assert.deepEqual(await rowsOf({ period: 'total', groupBy: [], columns: ['plates'] }), [{ plates: 4 }])
  })

  it('without a roll-up each stored row is one result row, with its stored distinct count', async () => {
    const rows = await rowsOf({ from: '2026-03-31', to: '2026-04-01', columns: ['n', 'plates'] })
    assert.deepEqual(rows, [
      { pointId: 'p1', day: '2026-03-31', n: 1, plates: 1 },
      { pointId: 'p1', day: '2026-04-01', n: 1, plates: 1 },
    ])
  })

  it('sorts by any column, pages, and names unknown keys, measures, periods and sort columns', async () => {
    const table = await run({ sort: [{ column: 'n', desc: true }], columns: ['n'] }, HQ, { limit: 2, offset: 1 })
    assert.ok(isRight(table))
    assert.deepEqual(
      table.right.rows.map((r) => r.n),
      [2, 1],
    )
    assert.equal(table.right.total, 4)
    for (const [query, path] of [
      [{ columns: ['nope'] }, 'columns.0'],
      [{ groupBy: ['city'] }, 'groupBy.0'],
      [{ filters: { city: ['x'] } }, 'filters.city'],
      [{ sort: [{ column: 'lead' }], columns: ['n'] }, 'sort.0'],
      [{ from: '2026-04-02', to: '2026-04-01' }, 'to'],
    ] as Array<[ReportQuery, string]>) {
      const refused = await run(query)
      assert.ok(isLeft(refused), path)
      assert.equal(refused.left.fields?.[0]?.path, path)
    }
  })

  it('a point’s manager gets his point’s rows whatever he asks, and is refused another point’s', async () => {
    const rows = await rowsOf({ period: 'total', columns: ['n'] }, MANAGER)
    assert.deepEqual(rows, [{ pointId: 'p1', n: 4 }])
    const refused = await run({ filters: { pointId: ['p2'] } }, MANAGER)
    assert.ok(isLeft(refused))
    assert.equal(refused.left.code, 'TENANT_ACCESS_DENIED')
    const employee: Principal = { ...MANAGER, role: 'service_point_employee' }
    const notAllowed = await run({}, employee)
    assert.ok(isLeft(notAllowed))
    assert.equal(notAllowed.left.code, 'ROLE_NOT_ALLOWED')
  })
})
