// Reports for a fleet manager appointed for some branches (FleetManagerAppointed with branchIds):
// of the fleet-scoped reports he reads only those with a branch key (fleetCosts, vehicleDues,
// tyreState; `scopeBranchKey`), and of them only his branches' rows; a report without a branch
// key (vehicleVisits), or asking for another branch's rows, is 403 BRANCH_ACCESS_DENIED, and a
// variant asking for them is not saved. A manager of the whole fleet reads every branch.
import assert from 'node:assert/strict'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { ReportQuery } from '../../../application/reports/reportQuery.js'
import type { Principal } from '../../../domain/access/principal.js'
import { FLEET } from '../../property/support/platformReportHistory.js'
import { type PlatformReports, platformReports, principal, READERS } from './support/platformReports.js'

let p: PlatformReports
const PAGE = { limit: 10_000, offset: 0 }
const meta = { now: '2026-12-01T08:00:00.000Z', correlationId: 'test', causationId: null }
const restricted = principal('fm-wro', 'fleet_manager', { scope: 'fleet', fleetId: FLEET })

async function rows(viewer: Principal, report: string, query: ReportQuery = {}) {
  const table = await p.reports.service.table(viewer, report, query, PAGE)
  if (isLeft(table)) throw new Error(`${report}: ${JSON.stringify(table.left)}`)
  return table.right.rows
}
async function refusal(viewer: Principal, report: string, query: ReportQuery = {}) {
  const table = await p.reports.service.table(viewer, report, query, PAGE)
  return isLeft(table) ? table.left.code : 'answered'
}
const total = (xs: ReadonlyArray<Record<string, unknown>>, column: string) =>
  xs.reduce((n, r) => n + (typeof r[column] === 'number' ? (r[column] as number) : 0), 0)

describe('reports by branch for branch-restricted fleet managers', function () {
  this.timeout(60_000)
  before(async () => {
    p = await platformReports(400, 3, true)
    // fm-wro manages branch `wro` of the history's fleet (fm-1, never appointed, the whole fleet).
    const { type, data, schemaVersion } = p.catalogue.encode({
      type: 'FleetManagerAppointed',
      data: {
        fleetId: FLEET,
        manager: { managerId: 'fm-wro', name: 'Wrocław', contacts: { email: null, phone: null }, branchIds: ['wro'] },
        at: '2026-11-30T08:00:00.000Z',
      },
    })
    await p.events.appendToStream(
      `fleet-${FLEET}`,
      [
        {
          type,
          data,
          metadata: {
            eventId: '00000000-0000-4000-8000-00000000f1e0',
            correlationId: 'test',
            causationId: null,
            actor: { id: 'hq-1', role: 'head_office' },
            occurredAt: '2026-11-30T08:00:00.000Z',
            schemaVersion,
          },
        },
      ],
      { expectedRevision: 'any' },
    )
    await p.settle()
  })
  after(() => p.close())

  it('lists him only the fleet reports that have a branch key', async () => {
    const list = await p.reports.service.reports(restricted)
    if (isLeft(list)) assert.fail(JSON.stringify(list.left))
    assert.deepEqual(list.right.map((r) => r.report).sort(), ['fleetCosts', 'tyreState', 'vehicleDues'])
  })

  it('fleetCosts, tyreState, vehicleDues: his branch’s rows only, the same figures head office sees for it', async () => {
    let otherBranchRows = 0
    for (const [report, measure, period] of [
      ['fleetCosts', 'netMinor', { period: 'total' }],
      ['tyreState', 'tyresMounted', {}],
      ['vehicleDues', 'dues', { period: 'total' }],
    ] as const) {
      const his = await rows(restricted, report, period)
      assert.ok(his.length > 0, report)
      assert.ok(
        his.every((r) => r.branchId === 'wro'),
        report,
      )
      const hq = await rows(READERS.hq, report, { ...period, filters: { fleetId: [FLEET], branchId: ['wro'] } })
      assert.equal(total(his, measure), total(hq, measure), report)
      // The whole fleet's manager sees other branches too (where the history has any).
      const all = await rows(READERS.fleet, report, period)
      otherBranchRows += all.filter((r) => r.branchId !== 'wro').length
      assert.equal(await refusal(restricted, report, { filters: { branchId: ['waw'] } }), 'BRANCH_ACCESS_DENIED')
      assert.equal(await refusal(restricted, report, { filters: { branchId: ['wro', 'waw'] } }), 'BRANCH_ACCESS_DENIED')
      assert.equal((await rows(restricted, report, { filters: { branchId: ['wro'] } })).length > 0, true)
    }
    assert.ok(otherBranchRows > 0, 'the history has rows of other branches, which he does not see')
  })

  it('a report without a branch key, or a variant asking for another branch, is refused; nothing saved', async () => {
    assert.equal(await refusal(restricted, 'vehicleVisits'), 'BRANCH_ACCESS_DENIED')
    const before = await p.events.headPosition()
    const saved = await p.reports.service.saveVariant(
      restricted,
      { report: 'fleetCosts', title: 'Warszawa', query: { filters: { branchId: ['waw'] } } },
      meta,
    )
    assert.ok(isLeft(saved) && saved.left.code === 'BRANCH_ACCESS_DENIED', JSON.stringify(saved))
    assert.equal(await p.events.headPosition(), before, 'nothing written')
    const own = await p.reports.service.saveVariant(
      restricted,
      { report: 'fleetCosts', title: 'Wrocław', query: { period: 'total' } },
      meta,
    )
    if (isLeft(own)) assert.fail(JSON.stringify(own.left))
    const run = await p.reports.service.variantTable(restricted, own.right.variantId, {}, PAGE)
    if (isLeft(run)) assert.fail(JSON.stringify(run.left))
    assert.ok(run.right.rows.every((r) => r.branchId === 'wro'))
  })
})
