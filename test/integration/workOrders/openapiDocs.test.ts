// The repair routes in /openapi.json: every route served is documented (the document is built from
// the same declarations), with its access rule, body schema and problem answers.
import assert from 'node:assert/strict'
import { type RepairFixture, repairFixture } from './support/repairFixture.js'

describe('work orders, equipment, stock and tracking in /openapi.json', () => {
  let fx: RepairFixture
  let doc: {
    paths: Record<
      string,
      Record<string, { security?: unknown; requestBody?: unknown; responses: Record<string, unknown> }>
    >
  }

  before(async () => {
    fx = await repairFixture()
    doc = (await fx.send(null, 'get', '/openapi.json')).body
  })

  it('documents every repair route', () => {
    const paths = Object.keys(doc.paths)
    for (const prefix of ['/work-orders', '/equipment', '/equipment-types', '/tracking', '/files'])
      assert.ok(
        paths.some((p) => p.startsWith(prefix)),
        prefix,
      )
    const operations = paths.flatMap((p) => Object.keys(doc.paths[p] ?? {}).map((m) => `${m.toUpperCase()} ${p}`))
    for (const op of [
      'POST /work-orders',
      'GET /work-orders/{workOrderId}',
      'POST /work-orders/{workOrderId}/estimate/send',
      'POST /work-orders/{workOrderId}/handover',
      'DELETE /work-orders/{workOrderId}/estimate/lines/{lineId}',
      'GET /points/{pointId}/work-orders/board',
      'GET /points/{pointId}/work-orders/overdue',
      'GET /points/{pointId}/stock/low',
      'POST /points/{pointId}/stock/issues',
      'GET /equipment',
      'POST /equipment/{equipmentId}/tread-depths',
      'GET /tracking/{workOrderId}',
      'POST /tracking/{workOrderId}/estimate/decisions',
    ])
      assert.ok(operations.includes(op), op)
  })

  it('the tracking pages are public, the rest need a token; bodies and problems are described', () => {
    assert.deepEqual(doc.paths['/tracking/{workOrderId}']?.get?.security, [])
    assert.deepEqual(doc.paths['/work-orders']?.post?.security, [{ bearer: [] }])
    const open = doc.paths['/work-orders']?.post
    assert.ok(open?.requestBody)
    for (const status of ['403', '404', '409', '422']) assert.ok(open?.responses[status], status)
    assert.ok(doc.paths['/tracking/{workOrderId}']?.get?.responses['429'])
  })
})
